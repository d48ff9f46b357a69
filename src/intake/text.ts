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
