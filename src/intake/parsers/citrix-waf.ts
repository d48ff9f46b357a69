// Citrix Web App Firewall (NetScaler AppFirewall): CEF lines from `Citrix|NetScaler` and native `APPFW` syslog
// events, read as Elastic's `citrix_waf` pipeline maps them: CEF `src` is the source (no related.ip), the
// request URL's site a domain; the native form carries no parsed indicators but the address of a relay before it.
import { extensionValue as valueOf, parseCef, type CefRecord } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { RELAY } from './citrix-adc.js';
import { bareIndicatorIp, indicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'citrix_waf.log';
const VENDOR = /CEF:\s?\d+\|Citrix\|NetScaler\|/;
/**
 * A native AppFirewall event: `<n>-PPE-<n> : [default ]APPFW <EVENT> <id> <sev> : <details>`. The patterns take
 * the header up to its colon and `eventHeader` reads it by tokens: matched by one pattern (a lazy event name
 * before `\s+\d+\s+\d+`), a long run of spaces with no colon took quadratic time.
 */
const NATIVE = /\d{1,10}-PPE-\d{1,10}\s*:\s*(?:default\s+)?APPFW\s([^:]*):\s?([\s\S]*)$/;
/** The RFC 5424 spelling: app `APPFW`, proc id `<n>-PPE-<n>`, then `[default ]<EVENT> <id> <sev> : <details>`. */
const NATIVE_5424 = /^<\d{1,3}>1 (\S+) \S+ APPFW \d+-PPE-\d+ \S+ \S+ ([^:]*):\s?([\s\S]*)$/;
/** The native timestamp: `mm/dd/yyyy:hh:mm:ss` or `yyyy/mm/dd:hh:mm:ss`, then the zone. */
const NATIVE_TIME = /(\d{2,4})\/(\d{2})\/(\d{2,4}):(\d{2}:\d{2}:\d{2})\s+([A-Z]{2,5})\s/;
/** The relay's RFC 3164 stamp (`Jun 12 23:37:17`, `June 8 00:21:09`) that opens a CEF line. */
const SYSLOG_TIME = /^(?:<\d{1,3}>\s*)?([A-Z][a-z]{2,8})\s+(\d{1,2})\s+(\d{2}:\d{2}:\d{2})\s/;
const RFC5424_TIME = /^<\d{1,3}>1 (\d{4}-\d{2}-\d{2}T\S+) /;
/** The URL in a native detail line (`<client ip> <txn>-PPE<n> <session> <profile> [<text>: ]<url> …`). */
const NATIVE_URL = /(?:^|\s)([a-z][a-z0-9+.-]*:\/\/\S+)/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function citrixCef(s: string): CefRecord | null {
  if (!VENDOR.test(s.slice(0, 512))) return null;
  const cef = parseCef(s);
  return cef && cef.vendor === 'Citrix' && cef.product === 'NetScaler' ? cef : null;
}

function native(s: string): { event: string; details: string; time: string | null } | null {
  const r = NATIVE_5424.exec(s);
  const event5424 = eventHeader(r?.[2], true);
  if (r && event5424) return { event: event5424, details: r[3] ?? '', time: toIsoTime(r[1]) };
  if (!s.includes('-PPE-')) return null;
  const m = NATIVE.exec(s);
  const event = eventHeader(m?.[1], false);
  if (!m || !event) return null;
  return { event, details: m[2] ?? '', time: nativeTime(s) };
}

/**
 * The event name of an `[default ]<EVENT> <id> <severity>` header (the name may hold spaces; the two numbers
 * end it), or null when the header is not one.
 */
function eventHeader(header: string | undefined, mayStartWithDefault: boolean): string | null {
  const tokens = header?.trim().split(/\s+/) ?? [];
  if (mayStartWithDefault && tokens[0] === 'default' && tokens.length > 3) tokens.shift();
  const severity = tokens.pop() ?? '';
  const id = tokens.pop() ?? '';
  if (tokens.length === 0 || !/^\d+$/.test(id) || !/^\d+$/.test(severity)) return null;
  return tokens.join(' ');
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 65_536);
  if (s === null) return false;
  return citrixCef(s) !== null || (!VENDOR.test(s.slice(0, 512)) && native(s) !== null);
}

/** `mm/dd/yyyy:hh:mm:ss` or `yyyy/mm/dd:hh:mm:ss` in GMT/UTC as ISO; null for other zones. */
function nativeTime(s: string): string | null {
  const m = NATIVE_TIME.exec(s);
  if (!m || !/^(?:GMT|UTC)$/.test(m[5] ?? '')) return null;
  const [a = '', b = '', c = '', t = ''] = m.slice(1);
  return a.length === 4 ? toIsoTime(`${a}-${b}-${c}T${t}Z`) : toIsoTime(`${c}-${a}-${b}T${t}Z`);
}

/** The relay's stamp with the year Citrix writes in `cs5`, read as UTC (Elastic's default zone). */
function cefTime(s: string, year: string | null): string | null {
  const iso = RFC5424_TIME.exec(s)?.[1];
  if (iso) return toIsoTime(iso);
  const m = SYSLOG_TIME.exec(s);
  const month = MONTHS.indexOf((m?.[1] ?? '').slice(0, 3).toLowerCase());
  if (!m || month < 0 || !year || !/^\d{4}$/.test(year)) return null;
  const mm = String(month + 1).padStart(2, '0');
  const dd = (m[2] ?? '').padStart(2, '0');
  return toIsoTime(`${year}-${mm}-${dd}T${m[3] ?? ''}Z`);
}

/** The host of an absolute URL, or null. */
function siteOf(url: string | null): string | null {
  const m = url ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]+)/i.exec(url) : null;
  return m?.[1] ?? null;
}

/** Blocked, transformed or not: AppFirewall actions, as Vigil's severity. */
function actionSeverity(action: string | null): 'medium' | 'low' | null {
  if (!action) return null;
  return /^blocked$/i.test(action.trim()) ? 'medium' : 'low';
}

function parseCefLine(s: string, cef: CefRecord): ReturnType<Parser['parse']> {
  const ext = cef.extensions;
  // Elastic's citrix_waf pipeline sets source.ip only: no related.ip, no destination.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(valueOf(ext, 'src')));
  const url = valueOf(ext, 'request')?.replace(/\\=/g, '=') ?? null;
  obs.url(url);
  // url.domain is an indicator for the SOC; Elastic keeps it out of related.hosts.
  obs.domain(siteOf(url));
  const msg = valueOf(ext, 'msg')?.trim();
  return parserAlert(NAME, NAME, obs, {
    title: `Citrix WAF ${cef.name}${msg ? `: ${msg}` : ''}`.slice(0, 300),
    severity: mapSeverity(cef.severity, 'ten') ?? actionSeverity(valueOf(ext, 'act')),
    observedAt: cefTime(s, valueOf(ext, 'cs5')),
    ruleId: cef.name || cef.signatureId || null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw) ?? '';
  const cef = citrixCef(s);
  if (cef) return parseCefLine(s, cef);
  const line = native(s);
  if (!line) throw new Error('not a Citrix Web App Firewall record');
  // Elastic's native path parses the header only: the client address in the details is no indicator there; a
  // relay's address before the header is (its `client.ip`, related).
  const obs = new ObservablesBuilder(false);
  obs.ip(indicatorIp(RELAY.exec(s)?.[1]));
  const url = NATIVE_URL.exec(line.details)?.[1] ?? null;
  obs.url(url);
  obs.domain(siteOf(url));
  const action = /<([^<>]+)>\s*$/.exec(line.details)?.[1] ?? null;
  return parserAlert(NAME, NAME, obs, {
    title: `Citrix WAF ${line.event}: ${line.details.trim()}`.slice(0, 300),
    severity: actionSeverity(action) ?? 'low',
    observedAt: line.time,
    ruleId: line.event,
  });
}

export const citrixWafParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['|Citrix|NetScaler|', 'APPFW'] },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
