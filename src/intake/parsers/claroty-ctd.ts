// Claroty CTD: REST API baselines and assets (JSON) and the syslog CEF feed (`CEF:0|Claroty|CTD|…`, `Ctd*`
// keys: alerts, events, insights, activity logs, health checks), read as Elastic's `claroty_ctd` pipelines map them.
import { z } from 'zod';
import { parseCef, type CefRecord } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  isObject,
  parserAlert,
  type RecordFacts,
  TextField,
  textOf,
} from './common.js';
import type { Parser } from './parser.js';

const Entity = z.object({ asset_name: TextField, ipv4: TextField, id: TextField }).nullish().catch(undefined);

const Baseline = z.object({
  id: TextField,
  description: TextField,
  protocol: TextField,
  transmission: TextField,
  source_entity: Entity,
  destination_entity: Entity,
  last_updated: TextField,
  timestamp: TextField,
  type: TextField,
});
type Baseline = z.infer<typeof Baseline>;

const Asset = z.object({
  id: TextField,
  name: TextField,
  hostname: TextField,
  asset_type__: TextField,
  criticality__: TextField,
  ipv4: z
    .array(z.unknown())
    .nullish()
    .catch(undefined)
    .transform((v) => (v ?? []).filter((s): s is string => typeof s === 'string')),
  last_updated: TextField,
  timestamp: TextField,
});
type Asset = z.infer<typeof Asset>;

type ClarotyRecord =
  { kind: 'baseline'; r: Baseline } | { kind: 'asset'; r: Asset } | { kind: 'event'; cef: CefRecord };

const CEF_HEADER = /CEF:\s?\d+\|Claroty\|CTD\|/i;

function read(raw: unknown): ClarotyRecord | null {
  const s = textOf(raw);
  if (s !== null) {
    if (!CEF_HEADER.test(s.slice(0, 1024))) return null;
    const cef = parseCef(s);
    return cef && cef.vendor.toLowerCase() === 'claroty' && cef.product.toUpperCase() === 'CTD'
      ? { kind: 'event', cef }
      : null;
  }
  if (!isObject(raw)) return null;
  if (
    'source_entity' in raw &&
    'destination_entity' in raw &&
    ('transmission' in raw || 'category_access' in raw)
  ) {
    const r = Baseline.safeParse(raw);
    return r.success ? { kind: 'baseline', r: r.data } : null;
  }
  if ('asset_type__' in raw && 'virtual_zone_name' in raw && 'resource_id' in raw) {
    const r = Asset.safeParse(raw);
    return r.success ? { kind: 'asset', r: r.data } : null;
  }
  return null;
}

type Facts = RecordFacts;

function baselineOf(r: Baseline, obs: ObservablesBuilder): Facts {
  // Only the entities' `ipv4` become addresses; asset names go to source/destination.domain (not hosts).
  obs.dstIp(bareIndicatorIp(r.destination_entity?.ipv4));
  obs.srcIp(bareIndicatorIp(r.source_entity?.ipv4));
  return {
    title: `Claroty CTD baseline: ${r.description ?? r.transmission ?? r.protocol ?? r.id ?? ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.last_updated) ?? toIsoTime(r.timestamp),
    ruleId: r.protocol ?? null,
  };
}

function assetOf(r: Asset, obs: ObservablesBuilder): Facts {
  for (const ip of r.ipv4) obs.ip(bareIndicatorIp(ip));
  // host.name is the asset name lower-cased; the asset's hostname is a related host.
  obs.host(r.name?.toLowerCase());
  obs.host(r.hostname);
  return {
    title: `Claroty CTD asset: ${r.name ?? r.id ?? ''}`,
    severity: mapSeverity(r.criticality__?.replace(/^e/, '')) ?? 'info',
    observedAt: toIsoTime(r.last_updated) ?? toIsoTime(r.timestamp),
    ruleId: r.asset_type__ ?? null,
  };
}

/** Extension values by key; the last non-empty value of a key wins and `N/A` counts as absent. */
function extensionMap(cef: CefRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of cef.extensions) {
    if (value !== '' && value !== 'N/A') out.set(key, value);
  }
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Claroty's `CtdTimeGenerated` (`Aug 14 2023 01:00:00`, `6/17/2021 12:39:15` or ISO 8601), read as UTC. */
function generatedTime(v: string | undefined): string | null {
  if (!v) return null;
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}:\d{2}:\d{2})$/.exec(v);
  if (slashed) {
    const [, m = '', d = '', y = '', t = ''] = slashed;
    return toIsoTime(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}T${t.padStart(8, '0')}Z`);
  }
  const named = /^([A-Za-z]{3}) (\d{1,2}) (\d{4}) (\d{2}:\d{2}:\d{2})$/.exec(v);
  const month = MONTHS.indexOf((named?.[1] ?? '').toLowerCase());
  if (named && month >= 0) {
    const day = (named[2] ?? '').padStart(2, '0');
    return toIsoTime(`${named[3] ?? ''}-${String(month + 1).padStart(2, '0')}-${day}T${named[4] ?? ''}Z`);
  }
  return toIsoTime(v);
}

function eventOf(cef: CefRecord, obs: ObservablesBuilder): Facts {
  const x = extensionMap(cef);
  obs.dstIp(bareIndicatorIp(x.get('CtdDestinationIp')));
  obs.srcIp(bareIndicatorIp(x.get('CtdSourceIp')));
  obs.host(x.get('CtdDestinationHost'));
  obs.host(x.get('CtdSourceHost'));
  // user.name and related.user take these in the pipeline's order; the assignee and the resolver are the
  // analysts working the alert.
  obs.analyst(x.get('CtdAssignedTo'));
  obs.user(x.get('CtdInsightUser'));
  obs.analyst(x.get('CtdResolvedBy'));
  obs.user(x.get('CtdUser'));
  obs.url(x.get('CtdAlertLink'));
  const insight = mapSeverity(x.get('CtdInsightsSeverity'));
  const headerTime = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})/.exec(
    cef.prefix,
  )?.[0];
  const cls = cef.signatureId.split(/[-/]/)[0] ?? cef.signatureId;
  return {
    title: `Claroty CTD ${cls}: ${cef.name || x.get('CtdMessage') || cef.signatureId}`,
    severity: insight ?? mapSeverity(cef.severity) ?? 'info',
    observedAt: generatedTime(x.get('CtdTimeGenerated')) ?? toIsoTime(headerTime),
    ruleId: x.get('CtdAlertTypeId') ?? x.get('CtdSignatureId') ?? (cef.signatureId || null),
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Claroty CTD record');
  const obs = new ObservablesBuilder();
  const facts =
    rec.kind === 'baseline'
      ? baselineOf(rec.r, obs)
      : rec.kind === 'asset'
        ? assetOf(rec.r, obs)
        : eventOf(rec.cef, obs);
  return parserAlert('claroty_ctd', `claroty_ctd.${rec.kind}`, obs, facts);
}

export const clarotyCtdParser: Parser = {
  name: 'claroty_ctd',
  claims: { keys: ['source_entity', 'asset_type__'], text: ['|Claroty|CTD|'] },
  detect: detectorOf(read),
  parse,
};
