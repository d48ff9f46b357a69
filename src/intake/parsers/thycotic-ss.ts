// Delinea (Thycotic) Secret Server audit events sent as CEF syslog (`CEF:0|Thycotic Software|Secret Server|…`),
// mapped as Elastic's `thycotic_ss.logs` pipeline maps them: `src` is the client address, `suser`/`duser` users.
import { parseCef, type CefRecord } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const HEADER = /CEF:\s?\d+\|Thycotic Software\|Secret Server\|/i;

function read(raw: unknown): CefRecord | null {
  const s = textOf(raw);
  if (s === null || !HEADER.test(s.slice(0, 1024))) return null;
  const cef = parseCef(s);
  return cef && /^thycotic software$/i.test(cef.vendor) && /^secret server$/i.test(cef.product) ? cef : null;
}

/** Extension values by key; the last non-empty value of a key wins. */
function extensionMap(cef: CefRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of cef.extensions) if (value !== '') out.set(key, value);
  return out;
}

/**
 * The user name Elastic's grok keeps from `suser`/`duser`: `DOM\name@realm` and `name@realm` give `name`;
 * `DOM\name` gives nothing (the unanchored trailing `DATA` matches empty); anything else is kept whole.
 */
export function thycoticUserName(value: string | undefined): string | null {
  if (!value) return null;
  // What `/^(?:.*?\\)?(.*?)@/` captures, read by index on the first line: the pattern retried its lazy name
  // from each backslash of a long hostile value with no `@` (quadratic time).
  const line = value.split(/[\n\r\u2028\u2029]/, 1)[0] ?? '';
  const slash = line.indexOf('\\');
  const at = line.indexOf('@', slash + 1);
  if (at >= 0) return line.slice(slash >= 0 && at > slash ? slash + 1 : 0, at) || null;
  const plainAt = line.indexOf('@');
  if (plainAt >= 0) return line.slice(0, plainAt) || null;
  return value.includes('\\') ? null : value;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** CEF `rt` (`Nov 10 2022 13:13:23`, epoch milliseconds or ISO 8601), read as UTC. */
function receiptTime(v: string | undefined): string | null {
  if (!v) return null;
  const m = /^([A-Za-z]{3}) (\d{1,2}) (\d{4}) (\d{2}:\d{2}:\d{2})$/.exec(v);
  if (m?.[1] && m[2] && m[3] && m[4]) {
    const month = MONTHS.indexOf(m[1].toLowerCase());
    if (month < 0) return null;
    return toIsoTime(`${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}T${m[4]}Z`);
  }
  return toIsoTime(/^\d{12,13}$/.test(v) ? Number(v) : v);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const cef = read(raw);
  if (!cef) throw new Error('not a Thycotic Secret Server CEF record');
  const ext = extensionMap(cef);
  const obs = new ObservablesBuilder();
  // source.ip (and related.ip) from `src`, with or without a port; the syslog sender is not an indicator.
  obs.srcIp(indicatorIp(ext.get('src') ?? ext.get('sourceAddress')));
  obs.user(thycoticUserName(ext.get('suser') ?? ext.get('sourceUserName')));
  obs.user(thycoticUserName(ext.get('duser') ?? ext.get('destinationUserName')));
  return parserAlert('thycotic_ss', 'thycotic_ss.logs', obs, {
    title: `Thycotic Secret Server: ${cef.name || cef.signatureId}`,
    severity: mapSeverity(cef.severity) ?? 'info',
    observedAt: receiptTime(ext.get('rt')),
    ruleId: cef.signatureId || null,
  });
}

export const thycoticSsParser: Parser = {
  name: 'thycotic_ss',
  claims: { keys: [], text: ['|Thycotic Software|Secret Server|'] },
  detect: detectorOf(read),
  parse,
};
