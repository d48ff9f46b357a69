// Small string helpers shared by parsers and the extractor: control-character stripping, bounded
// slicing and a one-line title.

/** Removes ASCII control characters (tabs and newlines become spaces). */
export function stripControl(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) out += ' ';
    else if (c >= 32 && c !== 127) out += s[i];
  }
  return out;
}

/** The first `max` characters of `s`, without splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A one-line human title of at most `max` characters, or null when nothing printable is left. */
export function toTitle(value: unknown, max = 200): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = stripControl(clip(String(value), max * 4))
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length === 0 || s === '-') return null;
  return s.length > max ? `${clip(s, max - 1).trimEnd()}…` : s;
}

/** `s` without the run of `chars` at its start. */
export function trimLeading(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s.charAt(start))) start += 1;
  return start === 0 ? s : s.slice(start);
}

/** `s` without the run of `chars` at its end: a loop, where `/[…]+$/` rescans a long run from each start. */
export function trimTrailing(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end -= 1;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Whether `s` is shaped like an e-mail address: one `@` with something before it, a dot inside the part after
 * it, no whitespace and none of `excluded`. What `/^[^\s@]+@[^\s@]+\.[^\s@]+$/` tests, read by index: the
 * pattern backtracked over every dot of a long hostile value (quadratic time).
 */
export function isEmailAddress(s: string, excluded = ''): boolean {
  const at = s.indexOf('@');
  if (at <= 0 || s.indexOf('@', at + 1) >= 0 || /\s/.test(s)) return false;
  for (const c of excluded) if (s.includes(c)) return false;
  const dot = s.indexOf('.', at + 2);
  return dot >= 0 && dot < s.length - 1;
}

/**
 * `s` without the runs of `chars` at both ends (`/^"+|"+$/g` read by index: the pattern retried its trailing
 * alternative from each character of a long run that does not end the value, quadratic time).
 */
export function trimRuns(s: string, chars: string): string {
  return trimTrailing(trimLeading(s, chars), chars);
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The UTF-8 text that `s` encodes in base64 (standard or URL-safe alphabet), or null if `s` is not base64. */
export function base64Text(s: string): string | null {
  return s && BASE64.test(s) ? Buffer.from(s, 'base64').toString('utf8') : null;
}
