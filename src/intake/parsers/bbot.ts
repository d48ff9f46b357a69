// BBOT (Bighuge BLS OSINT Tool) attack-surface events: one JSON event a line from its json/http output modules
// (v1 and v2), read as Elastic's `bbot` pipeline reads them: `resolved_hosts` (addresses and names) are the
// related hosts; the scanned names go to url.domain, a DNS_NAME event's name is also host.name (the asset it
// found), and no address is a source, destination or related ip.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, jsonObjectOf, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'bbot.asm_intel';

const BbotEvent = z.object({
  type: z.string(),
  id: TextField,
  scan: z.string().startsWith('SCAN:'),
  module: TextField,
  host: TextField,
  timestamp: z.union([z.number(), z.string()]).nullish().catch(undefined),
  resolved_hosts: z.array(z.unknown()).nullish().catch(undefined),
  data: z.unknown().optional(),
});
type BbotEvent = z.infer<typeof BbotEvent>;

/** Keys every BBOT event carries, together specific to it (the scan id is `SCAN:<sha1>`). */
const mentions = (t: string): boolean =>
  t.trimStart().startsWith('{') && t.includes('"scan"') && t.includes('"SCAN:') && t.includes('"module"');

function read(raw: unknown): BbotEvent | null {
  const o = jsonObjectOf(raw, mentions);
  if (o === null || !('scan' in o) || !('module' in o) || !('type' in o) || !('data' in o)) return null;
  if (typeof o.scan !== 'string' || !o.scan.startsWith('SCAN:')) return null;
  const r = BbotEvent.safeParse(o);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

const DataByType = z.record(z.string(), z.unknown());

/** The event's payload under its own type (`data.DNS_NAME`, `data.FINDING` …), when BBOT wrote it so. */
function payloadOf(e: BbotEvent): unknown {
  const data = DataByType.safeParse(e.data);
  return data.success ? data.data[e.type] : e.data;
}

const TextOf = z.union([z.string(), z.number()]).transform(String);
const Described = z.object({
  host: TextField,
  url: TextField,
  description: TextField,
  severity: TextField,
});

/** The names the pipeline appends to url.domain: DNS_NAME and the `host` of findings, protocols and the like. */
function domainsOf(e: BbotEvent, payload: unknown): string[] {
  if (e.type === 'DNS_NAME') {
    const name = TextOf.safeParse(payload);
    return name.success ? [name.data] : [];
  }
  const d = Described.safeParse(payload);
  return d.success && d.data.host ? [d.data.host] : [];
}

const SEVERITIES: Readonly<Record<string, Severity>> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'info',
  informational: 'info',
};

/** A vulnerability at its own severity, a finding worth a look; everything else is inventory. */
function severityOf(e: BbotEvent, payload: unknown): Severity {
  if (e.type === 'VULNERABILITY') {
    const d = Described.safeParse(payload);
    return (d.success && d.data.severity && SEVERITIES[d.data.severity.toLowerCase()]) || 'medium';
  }
  return e.type === 'FINDING' ? 'low' : 'info';
}

/** A one-line summary of the payload for the title. */
function summaryOf(payload: unknown): string | undefined {
  const text = TextOf.safeParse(payload);
  if (text.success) return text.data;
  const d = Described.safeParse(payload);
  if (!d.success) return undefined;
  return d.data.description ?? d.data.url ?? d.data.host;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a BBOT event');
  const payload = payloadOf(e);
  const obs = new ObservablesBuilder(false);
  const domains = domainsOf(e, payload);
  if (e.type === 'DNS_NAME') for (const d of domains) obs.host(d);
  for (const h of e.resolved_hosts ?? []) obs.host(h);
  for (const d of domains) obs.domain(d);
  const summary = summaryOf(payload);
  // v1 writes UNIX seconds, v2 an ISO time without a zone, which Elastic's date processor reads as UTC.
  return parserAlert(NAME, NAME, obs, {
    title: `BBOT ${e.type}${summary ? `: ${summary.slice(0, 200)}` : ''}`,
    severity: severityOf(e, payload),
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.type,
  });
}

/** url.domain and host.name are not in related.hosts, which holds `resolved_hosts` alone. */
export const bbotParser: Parser = {
  name: NAME,
  claims: { keys: ['scan'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
