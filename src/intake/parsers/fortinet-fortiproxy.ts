// Fortinet FortiProxy syslog: FortiOS-style `key=value` records (traffic, event, utm) with indicators mapped as
// Elastic's fortinet_fortiproxy.log pipeline maps them: srcip/dstip as source/destination and nothing in related.*
// (no related.ip, user or hosts; srcname is host.name, the host); web sites and URLs are kept as domains and URLs.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf, urlHostname } from './common.js';
import { fortinetRecord, type FortinetFields } from './fortinet-kv.js';
import type { Parser } from './parser.js';

const NAME = 'fortinet_fortiproxy.log';

interface FortiproxyRecord {
  /** The syslog `<pri>`, when the line has one. */
  pri: number | null;
  fields: FortinetFields;
}

/** FortiProxy serial numbers start with FPX (FortiGate FG…, FortiManager FMG…, FortiAnalyzer FAZ …). */
const PROXY_DEVID = /(?:^|\s)devid="?FPX[0-9A-Z]/;
const ANY_DEVID = /(?:^|\s)devid=/;
const LOGID = /(?:^|\s)logid="?\d{10}"?(?:\s|$)/;
const TYPE = /(?:^|\s)type="?[a-z-]+"?(?:\s|$)/;
/**
 * A record without a device serial is read as FortiProxy only when it says so: a proxy policy, a proxy
 * application type, or the FortiProxy header shape `date=… time=… tz=…` (FortiGate puts tz after eventtime).
 */
const PROXY_WITHOUT_DEVID =
  /^(?:<\d{1,3}>)?date="?\d{4}-\d{2}-\d{2}"? time="?\d{2}:\d{2}:\d{2}"? tz=|(?:^|\s)(?:policytype="?proxy-policy|proxyapptype=)/;
/** FortiProxy can also send CEF or LEEF; those lines belong to the cef / leef parsers. */
const CEF_OR_LEEF = /(?:^|[\s>|])(?:CEF|LEEF):\d/;

function asFortiproxy(raw: unknown): FortiproxyRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes('logid=') || !s.includes('type=')) return null;
  if (!LOGID.test(s) || !TYPE.test(s) || CEF_OR_LEEF.test(s.slice(0, 400))) return null;
  const head = s.trimStart();
  if (!PROXY_DEVID.test(s) && (ANY_DEVID.test(s) || !PROXY_WITHOUT_DEVID.test(head))) return null;
  return fortinetRecord(head);
}

function observables(f: FortinetFields): ObservablesBuilder {
  // The pipeline sets source.ip and destination.ip only: no related.ip, related.user or related.hosts.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(f.get('srcip')));
  obs.dstIp(bareIndicatorIp(f.get('dstip')));
  obs.host(f.get('srcname'));
  // url.domain (hostname), destination.address (dstname) and the URL: indicators, kept out of related.hosts.
  const url = f.get('url');
  obs.domain(f.get('hostname'));
  obs.domain(f.get('dstname'));
  if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    obs.url(url);
    obs.domain(urlHostname(url));
  }
  return obs;
}

/** FortiOS levels; denied or blocked traffic and UTM detections are raised a step. */
function severityOf(f: FortinetFields, type: string, subtype: string, pri: number | null): Severity {
  const stated = mapSeverity(f.get('level')) ?? (pri === null ? 'info' : syslogSeverityOfPri(pri));
  const action = (f.get('action') ?? f.get('utmaction') ?? '').toLowerCase();
  const detection = type === 'utm' && ['virus', 'ips', 'anomaly', 'dlp', 'waf'].includes(subtype);
  if (detection && action !== 'pass' && (stated === 'info' || stated === 'low')) return 'medium';
  if (['deny', 'blocked', 'block', 'dropped'].includes(action)) return stated === 'info' ? 'low' : stated;
  return stated;
}

/** `tz="-0700"` / `"+02:00"` as an ISO offset; `Z` (as Elastic assumes UTC) when absent or unreadable. */
function offsetOf(tz: string | undefined): string {
  const m = /([+-])(\d{1,2}):?(\d{2})$/.exec(tz ?? '');
  return m ? `${m[1]}${(m[2] ?? '').padStart(2, '0')}:${m[3]}` : 'Z';
}

function titleOf(f: FortinetFields, type: string, subtype: string): string {
  const what = f.get('msg') ?? f.get('logdesc') ?? f.get('hostname') ?? f.get('url') ?? f.get('action') ?? '';
  const action = f.get('action');
  const flow =
    f.get('srcip') || f.get('dstip') ? ` ${f.get('srcip') ?? '?'} -> ${f.get('dstip') ?? '?'}` : '';
  const user = f.get('user') ? ` user ${f.get('user')}` : '';
  return `FortiProxy ${type || 'log'}${subtype ? `/${subtype}` : ''}: ${what}${action && action !== what ? ` (${action})` : ''}${flow}${user}`;
}

const detect = (raw: unknown): boolean => asFortiproxy(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asFortiproxy(raw);
  if (!rec) throw new Error('not a FortiProxy record');
  const f = rec.fields;
  const type = (f.get('type') ?? '').toLowerCase();
  const subtype = (f.get('subtype') ?? '').toLowerCase();
  const date = f.get('date');
  const time = f.get('time');
  return parserAlert(NAME, NAME, observables(f), {
    title: titleOf(f, type, subtype).replace(/\s+/g, ' ').trim(),
    severity: severityOf(f, type, subtype, rec.pri),
    observedAt: date && time ? toIsoTime(`${date}T${time}${offsetOf(f.get('tz'))}`) : null,
    ruleId: f.get('logid') ?? null,
  });
}

export const fortinetFortiproxyParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['logid='] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
