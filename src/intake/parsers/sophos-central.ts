// Sophos Central SIEM API records (`/siem/v1/alerts` and `/siem/v1/events`), mapped as Elastic's
// `sophos_central` pipelines map them: the reporting source address, the IPS remote address as the
// destination, the `source` account without its domain as the user, and the application's file hashes.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
/** Sophos event and alert types: `Event::Endpoint::Threat::PuaCleanupFailed`, `Event::Firewall::…`. */
const EVENT_TYPE = /^Event::[A-Za-z0-9]+(?:::|$)/;

const SourceInfo = z.object({ ip: Str }).nullish();

/** The fields alerts and events share (the SIEM integration script adds `suser`, `dhost`, `datastream`). */
const Common = {
  id: Str,
  type: z.string().regex(EVENT_TYPE),
  customer_id: Str,
  severity: Str,
  when: Str,
  created_at: Str,
  source: Str,
  location: Str,
  threat: Str,
  suser: Str,
  dhost: Str,
  datastream: Str,
};

const AlertRecord = z.object({
  ...Common,
  description: Str,
  data: z
    .object({
      source_info: SourceInfo,
      ips_threat: z.object({ remote_ip: Str, raw_data: Str }).nullish(),
    })
    .nullish(),
});

const EventRecord = z.object({
  ...Common,
  name: Str,
  endpoint_id: Str,
  appSha256: Str,
  source_info: SourceInfo,
  ips_threat_data: z.object({ remoteIp: Str, rawData: Str }).nullish(),
});

type Kind = 'alert' | 'event';

/** Alerts carry their details under `data`; events carry them at the top level. */
function kindOf(raw: object): Kind | null {
  if (!('type' in raw) || typeof raw.type !== 'string' || !EVENT_TYPE.test(raw.type)) return null;
  if (!('customer_id' in raw) && !('datastream' in raw)) return null;
  if ('datastream' in raw && (raw.datastream === 'alert' || raw.datastream === 'event'))
    return raw.datastream;
  if ('data' in raw || 'description' in raw || 'event_service_event_id' in raw) return 'alert';
  return 'event';
}

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const kind = kindOf(raw);
  if (kind === null) return false;
  return (kind === 'alert' ? AlertRecord : EventRecord).safeParse(raw).success;
}

/** The account in `DOMAIN\name`, `\name` or `name`, split at the first backslash as Elastic's grok does. */
function accountName(source: string): string {
  const slash = source.indexOf('\\');
  return slash < 0 ? source : source.slice(slash + 1);
}

/** The `SHA-256:` line of an IPS detection's raw text. */
function rawDataSha256(rawData: string | null | undefined): string | undefined {
  return /(?:^|\n)SHA-256:[ \t]*([0-9A-Fa-f]{64})[ \t]*$/.exec(rawData ?? '')?.[1];
}

interface Shared {
  type: string;
  severity?: string | null;
  when?: string | null;
  created_at?: string | null;
  source?: string | null;
  suser?: string | null;
  location?: string | null;
  dhost?: string | null;
}

function addUser(obs: ObservablesBuilder, r: Shared): void {
  const source = r.source ?? r.suser;
  if (source) obs.user(accountName(source));
}

/** The record's text, with the endpoint it concerns when the text does not already name it. */
function titleOf(text: string, r: Shared): string {
  const where = r.location ?? r.dhost;
  return where && !text.includes(where) ? `${text} on ${where}` : text;
}

function facts(r: Shared, text: string, fallback: Severity) {
  return {
    title: titleOf(text, r),
    severity: mapSeverity(r.severity) ?? fallback,
    observedAt: toIsoTime(r.when ?? r.created_at),
    ruleId: r.type,
  };
}

function parseAlert(raw: unknown): ReturnType<Parser['parse']> {
  const r = AlertRecord.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(r.data?.source_info?.ip));
  obs.dstIp(bareIndicatorIp(r.data?.ips_threat?.remote_ip));
  addUser(obs, r);
  obs.hash(rawDataSha256(r.data?.ips_threat?.raw_data));
  return parserAlert(
    'sophos_central',
    'sophos_central.alert',
    obs,
    facts(r, r.description || r.type, 'medium'),
  );
}

function parseEvent(raw: unknown): ReturnType<Parser['parse']> {
  const r = EventRecord.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(r.source_info?.ip));
  obs.dstIp(bareIndicatorIp(r.ips_threat_data?.remoteIp));
  addUser(obs, r);
  obs.hash(r.appSha256 ?? undefined);
  obs.hash(rawDataSha256(r.ips_threat_data?.rawData));
  return parserAlert('sophos_central', 'sophos_central.event', obs, facts(r, r.name || r.type, 'info'));
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const kind = isObject(raw) ? kindOf(raw) : null;
  if (kind === 'alert') return parseAlert(raw);
  if (kind === 'event') return parseEvent(raw);
  throw new Error('not a Sophos Central SIEM record');
}

export const sophosCentralParser: Parser = {
  name: 'sophos_central',
  claims: { keys: ['customer_id', 'datastream'], text: false },
  detect,
  parse,
};
