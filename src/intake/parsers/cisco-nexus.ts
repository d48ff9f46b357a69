// Cisco Nexus (NX-OS) syslog (`<pri>… 2023 May  2 12:55:19 UTC: %FAC-n-MNEMONIC: …` in its header variants), read
// as Elastic's `cisco_nexus.log` pipeline reads it: the switch's address as a related IP (its name is the observer,
// not a host), and the users and source addresses it groks per mnemonic (logins, AAA, sudo, vty config).
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { type HeaderTimeParts, headerTimeUtc } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}`;
const DAY = String.raw`(?:0[1-9]|[12]\d|3[01]|[1-9])`;
const TIME = String.raw`(?<!\d)(?:2[0-3]|[01]?\d):[0-5]\d:(?:[0-5]?\d|60)(?:[:.,]\d+)?(?!\d)`;
/** Grok's SYSLOGTIMESTAMP (`May  2 15:21:27.206`). */
const SYSLOG_TS = String.raw`${MONTH} +${DAY} ${TIME}`;
/** The NX-OS vendor time, year first (`2023 May  2 15:21:27.206`); captures year, month, day, time. */
const NEXUS_TS = String.raw`(\d{2}(?:\d{2})?)\s*(${MONTH})\s*(${DAY})\s*(${TIME})`;
/** The device: an IPv4 address (grok tries IP first) or any token. */
const HOST = String.raw`(\d{1,3}(?:\.\d{1,3}){3}(?!\d)|\S{1,255})`;
/** `%FACILITY-[slot|standby-]severity-MNEMONIC:` (optional), then the description. */
const BODY = String.raw`(?:%(\w+)-(?:(?:\d+|\w+)-)?(\d+)-(\w+):)?(.*?)`;

/** Which capture groups hold what, per header shape. */
interface Shape {
  re: RegExp;
  host: number | null;
  /** First of four groups: year, month, day, time (the vendor time) — or null when it has no year. */
  nexusTs: number | null;
  zone: number | null;
  /** First group of the body (facility, severity, mnemonic, description). */
  body: number;
  /** True when the header alone is NX-OS's (a year-first vendor time); else an NX-OS mnemonic must say so. */
  own: boolean;
  /** True for the shapes claimed only with a mnemonic (no PRI, or a zone word right after the host). */
  needsTag?: boolean;
  /** False for the shape that starts with the vendor time (no PRI). */
  pri?: false;
}

const shape = (s: string): RegExp => new RegExp(`^${s}$`, 's');
/** Elastic's header groks in its order (a timezone may be followed by a space before its colon). */
const SHAPES: readonly Shape[] = [
  // <pri>seq: host: May  9 14:40:12.903: …
  {
    re: shape(String.raw`<(\d{1,3})>(\d{1,20}):\s*${HOST}:\s*${SYSLOG_TS}:\s*${BODY}`),
    host: 3,
    nexusTs: null,
    zone: null,
    body: 4,
    own: false,
  },
  // <pri>May  3 13:20:50 host seq: May  3 13:20:48.739 AEST: …
  {
    re: shape(
      String.raw`<(\d{1,3})>${SYSLOG_TS}\s*${HOST}\s*(\d{1,20}):\s*${SYSLOG_TS}\s*([A-Za-z]\w*):\s*${BODY}`,
    ),
    host: 2,
    nexusTs: null,
    zone: 4,
    body: 5,
    own: false,
  },
  // <pri>May  2 15:21:27 host [:] 2023 May  2 15:21:27.206 UTC: …
  {
    re: shape(String.raw`<(\d{1,3})>${SYSLOG_TS}\s*${HOST}\s*(?::\s*)?${NEXUS_TS}\s*(\w+)\s*:\s*${BODY}`),
    host: 2,
    nexusTs: 3,
    zone: 7,
    body: 8,
    own: true,
  },
  // <pri>Jun 14 11:34:35 host AEST: …
  // `\s*(?::\s*)?` after the host, not `\s*:?\s*`: without the colon, a run of spaces split between two `\s*`
  // in every way (quadratic).
  {
    re: shape(String.raw`<(\d{1,3})>${SYSLOG_TS}\s*${HOST}\s*(?::\s*)?([A-Z]{2,5}):\s*${BODY}`),
    host: 2,
    nexusTs: null,
    zone: 3,
    body: 4,
    own: true,
    needsTag: true,
  },
  // <pri>host: 2023 Apr 27 09:36:56 UTC: …
  {
    re: shape(String.raw`<(\d{1,3})>${HOST}:\s*${NEXUS_TS}\s*(\w+)\s*:\s*${BODY}`),
    host: 2,
    nexusTs: 3,
    zone: 7,
    body: 8,
    own: true,
  },
  // <pri>: 2023 May  2 12:55:19 UTC: …
  {
    re: shape(String.raw`<(\d{1,3})>:\s*${NEXUS_TS}\s*(\w+)\s*:\s*${BODY}`),
    host: null,
    nexusTs: 2,
    zone: 6,
    body: 7,
    own: true,
  },
  // 2023 May  1 22:58:09 host %FAC-n-MNEMONIC: …
  {
    re: shape(String.raw`${NEXUS_TS}\s*${HOST}\s*${BODY}`),
    host: 5,
    nexusTs: 1,
    zone: null,
    body: 6,
    own: true,
    needsTag: true,
    pri: false,
  },
];

/** Facilities and mnemonics only NX-OS writes: they mark the header shapes it shares with Cisco IOS. */
const NXOS_FACILITIES = new Set([
  'AUTHPRIV',
  'DAEMON',
  'KERN',
  'USER',
  'LOCAL7',
  'LOG_LOCAL7',
  'VSHD',
  'ETHPORT',
  'ETH_PORT_CHANNEL',
  'L2FM',
  'VPC',
  'SYSMGR',
  'VDC_MGR',
  'ACLLOG',
  'ACLQOS',
  'VMAN',
  'FEX',
  'SATCTRL',
  'POAP',
  'HMM',
  'INTERFACE_VLAN',
  'STP',
]);
const NXOS_MNEMONICS =
  /^(?:SYSTEM_MSG|VSHD_SYSLOG_CONFIG_I|IF_(?:UP|ADMIN_UP|DOWN_\w+)|L2FM_MAC_MOVE2|L3_VPC_UNEQUAL_WEIGHT|DUP_HOSTS|AAA_ACCOUNTING_MESSAGE|TACACS_WARNING)$/;
/** Cisco firewalls' tags (numeric message ids), which their own parsers read. */
const FIREWALL_FACILITIES = /^(?:ASA|FTD|PIX|FWSM)$/;

interface NexusLine extends HeaderTimeParts {
  pri: number | null;
  host: string | null;
  facility: string | null;
  level: number | null;
  mnemonic: string | null;
  description: string;
}

/** The text without its final CR and LF characters (`[\r\n]+$` was tried from each one of a long run). */
function withoutEndBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\r' || text[end - 1] === '\n')) end -= 1;
  return text.slice(0, end);
}

function asNexus(raw: unknown): NexusLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || s.length < 20) return null;
  const first = s.charCodeAt(0);
  // A PRI, or (the bare shape) a year.
  if (first !== 60 && (first < 48 || first > 57)) return null;
  const line = withoutEndBreaks(s);
  for (const sh of SHAPES) {
    const m = sh.re.exec(line);
    if (!m) continue;
    const b = sh.body;
    const facility = m[b] ?? null;
    const mnemonic = m[b + 2] ?? null;
    if (facility && (FIREWALL_FACILITIES.test(facility) || !/[A-Za-z]/.test(mnemonic ?? ''))) return null;
    const nxos =
      facility !== null &&
      (NXOS_FACILITIES.has(facility.toUpperCase()) || NXOS_MNEMONICS.test(mnemonic ?? ''));
    if (sh.needsTag && facility === null) return null;
    if (!sh.own && !nxos) return null;
    const ts = sh.nexusTs;
    return {
      pri: sh.pri === false ? null : Number(m[1]),
      host: sh.host === null ? null : (m[sh.host] ?? null),
      year: ts === null ? null : (m[ts] ?? null),
      month: ts === null ? null : (m[ts + 1] ?? null),
      day: ts === null ? null : (m[ts + 2] ?? null),
      time: ts === null ? null : (m[ts + 3] ?? null),
      zone: sh.zone === null ? null : (m[sh.zone] ?? null),
      facility,
      level: m[b + 1] === undefined ? null : Number(m[b + 1]),
      mnemonic,
      description: (m[b + 3] ?? '').trim(),
    };
  }
  return null;
}

const IP = String.raw`([0-9A-Fa-f:.]+)`;
const USERNAME = String.raw`([a-zA-Z0-9._-]+)`;

/** One grok pattern of Elastic's message pipeline: the user, source address and kv text it captures. */
interface Grok {
  re: RegExp;
  user?: number;
  src?: number;
  /** `key=value` text split on whitespace (`authentication failure; …`). */
  kvSpace?: number;
  /** `key=value` text split on ` ; ` (sudo's `TTY=… ; USER=…`). */
  kvSemicolon?: number;
}

const CONFIG_GROKS: readonly Grok[] = [
  { re: new RegExp(String.raw`^Configured from vty by ${USERNAME} on ${IP}@(.*?)$`, 's'), user: 1, src: 2 },
];
const SYSTEM_MSG_GROKS: readonly Grok[] = [
  // The lookahead takes the text up to the first `authentication failure; ` once (a lookahead does not
  // backtrack): a lazy `.*?` there retried every later one, scanning to the end each time (quadratic time).
  { re: /^(?=([\s\S]*?authentication failure; ))\1([\s\S]*) - [\s\S]*$/, kvSpace: 2 },
  {
    re: new RegExp(String.raw`^.*?Authentication failure for ${USERNAME} from ${IP} - \w+\[\d+\].*$`, 's'),
    user: 1,
    src: 2,
  },
  {
    re: new RegExp(
      String.raw`^.*?Authentication failed for user ${USERNAME} from ${IP} - \w+\[\d+\].*$`,
      's',
    ),
    user: 1,
    src: 2,
  },
  { re: new RegExp(String.raw`^Login failed for user ${USERNAME} - \w+\[\d+\].*$`, 's'), user: 1 },
  { re: /^.*? : (.*)$/s, kvSemicolon: 1 },
];
const LOGIN_GROKS: readonly Grok[] = [
  {
    re: new RegExp(
      String.raw`^Login Success \[user: ${USERNAME}\] \[Source: ${IP}\] \[localport: \d+\] at .*$`,
      's',
    ),
    user: 1,
    src: 2,
  },
  { re: new RegExp(String.raw`^User ${USERNAME} .*\(${IP}\)$`, 's'), user: 1, src: 2 },
];

/** The message groks that set user.name or source.ip, by mnemonic (Elastic compares them upper-cased). */
const GROKS: Readonly<Record<string, readonly Grok[]>> = lookupTable({
  VSHD_SYSLOG_CONFIG_I: CONFIG_GROKS,
  DETECT_MULTIPLE_PEERS: CONFIG_GROKS,
  UPDOWN: CONFIG_GROKS,
  CFGWRITE_STARTED: CONFIG_GROKS,
  LINEPROTO: CONFIG_GROKS,
  SYSTEM_MSG: SYSTEM_MSG_GROKS,
  LOGIN_SUCCESS: LOGIN_GROKS,
  LOGOUT: LOGIN_GROKS,
  LOGOUT_C6K: LOGIN_GROKS,
});

/**
 * The `user` (or `USER`) values of Elastic's kv step: it appends pairs until a part has no `=`, where the
 * processor fails and keeps what it read.
 */
function kvUsers(text: string, split: RegExp): string[] {
  const lower: string[] = [];
  const upper: string[] = [];
  for (const part of text.split(split)) {
    const eq = part.indexOf('=');
    if (eq < 0) break;
    const key = part.slice(0, eq);
    if (key === 'user') lower.push(part.slice(eq + 1));
    else if (key === 'USER') upper.push(part.slice(eq + 1));
  }
  // Both rename to user.name; when `user` did, the `USER` rename fails on the existing field.
  return lower.length > 0 ? lower : upper;
}

/** Runs the first matching grok for the mnemonic, as Elastic's `pipeline_extract_message` does. */
function addMessageIndicators(obs: ObservablesBuilder, mnemonic: string, message: string): void {
  for (const grok of GROKS[mnemonic.toUpperCase()] ?? []) {
    const m = grok.re.exec(message);
    if (!m) continue;
    // Grok's IP pattern must match the whole address; a failed one moves on to the next pattern.
    const src = grok.src === undefined ? null : canonicalIp(m[grok.src] ?? '');
    if (grok.src !== undefined && src === null) continue;
    const users =
      grok.user !== undefined
        ? [m[grok.user] ?? '']
        : grok.kvSpace !== undefined
          ? kvUsers(m[grok.kvSpace] ?? '', /\s+/)
          : grok.kvSemicolon !== undefined
            ? kvUsers(m[grok.kvSemicolon] ?? '', / ; /)
            : [];
    users.forEach((u) => obs.user(u));
    obs.srcIp(bareIndicatorIp(src));
    return;
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const n = asNexus(raw);
  if (!n) throw new Error('not a Cisco NX-OS syslog line');
  const obs = new ObservablesBuilder();
  // The switch: its address is observer.ip and related.ip; its name is observer.name only.
  obs.ip(bareIndicatorIp(n.host));
  if (n.mnemonic && n.description) addMessageIndicators(obs, n.mnemonic, n.description);
  const tag = n.facility && n.mnemonic ? `${n.facility}-${n.level ?? ''}-${n.mnemonic}` : null;
  const level = n.level;
  return parserAlert('cisco_nexus.log', 'cisco_nexus.log', obs, {
    title:
      `Cisco Nexus ${tag ? `%${tag}` : 'syslog'}${n.host ? ` on ${n.host}` : ''}: ${n.description}`.slice(
        0,
        300,
      ),
    severity:
      (level !== null && level >= 0 && level <= 7 ? mapSeverity(level, 'syslog') : null) ??
      (n.pri !== null ? syslogSeverityOfPri(n.pri) : 'info'),
    observedAt: headerTimeUtc(n),
    ruleId: tag,
  });
}

export const ciscoNexusParser: Parser = {
  name: 'cisco_nexus.log',
  claims: {
    keys: [],
    text: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  detect: (raw) => {
    try {
      return asNexus(raw) !== null;
    } catch {
      return false;
    }
  },
  parse,
};
