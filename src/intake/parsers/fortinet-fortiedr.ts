// Fortinet FortiEDR (enSilo) syslog: `Key: value;` security events, system events and audit trails, with
// indicators mapped as Elastic's fortinet_fortiedr.log pipeline maps them: Users as related.user, the device name and
// the RFC 5424 host as related.hosts, only for records the pipeline completes; a web destination is a domain and URL.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf, urlHostname } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const NAME = 'fortinet_fortiedr.log';

type EdrFields = ReadonlyMap<string, string>;

interface FortiedrRecord {
  /** The sending host named in the syslog header, when there is one. */
  syslogHost: string | null;
  syslogTime: string | null;
  fields: EdrFields;
  /** True when Elastic's pipeline runs to its ECS mappings (see `completes`); otherwise it ends in a pipeline error. */
  mapped: boolean;
}

/**
 * The fields the pipeline renames one by one without `ignore_missing`: a record that lacks any (system events, audit
 * trails, older security events) fails there and keeps no host or user.
 */
const RENAMED = [
  'Action',
  'Autonomous System',
  'Certificate',
  'Classification',
  'Count',
  'Country',
  'Destination',
  'Device Name',
  'Event ID',
  'First Seen',
  'Last Seen',
  'MAC Address',
  'Operating System',
  'Organization',
  'Organization ID',
  'Process Name',
  'Process Path',
  'Process Type',
  'Raw Data ID',
  'Rules List',
  'Script',
  'Script Path',
  'Severity',
  'Users',
];

/**
 * The only header the pipeline's grok strips: RFC 5424 (`<pri>1 ISO-time host app procid msgid - `). Any other
 * header (RFC 3164 …) stays glued to the first key, so `Organization` is missing and the pipeline fails. The
 * version after `<pri>` is followed by a space and the tail is `(?::\s)?\s*`: as `<pri>\d*\s*` and
 * `(?:(?::|\s)\s+)?\s*`, a run of digits or spaces could be split many ways (cubic time on the 300-character header).
 */
const GROK_HEADER =
  /^(?:<\d{1,3}>(?:\d*\s+)?)?(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?:?\s+)?\S+ \S+ \S+ \S+ - (?::\s)?\s*$/;

function completes(header: string, fields: EdrFields): boolean {
  return (header.trim() === '' || GROK_HEADER.test(header)) && RENAMED.every((k) => fields.has(k));
}

/** Every FortiEDR syslog message starts with the organization, then one of these fields soon after. */
const START = /(?:^|\s)Organization: /;
const SECOND_KEYS = ['Organization ID', 'Message Type', 'Event ID', 'Date', 'Date and Time', 'Server Name'];
/** Fields that tell a FortiEDR message from other `Key: value;` text. */
const KNOWN_KEYS = ['Event ID', 'Raw Data ID', 'Device Name', 'Component', 'Sub-system', 'Message Type'];
const ORG_FIRST = /^(?:-\s+)?Organization: /;
const CEF_OR_LEEF = /(?:^|[\s>|])(?:CEF|LEEF):\d/;

/** Splits `Key: value;` pairs as the pipeline's kv processor does (`;` between pairs, `: ` in each, trimmed). */
function splitFields(message: string): { fields: Map<string, string>; first: string | null } {
  const fields = new Map<string, string>();
  let first: string | null = null;
  for (const part of message.split(';')) {
    const at = part.indexOf(': ');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 2).trim();
    if (!key || key.length > 64) continue;
    first ??= key;
    if (!fields.has(key)) fields.set(key, value);
  }
  return { fields, first };
}

function asFortiedr(raw: unknown): FortiedrRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('Organization: ') || !s.includes(';')) return null;
  const start = START.exec(s);
  if (!start) return null;
  const at = start.index + start[0].indexOf('Organization');
  const header = s.slice(0, at);
  if (header.length > 300 || header.includes(';') || CEF_OR_LEEF.test(header)) return null;
  // Line breaks are trimmed in code: as `[\r\n]+$`, every run of them inside a long hostile line was scanned to
  // its end (quadratic time).
  let end = s.length;
  while (end > at && (s[end - 1] === '\r' || s[end - 1] === '\n')) end -= 1;
  const { fields, first } = splitFields(s.slice(at, end));
  if (first !== 'Organization') return null;
  if (!SECOND_KEYS.some((k) => fields.has(k)) || !KNOWN_KEYS.some((k) => fields.has(k))) return null;
  // Anything before the organization must be a syslog header that ends there.
  const syslog = header.trim() ? parseSyslog(s) : null;
  if (header.trim() && !(syslog && (syslog.app === 'Organization' || ORG_FIRST.test(syslog.message))))
    return null;
  return {
    syslogHost: syslog?.host ?? null,
    syslogTime: syslog?.timestamp ?? null,
    fields,
    mapped: completes(header, fields),
  };
}

/** A field's value, with the vendor's `N/A` read as absent. */
function field(f: EdrFields, key: string): string | undefined {
  const v = f.get(key);
  return v === undefined || v === '' || v === 'N/A' ? undefined : v;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** FortiEDR times: `18-Sep-2019, 02:42:18` or `18-09-2019, 02:42:18`, in UTC. */
function edrTime(value: string | undefined): string | null {
  const m = /^(\d{1,2})-([A-Za-z]{3}|\d{1,2})-(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(
    value?.trim() ?? '',
  );
  if (!m) return toIsoTime(value);
  const [, d, mon = '', y, hh, mm, ss] = m;
  const index = /^\d+$/.test(mon)
    ? Number(mon)
    : MONTHS.indexOf(mon.slice(0, 1).toUpperCase() + mon.slice(1, 3).toLowerCase()) / 3 + 1;
  if (!Number.isInteger(index) || index < 1 || index > 12) return null;
  const two = (n: string | number | undefined): string => String(n ?? '').padStart(2, '0');
  return toIsoTime(`${y}-${two(index)}-${two(d)}T${two(hh)}:${mm}:${ss}Z`);
}

function observables(rec: FortiedrRecord): ObservablesBuilder {
  const f = rec.fields;
  const obs = new ObservablesBuilder(false);
  if (rec.mapped) {
    // related.user: the Users field (user.id); related.hosts: the protected device (host.hostname), the sender.
    obs.user(field(f, 'Users'));
    obs.host(field(f, 'Device Name'));
    obs.host(rec.syslogHost);
  }
  // A web destination (URL or site) is an indicator the pipeline does not map: kept as a URL and domain.
  const destination = field(f, 'Destination');
  if (destination && /^[a-z][a-z0-9+.-]*:\/\//i.test(destination)) {
    obs.url(destination);
    obs.domain(urlHostname(destination));
  } else obs.domain(destination);
  for (const [key, value] of f) if (/hash/i.test(key)) obs.hash(value);
  return obs;
}

const CLASSIFICATION: Readonly<Record<string, Severity>> = lookupTable({
  malicious: 'high',
  suspicious: 'medium',
  pup: 'low',
  inconclusive: 'low',
  'likely safe': 'info',
  safe: 'info',
});

function severityOf(f: EdrFields): Severity {
  const stated = mapSeverity(field(f, 'Severity'));
  if (stated) return stated;
  const graded = CLASSIFICATION[(field(f, 'Classification') ?? '').toLowerCase()];
  if (graded) return graded;
  return f.has('Event ID') ? 'medium' : 'info';
}

function titleOf(f: EdrFields): string {
  if (f.has('Event ID') || f.has('Raw Data ID')) {
    const what = field(f, 'Rules List') ?? field(f, 'Destination') ?? 'security event';
    const where = [field(f, 'Process Name'), field(f, 'Device Name')].filter(Boolean).join(' on ');
    const action = field(f, 'Action');
    return `FortiEDR ${field(f, 'Classification') ?? 'security'} event: ${what}${where ? ` (${where})` : ''}${action ? ` [${action}]` : ''}`;
  }
  if (f.has('Sub-system') || f.has('User Name')) {
    const who = field(f, 'User Name');
    return `FortiEDR audit: ${field(f, 'Description') ?? field(f, 'Sub-system') ?? 'action'}${who ? ` by ${who}` : ''}`;
  }
  const component = [field(f, 'Component'), field(f, 'Component Name')].filter(Boolean).join(' ');
  return `FortiEDR system event: ${field(f, 'Description') ?? 'event'}${component ? ` (${component})` : ''}`;
}

const detect = (raw: unknown): boolean => asFortiedr(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asFortiedr(raw);
  if (!rec) throw new Error('not a FortiEDR record');
  const f = rec.fields;
  return parserAlert(NAME, NAME, observables(rec), {
    title: titleOf(f).replace(/\s+/g, ' ').trim(),
    severity: severityOf(f),
    observedAt:
      toIsoTime(rec.syslogTime) ??
      edrTime(
        field(f, 'Last Seen') ?? field(f, 'First Seen') ?? field(f, 'Date and Time') ?? field(f, 'Date'),
      ),
    ruleId: field(f, 'Rules List') ?? field(f, 'Event ID') ?? null,
  });
}

export const fortinetFortiedrParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['Organization: '] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
