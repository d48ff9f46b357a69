// IP address validation and canonical spelling (IPv4 dotted quad, IPv6 per RFC 5952), including the
// port, bracket and zone-id spellings vendors use, and a text scanner that rejects IP look-alikes.
import { isIP } from 'node:net';
import { trimLeading, trimTrailing } from './text.js';

const V4_PART = /^\d{1,3}$/;
/** Colon-separated two-digit hex groups (MAC addresses, certificate serials, byte dumps), not addresses. */
const MAC_LIKE = /^(?:[0-9A-Fa-f]{2}[:-]){5,}[0-9A-Fa-f]{2}/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses an IPv4 dotted quad into its four octets, or null. Leading zeros are read as decimal. */
function parseV4(s: string): number[] | null {
  // Most text handed here is not an address: a dotted quad is 7 to 15 characters and starts with a digit.
  const first = s.charCodeAt(0);
  if (s.length < 7 || s.length > 15 || first < 48 || first > 57) return null;
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!V4_PART.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** Parses an IPv6 address (no zone, no brackets) into eight 16-bit groups, or null. */
function parseV6(s: string): number[] | null {
  if (s.length < 2 || s.length > 45) return null;
  let head = s;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return null;
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseV4(last);
    if (!v4) return null;
    tail = [((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0)];
    head = s.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const toGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const g of part.split(':')) {
      if (!HEX_GROUP.test(g)) return null;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const left = toGroups(halves[0] ?? '');
  if (!left) return null;
  if (halves.length === 1) {
    const all = [...left, ...tail];
    return all.length === 8 ? all : null;
  }
  const right = toGroups(halves[1] ?? '');
  if (!right) return null;
  const known = left.length + right.length + tail.length;
  if (known > 7) return null;
  return [...left, ...new Array<number>(8 - known).fill(0), ...right, ...tail];
}

/** Writes eight groups per RFC 5952: lower case, no leading zeros, longest zero run (≥2) as `::`. */
function formatV6(groups: number[]): string {
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const a = groups[6] ?? 0;
    const b = groups[7] ?? 0;
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * The canonical spelling of a bare IP address (an IPv6 zone id is dropped; IPv4-mapped IPv6 becomes
 * IPv4), or null when `s` is not exactly one address.
 */
export function canonicalIp(s: string): string | null {
  const t = s.trim();
  if (t.length < 2 || t.length > 60) return null;
  if (!t.includes(':')) {
    const v4 = parseV4(t);
    return v4 ? v4.join('.') : null;
  }
  const bare = t.replace(/%[0-9A-Za-z._-]+$/, '');
  if (MAC_LIKE.test(bare)) return null;
  const groups = parseV6(bare);
  if (!groups) return null;
  const out = formatV6(groups);
  return isIP(out) ? out : null;
}

/** True when `s` is exactly one IP address (any spelling `canonicalIp` accepts). */
export const isIpAddress = (s: string): boolean => canonicalIp(s) !== null;

/**
 * Reads an address as vendors write it in a field: bare, `[v6]:port`, `v4:port`, `v4/port`,
 * `v4(port)`, `v6#port`, `v6p1234`, `v6 port 1234`, `v6.1234`, `v6:1234` (nine groups), with quotes
 * or a zone id. Returns the canonical address, or null.
 */
export function parseAddress(raw: string): string | null {
  let s = raw.trim();
  if (s.length < 2 || s.length > 80) return null;
  s = trimTrailing(trimLeading(s, `"'<`), `>"'`);
  const direct = canonicalIp(s);
  if (direct) return direct;
  const bracket = /^\[([0-9A-Fa-f:.%\w-]+)\](?::\d{1,5})?$/.exec(s);
  if (bracket?.[1]) return canonicalIp(bracket[1]);
  const v4Port = /^(\d{1,3}(?:\.\d{1,3}){3})(?:[:/.](\d{1,5})|\(\d{1,5}\)| port \d{1,5})$/.exec(s);
  if (v4Port?.[1]) {
    const ip = canonicalIp(v4Port[1]);
    // `203.0.113.0/24` is a network, not an address with a port.
    return ip && v4Port[2] !== undefined && s[v4Port[1].length] === '/' && isNetwork(ip, Number(v4Port[2]))
      ? null
      : ip;
  }
  const v6Port = /^([0-9A-Fa-f:.]+?)(?:#|p| port |\.| )\d{1,5}$/.exec(s);
  if (v6Port?.[1] && v6Port[1].includes(':')) {
    const ip = canonicalIp(v6Port[1]);
    if (ip) return ip;
  }
  const colonPort = /^([0-9A-Fa-f:]+):(\d{1,5})$/.exec(s);
  if (colonPort?.[1] && colonPort[1].split(':').length === 8) return canonicalIp(colonPort[1]);
  return null;
}

/**
 * Words that, right before a dotted number, mark it as a version or OID rather than an address (`kernel
 * 5.15.0.91`, `upgraded to 4.2.1.9`, `agent updated from 4.2.1.8`); and the product tokens of a browser's user
 * agent, whose versions have four parts (`Chrome/122.0.0.0`, `OPR/106.0.0.0`). `updated to` alone is not one: a
 * DNS record or an interface is updated to an address.
 */
const LOOKALIKE_CONTEXT =
  /(?:\b(?:version|ver|vers|build|release|firmware|fw|rev|revision|oid|patch|hotfix)["']?[\s:=_-]*["']?|\bkernel[\s=]+|\b(?:up|down)grad(?:e|ed|es|ing)\s+(?:to|from)\s+|\b(?:sensor|agent|software|package|driver|plugin)\s+updat(?:e|ed|es|ing)\s+(?:to|from)\s+|\b[vV]|\b(?:Chrome|Chromium|CriOS|HeadlessChrome|OPR|Opera|Edge?|EdgA|EdgiOS|YaBrowser|Vivaldi|SamsungBrowser|Firefox|FxiOS|Safari|AppleWebKit|Version|Electron|UCBrowser|Whale|QQBrowser|Trident|MSIE)\/)$/i;

/**
 * A software component named right before a dotted number and what happened to it right after (`Falcon sensor
 * 7.11.0.1 updated`, `agent 4.2.1.9 installed`): a version. Either alone is not enough (`sensor 10.0.0.12 is
 * offline`, `10.0.0.5 installed KB5034441`).
 */
const COMPONENT_BEFORE = /\b(?:sensor|agent|software|package|driver|plugin)\s+$/i;
const LIFECYCLE_AFTER =
  /^\s+(?:(?:un)?installed|updated|upgraded|downgraded|deployed|released|rolled\s+(?:out|back)|outdated|is\s+(?:outdated|out\s+of\s+date))\b/i;

/** A camel-case version key before the value (`"applicationVersion":"11.0.0.2"`, `osBuild=10.0.19045.1`). */
const CAMEL_VERSION = /[a-z](?:Version|Ver|Build|Release|Firmware|Revision)["']?\s*[:=]\s*["']?$/;

/**
 * Whether `s[start, end)` is a directory of a file path (`…\Application\7.22.1.105\app.exe`,
 * `/opt/app/1.2.3.4/bin`): a version, not an address. The server of a URL (`http://192.0.2.1/x`) or of a UNC
 * path (`\\192.0.2.1\share`) is not one.
 */
function inPath(s: string, start: number, end: number): boolean {
  const before = s[start - 1];
  if ((before !== '\\' && before !== '/') || s[end] !== before) return false;
  return s[start - 2] !== before;
}

/** An IP found in text, with where it was and what came right before it. */
export interface IpHit {
  ip: string;
  index: number;
  end: number;
  raw: string;
}

const V4_IN_TEXT = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?!\w|\.\d)/g;

/** An IPv4 address as its 32-bit number (0 for anything that is not one). */
const v4Number = (ip: string): number => (parseV4(ip) ?? []).reduce((acc, o) => acc * 256 + o, 0);

/**
 * Whether `ip` followed by `/<n>` names a network in CIDR notation (`198.51.100.0/24`, `2001:db8::/32`): a
 * prefix shorter than the address with every host bit zero. A slash and a number after a host's address is its
 * port (`192.0.2.1/443`, Cisco's `192.0.2.7/21`), and `/32` is one host.
 */
export function isNetwork(ip: string, prefix: number): boolean {
  if (!Number.isInteger(prefix) || prefix < 0) return false;
  if (!ip.includes(':')) {
    if (prefix >= 32) return false;
    return parseV4(ip) !== null && v4Number(ip) % 2 ** (32 - prefix) === 0;
  }
  if (prefix >= 128) return false;
  const groups = parseV6(ip);
  if (!groups) return false;
  const bits = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
  return (bits & ((1n << BigInt(128 - prefix)) - 1n)) === 0n;
}

/** Whether the address that ends at `end` in `text` is followed by a CIDR prefix that makes it a network. */
function networkAt(text: string, ip: string, end: number): boolean {
  if (text.charCodeAt(end) !== 47) return false;
  const m = /^\/(\d{1,3})(?![\w./-])/.exec(text.slice(end, end + 5));
  return m?.[1] !== undefined && isNetwork(ip, Number(m[1]));
}

/**
 * Whether the IPv4 address at `start`..`end` is an end of a range written `low-high` with no spaces
 * (`RFC1918: 192.168.0.0-192.168.255.255`): a span of a zone or a pool, not an address the event involves.
 */
function rangeAt(text: string, start: number, end: number): boolean {
  const ip = text.slice(start, end);
  const after = /^-(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])/.exec(text.slice(end, end + 17));
  if (after?.[1] && parseV4(after[1])) return v4Number(ip) < v4Number(after[1]);
  const before = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})-$/.exec(text.slice(Math.max(0, start - 17), start));
  return before?.[1] !== undefined && parseV4(before[1]) !== null && v4Number(before[1]) < v4Number(ip);
}

/** Maximal runs of address characters (linear to scan); runs with fewer than two colons are skipped. */
const V6_IN_TEXT = /[0-9A-Fa-f:.]+(?:%[0-9A-Za-z._-]+)?/g;

function v6Candidate(token: string): string | null {
  let t = trimTrailing(token, '.');
  if (MAC_LIKE.test(t)) return null;
  if (t === '::' || t.replace(/[:.]/g, '').length < 2) return null;
  const direct = canonicalIp(t);
  if (direct && direct.includes(':') && t.split(':').filter(Boolean).length >= 2) return direct;
  if (direct && !direct.includes(':')) return direct;
  // Nine groups: the last is a port (`v6:1234`).
  const groups = t.split(':');
  if (groups.length === 9 && !t.includes('::')) {
    t = groups.slice(0, 8).join(':');
    return canonicalIp(t);
  }
  return null;
}

/**
 * A netmask written in text (`mask 255.255.252.0`): leading ones then zeros, from a first octet of 255. Never an
 * indicator in prose; a field that holds one whole is read as its key says. The all-ones broadcast address is
 * kept: flows to it (`0.0.0.0:68 -> 255.255.255.255:67`) name it as their destination.
 */
function isNetmask(ip: string): boolean {
  if (!ip.startsWith('255.') || ip === '255.255.255.255') return false;
  const n = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const inverted = 0xffffffff - n;
  return (inverted & (inverted + 1)) === 0;
}

/**
 * Finds IP addresses in free text, skipping look-alikes: version strings (`version 10.0.19041.1`,
 * `v1.2.3.4`, `kernel 5.15.0.91`, `upgraded to 4.2.1.9`, `sensor 7.11.0.1 updated`, a directory of a path),
 * OIDs (`1.3.6.1.4.1`), longer dotted numbers, MAC addresses, clock times, netmasks and networks in CIDR
 * notation (`203.0.113.0/24`).
 * Scans at most `maxChars` characters.
 */
export function findIps(text: string, maxChars = 65_536): IpHit[] {
  const s = text.length > maxChars ? text.slice(0, maxChars) : text;
  const hits: IpHit[] = [];
  let versionEnd = -1;
  for (const m of s.matchAll(V4_IN_TEXT)) {
    const raw = m[1] ?? '';
    const index = m.index ?? 0;
    const before = s.slice(Math.max(0, index - 24), index);
    const end = index + raw.length;
    if (
      LOOKALIKE_CONTEXT.test(before) ||
      CAMEL_VERSION.test(before) ||
      (COMPONENT_BEFORE.test(before) && LIFECYCLE_AFTER.test(s.slice(end, end + 24))) ||
      inPath(s, index, end) ||
      // `from 4.2.1.8 to 4.2.1.9`: the number a version goes to is one too.
      (versionEnd >= 0 && index - versionEnd <= 12 && /^\s+to\s+$/.test(s.slice(versionEnd, index)))
    ) {
      versionEnd = end;
      continue;
    }
    const ip = canonicalIp(raw);
    // After an address and a slash (`172.16.12.81/255.255.255.255`), even the all-ones address is its mask.
    const maskOf =
      ip === '255.255.255.255' &&
      s[index - 1] === '/' &&
      /\d$/.test(s.slice(Math.max(0, index - 2), index - 1));
    if (ip && !maskOf && !isNetmask(ip) && !networkAt(s, ip, end) && !rangeAt(s, index, end))
      hits.push({ ip, index, end, raw });
  }
  if (s.includes(':')) {
    for (const m of s.matchAll(V6_IN_TEXT)) {
      let token = m[0];
      let index = m.index ?? 0;
      const prev = index > 0 ? s[index - 1] : '';
      if (prev && /[\w]/.test(prev)) {
        // `OUTSIDE:2a02:…` — a word label glued on with a colon: drop the label.
        const cut = token.indexOf(':');
        token = token.slice(cut + 1);
        index += cut + 1;
      }
      if ((token.match(/:/g) ?? []).length < 2) continue;
      if (/^\d{1,3}(?:\.\d{1,3}){3}/.test(token)) continue;
      const ip = v6Candidate(token);
      if (ip && !networkAt(s, ip, index + token.length))
        hits.push({ ip, index, end: index + token.length, raw: token });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}
