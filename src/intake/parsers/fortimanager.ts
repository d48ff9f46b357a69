// Fortinet FortiManager / FortiAnalyzer syslog: `key=value` event records (device_id / devid FMG… or FAZ…),
// with indicators mapped as Elastic's fortinet_fortimanager.log pipeline maps them: devname as the related
// host, user / unauthuser / userid and the ADOM as users, remote_ip or srcip as source, dstip as destination.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import { fortinetRecord, type FortinetFields } from './fortinet-kv.js';
import type { Parser } from './parser.js';

const NAME = 'fortinet_fortimanager.log';

interface FortimanagerRecord {
  /** The syslog `<pri>`, when the line has one. */
  pri: number | null;
  fields: FortinetFields;
}

/** FortiManager (FMG…) and FortiAnalyzer (FAZ…) serials, as `device_id=` or `devid=`. */
const DEVICE = /(?:^|[\s>])(?:device_id|devid)="?F(?:MG|AZ)[0-9A-Z-]{2,}"?(?:\s|$)/;
const LOG_ID = /(?:^|\s)(?:log_id|logid)="?\d{6,10}"?(?:\s|$)/;
/** CEF / LEEF lines belong to the cef / leef parsers. */
const CEF_OR_LEEF = /(?:^|[\s>|])(?:CEF|LEEF):\d/;

/** FortiAnalyzer subtypes, as the pipeline lists them to set `fortimanager.log.product`. */
const ANALYZER_SUBTYPES = new Set([
  'faz',
  'fazsys',
  'logdev',
  'logging',
  'logfile',
  'report',
  'eventmgmt',
  'logdb',
  'hcache',
  'diskquota',
  'fortiview',
  'ediscovery',
  'fazha',
  'aid',
]);

/**
 * A device's record as FortiManager / FortiAnalyzer forwards it: `logver=… timestamp=…` first, then the device's
 * own devname, devid and fields. Read here unless the serial is a FortiGate's or a FortiProxy's (FG…, FW…, FPX…:
 * the FortiGate and FortiProxy parsers, which come after this one, read those as their pipelines do).
 */
const FORWARDED = /^(?:<\d{1,3}>)?logver="?\d+"? timestamp="?\d+"? /;
const OWN_PARSER_DEVID = /(?:^|\s)devid="?F(?:G|W|PX)[0-9A-Z]/;

function asFortimanager(raw: unknown): FortimanagerRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !(s.includes('device_id=') || s.includes('devid='))) return null;
  if (!(s.includes('log_id=') || s.includes('logid='))) return null;
  if (!LOG_ID.test(s) || CEF_OR_LEEF.test(s.slice(0, 400))) return null;
  const forwarded = FORWARDED.test(s.trimStart()) && !OWN_PARSER_DEVID.test(s);
  if (!DEVICE.test(s) && !forwarded) return null;
  return fortinetRecord(s);
}

function observables(f: FortinetFields): ObservablesBuilder {
  // The pipeline keeps source.ip and destination.ip out of related.ip; only `address` is related.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(f.get('srcip')) ?? bareIndicatorIp(f.get('remote_ip')));
  obs.dstIp(bareIndicatorIp(f.get('dstip')));
  obs.ip(bareIndicatorIp(f.get('address')));
  // user.name (unauthuser over user), then related.user: user.id, user.name, user.domain (the ADOM).
  obs.user(f.get('unauthuser') || f.get('user'));
  obs.user(f.get('userid'));
  obs.user(f.get('adom'));
  // devname is host.hostname, which the pipeline copies into related.hosts.
  obs.host(f.get('devname'));
  return obs;
}

/** The record's `pri` word (information, warning …) or `level`; the syslog priority otherwise. */
function severityOf(f: FortinetFields, pri: number | null): Severity {
  return (
    mapSeverity(f.get('pri')) ??
    mapSeverity(f.get('level')) ??
    (pri === null ? 'info' : syslogSeverityOfPri(pri))
  );
}

/** `tz="+0500"` / `"-07:00"` as an ISO offset; `Z` when absent or unreadable. */
function offsetOf(tz: string | undefined): string {
  const m = /([+-])(\d{1,2}):?(\d{2})$/.exec(tz ?? '');
  return m ? `${m[1]}${(m[2] ?? '').padStart(2, '0')}:${m[3]}` : 'Z';
}

function productOf(f: FortinetFields, subtype: string): string {
  const serial = f.get('device_id') ?? f.get('devid') ?? '';
  if (serial.startsWith('FAZ') || ANALYZER_SUBTYPES.has(subtype)) return 'FortiAnalyzer';
  return 'FortiManager';
}

function titleOf(f: FortinetFields, type: string, subtype: string): string {
  const what = f.get('desc') ?? f.get('msg') ?? f.get('operation') ?? f.get('action') ?? '';
  const msg = f.get('msg');
  const detail = msg && msg !== what ? ` (${msg})` : '';
  return `${productOf(f, subtype)} ${type || 'log'}${subtype ? `/${subtype}` : ''}: ${what}${detail}`;
}

const detect = (raw: unknown): boolean => asFortimanager(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asFortimanager(raw);
  if (!rec) throw new Error('not a FortiManager / FortiAnalyzer record');
  const f = rec.fields;
  const type = (f.get('type') ?? '').toLowerCase();
  const subtype = (f.get('subtype') ?? '').toLowerCase();
  const date = f.get('date');
  const time = f.get('time');
  const title = titleOf(f, type, subtype).replace(/\s+/g, ' ').trim();
  return parserAlert(NAME, NAME, observables(f), {
    title: title.length > 300 ? `${title.slice(0, 297)}...` : title,
    severity: severityOf(f, rec.pri),
    observedAt: date && time ? toIsoTime(`${date}T${time}${offsetOf(f.get('tz'))}`) : null,
    ruleId: f.get('log_id') ?? f.get('logid') ?? null,
  });
}

export const fortiManagerParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['device_id=', 'devid='] },
  detect,
  parse,
};
