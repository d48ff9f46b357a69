// CyberArk PAS vault audit and monitor records in the `elastic-json-v1.0.xsl` JSON (bare, or behind an RFC 5424
// or legacy syslog header): users, stations and target addresses per message code, and the monitored vault's
// host name, as Elastic's cyberarkpas audit and monitor pipelines map them.
import { z } from 'zod';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const Text = z.string().nullish().catch(null);
const Property = z.object({ Name: z.string(), Value: z.unknown().optional() });
const AuditRecord = z
  .object({
    MessageID: z.union([z.string(), z.number()]).nullish().catch(null),
    Desc: Text,
    Message: Text,
    Severity: Text,
    Issuer: Text,
    SourceUser: Text,
    TargetUser: Text,
    Station: Text,
    GatewayStation: Text,
    Hostname: Text,
    IsoTimestamp: Text,
    Timestamp: Text,
    ExtraDetails: Text,
    CAProperties: z
      .object({
        CAProperty: z
          .union([z.array(Property), Property])
          .nullish()
          .catch(null),
      })
      .nullish()
      .catch(null),
  })
  .passthrough();
type AuditRecord = z.infer<typeof AuditRecord>;
/** The vault monitor's periodic health record (`syslog.monitor_record`): metrics only, the vault as the host. */
const MonitorRecord = z
  .object({
    Hostname: Text,
    IsoTimestamp: Text,
    Timestamp: Text,
    Product: Text,
    CPUUsage: Text,
    MemoryUsage: Text,
    DriveFreeSpaceInGB: Text,
  })
  .passthrough();
type MonitorRecord = z.infer<typeof MonitorRecord>;
const Envelope = z.object({
  format: z.literal('elastic'),
  version: z.string(),
  syslog: z.union([
    z.object({ audit_record: AuditRecord }).transform((s) => ({ audit: s.audit_record, monitor: null })),
    z
      .object({ monitor_record: MonitorRecord })
      .transform((s) => ({ audit: null, monitor: s.monitor_record })),
  ]),
});

const MARKER = '{"format":"elastic","version":"1.0",';
/** `<5>1 2021-03-04T19:10:05Z VAULT {…}` (UseLegacySyslogFormat=No). */
const RFC5424_HEAD = /^<\d{1,3}>\d{1,2} (\S+) (\S+) \{/;
/** `Mar 08 02:57:42 VAULT {…}` (UseLegacySyslogFormat=Yes). */
const LEGACY_HEAD = /^([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}) (\S+) \{/;

interface Event {
  record: AuditRecord | null;
  monitor: MonitorRecord | null;
  headerHost: string | null;
  headerTime: string | null;
}

function readEvent(raw: unknown): Event | null {
  if (isObject(raw)) {
    const e = Envelope.safeParse(raw);
    if (!e.success) return null;
    return {
      record: e.data.syslog.audit,
      monitor: e.data.syslog.monitor,
      headerHost: null,
      headerTime: null,
    };
  }
  const s = textOf(raw);
  if (s === null) return null;
  const at = s.indexOf(MARKER);
  if (at < 0 || at > 200) return null;
  const head = RFC5424_HEAD.exec(s) ?? LEGACY_HEAD.exec(s);
  let json: unknown;
  try {
    json = JSON.parse(s.slice(at));
  } catch {
    return null;
  }
  const e = Envelope.safeParse(json);
  if (!e.success) return null;
  const { audit, monitor } = e.data.syslog;
  return { record: audit, monitor, headerHost: head?.[2] ?? null, headerTime: head?.[1] ?? null };
}

function detect(raw: unknown): boolean {
  try {
    if (isObject(raw)) return 'format' in raw && 'syslog' in raw && readEvent(raw) !== null;
    const s = textOf(raw);
    if (s === null || !s.includes(MARKER)) return false;
    return (s.includes('"audit_record"') || s.includes('"monitor_record"')) && readEvent(s) !== null;
  } catch {
    return false;
  }
}

/** A field name folded so `UserName`, `user_name` and `USERNAME` compare equal. */
const fold = (name: string): string => name.replace(/_/g, '').toLowerCase();

/** CAProperties as folded name → value (one property may come as an object rather than a list). */
function caProperties(r: AuditRecord): Map<string, string> {
  const out = new Map<string, string>();
  const props = r.CAProperties?.CAProperty;
  for (const p of Array.isArray(props) ? props : props ? [props] : []) {
    if (typeof p.Value === 'string' || typeof p.Value === 'number') out.set(fold(p.Name), String(p.Value));
  }
  return out;
}

/** ExtraDetails `Key=Value;…` (with `\;` and `\=` escapes) as folded key → value. */
function extraDetails(r: AuditRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (r.ExtraDetails ?? '').split(/(?<!\\);/)) {
    const m = /^(.*?)(?<!\\)=([\s\S]*)$/.exec(pair);
    if (m?.[1]) out.set(fold(m[1].trim()), m[2] ?? '');
  }
  return out;
}

/** The ECS roles Elastic's pipeline fills for one message code. */
interface Roles {
  user?: string | null;
  sourceUser?: string | null;
  destinationUser?: string | null;
  targetUser?: string | null;
  sourceAddress?: string | null;
  destinationAddress?: string | null;
}

const CPM_VERIFY = new Set(['22', '38', '414', '295', '308', '428']);
const CPM_CHANGE = new Set(['24', '31', '57', '60']);
const USER_ADMIN = new Set(['173', '174', '175', '176', '177', '180']);
const PSM = new Set(['300', '302', '359', '361', '411', '412']);

function rolesOf(code: string, r: AuditRecord): Roles {
  const ca = caProperties(r);
  const ed = extraDetails(r);
  const issuer = r.Issuer;
  if (['4', '7', '8', '309'].includes(code)) return { user: issuer };
  if (code === '19') return { user: r.SourceUser, sourceUser: r.SourceUser, destinationUser: issuer };
  if (CPM_VERIFY.has(code)) {
    return {
      user: issuer,
      sourceUser: issuer,
      destinationUser: ca.get('username'),
      destinationAddress: ca.get('address'),
    };
  }
  if (CPM_CHANGE.has(code)) {
    return { user: issuer, targetUser: ca.get('username'), destinationAddress: ca.get('address') };
  }
  if (code === '130') return { user: issuer, targetUser: ca.get('username') };
  if (code === '32' || code === '33') return { user: issuer, targetUser: r.SourceUser };
  if (USER_ADMIN.has(code)) return { targetUser: r.SourceUser };
  if (PSM.has(code)) {
    return {
      user: issuer,
      sourceUser: issuer,
      destinationUser: ed.get('user'),
      sourceAddress: ed.get('srchost'),
      destinationAddress: ed.get('dsthost'),
    };
  }
  return {};
}

const filled = (v: string | null | undefined): v is string => typeof v === 'string' && v !== '';

/** An address field: an IP becomes the endpoint's address, anything else a domain name. */
function endpoint(
  value: string | null | undefined,
  add: (ip: string) => unknown,
  obs: ObservablesBuilder,
): void {
  if (!filled(value)) return;
  if (canonicalIp(value)) add(value);
  else obs.domain(value);
}

/** A monitor record: Elastic sets host.name (and related.hosts) to the vault's `Hostname`, nothing else. */
function parseMonitor(m: MonitorRecord, event: Event): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.host(filled(m.Hostname) ? m.Hostname : event.headerHost);
  const metric = (label: string, v: string | null | undefined): string => (filled(v) ? ` ${label} ${v}` : '');
  return parserAlert('cyberarkpas.audit', 'cyberarkpas.monitor', obs, {
    title: `CyberArk PAS vault monitor:${metric('CPU %', m.CPUUsage)}${metric('memory %', m.MemoryUsage)}${metric('free GB', m.DriveFreeSpaceInGB)}`,
    severity: 'info',
    observedAt: toIsoTime(m.IsoTimestamp) ?? toIsoTime(m.Timestamp) ?? toIsoTime(event.headerTime),
    ruleId: null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const event = readEvent(raw);
  if (!event) throw new Error('not a CyberArk PAS audit record');
  if (event.monitor) return parseMonitor(event.monitor, event);
  const r = event.record;
  if (!r) throw new Error('not a CyberArk PAS audit record');
  const code = r.MessageID === null || r.MessageID === undefined ? '' : String(r.MessageID);
  const roles = rolesOf(code, r);
  const obs = new ObservablesBuilder();
  endpoint(filled(roles.sourceAddress) ? roles.sourceAddress : r.Station, (ip) => obs.srcIp(ip), obs);
  endpoint(
    filled(roles.destinationAddress) ? roles.destinationAddress : r.GatewayStation,
    (ip) => obs.dstIp(ip),
    obs,
  );
  if (filled(r.Station)) obs.ip(r.Station);
  if (filled(r.GatewayStation)) obs.ip(r.GatewayStation);
  for (const u of [roles.user, roles.sourceUser, roles.destinationUser, roles.targetUser]) {
    if (filled(u)) obs.user(u);
  }
  obs.host(filled(r.Hostname) ? r.Hostname : event.headerHost);
  const desc = r.Desc ?? r.Message ?? 'CyberArk vault audit';
  const who = filled(r.Issuer) ? ` by ${r.Issuer}` : '';
  return parserAlert('cyberarkpas.audit', 'cyberarkpas.audit', obs, {
    title: `CyberArk PAS: ${desc}${who}`,
    severity: mapSeverity(r.Severity) ?? 'info',
    observedAt: toIsoTime(r.IsoTimestamp) ?? toIsoTime(r.Timestamp) ?? toIsoTime(event.headerTime),
    ruleId: code || null,
  });
}

export const cyberarkPasParser: Parser = {
  name: 'cyberarkpas.audit',
  claims: { keys: ['format'], text: ['{"format":"elastic","version":"1.0",'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
