// Reads roles out of free text: which address is the source or destination (`from X`, `X -> Y`,
// `src X dst Y`, `between X and Y`) and which words name a user (`for user X`, `user 'X'`, `by X(uid=`).
import { findIps, type IpHit } from './ip.js';
import { spacedPrincipalTail } from './kv.js';
import { trimTrailing } from './text.js';

/** Addresses and users found in a piece of free text. */
export interface TextFindings {
  src: string[];
  dst: string[];
  /** Addresses with no side, in order of appearance. */
  other: string[];
  users: string[];
  /** Names of hosts or domains the text ties to a user (`10.0.0.1/443(CORP\\bob)` gives `CORP`). */
  hosts: string[];
}

/**
 * Cisco ASA/FTD write the identity-firewall user after an address: `IP/port(DOMAIN\user)`. Elastic
 * keeps the user and puts its domain (not the `LOCAL` user database) in related.hosts.
 */
const ADDRESS_USER = /[\d\]]\/\d{1,5}\s?\(((?:[\w.-]{1,64}\\){1,3})([\w.$@-]{1,64})\)/g;

const SRC_BEFORE =
  /(?:\b(?:from|src|source|client|attacker|origin|sender|rhost|remote host|remote|peer|caller|connection from|login from|requested by|srcip|src[_-]ip|source ip|source address|source network address|saddr)\s*[:=]?\s*(?:host\s+|address\s+|ip\s+)?[[('"]?(?:[A-Za-z][\w-]*[:/])?|\[AF_INET6?\]|\bfor\s+[A-Za-z][\w-]*:|\bban(?:ned|ning)?\s+|(?:^|[.;!?]\s+)IP:\s*)$/i;
const DST_BEFORE =
  /(?:\b(?:to|dst|dest|destination|server|target|towards|dstip|dst[_-]ip|destination ip|destination address|daddr)\s*[:=]?\s*(?:host\s+|address\s+|ip\s+)?[[('"]?(?:[A-Za-z][\w-]*[:/])?|\bHIER_[A-Z_]+\/)$/i;
/** What lies between a source and a destination written side by side: a space, or the source's port. */
const SIDE_BY_SIDE = /^(?:\s+|\s+\d{1,5}\s+|"?,"?\d{1,5}"?,"?)$/;
const ARROW_AFTER = /^(?:[:/.#]\d{1,5}|\(\d{1,5}\)|\s+port\s+\d{1,5})?\)?\]?\s*(?:->|=>|-->|<->|→|>)\s*/;

const USER_PATTERNS: readonly RegExp[] = [
  /\b(?:for|by|authenticating)\s+(?:invalid\s+|illegal\s+|unknown\s+)?user\s+['"]?([^\s'"(),;:[\]]+)/gi,
  /\bbad\s+user(?:name)?\s+['"]?([^\s'"(),;:[\]]+)/gi,
  // `Primary authentication successful for jdoe/Users from …`, `Login failed for admin`: the account a login
  // was for, without the realm or domain written after a slash.
  /\b(?:authentication|login|logon|log-in|sign-in|signin)\s+(?:(?:succeeded|successful|success|failed|failure|denied|accepted|rejected|attempt|error|was|has|been)\s+){0,2}for\s+(?!(?:user|username|invalid|illegal|unknown|the|a|an)\s)(?![\d.]+(?:\s|$))([\w.@\\-]{1,64})(?:\/[\w.-]{1,64})?(?=[\s,;]|$)(?!\s+user\b)/gi,
  /\b(?:Accepted|Failed|Invalid)\s+(?:password|publickey|keyboard-interactive(?:\/pam)?|none|gssapi-with-mic|hostbased)\s+for\s+(?:invalid\s+user\s+)?([^\s'"(),;]+)\s+from\b/g,
  // A value that opens a brace is a serialised object (`user={'pk': 4, …}`), not a name.
  // The value follows `=` at once: `ruser= rhost=` is an empty value, not a user named `rhost=`. A query
  // string's value ends at `&` (`?User=jdoe&DeviceId=…`).
  // Not a header that ends in `-User` (`Sec-Fetch-User: ?1`).
  // A value that is itself a pair (`new user: name=bob, UID=1001`) is not the name; the rule below reads it.
  /(?<![\w-])user(?:name)?\s*(?:=|:\s*)['"]?(?![\w.-]{1,64}=)([^\s'"(),;[\]{}|&]+)/gi,
  /\bnew user: name=([^\s,;]{1,64})/g,
  /\buser(?:name)?\s+['"]([^'"\s]{1,64})['"]/gi,
  // `User admin logged out`, `user jdoe authenticated`: a user named before what they did.
  /\buser\s+([\w.@\\-]{1,64})\s+(?:logged|login|logon|logoff|authenticated|failed|succeeded|connected|disconnected|signed|(?:has\s+been|was)\s+(?:rejected|denied|locked|blocked|disabled|authenticated|logged))\b/gi,
  /\b(?:logname|ruser|acct|account|login)\s*(?:=|:\s*)['"]?([^\s'"(),;[\]{}|&]+)/gi,
  /\bby\s+([A-Za-z_][\w.-]{0,31})\(uid=\d+\)/g,
  /\bAccount Name:\s+([^\s]+)/g,
  /^\s*([\w.@\\-]+) : (?:TTY|PWD|COMMAND)=/g,
  /\bUSER=([^\s;]+)/g,
  /\[([\w.@\\-]{1,64})\] Peer Connection/g,
  /(?:^|\s)([A-Za-z][\w.@-]{0,63})\/(?=\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}\b)/g,
  // NCSA common/combined access logs: `client ident authuser [date] "request"`.
  /^\S+ \S+ ([^\s[\]"-][^\s[\]"]{0,63}) \[\d{1,2}\/\w{3}\/\d{4}:/g,
];

/** Values that patterns catch but that are not user names. */
const NOT_USERS =
  /^(?:root\)|unknown|invalid|illegal|user|users|username|from|for|by|to|with|the|a|an|is|was|and|or|\(uid=\d+\))$/i;

function sideOf(text: string, hit: IpHit): 'src' | 'dst' | null {
  const before = text.slice(Math.max(0, hit.index - 48), hit.index);
  if (SRC_BEFORE.test(before)) return 'src';
  if (DST_BEFORE.test(before)) return 'dst';
  return null;
}

/** Finds addresses with their roles, and user names, in free text (at most `maxChars` read). */
export function scanFreeText(text: string, maxChars = 65_536): TextFindings {
  const s = text.length > maxChars ? text.slice(0, maxChars) : text;
  const hits = findIps(s, maxChars);
  const out: TextFindings = { src: [], dst: [], other: [], users: [], hosts: [] };
  const roles = new Map<number, 'src' | 'dst' | null>();
  hits.forEach((h, i) => roles.set(i, sideOf(s, h)));
  let arrows = 0;
  for (let i = 0; i < hits.length; i += 1) {
    const h = hits[i];
    const next = hits[i + 1];
    if (!h || !next) continue;
    const between = s.slice(h.end, next.index);
    if (ARROW_AFTER.test(between) && between.length < 24) {
      // The first `a -> b` is the flow; later ones are usually its translation (NAT).
      roles.set(i, arrows === 0 ? 'src' : null);
      roles.set(i + 1, arrows === 0 ? 'dst' : null);
      arrows += 1;
      i += 1;
    } else if (
      /^(?:[:/]\d{1,5})?\s+and\s+$/i.test(between) &&
      /\bbetween\s+$/i.test(s.slice(Math.max(0, h.index - 10), h.index))
    ) {
      roles.set(i, 'src');
      roles.set(i + 1, 'dst');
    }
  }
  const unassigned = (i: number): boolean => (roles.get(i) ?? null) === null;
  if (![...roles.values()].includes('src')) {
    // Two bare addresses side by side (`… 10.0.0.1 10.0.0.2 …`, flow records), or each with its port
    // (`10.0.0.1 52532 10.0.0.2 443`, also as CSV columns), are source then destination.
    for (let i = 0; i + 1 < hits.length; i += 1) {
      const a = hits[i];
      const b = hits[i + 1];
      if (a && b && unassigned(i) && unassigned(i + 1) && SIDE_BY_SIDE.test(s.slice(a.end, b.index))) {
        roles.set(i, 'src');
        roles.set(i + 1, 'dst');
        break;
      }
    }
  }
  const first = hits[0];
  if (
    first &&
    unassigned(0) &&
    ![...roles.values()].includes('src') &&
    /^[\s[(]*(?:\d+(?:\.\d+)?\s+){0,2}(?:[\w.@-]+\/)?$/.test(s.slice(0, first.index))
  ) {
    // A line that starts with an address (access logs, VPN peers; after a time and duration in proxy
    // logs) names the client first.
    roles.set(0, 'src');
  }
  hits.forEach((h, i) => {
    const role = roles.get(i) ?? null;
    if (role === 'src') out.src.push(h.ip);
    else if (role === 'dst') out.dst.push(h.ip);
    // An unspecified address with no role is a wildcard (`listening on 0.0.0.0:8443`), no party of the event.
    else if (h.ip !== '0.0.0.0' && h.ip !== '::') out.other.push(h.ip);
  });
  for (const re of USER_PATTERNS) {
    for (const m of s.matchAll(re)) {
      const word = m[1] === undefined ? undefined : trimTrailing(m[1], '.:');
      // `user=NT AUTHORITY\SYSTEM`: the principal is SYSTEM, not the first word of its domain.
      const tail = word === m[1] && word ? spacedPrincipalTail(s, word, m.index + m[0].length) : '';
      const u = tail ? tail.slice(tail.lastIndexOf('\\') + 1) : word;
      if (u && /[\p{L}\p{N}]/u.test(u) && !NOT_USERS.test(u) && !/^\d+$/.test(u) && findIps(u).length === 0)
        out.users.push(u);
      if (out.users.length > 20) break;
    }
  }
  for (const m of s.matchAll(ADDRESS_USER)) {
    const domains = (m[1] ?? '').split('\\').filter(Boolean);
    const domain = domains[domains.length - 1];
    if (m[2]) out.users.push(m[2]);
    if (domain && !/^local$/i.test(domain)) out.hosts.push(domain);
    if (out.users.length > 20) break;
  }
  return out;
}
