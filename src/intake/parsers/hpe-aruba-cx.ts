// HPE Aruba CX (AOS-CX) switch syslog: `TIMESTAMP DEVICE app[pid]: Event|ID|LOG_LEVEL|CATEGORY|SEQ|message`
// event lines, with indicators read per event ID as Elastic's hpe_aruba_cx.log pipeline reads them: user.name,
// source.ip, destination.ip and the DHCP lease's host.name; nothing in related.* (login client IPs are not sources).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { syslogSeverityOfPri } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'hpe_aruba_cx.log';

/**
 * `[<pri>]TIMESTAMP DEVICE app[pid]: TYPE|ID|LEVEL|CATEGORY|SEQUENCE|message`; ISO or BSD timestamps. The sequence
 * is a greedy `[^|]*`: a lazy one let the engine backtrack over a long hostile line (polynomial time).
 */
const LINE =
  /^(?:<(?<pri>\d{1,3})>)?(?<ts>\d{4}-\d{2}-\d{2}[T ]\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?|[A-Z][a-z]{2} +\d{1,2}(?: \d{4})? \d{2}:\d{2}:\d{2})\s+(?<device>[\w.-]+)\s+(?<app>[^\s[]+)\[\d+\]:\s+(?<type>\w+)\|(?<code>\d{1,6})\|(?<level>[\w.-]+)\|(?:[\w.-]+)?\|(?:[^|]*)\|(?<message>[\s\S]*)$/;

interface ArubaRecord {
  pri: number | null;
  timestamp: string;
  device: string;
  app: string;
  type: string;
  /** The event ID, as the pipeline's `event.code`. */
  code: string;
  level: string;
  message: string;
}

function asArubaCx(raw: unknown): ArubaRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.includes(']:') || !s.includes('|')) return null;
  const g = LINE.exec(s.trim())?.groups;
  if (!g?.ts || !g.device || !g.app || !g.type || !g.code || !g.level) return null;
  return {
    pri: g.pri === undefined ? null : Number(g.pri),
    timestamp: g.ts,
    device: g.device,
    app: g.app,
    type: g.type,
    code: g.code,
    level: g.level,
    message: g.message ?? '',
  };
}

// Grok's building blocks, as the pipeline's patterns use them.
const D = '.*?';
const G = '.*';
const IPV4 = String.raw`(?<![0-9])(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})(?![0-9])`;
const IPV6 = String.raw`(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|${IPV4})?(?:%\w+)?`;
const IP = `(?:${IPV6}|${IPV4})`;
const HOSTNAME = String.raw`\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*(?:\.?|\b)`;
const IPORHOST = `(?:${IP}|${HOSTNAME})`;
const MAC = String.raw`(?:(?:[A-Fa-f0-9]{2}[:-]){5}[A-Fa-f0-9]{2}|(?:[A-Fa-f0-9]{4}\.){2}[A-Fa-f0-9]{4})`;
const USER = (p: string): string => `(?<user>${p})`;
const SRC = `(?<src>${IP})`;
const DST = `(?<dst>${IP})`;
/** A dissect field that runs to the end of the message. */
const REST = (name: string): string => `(?<${name}>.*)`;

/** One family's event IDs and its patterns, tried in order (the first that matches wins, as in grok). */
interface Rule {
  codes: readonly number[];
  patterns: readonly RegExp[];
}

const rule = (codes: readonly number[], ...patterns: string[]): Rule => ({
  codes,
  patterns: patterns.map((p) => new RegExp(p)),
});
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const TUNNEL = String.raw` - Name \(${D}\) Type \(${D}\) VRF \(${D}\) Local IP \(${SRC}\) Remote IP \(${DST}\)`;
const GRE_SRC_DST = String.raw`Source IP \(${SRC}\) Destination IP \(${DST}\)`;
const BFD = String.raw`session_id=${D}, vrf=${D}, op_mode=${D}, src_port=${D}, dest_ip=${DST}, local_state=${D}, local_diag=${D}, remote_state=${D}, remote_diag=${G}`;

/** The event families whose messages carry a user, a source or destination address, or a host name. */
const RULES: readonly Rule[] = [
  // DHCP server leases: the client's host name.
  rule(
    range(1901, 1906),
    String.raw`^DHCP Lease (?:added|addition|deleted|deletion|update|updated)(?: failed)? (?:[0-9]{2}:){2}[0-9]{2} ${MAC} ${IP} (?<host>${HOSTNAME}) ${D}$`,
  ),
  // OSPFv2 / OSPFv3 duplicate router-id: the neighbour as source.
  rule([2410, 4907], `^Duplicate router-id for ${D} from source ${REST('src')}`),
  // BGP peer source-address change.
  rule([2916], `^${IPORHOST}: Peer source-address changed to ${SRC}. vrf-name: ${G}`),
  // Firmware and hot-patch updates.
  rule(
    [4401, 4402],
    `^User ${USER(D)}: ${D} image updated via ${D}(?: from ${HOSTNAME})?. Firmware version, Before Update: ${D} After Update: ${D}$`,
  ),
  rule([4403, 4404], `^User ${USER(D)}: ${D} image update failed via ${D}(?: from ${HOSTNAME})?$`),
  rule(range(4408, 4411), `^User ${USER(D)}: hot-patch "${D}" (?:downloaded|download failed) via `),
  // REST sessions, users and configuration.
  rule([4601, 4602], `^Authentication (?:failed|succeeded) for user ${USER(D)} in session ${G}`),
  rule(
    [4606, 4607, 4608],
    `^Authorization (?:failed|succeeded|allowed) for user ${USER(D)}, for resource ${D}, with action ${G}`,
  ),
  rule([4609, 4701], `^User ${USER(D)} added ${D} with role `),
  rule([4702], `^User ${USER(D)} deleted ${D} with role `),
  rule(
    [4610, 4653],
    `^User ${USER(D)} deleted ${G}`,
    `^User ${USER(D)} has configured ${D} for configuration lockout`,
  ),
  rule([4611, 4612], `^User ${USER(D)} (?:successfully changed password|password change failed)`),
  rule(
    range(4613, 4616),
    `^${USER(D)} has written a new switch configuration to ${G}`,
    `^${USER(D)} has copied switch configuration ${D} to ${G}`,
    `^${USER(D)} has configured ${D} DNS nameserver to ${G}`,
    `^${USER(D)} has deleted all DNS nameservers`,
  ),
  rule([4617, 4618, 4619], `^${USER(D)} (?:created|deleted|modified)(?: ${G})?`),
  rule([4620, 4621], `^User: ${USER(D)} (?:added|removed) subscriber: ${G}.`),
  rule(
    range(4626, 4631),
    `^NAE (?:Script|Agent) ${D} has been (?:created|updated|deleted) by user ${USER(G)}.`,
  ),
  // HPE Aruba Networking Central: the switch's source address.
  rule(
    [4632, 4633, 4634, 4635, 4636, 4637, 4639, 4640, 4642],
    `location ${D} on VRF ${D} (?:with|and) Source IP ${SRC}`,
  ),
  rule(
    [4655, 4656, 4657],
    `^User ${USER(D)} (?:logged in|login) from ${D} `,
    `^User ${USER(D)} logged out of REST session from ${G}`,
  ),
  rule(
    [4658, 4659],
    `^REST session from ${D} with User ${USER(D)} is rejected because maximum session limit is reached`,
    `^${D} session from ${D} with User ${USER(D)} timed out due to idle timeout`,
  ),
  rule(
    [4660, 4661, 4662],
    `^User ${USER(D)} login from ${IP} for REST session has failed since the user is trying to login through an interface which is not allowed. Allowed interfaces are: ${G}`,
  ),
  rule(range(4703, 4706), `^User ${USER(D)} `),
  // PIM mroute limits: the multicast source.
  rule([5107, 5108], `^Failed to add a mroute for s=${SRC}, g=${D} on interface ${D} `),
  // SSH server.
  rule([5204, 5205], `^SSH client-public-key ${D} was (?:installed|removed) for the user ${USER(G)}.`),
  rule(
    [5209, 5210, 5211],
    `^User ${USER(D)} (?:logged in|login) from ${IP} `,
    `^User ${USER(D)} logged out of SSH session from ${IP}.`,
  ),
  rule(
    [5212, 5213, 5214],
    `^SSH session from ${IP} `,
    `^SSH session from user ${USER(D)} closed because maximum number of sessions per user is reached.`,
  ),
  rule(
    [5215, 5216],
    `^SSH session from ${IP} for user ${USER(D)} denied. The allowed user management interfaces are: ${G}.`,
    `^SSH session from ${IP} for user ${USER(D)} rejected due to failed public key validation`,
  ),
  rule(
    [5220, 5221, 5222],
    `^RADIUS authorize-only request failed for SSH session from ${IP} for user ${USER(G)}.`,
    `^SSH session from ${IP} (?:denied because username|for user) ${USER(D)} `,
  ),
  // NAE agents: a user clearing the time-series database (after the agent and monitor patterns).
  rule(
    [6001, 6002, 6003, 6008, 6009, 6010],
    `^NAE agent ${D} with URI ${D} has error and cannot collect samples`,
    `^NAE agent ${D} ${G} from ${G}.`,
    `NAE monitor ${D}. `,
    `from NAE monitor ${G}`,
    `^User ${USER(D)} `,
  ),
  // Credential manager: SSH authorized keys.
  rule([6506], `^SSH authorized keys were added for user ${REST('user')}`),
  rule([6507], `^Failed to write SSH authorized keys for user ${REST('user')}`),
  rule([6508], `^SSH authorized keys deleted for user ${REST('user')}`),
  rule([6509], `^User ${USER(D)} has configured an invalid SSH authorized key with key identifier `),
  // BFD sessions: the peer as destination.
  rule([7307, 7308, 7309, 7315], `^BFD session is (?:up|down|administratively down|unidirectional). ${BFD}`),
  rule(
    [7318],
    `^IP Version mismatch for BFD. ${BFD}, from=${D}, ip_version=${D}, Invalid IP address: ${IPORHOST}`,
  ),
  // MSDP SA cache limit: the multicast source.
  rule(
    range(8601, 8609),
    `^Failed to add SA Cache entry: S=${SRC}, G=${IP}, R=${IP} for Peer ${IP} as MSDP SA Cache Limit is reached`,
  ),
  // SSH client.
  rule(
    [9001, 9002, 9003],
    `^Connection to SSH server ${IP} on VRF ${D} is (?:established|successfully closed) for user ${USER(D)} over port ${G}`,
  ),
  // IP tunnels: local address as source, remote as destination.
  rule(
    range(9601, 9616),
    String.raw`^Tunnel (?:Creation Failed|Created|Deletion Failed|Deleted)${TUNNEL}`,
    String.raw`^Tunnel (?:Source|Destination) IP Modified${TUNNEL}`,
    String.raw`^Tunnel (?:TTL Modified|Modification Failed)${TUNNEL} TTL \(${D}\)`,
    String.raw`^Tunnel MTU (?:Modified|Modification Failed)${TUNNEL} MTU \(${D}\)`,
    String.raw`^Tunnel Nexthop (?:Add Failed|Added|Modify Failed|Modified|Delete Failed|Deleted)${TUNNEL}`,
  ),
  // User-based tunnels.
  rule(
    [9707, 9708, 9711, 9712],
    String.raw`Gre Key \(${D}\) VRF \(${D}\) ${GRE_SRC_DST}`,
    String.raw`Tunnel Id \(${D}\) Gre Key \(${D}\) ${GRE_SRC_DST}`,
  ),
  rule([9727, 9728], String.raw`Gre Key \(${D}\) VLAN \(${D}\) VRF \(${D}\) ${GRE_SRC_DST}`),
  rule([9731, 9732], String.raw`Tunnel Id \(${D}\) Gre Key \(${D}\) ${GRE_SRC_DST}`),
  // PTP source address.
  rule([12118], `^PTP source_ip ${D}\\. IP: ${REST('src')}`),
  // Telnet, console and idle-session accounting.
  rule(range(12904, 12907), `^User ${USER(D)} (?:logged in|login|logged out of TELNET session) from ${IP}`),
  rule(
    [12908, 12909],
    `^TELNET session from User ${USER(D)} is closed because maximum number of sessions per user is reached.`,
    `^User ${USER(D)} login from ${IP} for TELNET session has failed since the user is trying to login through an interface which is not allowed. Allowed interfaces are: ${G}.`,
  ),
  rule([13001, 13002], `^User ${USER(D)} (?:logged in|login) from ${IP} (?:through|for) CONSOLE`),
  rule([13003], `^User ${USER(D)} logged out of CONSOLE session from ${IP}.`),
  rule(
    [13004],
    String.raw`^CONSOLE session from User ${USER(D)} is closed because maximum number of sessions per user is reached\.`,
  ),
  rule([13005], `^User ${USER(D)} login from ${D} for CONSOLE session has failed since `),
  rule([13101, 13102, 13103], `^(?:SSH|TELNET|CONSOLE) session from ${IP} (?:for|with) [Uu]ser ${USER(D)} `),
];

const RULE_OF = new Map<string, Rule>(RULES.flatMap((r) => r.codes.map((c) => [String(c), r] as const)));

function observables(rec: ArubaRecord): ObservablesBuilder {
  // The pipeline fills no related.* field: sources and destinations stay out of related.ip.
  const obs = new ObservablesBuilder(false);
  const r = RULE_OF.get(rec.code);
  const g = r?.patterns.map((re) => re.exec(rec.message)).find((m) => m)?.groups;
  if (!g) return obs;
  obs.srcIp(bareIndicatorIp(g.src));
  obs.dstIp(bareIndicatorIp(g.dst));
  obs.user(g.user);
  obs.host(g.host);
  return obs;
}

/** AOS-CX levels (`LOG_INFO`, `LOG_WARN`, `LOG_ERR` …); the syslog priority when the level is unknown. */
const LEVELS: Readonly<Record<string, Severity>> = {
  EMER: 'critical',
  EMERG: 'critical',
  ALERT: 'critical',
  CRIT: 'critical',
  ERR: 'high',
  ERROR: 'high',
  WARN: 'medium',
  WARNING: 'medium',
  NOTICE: 'low',
  INFO: 'info',
  DEBUG: 'info',
};

/**
 * A login word, then a failure word after it (`loginFailed`). Two searches: as one pattern with `[\s\S]*`
 * between the words, every login word of a long hostile line was scanned to its end (quadratic time).
 */
const LOGIN_WORD = /\b(?:login|authentication|authorization)\b/gi;
const FAILURE_WORD = /\b(?:failed|rejected|denied)\b/gi;

function loginFailed(message: string): boolean {
  LOGIN_WORD.lastIndex = 0;
  if (!LOGIN_WORD.test(message)) return false;
  FAILURE_WORD.lastIndex = LOGIN_WORD.lastIndex;
  return FAILURE_WORD.test(message);
}

function severityOf(rec: ArubaRecord): Severity {
  const stated =
    LEVELS[rec.level.toUpperCase().replace(/^LOG_/, '')] ??
    (rec.pri === null ? 'info' : syslogSeverityOfPri(rec.pri));
  // Failed or rejected logins and authentications are worth a look.
  const failed = loginFailed(rec.message);
  return failed && stated === 'info' ? 'low' : stated;
}

function titleOf(rec: ArubaRecord): string {
  const title = `HPE Aruba CX ${rec.app} ${rec.type} ${rec.code} on ${rec.device}: ${rec.message}`.replace(
    /\s+/g,
    ' ',
  );
  return title.length > 300 ? `${title.slice(0, 297)}...` : title.trim();
}

const detect = (raw: unknown): boolean => asArubaCx(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asArubaCx(raw);
  if (!rec) throw new Error('not an HPE Aruba CX event line');
  return parserAlert(NAME, NAME, observables(rec), {
    title: titleOf(rec),
    severity: severityOf(rec),
    observedAt: toIsoTime(rec.timestamp),
    ruleId: rec.code,
  });
}

export const hpeArubaCxParser: Parser = { name: NAME, claims: { keys: [], text: [']:'] }, detect, parse };
