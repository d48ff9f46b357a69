// Varonis DatAdvantage / DatAlert syslog CEF (`CEF:0|Varonis Inc.|DatAdvantage|…`), read as Elastic's
// `varonis.logs` pipeline maps it: the acting user (`duser`) is user.name, the syslog host is host.name.
import { parseCef, type CefRecord } from '../cef.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const CEF_HEADER = /CEF:\s?\d+\|Varonis[^|]*\|/i;

function read(raw: unknown): CefRecord | null {
  const s = textOf(raw);
  if (s === null || !CEF_HEADER.test(s.slice(0, 1024))) return null;
  const cef = parseCef(s);
  return cef && /^varonis\b/i.test(cef.vendor) ? cef : null;
}

/** Extension values by lower-cased key; the last non-empty value of a key wins. */
function extensionMap(cef: CefRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const { key, value } of cef.extensions) {
    const v = value.trim();
    if (v !== '') out.set(key.toLowerCase(), v);
  }
  return out;
}

/** An extension value as written (CEF escapes kept), up to the next ` key=`; null when absent or empty. */
function verbatim(text: string, key: string): string | null {
  const m = new RegExp(`(?:^|\\s)${key}=(.*?)(?=\\s+[A-Za-z][\\w.]*=|\\s*$)`).exec(text);
  const v = m?.[1]?.trim();
  return v ? v : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A CEF `rt`/`end` stamp (`Nov 22 2024 16:19:09`, read as UTC), epoch milliseconds or ISO 8601. */
function cefTime(v: string | undefined): string | null {
  if (!v) return null;
  const m = /^([A-Za-z]{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(v);
  const month = m?.[1] ? MONTHS.indexOf(m[1].toLowerCase()) : -1;
  if (m && month >= 0) {
    const ms = Number((m[7] ?? '0').padEnd(3, '0'));
    const d = new Date(
      Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), ms),
    );
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return toIsoTime(v);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const cef = read(raw);
  if (!cef) throw new Error('not a Varonis CEF record');
  const ext = extensionMap(cef);
  const obs = new ObservablesBuilder();
  // The acting user is user.name; Elastic keeps the value exactly as written (domain prefix and escapes).
  const text = textOf(raw) ?? '';
  obs.user(verbatim(text, 'duser') ?? ext.get('destinationusername'));
  obs.user(verbatim(text, 'suser') ?? ext.get('sourceusername'));
  // The syslog header's host (the Varonis server) is host.name; `dhost` (the file server) becomes host.ip only.
  const header = cef.prefix ? parseSyslog(`${cef.prefix} x`) : null;
  obs.host(header?.host);
  const ruleName = ext.get('cs2label')?.toLowerCase() === 'rulename' ? ext.get('cs2') : undefined;
  const ruleId = ext.get('cn1label')?.toLowerCase() === 'ruleid' ? ext.get('cn1') : undefined;
  return parserAlert('varonis.logs', 'varonis.logs', obs, {
    title: `Varonis: ${ruleName ?? cef.name ?? ext.get('act') ?? cef.signatureId}`,
    severity: mapSeverity(cef.severity) ?? 'medium',
    observedAt: cefTime(ext.get('rt')) ?? cefTime(ext.get('end')) ?? toIsoTime(header?.timestamp),
    ruleId: ruleId ?? cef.signatureId ?? null,
  });
}

export const varonisParser: Parser = {
  name: 'varonis.logs',
  claims: { keys: [], text: ['|Varonis'] },
  detect: detectorOf(read),
  parse,
};
