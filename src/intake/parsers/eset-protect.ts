// ESET PROTECT: ESET Connect API detections, device tasks, devices and device vulnerabilities, and the ESET
// PROTECT syslog JSON export
// (Threat, Firewall, HIPS, Audit, Filtered website, Blocked file and ESET Inspect events, bare or behind a
// syslog header) and its plain-text detection and notification lines, mapped as Elastic's `eset_protect`
// pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'eset_protect';

/** A text field; a value of another type reads as absent rather than failing the record. */
const Str = z.string().nullish().catch(null);
/** A field ESET writes as a string or a number (scores, counts). */
const Scalar = z.union([z.string(), z.number()]).nullish().catch(null);

const DETECTION_CATEGORY = /^DETECTION_CATEGORY_[A-Z_]+$/;
const SEVERITY_LEVEL = /^SEVERITY_LEVEL_[A-Z_]+$/;
/** Syslog export event types: `Threat_Event`, `FirewallAggregated_Event`, `Audit_Event`, …, `ESET Inspect Alert` */
const EVENT_TYPE = /^(?:[A-Z][A-Za-z]{1,40}_Event|ESET Inspect Alert)$/;
/** A UTF-8 byte-order mark, which the event pipeline strips, also as Latin-1 text. */
const BOM = /^(?:\uFEFF|\u00EF\u00BB\u00BF)/;
/** ESET's plain-text time: `2/20/25, 4:27:59 PM UTC+1`. */
const PLAIN_TIME = String.raw`\d{1,2}/\d{1,2}/\d{2,4}, \d{1,2}:\d{1,2}:\d{1,2} (?:AM|PM) UTC\+\d+`;
/**
 * The plain-text detection line's host and time, each with the labels around it. The event pipeline's first
 * grok pattern reads every field lazily up to the next label; the line is read here one field after the other
 * (indexOf, or these searches from where the previous field ended), because that pattern retried each lazy
 * field against every later copy of each label (polynomial on a hostile line).
 */
const DETECTION_HOST = / Computer name: (\S+) Logged user: /g;
const DETECTION_TIME = new RegExp(String.raw` Time of occurrence: (${PLAIN_TIME}) Scanner: `, 'g');
/** A time in a notification line, after a space and before one: the only place its host can be read from. */
const NOTIFICATION_TIME = new RegExp(String.raw` (${PLAIN_TIME})(?= )`, 'g');
/** A line break, which no field of either grok pattern may hold. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** An ESET Connect detection (`/v1/detections`). */
const Detection = z.object({
  category: Str,
  severityLevel: Str,
  typeName: Str,
  displayName: Str,
  uuid: Str,
  occurTime: Str,
  objectTypeName: Str,
  objectHashSha1: Str,
  objectName: Str,
  objectUrl: Str,
  networkCommunication: z
    .object({ localIpAddress: Str, remoteIpAddress: Str, direction: Str, protocolName: Str })
    .nullish()
    .catch(null),
  context: z
    .object({
      deviceUuid: Str,
      userName: Str,
      circumstances: Str,
      process: z.object({ path: Str }).nullish(),
    })
    .nullish()
    .catch(null),
});
type Detection = z.infer<typeof Detection>;

/** An ESET Connect device task (`/v1/device_tasks`). */
const DeviceTask = z.object({
  uuid: Str,
  displayName: Str,
  description: Str,
  action: z.object({ name: z.string() }),
  targets: z.object({
    devicesUuids: z.array(z.string()).nullish().catch(null),
    deviceGroupsUuids: z.array(z.string()).nullish().catch(null),
  }),
});
type DeviceTask = z.infer<typeof DeviceTask>;

/** An ESET Connect device (`/v1/devices`). */
const Device = z.object({
  uuid: z.string(),
  displayName: Str,
  deviceType: Str,
  primaryLocalIpAddress: Str,
  publicIpAddress: Str,
  lastSyncTime: Str,
  functionalityStatus: Str,
});
type Device = z.infer<typeof Device>;

const VulnerabilityDetail = z
  .object({ cveNumber: Str, severity: Str, lastDetectTime: Str, firstDetectTime: Str })
  .nullish()
  .catch(null);

/** An ESET Connect device vulnerability (`/v1/devices/vulnerabilities`): one of three detail objects. */
const DeviceVulnerability = z.object({
  deviceUuid: z.string(),
  applicationVulnerability: VulnerabilityDetail,
  osVulnerability: VulnerabilityDetail,
  packageVulnerability: VulnerabilityDetail,
});
type DeviceVulnerability = z.infer<typeof DeviceVulnerability>;

/** One record of the ESET PROTECT syslog export in JSON. */
const ExportEvent = z.object({
  event_type: z.string().regex(EVENT_TYPE),
  hostname: Str,
  ipv4: Str,
  ipv6: Str,
  source_uuid: Str,
  occured: Str,
  severity: Str,
  severity_score: Scalar,
  account: Str,
  username: Str,
  user: Str,
  source_address: Str,
  target_address: Str,
  hash: Str,
  object_type: Str,
  object_uri: Str,
  threat_name: Str,
  threat_type: Str,
  event: Str,
  detail: Str,
  operation: Str,
  action: Str,
  action_taken: Str,
  cause: Str,
  rule_id: Str,
  rule_name: Str,
  rulename: Str,
});
type ExportEvent = z.infer<typeof ExportEvent>;

/** A plain-text detection or notification line, reduced to what Elastic maps from it. */
interface PlainEvent {
  title: string;
  hostname: string;
  user: string | null;
  url: string | null;
  action: string | null;
}

type EsetRecord =
  | { kind: 'detection'; r: Detection }
  | { kind: 'plain'; r: PlainEvent }
  | { kind: 'device_task'; r: DeviceTask }
  | { kind: 'device'; r: Device }
  | { kind: 'device_vulnerability'; r: DeviceVulnerability }
  | { kind: 'event'; r: ExportEvent };

/** The JSON object a payload holds: the object itself, a JSON text, or a syslog line whose message is one. */
function objectOf(raw: unknown): object | null {
  if (isObject(raw)) return raw;
  const text = textOf(raw);
  if (!text?.includes('"event_type"')) return null;
  const s = text.trim().replace(BOM, '');
  const json = s.startsWith('{') ? s : parseSyslog(s)?.message.trim();
  if (!json?.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(json);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** Which ESET PROTECT record `raw` is, validated; null for anything else. */
function recordOf(raw: unknown): EsetRecord | null {
  const plain = plainOf(raw);
  if (plain) return { kind: 'plain', r: plain };
  const o = objectOf(raw);
  if (!o) return null;
  if ('event_type' in o) {
    if (typeof o.event_type !== 'string' || !EVENT_TYPE.test(o.event_type)) return null;
    if (!('occured' in o) && !('source_uuid' in o)) return null;
    const e = ExportEvent.safeParse(o);
    return e.success ? { kind: 'event', r: e.data } : null;
  }
  const category = 'category' in o && typeof o.category === 'string' && DETECTION_CATEGORY.test(o.category);
  const level =
    'severityLevel' in o && typeof o.severityLevel === 'string' && SEVERITY_LEVEL.test(o.severityLevel);
  if (category || level) {
    if (!('context' in o) && !('networkCommunication' in o) && !('objectHashSha1' in o)) return null;
    const d = Detection.safeParse(o);
    return d.success ? { kind: 'detection', r: d.data } : null;
  }
  if ('targets' in o && 'action' in o && 'uuid' in o && isObject(o.targets)) {
    if (!('devicesUuids' in o.targets) && !('deviceGroupsUuids' in o.targets)) return null;
    const t = DeviceTask.safeParse(o);
    return t.success ? { kind: 'device_task', r: t.data } : null;
  }
  if ('uuid' in o && 'displayName' in o && ('deviceType' in o || 'enrollmentStatus' in o)) {
    const dt = 'deviceType' in o ? o.deviceType : null;
    const es = 'enrollmentStatus' in o ? o.enrollmentStatus : null;
    const typed = typeof dt === 'string' && dt.startsWith('DEVICE_TYPE_');
    const enrolled = typeof es === 'string' && es.startsWith('DEVICE_ENROLLMENT_STATUS_');
    if (!typed && !enrolled) return null;
    const d = Device.safeParse(o);
    return d.success ? { kind: 'device', r: d.data } : null;
  }
  if ('deviceUuid' in o && VULNERABILITY_KEYS.some((k) => k in o)) {
    const v = DeviceVulnerability.safeParse(o);
    return v.success ? { kind: 'device_vulnerability', r: v.data } : null;
  }
  return null;
}

const VULNERABILITY_KEYS = ['applicationVulnerability', 'osVulnerability', 'packageVulnerability'] as const;

/** A plain-text detection or notification line; null for anything else. */
function plainOf(raw: unknown): PlainEvent | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  // Both shapes name ESET's own words: every other text line stops here, before any copying.
  if (!raw.includes('Detection type: ') && !raw.includes('ESET')) return null;
  const s = raw.trim().replace(BOM, '');
  if (s.startsWith('Detection type: ')) return LINE_BREAK.test(s) ? null : plainDetection(s);
  if (!s.includes('ESET') || !s.includes(' File ')) return null;
  return plainNotification(s);
}

/** The first match of a global pattern at or after `from`. */
function execFrom(re: RegExp, s: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(s);
}

/**
 * `Detection type: … Action performed: …`. Each field ends at the first copy of the next label that the rest of
 * the line can follow, as in the grok pattern: a later start only leaves fewer copies to choose from.
 */
function plainDetection(s: string): PlainEvent | null {
  const nameAt = s.indexOf(' Detection name: ', 'Detection type: '.length);
  if (nameAt < 0) return null;
  const host = execFrom(DETECTION_HOST, s, nameAt + ' Detection name: '.length);
  if (!host) return null;
  const userAt = s.indexOf('\\', host.index + host[0].length);
  if (userAt < 0) return null;
  const time = execFrom(DETECTION_TIME, s, userAt + 1);
  if (!time) return null;
  const actionAt = s.indexOf(' Action performed: ', time.index + time[0].length);
  if (actionAt < 0) return null;
  const type = s.slice('Detection type: '.length, nameAt);
  const name = s.slice(nameAt + ' Detection name: '.length, host.index);
  return {
    title: `${type} ${name}`.trim(),
    hostname: host[1] ?? '',
    user: s.slice(userAt + 1, time.index) || null,
    url: null,
    action: s.slice(actionAt + ' Action performed: '.length) || null,
  };
}

/**
 * Free text naming ESET, host, time, threat type, threat name, `File`, object, as the pipeline's second grok
 * pattern reads it: the first time that follows a host after the word ESET places the host, and the first
 * ` NAME File ` after it ends the threat type.
 */
function plainNotification(s: string): PlainEvent | null {
  const eset = s.indexOf('ESET');
  NOTIFICATION_TIME.lastIndex = 0;
  for (let t = NOTIFICATION_TIME.exec(s); t; t = NOTIFICATION_TIME.exec(s)) {
    // The host is the whole word before the time, after a blank that follows ESET.
    let start = t.index;
    while (start > 0 && /[0-9A-Za-z.-]/.test(s[start - 1] ?? '')) start--;
    if (start === t.index || start < eset + 5 || !/^\s[0-9A-Za-z]/.test(s.slice(start - 1, start + 1)))
      continue;
    // A later time only leaves less text for the threat, so the first one with a host decides. Only the blanks
    // before the host may break the line.
    let blank = start - 1;
    while (blank > eset + 4 && /\s/.test(s[blank - 1] ?? '')) blank--;
    const rest = s.slice(t.index + t[0].length + 1);
    if (LINE_BREAK.test(s.slice(0, blank)) || LINE_BREAK.test(rest)) return null;
    return plainThreat(s.slice(start, t.index), rest);
  }
  return null;
}

/** `TYPE NAME File OBJECT` after the time: the type ends at the first ` NAME File ` with an object after it. */
function plainThreat(host: string, rest: string): PlainEvent | null {
  for (let k = rest.indexOf(' File '); k >= 0; k = rest.indexOf(' File ', k + 1)) {
    let start = k;
    while (start > 0 && /\S/.test(rest[start - 1] ?? '')) start--;
    if (start === k || rest[start - 1] !== ' ' || k + 6 >= rest.length) continue;
    const type = rest.slice(0, start - 1);
    return {
      title: `${type} ${rest.slice(start, k)}`.trim(),
      hostname: host,
      user: null,
      url: rest.slice(k + 6),
      action: null,
    };
  }
  return null;
}

function detect(raw: unknown): boolean {
  try {
    return recordOf(raw) !== null;
  } catch {
    return false;
  }
}

/** Grok's HOSTNAME and USERNAME patterns, as the pipelines' `grok_user_name` uses them. */
const HOSTNAME = String.raw`[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*\.?`;
const USERNAME = String.raw`[a-zA-Z0-9._-]+`;
const USER_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`^${HOSTNAME}\\(${USERNAME})$`),
  new RegExp(String.raw`^${HOSTNAME}\\\\(${USERNAME})$`),
  new RegExp(String.raw`^(${USERNAME})@${HOSTNAME}$`),
];

/** `user.name` as Elastic's grok reads it: `DOMAIN\name`, `DOMAIN\\name` or `name@domain` give the name;
 * anything else (`NT AUTHORITY\SYSTEM`, `Jane Doe`) is taken whole. */
function userName(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  for (const re of USER_PATTERNS) {
    const m = re.exec(value);
    if (m?.[1]) return m[1];
  }
  return value;
}

/** A web address's site, as a domain indicator (the pipelines keep it out of `related.hosts`). */
function addUrl(obs: ObservablesBuilder, value: string | null | undefined): void {
  if (!value || !/^https?:\/\//i.test(value)) return;
  obs.url(value);
  obs.domain(/^https?:\/\/(?:[^@/?#]*@)?([^/:?#\s]+)/i.exec(value)?.[1]);
}

/** `SEVERITY_LEVEL_HIGH` → high; diagnostic levels are informational; unspecified says nothing. */
function detectionSeverity(level: string | null | undefined): Severity | null {
  const word = level?.replace(/^SEVERITY_LEVEL_/, '') ?? '';
  if (/^(?:DIAGNOSTIC|INFORMATIONAL)$/.test(word)) return 'info';
  return mapSeverity(word);
}

const human = (s: string): string => s.replace(/_/g, ' ').toLowerCase();

function parseDetection(r: Detection): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const net = r.networkCommunication;
  obs.srcIp(bareIndicatorIp(net?.localIpAddress));
  obs.dstIp(bareIndicatorIp(net?.remoteIpAddress));
  obs.user(userName(r.context?.userName));
  obs.host(r.context?.deviceUuid);
  obs.hash(r.objectHashSha1);
  addUrl(obs, r.objectUrl);
  const category = r.category?.replace(/^DETECTION_CATEGORY_/, '');
  const name =
    r.displayName ||
    (r.typeName && r.typeName !== 'nil' ? r.typeName : null) ||
    (category ? `ESET ${human(category)} detection` : 'ESET detection');
  const circumstances = r.context?.circumstances;
  return parserAlert(NAME, 'eset_protect.detection', obs, {
    title: circumstances && circumstances !== name ? `${name}: ${circumstances}` : name,
    severity: detectionSeverity(r.severityLevel) ?? 'medium',
    observedAt: toIsoTime(r.occurTime),
    ruleId: r.category ?? null,
  });
}

function parseDeviceTask(r: DeviceTask): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  for (const uuid of r.targets.devicesUuids ?? []) obs.host(uuid);
  return parserAlert(NAME, 'eset_protect.device_task', obs, {
    title: r.displayName || r.action.name,
    severity: 'info',
    observedAt: null,
    ruleId: r.action.name,
  });
}

/** A managed device: its addresses related, the device UUID then its name as hosts (Elastic's related.hosts
 * order after host.name, which the name leads). */
function parseDevice(r: Device): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.host(r.displayName);
  obs.host(r.uuid);
  obs.ip(bareIndicatorIp(r.primaryLocalIpAddress));
  obs.ip(bareIndicatorIp(r.publicIpAddress));
  const status = r.functionalityStatus?.replace(/^DEVICE_FUNCTIONALITY_STATUS_/, '');
  return parserAlert(NAME, 'eset_protect.device', obs, {
    title: `ESET device ${r.displayName ?? r.uuid}${status ? `: ${human(status)}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.lastSyncTime),
    ruleId: null,
  });
}

/** A device vulnerability: the device UUID as the only indicator, the CVE as the rule. */
function parseDeviceVulnerability(r: DeviceVulnerability): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.host(r.deviceUuid);
  const v = r.applicationVulnerability ?? r.osVulnerability ?? r.packageVulnerability;
  return parserAlert(NAME, 'eset_protect.device_vulnerability', obs, {
    title: `ESET vulnerability ${v?.cveNumber ?? ''} on device ${r.deviceUuid}`.replace(/\s+/g, ' '),
    severity: detectionSeverity(v?.severity) ?? 'info',
    observedAt: toIsoTime(v?.lastDetectTime) ?? toIsoTime(v?.firstDetectTime),
    ruleId: v?.cveNumber ?? null,
  });
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The export's `occured` (`21-Jun-2021 09:46:15`, UTC as Elastic's date processor reads it) in ISO 8601. */
function occurredAt(value: string | null | undefined): string | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return toIsoTime(value);
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase());
  if (month < 0) return null;
  const pad = (s: string | undefined) => (s ?? '').padStart(2, '0');
  return toIsoTime(`${m[3]}-${pad(String(month + 1))}-${pad(m[1])}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** `host.name` and `host.hostname` as the event pipeline sets them: an FQDN whole (lower-cased) and its
 * first label; a bare name lower-cased and as written. */
function addExportHosts(obs: ObservablesBuilder, hostname: string | null | undefined): void {
  if (!hostname) return;
  const dot = hostname.indexOf('.');
  const short = dot < 0 ? hostname : hostname.slice(0, dot);
  obs.host((dot < 0 ? short : hostname).toLowerCase());
  obs.host(short);
}

function exportTitle(r: ExportEvent): string {
  const what =
    r.event ||
    r.detail ||
    r.operation ||
    (r.threat_name ? `${r.threat_type || 'Threat'} ${r.threat_name}` : null) ||
    r.rulename ||
    r.rule_name ||
    r.rule_id ||
    human(r.event_type.replace(/_Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'));
  const threat = r.threat_name && !what.includes(r.threat_name) ? ` (${r.threat_name})` : '';
  const where = r.hostname && !what.includes(r.hostname) ? ` on ${r.hostname}` : '';
  return `${what}${threat}${where}`;
}

function parseExportEvent(r: ExportEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  addExportHosts(obs, r.hostname);
  obs.host(r.source_uuid);
  obs.ip(bareIndicatorIp(r.ipv4));
  obs.ip(bareIndicatorIp(r.ipv6));
  obs.srcIp(bareIndicatorIp(r.source_address));
  obs.dstIp(bareIndicatorIp(r.target_address));
  obs.user(userName(r.username ?? r.user));
  obs.user(r.account);
  obs.hash(r.hash);
  addUrl(obs, r.object_uri);
  const fallback: Severity = r.event_type === 'Audit_Event' ? 'info' : 'medium';
  return parserAlert(NAME, 'eset_protect.event', obs, {
    title: exportTitle(r),
    severity: mapSeverity(r.severity) ?? mapSeverity(r.severity_score) ?? fallback,
    observedAt: occurredAt(r.occured),
    ruleId: r.rulename || r.rule_name || r.rule_id || r.event_type,
  });
}

/** A plain-text line: its host as the event pipeline names it, the logged user without its domain, the
 * object's site as a domain. Elastic reads its time without a year it can trust, so none is reported. */
function parsePlainEvent(r: PlainEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  addExportHosts(obs, r.hostname);
  obs.user(r.user);
  addUrl(obs, r.url);
  const where = ` on ${r.hostname}`;
  return parserAlert(NAME, 'eset_protect.event', obs, {
    title: r.action ? `${r.title}${where} (${r.action.toLowerCase()})` : `${r.title}${where}`,
    severity: 'medium',
    observedAt: null,
    ruleId: null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = recordOf(raw);
  if (!rec) throw new Error('not an ESET PROTECT record');
  switch (rec.kind) {
    case 'detection':
      return parseDetection(rec.r);
    case 'device_task':
      return parseDeviceTask(rec.r);
    case 'device':
      return parseDevice(rec.r);
    case 'device_vulnerability':
      return parseDeviceVulnerability(rec.r);
    case 'event':
      return parseExportEvent(rec.r);
    case 'plain':
      return parsePlainEvent(rec.r);
  }
}

export const esetProtectParser: Parser = {
  name: NAME,
  claims: {
    keys: ['event_type', 'category', 'severityLevel', 'uuid', 'deviceUuid'],
    text: ['"event_type"', 'Detection type: ', 'ESET'],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
