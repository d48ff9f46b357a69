// WatchGuard Firebox syslog: `<pri>Mmm dd hh:mm:ss <device> [<serial>] (<iso time>) <process>: msg_id="…" …` traffic
// lines (Allow/Deny, source and destination by position, then key="value" pairs), event lines (logins,
// authentication, blocked sites, PPPoE, APT) and IPS alarms, mapped as Elastic's watchguard_firebox pipelines map them.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

interface FireboxLine {
  pri: number;
  timestamp: string;
  device: string;
  msgId: string | null;
  process: string;
  body: string;
}

const HEADER =
  /^<(\d{1,3})>([A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}) ([0-9A-Za-z][\w.-]{0,253})(?: ([0-9A-Z]{6,20}))?(?: \S+)?(?: \((\d{4}-\d{2}-\d{2}T[\d:.]+)\))? ([^\s[\]:]{1,64})(?:\[\d+\])?: ([\s\S]*)$/;
const MSG_ID = /^msg_id="([0-9A-F]{4}-[0-9A-F]{4})" ?/;
/** Tokens of a traffic line's head: a word, digits, an address. */
const WORD = /^\w+$/;
const DIGITS = /^\d+$/;
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;
/** Traffic lines name their two addresses within their first words; the reading looks no further. */
const TRAFFIC_TOKENS = 40;

/**
 * `Allow|Deny <in_if> <out_if> [<len>] <proto> [<hdr_len> <ttl>] <src_ip> <dst_ip> [<sport> <dport>] …`, read
 * by words as `^(\w+) (.+?) (.+?)(?: \d+)? (\w+)(?: \d+ \d+)? <ip> <ip>(?= |$)([\s\S]*)$` matches it: the
 * shortest interface names first, the optional numbers taken when they are there. As that pattern, the two lazy
 * interface names (they may hold spaces) made a long hostile body take seconds (cubic time). Returns the
 * groups as `exec` would: action, in, out, protocol, source, destination, the rest.
 */
function trafficOf(body: string): string[] | null {
  const lineEnd = body.search(/[\n\r\u2028\u2029]/);
  const tokens = (lineEnd < 0 ? body : body.slice(0, lineEnd)).split(' ', TRAFFIC_TOKENS);
  const action = tokens[0] ?? '';
  if (!WORD.test(action)) return null;
  const is = (re: RegExp, k: number): boolean => re.test(tokens[k] ?? '');
  for (let i = 2; i < tokens.length; i += 1) {
    const inIf = tokens.slice(1, i).join(' ');
    if (!inIf) continue;
    for (let j = i + 1; j < tokens.length; j += 1) {
      const outIf = tokens.slice(i, j).join(' ');
      if (!outIf) continue;
      for (const k of is(DIGITS, j) ? [j + 1, j] : [j]) {
        if (!is(WORD, k)) continue;
        for (const m of is(DIGITS, k + 1) && is(DIGITS, k + 2) ? [k + 3, k + 1] : [k + 1]) {
          if (!is(ADDRESS, m) || !is(ADDRESS, m + 1)) continue;
          const end = tokens.slice(0, m + 2).join(' ').length;
          if (end < body.length && body.charAt(end) !== ' ') continue;
          const groups = [action, inIf, outIf, tokens[k] ?? '', tokens[m] ?? '', tokens[m + 1] ?? ''];
          return [body, ...groups, body.slice(end)];
        }
      }
    }
  }
  return null;
}
const KV = /(?:^| )([^\s="]+)=("[^"]*"|[^\s"]*)/g;

function asFirebox(raw: unknown): FireboxLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<')) return null;
  const m = HEADER.exec(s);
  if (!m) return null;
  const rest = m[7] ?? '';
  const id = MSG_ID.exec(rest);
  // A serial followed by a msg_id, or by an ISO time in parentheses, marks a Firebox line.
  if (!id && m[5] === undefined) return null;
  return {
    pri: Number(m[1]),
    timestamp: m[2] ?? '',
    device: m[3] ?? '',
    msgId: id?.[1] ?? null,
    process: m[6] ?? '',
    body: id ? rest.slice(id[0].length) : rest,
  };
}

function keyValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(KV)) {
    const v = (m[2] ?? '').replace(/^"|"$/g, '');
    if (m[1]) out.set(m[1], v);
  }
  return out;
}

/** A user as Elastic's grok splits it (`DOMAIN\user`, `user@domain`, `user`); null when it matches none. */
function splitUser(value: string): { user: string; domain: string | null } | null {
  const slash = /^([0-9A-Za-z][\w.-]*)\\{1,2}([\w.-]+)$/.exec(value);
  if (slash) return { user: slash[2] ?? '', domain: slash[1] ?? null };
  const at = /^([\w.-]+)@([0-9A-Za-z][\w.-]*)$/.exec(value);
  if (at) return { user: at[1] ?? '', domain: at[2] ?? null };
  return /^[\w.-]+$/.test(value) ? { user: value, domain: null } : null;
}

function addUser(obs: ObservablesBuilder, value: string | undefined): void {
  const u = value ? splitUser(value) : null;
  if (!u) return;
  obs.user(u.user);
  if (u.domain) obs.host(u.domain);
}

/** An address with an optional `:port` (`ctl_src`, `ctl_dst`). */
const hostPart = (v: string | undefined): string | undefined =>
  v && !canonicalIp(v) ? v.replace(/:\d+$/, '') : v;

/** Traffic key/value pairs, each to the role the traffic pipeline gives it. */
function trafficPairs(kv: Map<string, string>, obs: ObservablesBuilder): void {
  addUser(obs, kv.get('authenticated_user'));
  addUser(obs, kv.get('user'));
  addUser(obs, kv.get('src_user'));
  addUser(obs, kv.get('dst_user'));
  for (const k of ['address', 'from', 'to', 'sender', 'recipients']) {
    const v = kv.get(k);
    if (v) obs.user(v);
  }
  for (const k of ['bounce_ip', 'call_from', 'call_to']) {
    const v = kv.get(k);
    if (v && canonicalIp(v)) obs.ip(v);
  }
  const ctlSrc = hostPart(kv.get('ctl_src'));
  if (ctlSrc && canonicalIp(ctlSrc)) obs.srcIp(ctlSrc);
  const ctlDst = hostPart(kv.get('ctl_dst'));
  if (ctlDst && canonicalIp(ctlDst)) obs.dstIp(ctlDst);
  for (const k of ['ipaddress', 'srv_ip']) {
    const v = kv.get(k);
    if (v && canonicalIp(v)) obs.dstIp(v);
  }
  const host = kv.get('host');
  if (host && canonicalIp(host)) obs.dstIp(host);
  else if (host) obs.domain(host);
  for (const k of ['cn', 'dstname', 'question', 'domain', 'hostname', 'sni']) {
    const v = kv.get(k);
    if (v) obs.domain(v);
  }
  // A destination named by its address (`dstname="198.51.100.7"`) is still the named host, as Elastic keeps it.
  hostIfAddress(obs, kv.get('dstname'));
  const sensor = kv.get('sensor');
  if (sensor) obs.host(sensor);
}

/** A name field whose value is an address: a host (as `related.hosts` keeps it); a DNS name is a domain. */
function hostIfAddress(obs: ObservablesBuilder, value: string | undefined): void {
  if (value && canonicalIp(value)) obs.host(value);
}

/** An event body's indicators: `user` (split like Elastic's `_tmp_user`), `name` (kept whole), `ip` (source). */
interface EventHit {
  user?: string;
  name?: string;
  /** The address the event is about: the source. */
  ip?: string;
  /** An address the event names that Elastic relates only. */
  related?: string;
  authServer?: string;
}

/** A line break: the lazy `.` of the event patterns never crosses one. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * The text between `open` and the first of `closes` after it (at least one character) in the body's first line,
 * which starts with `prefix` and then at least `gap` characters before `open`: what an anchored
 * `prefix.{gap,}?open(.+?)(?:close…)` captures, read by index. As patterns, a lazy
 * prefix and a lazy capture retried each other from every `open` of a long hostile line (quadratic time).
 */
function firstLineBetween(
  body: string,
  prefix: string,
  gap: number,
  open: string,
  closes: readonly string[],
): string[] | null {
  const line = body.split(LINE_BREAK, 1)[0] ?? '';
  if (!line.startsWith(prefix)) return null;
  const at = line.indexOf(open, prefix.length + gap);
  if (at < 0) return null;
  const from = at + open.length;
  const ends = closes.map((c) => line.indexOf(c, from + 1)).filter((i) => i >= 0);
  return ends.length === 0 ? null : [line, line.slice(from, Math.min(...ends))];
}

/** A pattern, or a reader that returns the same groups (index 0 the whole text, as `exec` would). */
type EventMatcher = RegExp | ((body: string) => readonly (string | undefined)[] | null);

const EVENTS: readonly {
  ids: readonly string[];
  re: EventMatcher;
  hit: (m: readonly (string | undefined)[]) => EventHit;
}[] = [
  {
    ids: ['1100-0004', '1100-0005'],
    // The auth type holds no `[` and the user no `[` or line break: with `.+?` and `.*?`, each ` user [` of a long
    // hostile line was retried to its end (quadratic time).
    re: /^Authentication of [^[\n\r\u2028\u2029]+? user \[([^[\n\r\u2028\u2029]*?)\] from (\S+) was (?:accepted|rejected, )/,
    hit: (m) => ({ user: m[1], ip: m[2] }),
  },
  { ids: ['1100-0006'], re: /^User (.*?) is unlocked /, hit: (m) => ({ user: m[1] }) },
  { ids: ['1100-0007'], re: /^User (.*?) is locked out /, hit: (m) => ({ user: m[1] }) },
  {
    ids: ['1100-0008'],
    re: /^Authentication of BOVPN TLS client \[(.*?)\] from (\S+) was rejected, /,
    hit: (m) => ({ name: m[1], ip: m[2] }),
  },
  {
    ids: ['1100-000C'],
    // `/^Authentication error\. .*? for (.*)\.$/` by index: the pattern retried its tail from each ` for `.
    re: (body) => {
      const from = 'Authentication error. '.length;
      const at = body.startsWith('Authentication error. ') ? body.indexOf(' for ', from) : -1;
      if (at < 0 || !body.endsWith('.') || body.length - 1 < at + 5 || LINE_BREAK.test(body)) return null;
      return [body, body.slice(at + 5, -1)];
    },
    hit: (m) => ({ name: m[1] }),
  },
  {
    ids: ['1100-000D', '1100-000E'],
    re: /^Authentication of (?:firewall )?user \[(.*?)\] failed\./,
    hit: (m) => ({ user: m[1] }),
  },
  { ids: ['1100-0010', '1100-0012'], re: /SSO agent at ([0-9A-Fa-f:.]+?)[.\s]/, hit: (m) => ({ ip: m[1] }) },
  { ids: ['3D04-0001', '3D04-0002'], re: / Log Server at (\S+)$/, hit: (m) => ({ ip: m[1] }) },
  {
    ids: ['3E00-0002', '3E00-0003', '3E00-0004'],
    // No `@` before the user's, none in the auth server: with `.+?` and `(.+?)`, each ` w@` of a long hostile
    // line was retried to its end (quadratic time).
    re: /^[^@\n\r\u2028\u2029]+? (\w+)(?:@([^@\n\r\u2028\u2029]+?))? from (\S+) (?:logged in|log in attempt was rejected|logged out)/,
    hit: (m) => ({ name: m[1], authServer: m[2], ip: m[3] }),
  },
  {
    ids: ['5000-0001'],
    re: /^.+? (\S+) from (\S+) log in attempt was rejected - /,
    hit: (m) => ({ user: m[1], ip: m[2] }),
  },
  { ids: ['0101-0001'], re: /^Management user (\S+) from (\S+) /, hit: (m) => ({ user: m[1], ip: m[2] }) },
  {
    ids: ['0102-0001', '0102-0002'],
    re: /^(.+?) (?:added|removed) feature key '/,
    hit: (m) => ({ name: m[1] }),
  },
  {
    ids: ['7800-0000', '7800-0001'],
    re: (body) => firstLineBetween(body, 'VPN (', 0, ') connection by user ', [' failed ', ' met ']),
    hit: (m) => ({ user: m[1] }),
  },
  {
    ids: ['7001-0009'],
    re: (body) => firstLineBetween(body, 'Mobile device ', 1, ': session for user ', [' is recreated.']),
    hit: (m) => ({ user: m[1] }),
  },
  {
    ids: ['7001-0001', '7001-0002', '7001-0003'],
    re: /^Mobile device .+?: user (\S+) /,
    hit: (m) => ({ user: m[1] }),
  },
  {
    ids: ['7002-0000'],
    // `/ by user (.+?) on /` by index, line by line: the pattern retried its name from each ` by user `.
    re: (body) => {
      for (const line of body.split(LINE_BREAK)) {
        const at = line.indexOf(' by user ');
        const end = at < 0 ? -1 : line.indexOf(' on ', at + 10);
        if (end >= 0) return [line, line.slice(at + 9, end)];
      }
      return null;
    },
    hit: (m) => ({ name: m[1] }),
  },
  { ids: ['3001-1001'], re: /^Temporarily blocking host (\S+) \(/, hit: (m) => ({ ip: m[1] }) },
  { ids: ['3001-1002'], re: /The oldest entry (\S+) was removed\./, hit: (m) => ({ ip: m[1] }) },
  { ids: ['3000-012C'], re: /^ARP spoofing attack detected, ip=([^,]+),/, hit: (m) => ({ ip: m[1] }) },
  // Diagnostics: a MAC relearn refused (a loop or MAC spoofing), a redirect host, a user's quota.
  { ids: ['3000-012E'], re: /, ip=([^,]+),/, hit: (m) => ({ related: m[1] }) },
  {
    ids: ['3000-003C'],
    re: /^Route look up on HTTP redirect host (\S+) for /,
    hit: (m) => ({ related: m[1] }),
  },
  { ids: ['3000-0065'], re: /^User (\S+) used /, hit: (m) => ({ user: m[1] }) },
  {
    ids: ['3000-00C9', '3000-00CB'],
    re: /, Load Balance Server (\S+) (?:port|is) /,
    hit: (m) => ({ ip: m[1] }),
  },
  {
    ids: ['3100-0072', '3100-0074'],
    re: / IP address (\S+) did not change during cluster failover/,
    hit: (m) => ({ ip: m[1] }),
  },
];

/** Alarm bodies (msg_id 3000-01xx): the attacked address is the destination, the attacker the source. */
const ALARMS: readonly { re: RegExp; dst?: number; src?: number }[] = [
  { re: /^.+? attack against (\S+) from (\S+) detected\./, dst: 1, src: 2 },
  { re: /^.+? attack from (\S+) detected\./, src: 1 },
  { re: /^DDOS from client (\S+) detected\./, src: 1 },
  { re: /^DDOS against server (\S+) detected\./, dst: 1 },
  {
    re: /^Policy Name: .*? Source IP Address: (\S+) Source Port: \d+ Destination IP Address: (\S+) Destination Port: /,
    src: 1,
    dst: 2,
  },
  { re: /^[\w ]+: Traffic detected from (\S+?) to (\S+?)\.?(?: on port \d+\.)? \(/, src: 1, dst: 2 },
];

/** An IPS alarm's addresses; false when the body is no alarm this parser knows. */
function alarm(id: string, body: string, obs: ObservablesBuilder): boolean {
  if (!id.startsWith('3000-01')) return false;
  for (const a of ALARMS) {
    const m = a.re.exec(body);
    if (!m) continue;
    const dst = a.dst === undefined ? undefined : m[a.dst];
    const src = a.src === undefined ? undefined : m[a.src];
    // The pipeline lists the destination first in related.ip.
    if (dst && canonicalIp(dst)) obs.dstIp(dst);
    if (src && canonicalIp(src)) obs.srcIp(src);
    return true;
  }
  return false;
}

/** Event lines whose addresses go to related.ip only, or to the destination. */
function eventExtras(id: string, body: string, obs: ObservablesBuilder): void {
  const change = /, from (\S+) to (\S+)$/.exec(body);
  if (change && (id === '3100-0071' || id === '3100-0073')) for (const v of [change[1], change[2]]) obs.ip(v);
  const pppoe = /acquired IP address (\S+), peer (\S+)$/.exec(body);
  if (pppoe && id === '0900-0009') {
    obs.srcIp(pppoe[1]);
    obs.dstIp(pppoe[2]);
  }
  const enforced = /Enforced PPPoE static IP address: (\S+) is replaced with (\S+)$/.exec(body);
  if (enforced && id === '0900-0008') for (const v of [enforced[1], enforced[2]]) obs.ip(v);
  const apt = aptAddresses(body);
  if (apt && (id === '0F01-0015' || id === '0F01-0016')) {
    obs.srcIp(apt[1]);
    obs.dstIp(apt[2]);
    if (apt[3]) obs.domain(apt[3]);
    hostIfAddress(obs, apt[3]);
  }
}

/**
 * `Source IP: (\S+) Source Port: .*? Destination IP: (\S+) Destination Port: .*? Proxy Host: (.*?) Path: `, read
 * line by line in steps: as one pattern, its three lazy gaps retried each other on a long hostile line (cubic time).
 */
function aptAddresses(body: string): (string | undefined)[] | null {
  for (const line of body.split(LINE_BREAK)) {
    const src = /Source IP: (\S+) Source Port: /.exec(line);
    if (!src) continue;
    const afterSrc = src.index + src[0].length;
    const dst = / Destination IP: (\S+) Destination Port: /.exec(line.slice(afterSrc));
    if (!dst) continue;
    const proxy = line.indexOf(' Proxy Host: ', afterSrc + dst.index + dst[0].length);
    const path = proxy < 0 ? -1 : line.indexOf(' Path: ', proxy + 13);
    if (path >= 0) return [line, src[1], dst[1], line.slice(proxy + 13, path)];
  }
  return null;
}

function event(id: string, body: string, obs: ObservablesBuilder): void {
  if (alarm(id, body, obs)) return;
  for (const e of EVENTS) {
    if (!e.ids.includes(id)) continue;
    const m = typeof e.re === 'function' ? e.re(body) : e.re.exec(body);
    if (!m) continue;
    const hit = e.hit(m);
    addUser(obs, hit.user);
    if (hit.name) obs.user(hit.name);
    if (hit.authServer) obs.host(hit.authServer);
    if (hit.ip && canonicalIp(hit.ip)) obs.srcIp(hit.ip);
    if (hit.related && canonicalIp(hit.related)) obs.ip(hit.related);
    return;
  }
  eventExtras(id, body, obs);
}

const detect = (raw: unknown): boolean => asFirebox(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asFirebox(raw);
  if (!line) throw new Error('not a WatchGuard Firebox line');
  const obs = new ObservablesBuilder();
  obs.host(line.device);
  const t = trafficOf(line.body);
  const traffic = t && canonicalIp(t[5] ?? '') && canonicalIp(t[6] ?? '') ? t : null;
  let kv = new Map<string, string>();
  if (traffic) {
    obs.srcIp(traffic[5]);
    obs.dstIp(traffic[6]);
    kv = keyValues(traffic[7] ?? '');
    trafficPairs(kv, obs);
  } else if (line.msgId) event(line.msgId, line.body, obs);
  const threat = kv.get('signature_name') ?? kv.get('virus');
  const title = traffic
    ? [
        `WatchGuard ${traffic[1] ?? ''} ${traffic[4] ?? ''} ${traffic[5] ?? ''} -> ${traffic[6] ?? ''}`,
        kv.get('msg') ?? null,
        threat ? `(${threat})` : null,
      ]
        .filter((p): p is string => p !== null && p !== '')
        .join(' ')
    : `WatchGuard ${line.process}: ${line.body.slice(0, 200)}`;
  const severity = threat ? 'high' : traffic?.[1] === 'Deny' ? 'low' : syslogSeverityOfPri(line.pri);
  return parserAlert('watchguard_firebox', 'watchguard_firebox.log', obs, {
    title,
    severity,
    observedAt: toIsoTime(line.timestamp),
    ruleId: line.msgId ?? line.process,
  });
}

export const watchguardFireboxParser: Parser = {
  name: 'watchguard_firebox',
  claims: { keys: [], text: [': msg_id="', ' ('] },
  detect,
  parse,
};
