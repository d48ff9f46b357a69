// Cisco ASA / FTD / PIX syslog (`%ASA-6-302013: …`): endpoints by message shape (`for … to …`,
// `src … dst …`, `faddr/gaddr/laddr`, `a -> b`, `between a and b`), mapped addresses, AAA users,
// and FTD's 430001-430005 security events (`SrcIP: …, DstIP: …, User: …`); FTD lines say `cisco_ftd.log`.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { scanFreeText } from '../text-patterns.js';
import { toIsoTime } from '../time.js';
import { localPart, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

// FTD's Snort sensor tags its security events `%NGIPS-`; one FTD release writes `%FTD--6-…`.
const TAG = /%(ASA|FTD|PIX|FWSM|NGIPS)-(?:[a-z_]+-)?-?([0-7])-(\d{6}):?\s*([\s\S]*)$/;
const IPV = '(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*[0-9A-Fa-f])';
/**
 * `iface:ip/port (mapped/port)(user)` as in 302013 and 106023. A match starts where a run of name and address
 * characters starts: tried at every `\b`, each `.` of a long hostile word was scanned to its end (quadratic).
 */
const SLASH_EP = new RegExp(
  `(?<![\\w.:-])(?:([\\w.-]+):)?(${IPV})\\/(\\d+)(?:\\s?\\((${IPV})\\/\\d+\\))?(?:\\s?\\(([^)\\s]+)\\))?`,
  'g',
);
/**
 * `iface/ip(port)` as in 106100. The name's last word is enough to find the address (group 1 is not read):
 * `[\w.-]+` was retried from every `.` of a long hostile word and scanned to its end (quadratic).
 */
const PAREN_EP = new RegExp(`\\b(\\w+)\\/(${IPV})\\((\\d+)\\)`, 'g');
/**
 * `faddr|gaddr|laddr ip/port`, then its `(user)` and ` (user)` read by FADDR_USERS from the match's end: as one
 * pattern, recheck could not prove it linear within its time limit.
 */
const FADDR = new RegExp(`\\b([fgl])addr (${IPV})\\/\\d+`, 'g');
const FADDR_USERS = /^(?:\(([^)\s]+)\))?(?:\s\(([^)\s]+)\))?/;
const BETWEEN = new RegExp(`\\bbetween (${IPV}) and (${IPV})`);
/** A second EMBLEM tag some FTD versions repeat after their own (`%FTD-6-113005: %ASA-6-113005: …`). */
const NESTED_TAG = /^%(?:ASA|FTD|PIX|FWSM)-(?:[a-z_]+-)?[0-7]-\d{6}:?\s*/;
/** FTD security events: intrusion, connection start/end, file, malware. */
const SECURITY_EVENTS = new Set(['430001', '430002', '430003', '430004', '430005']);
/** FTD's placeholders for "no user identified", which Elastic drops. */
const NO_USER = new Set(['not found', 'no authentication required']);

/**
 * The address or name in an endpoint token (`v1:outside:10.8.1.9/54864`, `outside:2001:db8::5`, `DMZ:shule/5802`):
 * the port cut, then the first suffix after an interface colon that is an address; else the last name.
 */
function endpointToken(token: string): { ip: string } | { name: string } | null {
  const paren = token.indexOf('(');
  const bare = (paren < 0 ? token : token.slice(0, paren)).replace(/\/\d{1,5}$/, '');
  let at = -1;
  do {
    const ip = canonicalIp(bare.slice(at + 1));
    if (ip) return { ip };
    at = bare.indexOf(':', at + 1);
  } while (at >= 0);
  const name = bare.slice(bare.lastIndexOf(':') + 1);
  return /^[A-Za-z][\w.-]{0,252}$/.test(name) ? { name } : null;
}

/** 106023's `src <iface:addr[/port]> dst <iface:addr[/port]>`, read token by token. */
const SRC_DST = /\bsrc (\S{1,300}) dst (\S{1,300})/;

/** An endpoint written by name (`for DMZ:shule/5802`, `to exp-angle/54703`, `faddr host.example/0`): a host. */
const NAMED_ENDPOINT =
  /\b(?:for|from|to|src|dst|[fgl]addr) (?:[\w.-]{1,64}:){0,2}([A-Za-z][\w.-]{0,252})\/\d{1,5}\b/g;

interface Endpoint {
  ip: string;
  mapped: string | null;
  user: string | null;
}

function endpointsOf(
  re: RegExp,
  msg: string,
  ipGroup: number,
  mappedGroup: number | null,
  userGroup: number | null,
): Endpoint[] {
  const out: Endpoint[] = [];
  for (const m of msg.matchAll(re)) {
    const ip = canonicalIp(m[ipGroup] ?? '');
    if (!ip) continue;
    out.push({
      ip,
      mapped: mappedGroup === null ? null : canonicalIp(m[mappedGroup] ?? ''),
      user: userGroup === null ? null : (m[userGroup] ?? null),
    });
  }
  return out;
}

/** With `domainFirst` (FTD 313005's `(DOMAIN\group\user)`), the first segment is the domain, LOCAL included. */
function addUser(obs: ObservablesBuilder, token: string | null, domainFirst = false): void {
  if (!token || token.includes('@') || /^\d+$/.test(token) || canonicalIp(token)) return;
  // A security-group tag (`(9999:my_SgtName)`) or a NAT'd name with its port (`(www.example.org/80)`): no user.
  if (/^\d+:|\//.test(token)) return;
  const parts = token.split('\\');
  const user = parts[parts.length - 1];
  if (domainFirst && parts.length >= 2) obs.host(parts[0]);
  else if (parts.length >= 2) {
    const domain = parts[parts.length - 2];
    if (domain && domain.toUpperCase() !== 'LOCAL') obs.host(domain);
  }
  obs.user(user);
}

/** The `Key: value, Key: value` pairs of an FTD security event, split as Elastic's `kv` step does
 * (its key class `[A-z1-9\s]` also admits `_`, as in `NAT_InitiatorIP`). */
function securityFields(msg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of msg.split(/,(?=[A-Za-z1-9_\s]+:)/)) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const key = part.slice(0, colon).trim();
    if (!out.has(key)) out.set(key, part.slice(colon + 1).trim());
  }
  return out;
}

/** Maps an FTD security event the way Elastic's `cisco_ftd` pipeline does. */
function addSecurityEvent(obs: ObservablesBuilder, msg: string): string | null {
  const f = securityFields(msg);
  const endpoint = (key: string, add: (v: string) => string | null): void => {
    const v = f.get(key);
    // A non-IP address becomes `source.domain` / `destination.domain`, which Elastic relates as a host.
    if (v && !add(v)) obs.host(v);
  };
  endpoint('SrcIP', (v) => obs.srcIp(v));
  obs.ip(f.get('NAT_InitiatorIP'));
  endpoint('DstIP', (v) => obs.dstIp(v));
  obs.ip(f.get('NAT_ResponderIP'));
  obs.ip(f.get('EncryptPeerIP'));
  const user = f.get('User');
  // Elastic strips the first `DOMAIN\` segment only (a lazy `%{DATA}\\`).
  if (user && !NO_USER.has(user.toLowerCase())) obs.user(user.slice(user.indexOf('\\') + 1));
  obs.host(f.get('NetBIOSDomain'));
  for (const key of ['ReferencedHost', 'SSLServerName', 'DNSQuery']) obs.domain(f.get(key));
  for (const key of ['URL', 'URI']) obs.url(f.get(key));
  for (const key of ['FileSHA256', 'ArchiveSHA256']) obs.hash(f.get(key));
  return f.get('Message') ?? f.get('ThreatName') ?? f.get('FileName') ?? null;
}

/**
 * The text without a final colon and the whitespace around it (`\s*:\s*$`, which was tried from every space of
 * a long hostile prefix, scanning to its end each time: quadratic time).
 */
function withoutEndColon(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith(':') ? trimmed.slice(0, -1).trimEnd() : text;
}

/**
 * 113005's AAA server and user address: `server = <s> ` and the last `user IP = <a>` after it on the same line.
 * Read with indexOf: as one pattern (`server = (\S+) .*\buser IP = (\S+)`) every `server = ` of a long hostile
 * line was scanned to its end (quadratic time).
 */
function aaaEndpoints(msg: string): [string, string] | null {
  for (const line of msg.split(/[\n\r\u2028\u2029]/)) {
    const server = /\bserver = (\S+) /.exec(line);
    if (!server?.[1]) continue;
    const from = server.index + server[0].length;
    for (let at = line.lastIndexOf('user IP = '); at >= from; at = line.lastIndexOf('user IP = ', at - 1)) {
      if (/\w/.test(line[at - 1] ?? '') || !/\S/.test(line[at + 10] ?? '')) continue;
      const address = line.slice(at + 10).split(/\s/, 1)[0] ?? '';
      return [server[1], address];
    }
  }
  return null;
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 4_096);
  return s !== null && s.includes('%') && TAG.test(s);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = textOf(raw) ?? '';
  const m = TAG.exec(s);
  const ftd = m?.[1] === 'FTD' || m?.[1] === 'NGIPS';
  const level = Number(m?.[2] ?? 6);
  const id = m?.[3] ?? '';
  const msg = (m?.[4] ?? '').trim().replace(NESTED_TAG, '');
  // A relay's `LOCAL4.WARNING:` (facility and level) before the sender's host name is no part of the header.
  const prefix = withoutEndColon(
    s
      .slice(0, m?.index ?? 0)
      .trim()
      .replace(/^[A-Z]+\d?\.[A-Z]+:\s*/, ''),
  );
  const header = prefix ? parseSyslog(`${prefix} : x`) : null;
  const obs = new ObservablesBuilder();
  obs.host(header?.host ?? (/^[A-Za-z][\w.-]{0,252}$/.test(prefix) ? prefix : undefined));
  const format = ftd ? 'cisco_ftd.log' : 'cisco_asa.log';
  const facts = {
    severity: mapSeverity(level, 'syslog'),
    observedAt: toIsoTime(header?.timestamp?.replace(/ [A-Z]{3,4}$/, '') ?? null),
    ruleId: id ? `${ftd ? 'FTD' : 'ASA'}-${id}` : null,
  };
  if (SECURITY_EVENTS.has(id)) {
    const title = addSecurityEvent(obs, msg);
    return parserAlert('cisco_asa.log', format, obs, {
      ...facts,
      title: title ?? `FTD security event ${id}`,
    });
  }

  const aaa = id === '113005' ? aaaEndpoints(msg) : null;
  const vpn = id === '113019' ? /\bIP = ([^,\s]+),/.exec(msg) : null;
  // [match, kind, address, user, user] of each `?addr` endpoint, numbered as the single pattern's groups were.
  const faddr = [...msg.matchAll(FADDR)].map((m) => {
    const users = FADDR_USERS.exec(msg.slice(m.index + m[0].length));
    return [m[0], m[1], m[2], users?.[1], users?.[2]];
  });
  const between = BETWEEN.exec(msg);
  const srcDst = SRC_DST.exec(msg);
  const ends = srcDst ? [endpointToken(srcDst[1] ?? ''), endpointToken(srcDst[2] ?? '')] : null;
  // The `iface:ip/port` endpoints, read once, and only by the branches below that need them.
  let slashEndpoints: Endpoint[] | undefined;
  const slash = (): Endpoint[] => (slashEndpoints ??= endpointsOf(SLASH_EP, msg, 2, 4, 5));
  // 751025: a VPN session's `Local:` (the ASA's end) and `Remote:` addresses, as Elastic's pipeline maps them.
  const vpnSession = id === '751025' ? /\bLocal:(\S{1,300}) Remote:(\S{1,300})/.exec(msg) : null;
  // 313005's original-payload endpoints are the source and destination; a name there is a host, not an IP.
  const payload =
    id === '313005' ? /Original IP payload: \w+ src ([^\s/]+)\/\d+ dst ([^\s/]+)\/\d+/.exec(msg) : null;
  const named = payload && [payload[1], payload[2]].some((v) => v && !canonicalIp(v)) ? payload : null;
  if (named) {
    if (!obs.srcIp(named[1])) obs.host(named[1]);
    if (!obs.dstIp(named[2])) obs.host(named[2]);
  } else if (aaa) {
    // Elastic's 113005 grok: the user's address is the source, the AAA server the destination.
    obs.srcIp(aaa[1]);
    obs.dstIp(aaa[0]);
  } else if (vpnSession) {
    const [local, remote] = [vpnSession[1], vpnSession[2]].map((e = '') => e.slice(0, e.lastIndexOf(':')));
    if (local && !obs.srcIp(local)) obs.host(local);
    if (remote && !obs.dstIp(remote)) obs.host(remote);
    // The addresses the session was given are related; `IPv6 address=invalid-addr-2-0.0.0.0` is none.
    for (const a of msg.matchAll(/\bIPv[46] [Aa]ddress=(\S+)/g)) obs.ip(canonicalIp(a[1] ?? '') ?? undefined);
    const user = /\bUsername:(\S+)/.exec(msg)?.[1];
    obs.user(user ? localPart(user) : undefined);
  } else if (vpn) {
    // Elastic's 113019 dissect writes the VPN peer (`IP = …`) to destination.address.
    obs.dstIp(vpn[1]);
  } else if (faddr.length > 0) {
    const by = (k: string): (string | undefined)[] | undefined => faddr.find((f) => f[1] === k);
    const l = by('l');
    const f = by('f');
    // FTD's pipeline reads an inbound 302020 as foreign → local, an outbound one as local → foreign. ASA's reads
    // both local → foreign (the newest ASA pipeline turns inbound round as FTD's does; the corpus follows the
    // version before it).
    const [src, dst] = ftd && id === '302020' && /^Built inbound\b/.test(msg) ? [f, l] : [l, f];
    obs.srcIp(src?.[2]);
    obs.dstIp(dst?.[2]);
    obs.ip(by('g')?.[2]);
    for (const x of faddr) {
      addUser(obs, x[3] ?? null);
      addUser(obs, x[4] ?? null);
    }
  } else if (between) {
    obs.srcIp(between[1]);
    obs.dstIp(between[2]);
  } else if (ends && ends.some((e) => e && 'ip' in e) && slash().length < 2) {
    // `src v1:outside:10.8.1.9/54864 dst inside:172.16.1.3`: an interface with a prefix, or no port.
    const [a, b] = ends;
    if (a && 'ip' in a) obs.srcIp(a.ip);
    if (b && 'ip' in b) obs.dstIp(b.ip);
  } else {
    const arrow = msg.includes('->') ? endpointsOf(PAREN_EP, msg, 2, null, null) : [];
    const eps = arrow.length >= 2 ? arrow : slash();
    if (eps.length >= 2) {
      // ASA's pipeline reads `Built outbound … for <outside> to <inside>` the other way round; FTD's keeps the order.
      const [a, b] = !ftd && /\bBuilt outbound\b/.test(msg) ? [eps[1], eps[0]] : [eps[0], eps[1]];
      obs.srcIp(a?.ip);
      obs.dstIp(b?.ip);
      for (const e of eps) {
        obs.ip(e.ip);
        obs.ip(e.mapped ?? undefined);
        addUser(obs, e.user);
      }
    } else {
      const found = scanFreeText(msg);
      // An AnyConnect line names the client by `IP <a>` (read below) and `IP a` and the address it was given
      // by `IPv4 Address <b>`: no flow from one to the other. A DAP record's `Addr a` and a teardown's
      // `local-host net:a` name the one host the message is about.
      const client = canonicalIp(
        /\b(?:User \S+ IP|Addr|local-host [\w-]+:) ?([\d.]{7,15}|[0-9A-Fa-f:]{2,39})\b/.exec(msg)?.[1] ?? '',
      );
      const flow = !/\bIP </.test(msg) && !client;
      if (client) obs.srcIp(client);
      if (flow) {
        found.src.forEach((ip) => obs.srcIp(ip));
        found.dst.forEach((ip) => obs.dstIp(ip));
      }
      [...(flow ? [] : [...found.src, ...found.dst]), ...found.other].forEach((ip) => obs.ip(ip));
      eps.forEach((e) => addUser(obs, e.user));
    }
  }
  for (const t of msg.matchAll(/\(([\w.$-]+(?:\\[\w.$-]+)+)\)/g))
    addUser(obs, t[1] ?? null, ftd && id === '313005');
  for (const t of msg.matchAll(NAMED_ENDPOINT)) if (!canonicalIp(t[1] ?? '')) obs.host(t[1]);
  // `Group VPN_USERS User example.user IP 67.43.156.14` (113029, 113034): the user, written bare.
  addUser(obs, /\bGroup \S+ User ([^\s<>]+) IP \b/.exec(msg)?.[1] ?? null);
  // A `<…>` value holds no `<`: allowed one, every `User <` of a long hostile line was scanned to its end.
  for (const u of msg.matchAll(/\b(?:user|username|uname)\s*[=:]\s*'?([^\s,)']+)|\bUser <([^<>]+)>/gi)) {
    const name = u[1] ?? u[2] ?? null;
    // ASA writes the peer address as the user of a LAN-to-LAN tunnel (`user= 81.2.69.193`).
    if (name && canonicalIp(name)) obs.user(name);
    else addUser(obs, name);
  }
  const ipTag = /\bIP <([^<>]+)>/.exec(msg);
  if (ipTag) obs.srcIp(ipTag[1]);

  return parserAlert('cisco_asa.log', format, obs, {
    ...facts,
    title: msg.length > 0 ? msg : `${ftd ? 'FTD' : 'ASA'} message ${id}`,
  });
}

export const ciscoAsaParser: Parser = {
  name: 'cisco_asa.log',
  claims: { keys: [], text: ['%ASA-', '%FTD-', '%PIX-', '%FWSM-', '%NGIPS-'] },
  // FTD relates no URL site, SNI or DNS query as a host; they are reported as domains only.
  domainsInRelatedHosts: false,
  detect,
  parse,
};
