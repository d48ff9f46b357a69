// Cisco Wireless LAN Controller syslog (AireOS `<pri>WLC: *task: <date>: %FAC-n-MNEMONIC: …`, AP and Catalyst
// 9800 `wncd` variants), read as Elastic's `cisco_aironet.log` pipeline reads it: the controller as host.name,
// user names and the few source/destination addresses it groks per mnemonic; client/server IPs and MACs never.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { type HeaderTimeParts, headerTimeUtc } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** Elastic's header date: month, day, optional year, time, optional zone word. */
const DATE = String.raw`([A-Z][a-z]{2,8})\s+(\d{1,2})(?:\s+(\d{4}))?\s+(\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)(?:\s+(\w+))?`;
/** `FAC-n-MNEMONIC:` opening the message after `%`. */
const MNEMONIC = String.raw`[A-Z][A-Z0-9_]*-[0-7]-[A-Z0-9_]+:`;

/** The header shapes Elastic's first grok tries, in its order; the name before the task or sequence is host.name. */
const AIREOS = new RegExp(
  String.raw`^<(\d{1,3})>(\S{1,255}?):\s\*(.{1,120}?):\s${DATE}:\s%(${MNEMONIC}.*)$`,
  's',
);
const IOSXE_HOST = new RegExp(
  String.raw`^<(\d{1,3})>\d+: (\S{1,255}?): \d+: ${DATE}: %(${MNEMONIC}.*)$`,
  's',
);
const AP = new RegExp(
  String.raw`^<(\d{1,3})>\d+: AP:((?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}|(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}): \*${DATE}: %(${MNEMONIC}.*)$`,
  's',
);
const IOSXE = new RegExp(String.raw`^<(\d{1,3})>\d+: ${DATE}: %(${MNEMONIC}.*)$`, 's');
const TRACEBACK = /^<(\d{1,3})>(\S{1,255}?): -(Traceback:.*)$/s;

/** Catalyst 9800 lines share IOS-XE's header; only a wireless daemon's `Chassis n R0/n: wncd:` marks them. */
const WLC_DAEMON =
  /^[A-Z][A-Z0-9_]*-[0-7]-[A-Z0-9_]+: Chassis \d+ [RF]\d+(?:\/\d+)?: (?:wncd|wncmgrd|mobilityd|nmspd|rrmd|wstatsd|rogued):/;

/**
 * Elastic's second grok, `provider-severity-action: [file.c:line ]message`, read by `secondGrok` from the first
 * SEVERITY, the first `: ` after it and the first SOURCE after that (the groks' lazy groups take the first of
 * each). As one pattern, every `-n-` of a long hostile line was tried and scanned to its end.
 */
const SEVERITY = /-([+-]?\d+)-/;
const SOURCE = /:([+-]?\d+) /;

const IP = String.raw`(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]+)`;
const MAC = String.raw`(?:(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}|(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}|(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2})`;
const SLOT = String.raw`(?:Chassis \d+ )?R\d+/\d+: \w+: `;

/** What one per-mnemonic grok yields (capture numbers; absent means the grok sets no such field). */
interface Grok {
  re: RegExp;
  /** The text the grok starts with: `re` (anchored) reads the message from its first occurrence. */
  from?: string;
  user?: number;
  src?: number;
  dst?: number;
}

const re = (s: string): RegExp => new RegExp(s, 's');
/**
 * Read from the first `Username entry (`, which matches if any does, and the name ends at its first `)` as the
 * lazy group's did: retried from every later one, each `.*?mobile` scanned the rest of a hostile line.
 */
const USERNAME_ENTRY: Grok = {
  re: re(String.raw`^Username entry \(([^)]*)\).*?mobile ${MAC}`),
  from: 'Username entry (',
  user: 1,
};
/**
 * The Catalyst 9800 groks are anchored at the message's start, where its `Chassis n Rn/n: daemon:` stands:
 * unanchored, each `.*?` was retried from every later `Chassis` of a hostile line (up to fourth degree).
 */
const CAPWAP_JOIN: Grok[] = [
  String.raw`AP Name: .*? Mac: ${MAC} Session-IP: ${IP}\[\d+\] ${IP}\[\d+\] `,
  String.raw`AP Name: .*? Mac: ${MAC} Session-IP: ${IP}\[\d+\] `,
  String.raw`AP Name: .*? Mac:\s*Session-IP: ${IP}\[\d+\] ${IP}\[\d+\] `,
  String.raw`AP Name:\s*Mac: ${MAC} Session-IP: ${IP}\[\d+\] `,
  String.raw`AP Name:\s*Mac:\s*Session-IP: ${IP}\[\d+\] `,
].map((s, i) => ({
  re: re(String.raw`^Chassis \d+ R\d+/\d+: \w+: AP Event: ${s}`),
  src: 1,
  ...(i === 0 || i === 2 ? { dst: 2 } : {}),
}));

/**
 * SISF entries: the address grok (client.ip only) comes first, so a line it matches yields no user. The interface
 * (`I=wired:1`) holds no space or `=`: as `.*?`, every `A=` of a hostile line was scanned to its end.
 */
const SISF: Grok[] = [
  { re: re(String.raw`A=${IP} V=\d+ I=[^\s=]*?:\d+ P=\d+ M=(?:${MAC}|$)`) },
  USERNAME_ENTRY,
];
/**
 * The groks of Elastic's pipeline that set user.name, source.ip or destination.ip on the lines this parser
 * claims, by `FAC-n-MNEMONIC`; the first that matches wins, as in grok. Elastic's client.ip and server.ip are
 * neither source, destination nor related addresses, so they are not reported.
 */
const GROKS: Readonly<Record<string, readonly Grok[]>> = lookupTable({
  'SISF-6-ENTRY_CREATED': SISF,
  'SISF-6-ENTRY_DELETED': SISF,
  'SISF-6-ENTRY_CHANGED': SISF,
  'LOG-6-Q_IND': SISF,
  'AAA-5-AAA_AUTH_ADMIN_USER': [{ re: re(String.raw`for admin user '([a-zA-Z0-9._-]+)' on ${IP}`), user: 1 }],
  'APF-6-USER_NAME_CREATED': [USERNAME_ENTRY],
  'APF-6-USER_NAME_DELETED': [USERNAME_ENTRY],
  'CLIENT_ORCH_LOG-6-CLIENT_ADDED_TO_RUN_STATE': [
    {
      re: re(
        // The user name ends at its first `)`: with a lazy name and SSID, each `)` was a new split (quadratic).
        String.raw`^(?:Chassis \d+ )?R\d+/\d+: wncd: Username entry \(([^)]*)\) joined with ssid \(.*?\) for device with MAC: ${MAC}`,
      ),
      user: 1,
    },
  ],
  'DOT1X-5-FAIL': [
    {
      re: re(
        // The interface is one word (`capwap_91400a75`): as `.*?`, each `) on Interface` began a new scan.
        String.raw`^${SLOT}Authentication failed for client \(${MAC}\) with reason \(.*?\) on Interface \S+ AuditSessionID \S+ Username: (.*)`,
      ),
      user: 1,
    },
  ],
  'CAPWAPAC_SMGR_TRACE_MESSAGE-5-AP_JOIN_DISJOIN': CAPWAP_JOIN,
  'MM_LOG-4-RETRIES_FAILED': [
    {
      re: re(
        String.raw`^Chassis \d+ R\d+/\d+: \w+: MAC: ${MAC}: All retries of handoff_end \(XID: \d+\) to ipv4: ${IP}  have been exhausted`,
      ),
      dst: 1,
    },
  ],
  'LOADBALANCE_TRACE_MESSAGE-5-LB_LOG_MSG': [
    {
      re: re(
        String.raw`^Chassis \d+ R\d+/\d+: \w+: Loadbalancer Log : AP \( ${IP} \) : Loadbalancer algorithm assigned Instance \(\d+\) for site tag \(.*?\)`,
      ),
      src: 1,
    },
  ],
  'MCAST_ERROR_MESSAGE-3-MCAST_GRP_JOIN_LEAVE_FAILED': [
    {
      re: re(
        String.raw`^Chassis \d+ R\d+/\d+: \w+: Failed to handle IGMP join\. No MAC address for client IP: ${IP}, group IP: ${IP}, vlan: \d+ for client ${MAC}  multicast group \w+, mgid \d+`,
      ),
      dst: 2,
    },
  ],
});

interface WlcLine extends HeaderTimeParts {
  pri: number;
  host: string | null;
  /** After `%`: `FAC-n-MNEMONIC: …` (or the traceback text). */
  full: string;
}

function asWlc(raw: unknown): WlcLine | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<') || !(s.includes(': %') || s.includes(': -Traceback:'))) return null;
  const line = s.trim();
  const dated = (m: RegExpExecArray, host: string | null, at: number): WlcLine => ({
    pri: Number(m[1]),
    host,
    month: m[at] ?? null,
    day: m[at + 1] ?? null,
    year: m[at + 2] ?? null,
    time: m[at + 3] ?? null,
    zone: m[at + 4] ?? null,
    full: m[at + 5] ?? '',
  });
  const aireos = AIREOS.exec(line);
  if (aireos) return dated(aireos, aireos[2] ?? null, 4);
  const withHost = IOSXE_HOST.exec(line);
  if (withHost && WLC_DAEMON.test(withHost[8] ?? '')) return dated(withHost, withHost[2] ?? null, 3);
  const ap = AP.exec(line);
  if (ap) return dated(ap, null, 3);
  const bare = IOSXE.exec(line);
  if (bare && WLC_DAEMON.test(bare[7] ?? '')) return dated(bare, null, 2);
  const tb = TRACEBACK.exec(line);
  if (tb) {
    const none = { month: null, day: null, year: null, time: null, zone: null };
    return { pri: Number(tb[1]), host: tb[2] ?? null, ...none, full: tb[3] ?? '' };
  }
  return null;
}

/** The severity and the message (after an optional `file.c:line `) of Elastic's second grok, or null. */
function secondGrok(full: string): { severity: string; message: string } | null {
  const severity = SEVERITY.exec(full);
  if (!severity?.[1]) return null;
  const colon = full.indexOf(': ', severity.index + severity[0].length);
  if (colon < 0) return null;
  const text = full.slice(colon + 2);
  const source = SOURCE.exec(text);
  return { severity: severity[1], message: source ? text.slice(source.index + source[0].length) : text };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const w = asWlc(raw);
  if (!w) throw new Error('not a Cisco WLC syslog line');
  const obs = new ObservablesBuilder(false);
  obs.host(w.host);
  if (w.full.startsWith('Traceback:')) {
    return parserAlert('cisco_aironet.log', 'cisco_aironet.log', obs, {
      title: `Cisco WLC traceback${w.host ? ` on ${w.host}` : ''}`,
      severity: syslogSeverityOfPri(w.pri),
      observedAt: null,
      ruleId: 'Traceback',
    });
  }
  const head = secondGrok(w.full);
  const message = head?.message ?? '';
  const reason = /^(.*?):/s.exec(w.full)?.[1] ?? '';
  for (const grok of GROKS[reason] ?? []) {
    const at = grok.from === undefined ? 0 : message.indexOf(grok.from);
    if (at < 0) continue;
    const m = grok.re.exec(message.slice(at));
    if (!m) continue;
    if (grok.user !== undefined) obs.user(m[grok.user]);
    if (grok.src !== undefined) obs.srcIp(bareIndicatorIp(m[grok.src]));
    if (grok.dst !== undefined) obs.dstIp(bareIndicatorIp(m[grok.dst]));
    break;
  }
  const level = head ? Number(head.severity) : NaN;
  const severity: Severity =
    (Number.isInteger(level) && level >= 0 && level <= 7 ? mapSeverity(level, 'syslog') : null) ??
    syslogSeverityOfPri(w.pri);
  // The title reads the text after the mnemonic, without the `[PA]file.c:123` or `Chassis 1 R0/0: wncd:` prefix.
  const text = w.full
    .slice(reason.length + 1)
    .trim()
    .replace(/^(?:\[\w+\])?[\w.-]+\.c:\d+\s+/, '')
    .replace(/^Chassis \d+ [RF]\d+(?:\/\d+)?: [\w-]+: /, '');
  return parserAlert('cisco_aironet.log', 'cisco_aironet.log', obs, {
    title: `Cisco WLC %${reason}: ${text}`,
    severity,
    observedAt: headerTimeUtc(w),
    ruleId: reason || null,
  });
}

export const ciscoAironetParser: Parser = {
  name: 'cisco_aironet.log',
  claims: { keys: [], text: [': %', ': -Traceback:'] },
  detect: (raw) => {
    try {
      return asWlc(raw) !== null;
    } catch {
      return false;
    }
  },
  parse,
};
