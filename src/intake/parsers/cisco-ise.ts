// Cisco ISE syslog (`CISE_<Category> <msgid> <total> <seq> …, key=value, …`), one line per message segment,
// with indicators mapped per category as Elastic's `cisco_ise.log` pipelines map them: the header host to
// related hosts (or related IPs), RADIUS/TACACS/admin addresses and user names by their key.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const SYSLOG_TS = String.raw`[A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}:\d{2}(?:\.\d+)?`;
const ISO_TS = String.raw`\d{4}-\d{2}-\d{2}T\d{1,2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?`;
const TZ = String.raw`(?:Z|[+-]\d{2}(?::?\d{2})?)`;
/** Elastic's header groks: `<pri>` and a syslog or ISO time, the ISE host, the category, the rest. */
const HEADER = new RegExp(
  `^(?:<(\\d{1,3})>)?(?:(${SYSLOG_TS})(?: ${TZ})?|(${ISO_TS})${TZ}) (\\S+) (CISE_\\w+) ([\\s\\S]*)$`,
);
/** A line without a syslog header starts with the category. */
const BARE = /^(CISE_\w+) ([\s\S]*)$/;
/** Elastic's first message grok, `<severity> : <action> : <message>` (alarms); it fails on a line whose
 * text has a colon before its first `: `, as every timestamped segment does. A field is empty or ends in a
 * non-space: a lazy field before `\s*` split a run of spaces every way (cubic time). */
const COLONS = /^((?:[^:]*[^:\s])?)\s*: ((?:[^:]*[^:\s])?)\s*: ([\s\S]*)$/;
/** Message id, segment total, segment number, then the segment text. */
const SEGMENT = /^(\d+) (\d+) (\d+) ([\s\S]*)$/;
/**
 * First segment: time, zone, sequence, code, severity; then (`firstSegment`) the description up to the first
 * `, ` and the `key=value, …,` details up to the last comma. The grok's lazy words take the first spaces; as
 * one pattern, a long run of spaces was split every way (quartic time).
 */
const FIRST =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?) (Z|[+-]\d{2}:?\d{2}) ([^ ]*) ([^ ]*) ([^ ]*) /;
/** A later segment: the details up to the last comma. */
const LATER = /^(.*),/s;

interface IseLine {
  pri: number | null;
  host: string | null;
  category: string;
  segmentTotal: number | null;
  segmentNumber: number | null;
  time: string | null;
  code: string | null;
  severityName: string | null;
  description: string | null;
  details: string | null;
  /** The text after `<severity> : <action> :`, when the line has that shape (alarms). */
  alarmText: string | null;
}

function asIse(raw: unknown): IseLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('CISE_')) return null;
  const line = s.trim();
  const head = HEADER.exec(line);
  let pri: number | null = null;
  let host: string | null = null;
  let category: string;
  let rest: string;
  if (head) {
    pri = head[1] ? Number(head[1]) : null;
    host = head[4] ?? null;
    category = head[5] ?? '';
    rest = head[6] ?? '';
  } else {
    const bare = BARE.exec(line);
    if (!bare) return null;
    category = bare[1] ?? '';
    rest = bare[2] ?? '';
  }
  const colons = COLONS.exec(rest);
  if (colons) {
    return {
      pri,
      host,
      category,
      segmentTotal: null,
      segmentNumber: null,
      time: null,
      code: null,
      severityName: colons[1] ?? null,
      description: colons[2] ?? null,
      details: null,
      alarmText: (colons[3] ?? '').trim(),
    };
  }
  const seg = SEGMENT.exec(rest);
  if (!seg) return null;
  const segmentNumber = Number(seg[3]);
  const text = seg[4] ?? '';
  const out: IseLine = {
    pri,
    host,
    category,
    segmentTotal: Number(seg[2]),
    segmentNumber,
    time: null,
    code: null,
    severityName: null,
    description: null,
    details: null,
    alarmText: null,
  };
  if (segmentNumber === 0) {
    const first = FIRST.exec(text);
    const rest = first ? text.slice(first[0].length) : '';
    const comma = rest.indexOf(', ');
    const lastComma = rest.lastIndexOf(',');
    if (first && comma >= 0 && lastComma >= comma + 2) {
      out.time = `${first[1] ?? ''}${first[2] ?? ''}`;
      out.code = first[4] ?? null;
      out.severityName = first[5] ?? null;
      out.description = rest.slice(0, comma);
      out.details = rest.slice(comma + 2, lastComma);
    }
  } else {
    out.details = LATER.exec(text)?.[1] ?? null;
  }
  return out;
}

/**
 * Elastic's kv processor (`field_split: ', '`, `value_split: =`): the first value of each key, stopping at
 * a part without `=` as the processor does (the pairs read before it are kept).
 */
function keyValues(details: string, trimKey: boolean): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of details.split(', ')) {
    const eq = part.indexOf('=');
    if (eq < 0) break;
    const key = trimKey ? part.slice(0, eq).trim() : part.slice(0, eq);
    if (!fields.has(key)) fields.set(key, part.slice(eq + 1));
  }
  return fields;
}

/**
 * The admin audit groks that read these codes' fields by position (their details hold `, , `). Each lazy
 * `.*?, Key=` of the groks is `(?=([\s\S]*?, Key=))\n`: the first `, Key=`, taken once (a lookahead does not
 * backtrack), which is what the grok finds; retried at every later one, a long hostile line took cubic time.
 */
function adminGrok(code: string | null, details: string): Map<string, string> | null {
  const pick = (re: RegExp): Map<string, string> | null => {
    const m = re.exec(details);
    if (!m?.groups) return null;
    const fields = new Map<string, string>();
    for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) fields.set(k, v);
    return fields;
  };
  switch (code) {
    case '61025':
    case '61026':
      return pick(
        /^ConfigVersionId=(?=([\s\S]*?, AdminInterface=))\1(?=([\s\S]*?, AdminIPAddress=))\2(?=(?<AdminIPAddress>[\s\S]*?), , OperationMessageText=)/,
      );
    case '52001':
      return pick(
        /^ConfigVersionId=(?=([\s\S]*?, FailureFlag=))\1(?=([\s\S]*?, RequestResponseType=))\2(?=([\s\S]*?, AdminInterface=))\3(?=([\s\S]*?, AdminIPAddress=))\4(?=(?<AdminIPAddress>[\s\S]*?), AdminName=)\5, AdminName=(?<AdminName>[\s\S]*?), /,
      );
    case '52002':
      return pick(
        /^ConfigVersionId=(?=([\s\S]*?, AdminInterface=))\1(?=([\s\S]*?, AdminIPAddress=))\2(?=(?<AdminIPAddress>[\s\S]*?), (?:AdminSession|AdminName)=)\k<AdminIPAddress>, (?:AdminSession=(?=([\s\S]*?, AdminName=))\4)?AdminName=(?<AdminName>[\s\S]*?), /,
      );
    case '60067':
      return new Map();
    default:
      return null;
  }
}

/** Where a key's value goes: source, destination or related address; user name, related user, host. */
type Role = 'src' | 'dst' | 'ip' | 'user' | 'userOnly' | 'clientUser' | 'host';
type Mapping = ReadonlyArray<readonly [key: string, role: Role]>;

/** Per category, in the order Elastic's pipeline appends them (which fixes the order of related.ip). */
const MAPPINGS: Readonly<Record<string, Mapping>> = lookupTable({
  CISE_Failed_Attempts: [
    ['Framed-IP-Address', 'ip'],
    ['NAS-IP-Address', 'ip'],
    ['DestinationIPAddress', 'dst'],
    ['Device IP Address', 'ip'],
    ['IpAddress', 'src'],
    ['UserName', 'user'],
    ['User-Name', 'user'],
  ],
  // Elastic's User-Name step here tests a misspelt field and never runs.
  CISE_Passed_Authentications: [
    ['IpAddress', 'src'],
    ['NAS-IP-Address', 'ip'],
    ['UserName', 'user'],
    ['OriginalUserName', 'user'],
    ['DestinationIPAddress', 'dst'],
    ['Device IP Address', 'ip'],
  ],
  CISE_RADIUS_Accounting: [
    ['Device IP Address', 'ip'],
    ['User-Name', 'user'],
    ['NAS-IP-Address', 'ip'],
    ['Framed-IP-Address', 'ip'],
  ],
  CISE_RADIUS_Diagnostics: [
    ['NAS-IP-Address', 'ip'],
    ['DestinationIPAddress', 'dst'],
    ['Device IP Address', 'ip'],
    ['User-Name', 'user'],
  ],
  CISE_TACACS_Accounting: [
    ['Device IP Address', 'ip'],
    ['User', 'user'],
    ['Remote-Address', 'dst'],
  ],
  CISE_Administrative_and_Operational_Audit: [
    ['AdminIPAddress', 'ip'],
    ['AdminName', 'clientUser'],
    ['IpAddress', 'ip'],
    ['PsnHostName', 'host'],
    ['UserName', 'user'],
  ],
  CISE_Guest: [
    ['UserName', 'user'],
    ['IpAddress', 'src'],
  ],
  CISE_Posture_and_Client_Provisioning_Audit: [['AdminName', 'clientUser']],
  CISE_MyDevices: [
    ['UserName', 'user'],
    ['IpAddress', 'src'],
  ],
  CISE_Authentication_Flow_Diagnostics: [
    ['DestinationIPAddress', 'dst'],
    ['NAS-IP-Address', 'ip'],
    ['OriginalUserName', 'user'],
    ['UserName', 'user'],
  ],
  CISE_Identity_Stores_Diagnostics: [
    ['UserName', 'user'],
    ['OriginalUserName', 'userOnly'],
  ],
  CISE_Policy_Diagnostics: [
    ['Device IP Address', 'ip'],
    ['OriginalUserName', 'user'],
    ['UserName', 'user'],
  ],
  CISE_AD_Connector: [
    ['AD-Hostname', 'host'],
    ['AD-IP-Address', 'ip'],
  ],
});

/** Categories whose pipeline deletes escaped commas (`\,`) before splitting the pairs. */
const UNESCAPE_COMMAS = new Set(['CISE_RADIUS_Diagnostics', 'CISE_AD_Connector']);

/** Alarm keys (`; `-separated, lower-cased with `_` for spaces) in the order Elastic relates them. */
const ALARM_IPS = ['nad_address', 'nas_ip_address', 'network_device_ip'] as const;

/** An alarm's `key=value; …` text as Elastic's kv reads it: trimmed, keys lower-cased, stopping at a part
 * without `=`. */
function alarmFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split('; ')) {
    const eq = part.indexOf('=');
    if (eq < 0) break;
    const key = part.slice(0, eq).trim().replace(/ /g, '_').toLowerCase();
    if (!fields.has(key)) fields.set(key, part.slice(eq + 1).trim());
  }
  return fields;
}

/** Alarms: the queue-link ends and the server as related hosts, NAD and NAS addresses as related IPs. */
function alarmObservables(rec: IseLine, obs: ObservablesBuilder, relatedHosts: string[]): void {
  const f = alarmFields(rec.alarmText ?? '');
  if (rec.description === 'Queue Link Error') {
    const link = /^From (.*) To (.*)$/s.exec(f.get('message') ?? '');
    if (link) relatedHosts.push(link[1] ?? '', link[2] ?? '');
  }
  relatedHosts.push(f.get('server') ?? '');
  for (const key of ALARM_IPS) obs.ip(bareIndicatorIp(f.get(key)));
}

function fieldsOf(rec: IseLine): Map<string, string> {
  if (rec.details === null) return new Map();
  if (rec.category === 'CISE_Administrative_and_Operational_Audit') {
    const grokked = adminGrok(rec.code, rec.details);
    if (grokked) return grokked;
    return keyValues(rec.details, true);
  }
  const details = UNESCAPE_COMMAS.has(rec.category) ? rec.details.replace(/\\,/g, '') : rec.details;
  return keyValues(details, false);
}

function observablesOf(rec: IseLine): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const hostIp = rec.host === null ? null : canonicalIp(rec.host);
  if (hostIp) obs.ip(bareIndicatorIp(hostIp));
  const relatedHosts: string[] = [];
  if (rec.host !== null && !hostIp) relatedHosts.push(rec.host);
  if (rec.category === 'CISE_Alarm') alarmObservables(rec, obs, relatedHosts);
  const fields = fieldsOf(rec);
  const users: string[] = [];
  const relatedUsers: string[] = [];
  const clientUsers: string[] = [];
  for (const [key, role] of MAPPINGS[rec.category] ?? []) {
    const v = fields.get(key);
    if (v === undefined || v === '') continue;
    switch (role) {
      case 'src':
        obs.srcIp(bareIndicatorIp(v));
        break;
      case 'dst':
        obs.dstIp(bareIndicatorIp(v));
        break;
      case 'ip':
        obs.ip(bareIndicatorIp(v));
        break;
      case 'user':
        users.push(v);
        relatedUsers.push(v);
        break;
      case 'userOnly':
        users.push(v);
        break;
      case 'clientUser':
        relatedUsers.push(v);
        clientUsers.push(v);
        break;
      case 'host':
        relatedHosts.push(v);
        break;
    }
  }
  // Elastic's default pipeline then splits an e-mail admin name into its local part and the address.
  for (const name of clientUsers) {
    const at = name.indexOf('@');
    relatedUsers.push(at > 0 ? name.slice(0, at) : name, name);
  }
  for (const u of [...users, ...relatedUsers]) obs.user(u);
  for (const h of relatedHosts) obs.host(h);
  return obs;
}

function severityOf(rec: IseLine): Severity {
  const stated = mapSeverity(rec.severityName);
  if (stated) return stated;
  if (rec.pri !== null) return syslogSeverityOfPri(rec.pri);
  return rec.category === 'CISE_Failed_Attempts' ? 'low' : 'info';
}

function titleOf(rec: IseLine): string {
  const category = rec.category.replace(/^CISE_/, '').replace(/_/g, ' ');
  if (rec.description) return `Cisco ISE ${category}: ${rec.description}`;
  const part =
    rec.segmentNumber !== null && rec.segmentTotal !== null
      ? ` (segment ${rec.segmentNumber + 1} of ${rec.segmentTotal})`
      : '';
  return `Cisco ISE ${category}${part}`;
}

const detect = (raw: unknown): boolean => asIse(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asIse(raw);
  if (!rec) throw new Error('not a Cisco ISE syslog line');
  return parserAlert('cisco_ise', 'cisco_ise.log', observablesOf(rec), {
    title: titleOf(rec).replace(/\s+/g, ' ').trim(),
    severity: severityOf(rec),
    observedAt: toIsoTime(rec.time),
    ruleId: rec.code ?? rec.category,
  });
}

export const ciscoIseParser: Parser = {
  name: 'cisco_ise',
  claims: { keys: [], text: ['CISE_'] },
  detect,
  parse,
};
