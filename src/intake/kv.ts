// Parses key=value text: plain (`a=1 b="two words"`), CEF-style extensions where values run to the
// next key, and nested quoted values. Bounded and never throws.

/** One key=value pair in the order it appeared. */
export interface KvPair {
  key: string;
  value: string;
}

const PLAIN_PAIR =
  /(?:^|[\s,;|{(\]])([A-Za-z_@][\w.@\-[\]:]{0,63}?)=("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;"']*(?:"[^"]*")?[^\s,;]*)/g;
const SPACED_KEY = /(?:^|\s)([A-Za-z_][\w.\-[\]]{0,63})=/g;

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1).replace(/\\(["'\\])/g, '$1');
  }
  return v;
}

/** Reads `key=value` pairs whose values end at whitespace unless quoted. */
export function parsePlainKv(text: string, maxPairs = 500): KvPair[] {
  const out: KvPair[] = [];
  for (const m of text.matchAll(PLAIN_PAIR)) {
    const key = m[1];
    const value = m[2];
    if (key === undefined || value === undefined) continue;
    out.push({ key, value: unquote(value) });
    if (out.length >= maxPairs) break;
  }
  return out;
}

/** Undoes CEF escapes in an extension value (`\=`, `\\`, `\n`, `\r`). */
export function unescapeCef(v: string): string {
  return v.replace(/\\([=\\|nr])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** Reads CEF-style pairs: a value runs until the next ` key=` (an escaped `\=` does not start one). */
export function parseSpacedKv(text: string, maxPairs = 500): KvPair[] {
  const starts: Array<{ key: string; keyAt: number; valueAt: number }> = [];
  for (const m of text.matchAll(SPACED_KEY)) {
    const key = m[1];
    if (key === undefined) continue;
    const at = (m.index ?? 0) + m[0].length;
    if (text[at - 2] === '\\') continue;
    starts.push({ key, keyAt: at - key.length - 1, valueAt: at });
    if (starts.length >= maxPairs) break;
  }
  const out: KvPair[] = [];
  for (let i = 0; i < starts.length; i += 1) {
    const cur = starts[i];
    if (!cur) continue;
    const end = starts[i + 1]?.keyAt ?? text.length;
    out.push({ key: cur.key, value: unescapeCef(text.slice(cur.valueAt, end).trim()) });
  }
  return out;
}

/** How many plain key=value pairs `text` holds (at most `cap`): a cheap "is this kv text" test. */
export function countKv(text: string, cap = 8): number {
  let n = 0;
  for (const _m of text.matchAll(PLAIN_PAIR)) {
    n += 1;
    if (n >= cap) break;
  }
  return n;
}

const COLON_QUOTED = /(?:^|[\s;[,{|])([A-Za-z_][\w.-]{0,63}):\s?"((?:[^"\\]|\\.)*)"/g;

/** Reads `key:"value"` pairs (Check Point and similar syslog bodies). */
export function parseColonQuoted(text: string, maxPairs = 500): KvPair[] {
  const out: KvPair[] = [];
  for (const m of text.matchAll(COLON_QUOTED)) {
    if (m[1] === undefined || m[2] === undefined) continue;
    out.push({ key: m[1], value: m[2].replace(/\\(["\\])/g, '$1') });
    if (out.length >= maxPairs) break;
  }
  return out;
}
