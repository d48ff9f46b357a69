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
    return decodeUnicodeEscapes(v.slice(1, -1).replace(/\\(["'\\])/g, '$1'));
  }
  return decodeUnicodeEscapes(v);
}

/** `\u003cNA\u003e` (JSON escapes left in text that was encoded twice) reads as `<NA>`. */
function decodeUnicodeEscapes(v: string): string {
  return v.includes('\\u')
    ? v.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : v;
}

/** A key after a pipe: `a=1|b=two words|c=3` (Santa and similar agents) separates pairs with pipes. */
const PIPE_KEY = /\|([A-Za-z_@][\w.@-]{0,63})=/g;

/**
 * Reads `key=value` pairs whose values end at whitespace unless quoted; in pipe-separated text (three or
 * more `|key=`), values run to the next `|key=` and may hold spaces.
 */
export function parsePlainKv(text: string, maxPairs = 500): KvPair[] {
  const piped = text.includes('|') ? [...text.matchAll(PIPE_KEY)] : [];
  if (piped.length >= 3) return parsePipedKv(text, piped, maxPairs);
  const out: KvPair[] = [];
  const matches: RegExpExecArray[] = [];
  for (const m of text.matchAll(PLAIN_PAIR)) {
    matches.push(m);
    if (matches.length >= maxPairs) break;
  }
  const commaList = text.includes(', ') && isCommaList(text, matches);
  for (const m of matches) {
    const value = m[2];
    if (m[1] === undefined || value === undefined) continue;
    const key = commaList ? spacedKeyHead(text, m.index + m[0].indexOf(m[1])) + m[1] : m[1];
    out.push({ key, value: unquote(value) + spacedPrincipalTail(text, value, m.index + m[0].length) });
    if (out.length >= maxPairs) break;
  }
  return out;
}

/** Pairs written `Key=value, Key=value, …`: most values end at a comma. */
function isCommaList(text: string, matches: readonly RegExpExecArray[]): boolean {
  if (matches.length < 3) return false;
  const commaEnded = matches.filter((m) => text.charCodeAt(m.index + m[0].length) === 44).length;
  return commaEnded * 2 >= matches.length;
}

/** Words between the previous comma and a key (`, Device IP Address=`): the key's head, with its space. */
const KEY_HEAD = /,\s*([A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,3}) $/;

/** In a comma list a key may hold spaces (`Device IP Address=…`): the words before `keyAt`, else ''. */
function spacedKeyHead(text: string, keyAt: number): string {
  if (text.charCodeAt(keyAt - 1) !== 32) return '';
  const head = KEY_HEAD.exec(text.slice(Math.max(0, keyAt - 64), keyAt))?.[1];
  return head === undefined ? '' : `${head} `;
}

/** The rest of a Windows principal whose domain has a space (`NT AUTHORITY\SYSTEM`, `IIS APPPOOL\web`). */
const PRINCIPAL_TAIL = /^(?: [A-Za-z]{2,16}){1,2}\\[^\s,;"'=\\]+(?=$|[\s,;])/;

/** After an unquoted one-word value, the words up to a `\\` and the name after it, else ''. */
export function spacedPrincipalTail(text: string, value: string, end: number): string {
  if (!/^[A-Za-z]{2,16}$/.test(value) || text.charCodeAt(end) !== 32) return '';
  return PRINCIPAL_TAIL.exec(text.slice(end, end + 64))?.[0] ?? '';
}

function parsePipedKv(text: string, piped: RegExpExecArray[], maxPairs: number): KvPair[] {
  const head = piped[0]?.index ?? text.length;
  const out: KvPair[] = [];
  for (const m of text.slice(0, head).matchAll(PLAIN_PAIR)) {
    if (m[1] !== undefined && m[2] !== undefined) out.push({ key: m[1], value: unquote(m[2]) });
  }
  for (let i = 0; i < piped.length && out.length < maxPairs; i += 1) {
    const m = piped[i];
    const key = m?.[1];
    if (!m || key === undefined) continue;
    const end = piped[i + 1]?.index ?? text.length;
    out.push({ key, value: unquote(text.slice(m.index + m[0].length, end).trim()) });
  }
  return out.slice(0, maxPairs);
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
