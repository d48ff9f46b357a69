// Infoblox NIOS syslog: admin audit lines (httpd: `[user]: Login_Allowed - - ip=…`), BIND named query and
// zone logs, and DHCPD lease lines, mapped as Elastic's infoblox_nios pipeline maps them (every address is
// related only; the header host name is a related host, the header address a related address).
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

interface NiosLine {
  pri: number;
  timestamp: string;
  /** The header host name (`host.domain`, a related host), or null. */
  hostName: string | null;
  /** The header address (`host.ip`, a related address), or null. */
  hostIp: string | null;
  service: string;
  message: string;
}

/**
 * The syslog header. The optional `[pid]` starts with its `[`: written `\[?\d*\]?`, its digits and `]` could
 * also be the program's, and a long hostile program name took quadratic time.
 */
const HEADER =
  /^<(\d{1,3})>([A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2})\s+(\S+)\s+(?:(\S+)\s+)??([^\s[:]+)(?:\[\d*\]?)?:\s+(.*)$/s;
const AUDIT =
  /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z|\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3}) \[([^\]]*)\]: (.*)$/s;
const IP = '([0-9A-Fa-f:.]*[0-9A-Fa-f])';
/** `[category: ][BIND timestamp ]client [@0x… ]IP#port`: a BIND client line, with or without NIOS's own header. */
const CLIENT = new RegExp(
  `^(?:\\S+:)?\\s*(?:\\d{2}-[A-Z][a-z]{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} )?client (?:\\S+ )?${IP}#\\d+:?`,
);
const MAC = '[0-9A-Fa-f]{1,2}(?:[:.-][0-9A-Fa-f]{1,2}){5}';

function header(s: string): NiosLine | null {
  const m = HEADER.exec(s);
  if (!m) return null;
  const first = m[3] ?? '';
  const second = m[4];
  let hostName: string | null = null;
  let hostIp: string | null = null;
  if (second !== undefined) {
    // `host IP service:`: the second token must be an address, as Elastic's first grok pattern wants.
    if (!canonicalIp(second)) return null;
    hostName = first;
    hostIp = second;
  } else if (canonicalIp(first)) hostIp = first;
  else hostName = first;
  return {
    pri: Number(m[1]),
    timestamp: m[2] ?? '',
    hostName,
    hostIp,
    service: m[5] ?? '',
    message: m[6] ?? '',
  };
}

function asNios(raw: unknown): NiosLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<')) return null;
  const line = header(s);
  if (!line) return null;
  // NIOS writes its host name and address both (`ns1.example 192.0.2.1 named[1]:`), or is named so.
  const marked = (line.hostName !== null && line.hostIp !== null) || /infoblox/i.test(line.hostName ?? '');
  switch (line.service) {
    case 'httpd':
    case 'serial_console':
      return AUDIT.test(line.message) ? line : null;
    case 'named':
      // Plain BIND query/zone lines are read the same way (Elastic has no other BIND pipeline).
      return marked || CLIENT.test(line.message) || /^CEF:0\|Infoblox\|NIOS\|/.test(line.message)
        ? line
        : null;
    case 'dhcpd':
    case 'dhcpdv6':
      // pfSense also forwards ISC dhcpd lines, under its host name, mapped differently there: only NIOS-marked
      // lines and lines whose header host is an address (as NIOS members send them) are ours.
      return marked || line.hostIp !== null ? line : null;
    default:
      return marked && /infoblox/i.test(line.hostName ?? '') ? line : null;
  }
}

/** Admin audit (`httpd` only, as in Elastic): the user, and `ip=` of a `- - key=value` detail list. */
function audit(msg: string, obs: ObservablesBuilder): { action: string | null; time: string | null } {
  const m = AUDIT.exec(msg);
  if (!m) return { action: null, time: null };
  const user = (m[2] ?? '').replace(/\\040/g, ' ');
  const rest = m[3] ?? '';
  let action: string | null = null;
  if (/Created|Modified|Deleted|Called/.test(msg)) action = /^(\S+)/.exec(rest)?.[1] ?? null;
  else {
    const kv = /^(.*?) - - (.*)$/s.exec(rest);
    if (kv) {
      action = kv[1] ?? null;
      const ip = /(?:^|\s)ip=(\S+)/.exec(kv[2] ?? '')?.[1];
      if (ip && canonicalIp(ip)) obs.ip(ip);
    } else action = /^(\S+)/.exec(rest)?.[1] ?? null;
  }
  obs.user(user);
  return { action: action?.toLowerCase() ?? null, time: m[1] ?? null };
}

/** named: the client address, the server address, the queried name (and the name in parentheses). */
function dns(msg: string, obs: ObservablesBuilder): void {
  // The address holds no `=`: allowed one, each `dst=` of a long hostile word was scanned to its end (quadratic).
  const cef = /\bdst=([^\s=]+) src=(\S+) spt=/.exec(msg);
  if (cef && /^(?:\S+:)?\s*CEF:0\|Infoblox\|NIOS\|/.test(msg)) {
    obs.ip(cef[2]);
    obs.ip(cef[1]);
    return;
  }
  // The zone name ends at its first `/`, as the lazy `\S+?` and `[^']*?` did; retried at every later `/`, each
  // scanned the rest of a hostile word (quadratic).
  const zone = new RegExp(
    `^(?:zone ([^\\s/]+)/\\S+: notify from|transfer of '([^'/]*)/[^']*' from) ${IP}#\\d+`,
  ).exec(msg);
  if (zone) {
    obs.ip(zone[3]);
    obs.domain(zone[1] ?? zone[2]);
    return;
  }
  const validating = /^validating (\S+?)\/\w+: /.exec(msg);
  if (validating) {
    obs.domain(validating[1]);
    return;
  }
  // `[category: ][timestamp ]client [@0x… ]IP#port[:] …`
  const client = new RegExp(`(?:^|\\s)client (?:\\S+ )?${IP}#\\d+:? (.*)$`, 's').exec(msg);
  if (!client) return;
  const rest = client[2] ?? '';
  const named = /^\(([^)]*)\): (.*)$/s.exec(rest);
  const body = named ? (named[2] ?? '') : rest;
  const view = '(?:view \\S+: )?';
  const query = new RegExp(`^${view}query: (\\S+) \\S+ \\w+ \\S+ \\(([^)]+)\\)$`).exec(body);
  const response = new RegExp(`^${view}query: (\\S+) \\S+ \\w+ response: \\S+ \\S+(?: (.*))?$`, 's').exec(
    body.replace(/^\S+: (?=(?:view \S+: )?query:)/, ''),
  );
  // The zone name ends at the first `/` (`[^'/]*`, not a lazy `[^']*?` retried at every `/`: quadratic).
  const update = /^updating zone '([^'/]*)\/[^']*':/.exec(body);
  const transfer = /^transfer of '([^'/]*)\/[^']*':/.exec(body);
  // Answers (`name ttl class type data; …`): addresses first, as Elastic's grok into related.ip.
  const answers = response?.[2]?.split(';').map((a) => a.trim().split(/\s+/)) ?? [];
  for (const a of answers) for (const d of a.slice(4)) obs.ip(bareIndicatorIp(d));
  obs.ip(client[1]);
  if (query) obs.ip(query[2]);
  const rewriting = /^rewriting query name /.test(body);
  if (named && !rewriting && (query || /^query failed /.test(body.replace(/^view \S+: /, '')) || transfer))
    obs.domain(named[1]);
  for (const a of answers) {
    obs.domain(a[0]);
    for (const d of a.slice(4)) if (!canonicalIp(d)) obs.domain(d.replace(/^"|"$/g, ''));
  }
  obs.domain(query?.[1] ?? response?.[1] ?? update?.[1] ?? transfer?.[1]);
}

/** dhcpd: the client, link, peer, router, interface and relay addresses, and the client's host name. */
function dhcp(msg: string, obs: ObservablesBuilder): void {
  const v6 =
    new RegExp(`^.*? message (?:from|to send to|to) ${IP} port \\d+`).exec(msg) ??
    new RegExp(`^[^:]*: address ${IP} to client`).exec(msg) ??
    new RegExp(`^reverse map update for ${IP} abandoned`, 'i').exec(msg);
  const client = new RegExp(`^DHCP[A-Z]+ (?:on|for|of|from|to) ${IP}\\b`).exec(msg) ?? v6;
  obs.ip(client?.[1]);
  obs.ip(new RegExp(`link address ${IP}, peer address`).exec(msg)?.[1]);
  obs.ip(new RegExp(`, peer address ${IP}$`).exec(msg)?.[1]);
  obs.ip(new RegExp(`^DHCPREQUEST for \\S+ \\(${IP}\\) from`).exec(msg)?.[1]);
  obs.ip(new RegExp(` via ${IP}\\b`).exec(msg)?.[1]);
  obs.ip(new RegExp(` relay ${IP} lease-duration`).exec(msg)?.[1]);
  // The host name holds no `(`: as `[^)]*`, the name after every `to MAC (` of a hostile line was scanned to its end.
  obs.host(new RegExp(`^DHCP[A-Z]+ .*?(?:to|from) ${MAC} \\(([^()]*)\\) via `).exec(msg)?.[1]);
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** `03-Jun-2025 09:00:02.100` (BIND's own stamp, UTC as Elastic reads it without a time zone) as ISO text. */
function bindTime(msg: string): string | null {
  const m = /(?:^|\s)(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}:\d{2}:\d{2}\.\d{3})\b/.exec(msg);
  const month = m ? MONTHS.indexOf(m[2] ?? '') / 3 + 1 : 0;
  if (!m || month < 1 || !Number.isInteger(month)) return null;
  return toIsoTime(`${m[3] ?? ''}-${String(month).padStart(2, '0')}-${m[1] ?? ''}T${m[4] ?? ''}Z`);
}

const detect = (raw: unknown): boolean => asNios(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = asNios(raw);
  const obs = new ObservablesBuilder();
  const msg = line?.message ?? '';
  const service = line?.service ?? 'nios';
  let action: string | null = null;
  let time: string | null = null;
  if (service === 'httpd') ({ action, time } = audit(msg, obs));
  else if (service === 'named') {
    dns(msg, obs);
    time = bindTime(msg);
  } else if (service === 'dhcpd' || service === 'dhcpdv6') {
    dhcp(msg, obs);
    action = /^(DHCP[A-Z]+)\b/.exec(msg)?.[1]?.toLowerCase() ?? null;
  }
  obs.ip(line?.hostIp);
  obs.host(line?.hostName);
  const denied = action === 'login_denied' || /\bdenied\b/i.test(msg);
  return parserAlert('infoblox_nios', 'infoblox_nios.log', obs, {
    title: `Infoblox NIOS ${service}: ${msg}`.slice(0, 300),
    severity: denied ? 'low' : line ? syslogSeverityOfPri(line.pri) : 'info',
    observedAt: toIsoTime(time) ?? bindTime(time ?? '') ?? toIsoTime(line?.timestamp ?? null),
    ruleId: action ? `${service}:${action}` : service,
  });
}

export const infobloxNiosParser: Parser = {
  name: 'infoblox_nios',
  claims: { keys: [], text: ['httpd:', 'httpd[', 'serial_console', 'named:', 'named[', 'dhcpd', 'infoblox'] },
  detect,
  parse,
};
