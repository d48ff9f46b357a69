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
const IPV4 = String.raw`(?<![0-9])(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})(?![0-9])`;
const IPV6 = String.raw`(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|${IPV4})?(?:%\w+)?`;

/**
 * One piece of an event pattern: fixed text (alternatives tried in order), a lazy field (grok's `.*?`, read up to
 * the text that follows it), a greedy rest of the line (`.*`, last), any one character (an unescaped `.` in the
 * pipeline's pattern), or a typed value (an address, a host name, a MAC, a time) read by a grok regex.
 */
type Piece = { kind: 'text'; alts: readonly string[] } | { kind: 'any' } | Field;
/** A piece that can be named, so that what it reads is captured. */
type Field = { kind: 'lazy'; name?: string } | { kind: 'rest'; name?: string } | Typed;
interface Typed {
  kind: 'typed';
  source: string;
  name?: string;
}

const D: Field = { kind: 'lazy' };
const G: Field = { kind: 'rest' };
const ANY: Piece = { kind: 'any' };
const IP: Typed = { kind: 'typed', source: `${IPV6}|${IPV4}` };
const HOSTNAME: Typed = {
  kind: 'typed',
  source: String.raw`\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*(?:\.?|\b)`,
};
const IPORHOST: Typed = { kind: 'typed', source: `${IP.source}|${HOSTNAME.source}` };
const MAC: Typed = {
  kind: 'typed',
  source: String.raw`(?:[A-Fa-f0-9]{2}[:-]){5}[A-Fa-f0-9]{2}|(?:[A-Fa-f0-9]{4}\.){2}[A-Fa-f0-9]{4}`,
};
const TIME: Typed = { kind: 'typed', source: '(?:[0-9]{2}:){2}[0-9]{2}' };
const named = <F extends Field>(name: string, f: F): F => ({ ...f, name });
const USER = (f: Field): Field => named('user', f);
const SRC = named('src', IP);
const DST = named('dst', IP);
/** A dissect field that runs to the end of the line. */
const REST = (name: string): Field => named(name, G);
/** One of several words, as the pipeline's `(?:a|b)`; `opt(x)` is `(?:x)?`. */
const oneOf = (...alts: string[]): Piece => ({ kind: 'text', alts });
const opt = (text: string): Piece => oneOf(text, '');

/** A pattern: its pieces, and whether it starts at the message's start (`^`) and must reach its end (`$`). */
interface Pattern {
  start: boolean;
  end: boolean;
  pieces: readonly Piece[];
}

/**
 * Writes a pattern as the pipeline does, with plain text between the pieces: a leading `^` and a trailing `$`
 * anchor it, a piece list (another pattern) is spliced in, and adjacent texts join into one text piece.
 */
function msg(strings: TemplateStringsArray, ...parts: Array<Piece | Pattern>): Pattern {
  const first = strings[0] ?? '';
  const last = strings[strings.length - 1] ?? '';
  const start = first.startsWith('^');
  const end = last.endsWith('$');
  const pieces: Piece[] = [];
  const push = (p: Piece): void => {
    const prev = pieces[pieces.length - 1];
    if (p.kind === 'text' && prev?.kind === 'text') {
      pieces[pieces.length - 1] = { kind: 'text', alts: prev.alts.flatMap((a) => p.alts.map((b) => a + b)) };
    } else pieces.push(p);
  };
  strings.forEach((s, i) => {
    const text = s.slice(i === 0 && start ? 1 : 0, i === strings.length - 1 && end ? -1 : undefined);
    if (text) push(oneOf(text));
    const part = parts[i];
    if (part) for (const p of 'pieces' in part ? part.pieces : [part]) push(p);
  });
  return { start, end, pieces };
}

/** A typed value longer than this is not read: no address or DNS name comes near it. */
const TYPED_WINDOW = 512;
/** How many places a field before a typed value may end, tried in order as a regex would. */
const RETRIES = 4;
/** How many occurrences of an unanchored pattern's first text are tried as its start. */
const STARTS = 4;
const LINE_END = /[\n\r\u2028\u2029]/g;

const escapeText = (t: string): string => t.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** Text and `ANY` pieces in a row: what ends the field before them. */
type Run = ReadonlyArray<Extract<Piece, { kind: 'text' | 'any' }>>;
type RunPiece = Run[number];

/** A piece made ready to read. */
interface Step {
  piece: Piece;
  /** The text and `ANY` pieces right after it. */
  run: Run;
  /** For a typed value: its regex, anchored, with the run after it as a lookahead. */
  re?: RegExp;
  /** For a typed value: how much of the line its regex may see (the value, then its run). */
  window: number;
  /** For a lazy field: whether a typed value follows its run (the field is then retried at later runs). */
  retry: boolean;
}

interface Reader {
  start: boolean;
  end: boolean;
  steps: readonly Step[];
}

function compile(p: Pattern): Reader {
  const { pieces } = p;
  const steps = pieces.map((piece, i): Step => {
    const run: RunPiece[] = [];
    let j = i + 1;
    for (let q = pieces[j]; q?.kind === 'text' || q?.kind === 'any'; q = pieces[++j]) run.push(q);
    const after = pieces[j];
    const ahead = run
      .map((q) => (q.kind === 'any' ? '.' : `(?:${q.alts.map(escapeText).join('|')})`))
      .join('');
    const width = run.reduce(
      (n, q) => n + (q.kind === 'any' ? 1 : Math.max(...q.alts.map((a) => a.length))),
      0,
    );
    const step: Step = { piece, run, window: TYPED_WINDOW + width, retry: after?.kind === 'typed' };
    if (piece.kind === 'typed') {
      if (after && !run.length) throw new Error('a typed value must be followed by text');
      step.re = new RegExp(`^(?:${piece.source})${ahead && `(?=${ahead})`}`);
    }
    if (piece.kind === 'lazy' && (after || run.length) && !run.some((q) => q.kind === 'text')) {
      throw new Error('a lazy field must be followed by text');
    }
    if (piece.kind === 'rest' && (after || run.some((q) => q.kind === 'text'))) {
      throw new Error('a greedy rest must come last');
    }
    return step;
  });
  if (!p.start && steps[0]?.piece.kind !== 'text')
    throw new Error('an unanchored pattern must start with text');
  return { start: p.start, end: p.end, steps };
}

type Groups = Record<string, string>;

/** Where `run` ends if it is read at `at` (within the line, which ends at `end`), or -1. */
function runAt(s: string, run: Run, at: number, end: number): number {
  let pos = at;
  for (const q of run) {
    if (q.kind === 'any') {
      if (pos >= end) return -1;
      pos += 1;
      continue;
    }
    const alt = q.alts.find((a) => s.startsWith(a, pos));
    if (alt === undefined) return -1;
    pos += alt.length;
  }
  return pos;
}

/**
 * The first place at or after `from` where `run` reads, within the line, or -1. Each alternative of its first text
 * is looked for again only once the search has passed its last occurrence, so the search is linear.
 */
function findRun(s: string, run: Run, from: number, end: number): number {
  const lead = run.findIndex((q) => q.kind === 'text');
  const first = run[lead];
  if (first?.kind !== 'text') return -1;
  // Per alternative: where it occurs next (-2 before the first look, -1 when it occurs no more).
  const next = first.alts.map(() => -2);
  for (let at = from + lead; at <= end;) {
    let o = -1;
    first.alts.forEach((a, k) => {
      let n = next[k] ?? -1;
      if (n !== -1 && n < at) next[k] = n = s.indexOf(a, at);
      if (n !== -1 && (o === -1 || n < o)) o = n;
    });
    if (o === -1 || o > end) return -1;
    if (runAt(s, run, o - lead, end) !== -1) return o - lead;
    at = o + 1;
  }
  return -1;
}

/**
 * Reads the pieces from `i` at `pos` (the line ends at `end`), as dissect does: a lazy field runs to the first place
 * where the text after it reads, tried at the next few only when a typed value after that text fails, so the work
 * is linear in the line (a regex backtracks into every earlier field, which was polynomial on hostile lines).
 */
function readFrom(r: Reader, s: string, i: number, pos: number, end: number, g: Groups): boolean {
  const step = r.steps[i];
  if (!step) return !r.end || pos === s.length;
  const { piece } = step;
  switch (piece.kind) {
    case 'text': {
      const alt = piece.alts.find((a) => s.startsWith(a, pos));
      return alt !== undefined && readFrom(r, s, i + 1, pos + alt.length, end, g);
    }
    case 'any':
      return pos < end && readFrom(r, s, i + 1, pos + 1, end, g);
    case 'typed': {
      const m = step.re?.exec(s.slice(pos, Math.min(end, pos + step.window)));
      if (!m) return false;
      if (piece.name) g[piece.name] = m[0];
      return readFrom(r, s, i + 1, pos + m[0].length, end, g);
    }
    case 'rest': {
      // Only `ANY` pieces follow: they take the line's last characters.
      const to = end - step.run.length;
      if (to < pos || (r.end && end !== s.length)) return false;
      if (piece.name) g[piece.name] = s.slice(pos, to);
      return readFrom(r, s, i + 1, to, end, g);
    }
    case 'lazy': {
      if (i === r.steps.length - 1) {
        // Last: empty, or the rest of the message when the pattern must reach its end.
        if (r.end && end !== s.length) return false;
        if (piece.name) g[piece.name] = r.end ? s.slice(pos, end) : '';
        return readFrom(r, s, i + 1, r.end ? end : pos, end, g);
      }
      let from = pos;
      for (let k = 0; k < (step.retry ? RETRIES : 1); k += 1) {
        const at = findRun(s, step.run, from, end);
        if (at === -1) return false;
        if (piece.name) g[piece.name] = s.slice(pos, at);
        if (readFrom(r, s, i + 1, at, end, g)) return true;
        from = at + 1;
      }
      return false;
    }
  }
}

const lineEnd = (s: string, from: number): number => {
  LINE_END.lastIndex = from;
  return LINE_END.test(s) ? LINE_END.lastIndex - 1 : s.length;
};

/** The named fields of the first match: from the start, or from one of the first places its first text is. */
function read(r: Reader, s: string): Groups | null {
  const g: Groups = {};
  if (r.start) return readFrom(r, s, 0, 0, lineEnd(s, 0), g) ? g : null;
  const first = r.steps[0]?.piece;
  if (first?.kind !== 'text') return null;
  let from = 0;
  for (let k = 0; k < STARTS; k += 1) {
    const at = findRun(s, [first], from, s.length);
    if (at === -1) return null;
    if (readFrom(r, s, 0, at, lineEnd(s, at), g)) return g;
    from = at + 1;
  }
  return null;
}

/** One family's event IDs and its patterns, tried in order (the first that matches wins, as in grok). */
interface Rule {
  codes: readonly number[];
  patterns: readonly Reader[];
}

const rule = (codes: readonly number[], ...patterns: Pattern[]): Rule => ({
  codes,
  patterns: patterns.map(compile),
});
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const TUNNEL = msg` - Name (${D}) Type (${D}) VRF (${D}) Local IP (${SRC}) Remote IP (${DST})`;
const GRE_SRC_DST = msg`Source IP (${SRC}) Destination IP (${DST})`;
const BFD = msg`session_id=${D}, vrf=${D}, op_mode=${D}, src_port=${D}, dest_ip=${DST}, local_state=${D}, local_diag=${D}, remote_state=${D}, remote_diag=`;

/**
 * The event families whose messages carry a user, a source or destination address, or a host name. `ANY` stands
 * for the pipeline's unescaped `.`; a greedy field that captures nothing before more text is read as a lazy one,
 * and an optional part a field before it absorbs is left out: either matches the same messages.
 */
const RULES: readonly Rule[] = [
  // DHCP server leases: the client's host name.
  rule(
    range(1901, 1906),
    msg`^DHCP Lease ${oneOf('added', 'addition', 'deleted', 'deletion', 'update', 'updated')}${opt(' failed')} ${TIME} ${MAC} ${IP} ${named('host', HOSTNAME)} ${D}$`,
  ),
  // OSPFv2 / OSPFv3 duplicate router-id: the neighbour as source.
  rule([2410, 4907], msg`^Duplicate router-id for ${D} from source ${REST('src')}`),
  // BGP peer source-address change.
  rule([2916], msg`^${IPORHOST}: Peer source-address changed to ${SRC}${ANY} vrf-name: ${G}`),
  // Firmware and hot-patch updates (the pipeline's optional ` from HOST` before the end is absorbed by the field).
  rule(
    [4401, 4402],
    msg`^User ${USER(D)}: ${D} image updated via ${D}${ANY} Firmware version, Before Update: ${D} After Update: ${D}$`,
  ),
  rule([4403, 4404], msg`^User ${USER(D)}: ${D} image update failed via ${D}$`),
  rule(
    range(4408, 4411),
    msg`^User ${USER(D)}: hot-patch "${D}" ${oneOf('downloaded', 'download failed')} via `,
  ),
  // REST sessions, users and configuration.
  rule(
    [4601, 4602],
    msg`^Authentication ${oneOf('failed', 'succeeded')} for user ${USER(D)} in session ${G}`,
  ),
  rule(
    [4606, 4607, 4608],
    msg`^Authorization ${oneOf('failed', 'succeeded', 'allowed')} for user ${USER(D)}, for resource ${D}, with action ${G}`,
  ),
  rule([4609, 4701], msg`^User ${USER(D)} added ${D} with role `),
  rule([4702], msg`^User ${USER(D)} deleted ${D} with role `),
  rule(
    [4610, 4653],
    msg`^User ${USER(D)} deleted ${G}`,
    msg`^User ${USER(D)} has configured ${D} for configuration lockout`,
  ),
  rule(
    [4611, 4612],
    msg`^User ${USER(D)} ${oneOf('successfully changed password', 'password change failed')}`,
  ),
  rule(
    range(4613, 4616),
    msg`^${USER(D)} has written a new switch configuration to ${G}`,
    msg`^${USER(D)} has copied switch configuration ${D} to ${G}`,
    msg`^${USER(D)} has configured ${D} DNS nameserver to ${G}`,
    msg`^${USER(D)} has deleted all DNS nameservers`,
  ),
  // The pipeline's optional ` %{GREEDYDATA}` after the verb matches anything, so it is left out.
  rule([4617, 4618, 4619], msg`^${USER(D)} ${oneOf('created', 'deleted', 'modified')}`),
  rule([4620, 4621], msg`^User: ${USER(D)} ${oneOf('added', 'removed')} subscriber: ${G}${ANY}`),
  rule(
    range(4626, 4631),
    msg`^NAE ${oneOf('Script', 'Agent')} ${D} has been ${oneOf('created', 'updated', 'deleted')} by user ${USER(G)}${ANY}`,
  ),
  // HPE Aruba Networking Central: the switch's source address.
  rule(
    [4632, 4633, 4634, 4635, 4636, 4637, 4639, 4640, 4642],
    msg`location ${D} on VRF ${D} ${oneOf('with', 'and')} Source IP ${SRC}`,
  ),
  rule(
    [4655, 4656, 4657],
    msg`^User ${USER(D)} ${oneOf('logged in', 'login')} from ${D} `,
    msg`^User ${USER(D)} logged out of REST session from ${G}`,
  ),
  rule(
    [4658, 4659],
    msg`^REST session from ${D} with User ${USER(D)} is rejected because maximum session limit is reached`,
    msg`^${D} session from ${D} with User ${USER(D)} timed out due to idle timeout`,
  ),
  rule(
    [4660, 4661, 4662],
    msg`^User ${USER(D)} login from ${IP} for REST session has failed since the user is trying to login through an interface which is not allowed${ANY} Allowed interfaces are: ${G}`,
  ),
  rule(range(4703, 4706), msg`^User ${USER(D)} `),
  // PIM mroute limits: the multicast source.
  rule([5107, 5108], msg`^Failed to add a mroute for s=${SRC}, g=${D} on interface ${D} `),
  // SSH server.
  rule(
    [5204, 5205],
    msg`^SSH client-public-key ${D} was ${oneOf('installed', 'removed')} for the user ${USER(G)}${ANY}`,
  ),
  rule(
    [5209, 5210, 5211],
    msg`^User ${USER(D)} ${oneOf('logged in', 'login')} from ${IP} `,
    msg`^User ${USER(D)} logged out of SSH session from ${IP}${ANY}`,
  ),
  rule(
    [5212, 5213, 5214],
    msg`^SSH session from ${IP} `,
    msg`^SSH session from user ${USER(D)} closed because maximum number of sessions per user is reached${ANY}`,
  ),
  rule(
    [5215, 5216],
    msg`^SSH session from ${IP} for user ${USER(D)} denied${ANY} The allowed user management interfaces are: ${G}${ANY}`,
    msg`^SSH session from ${IP} for user ${USER(D)} rejected due to failed public key validation`,
  ),
  rule(
    [5220, 5221, 5222],
    msg`^RADIUS authorize-only request failed for SSH session from ${IP} for user ${USER(G)}${ANY}`,
    msg`^SSH session from ${IP} ${oneOf('denied because username', 'for user')} ${USER(D)} `,
  ),
  // NAE agents: a user clearing the time-series database (after the agent and monitor patterns).
  rule(
    [6001, 6002, 6003, 6008, 6009, 6010],
    msg`^NAE agent ${D} with URI ${D} has error and cannot collect samples`,
    msg`^NAE agent ${D} ${D} from ${G}${ANY}`,
    msg`NAE monitor ${D}${ANY} `,
    msg`from NAE monitor ${G}`,
    msg`^User ${USER(D)} `,
  ),
  // Credential manager: SSH authorized keys.
  rule([6506], msg`^SSH authorized keys were added for user ${REST('user')}`),
  rule([6507], msg`^Failed to write SSH authorized keys for user ${REST('user')}`),
  rule([6508], msg`^SSH authorized keys deleted for user ${REST('user')}`),
  rule([6509], msg`^User ${USER(D)} has configured an invalid SSH authorized key with key identifier `),
  // BFD sessions: the peer as destination.
  rule(
    [7307, 7308, 7309, 7315],
    msg`^BFD session is ${oneOf('up', 'down', 'administratively down', 'unidirectional')}${ANY} ${BFD}${G}`,
  ),
  rule(
    [7318],
    msg`^IP Version mismatch for BFD${ANY} ${BFD}${D}, from=${D}, ip_version=${D}, Invalid IP address: ${IPORHOST}`,
  ),
  // MSDP SA cache limit: the multicast source.
  rule(
    range(8601, 8609),
    msg`^Failed to add SA Cache entry: S=${SRC}, G=${IP}, R=${IP} for Peer ${IP} as MSDP SA Cache Limit is reached`,
  ),
  // SSH client.
  rule(
    [9001, 9002, 9003],
    msg`^Connection to SSH server ${IP} on VRF ${D} is ${oneOf('established', 'successfully closed')} for user ${USER(D)} over port ${G}`,
  ),
  // IP tunnels: local address as source, remote as destination.
  rule(
    range(9601, 9616),
    msg`^Tunnel ${oneOf('Creation Failed', 'Created', 'Deletion Failed', 'Deleted')}${TUNNEL}`,
    msg`^Tunnel ${oneOf('Source', 'Destination')} IP Modified${TUNNEL}`,
    msg`^Tunnel ${oneOf('TTL Modified', 'Modification Failed')}${TUNNEL} TTL (${D})`,
    msg`^Tunnel MTU ${oneOf('Modified', 'Modification Failed')}${TUNNEL} MTU (${D})`,
    msg`^Tunnel Nexthop ${oneOf('Add Failed', 'Added', 'Modify Failed', 'Modified', 'Delete Failed', 'Deleted')}${TUNNEL}`,
  ),
  // User-based tunnels.
  rule(
    [9707, 9708, 9711, 9712],
    msg`Gre Key (${D}) VRF (${D}) ${GRE_SRC_DST}`,
    msg`Tunnel Id (${D}) Gre Key (${D}) ${GRE_SRC_DST}`,
  ),
  rule([9727, 9728], msg`Gre Key (${D}) VLAN (${D}) VRF (${D}) ${GRE_SRC_DST}`),
  rule([9731, 9732], msg`Tunnel Id (${D}) Gre Key (${D}) ${GRE_SRC_DST}`),
  // PTP source address.
  rule([12118], msg`^PTP source_ip ${D}. IP: ${REST('src')}`),
  // Telnet, console and idle-session accounting.
  rule(
    range(12904, 12907),
    msg`^User ${USER(D)} ${oneOf('logged in', 'login', 'logged out of TELNET session')} from ${IP}`,
  ),
  rule(
    [12908, 12909],
    msg`^TELNET session from User ${USER(D)} is closed because maximum number of sessions per user is reached${ANY}`,
    msg`^User ${USER(D)} login from ${IP} for TELNET session has failed since the user is trying to login through an interface which is not allowed${ANY} Allowed interfaces are: ${G}${ANY}`,
  ),
  rule(
    [13001, 13002],
    msg`^User ${USER(D)} ${oneOf('logged in', 'login')} from ${IP} ${oneOf('through', 'for')} CONSOLE`,
  ),
  rule([13003], msg`^User ${USER(D)} logged out of CONSOLE session from ${IP}${ANY}`),
  rule(
    [13004],
    msg`^CONSOLE session from User ${USER(D)} is closed because maximum number of sessions per user is reached.`,
  ),
  rule([13005], msg`^User ${USER(D)} login from ${D} for CONSOLE session has failed since `),
  rule(
    [13101, 13102, 13103],
    msg`^${oneOf('SSH', 'TELNET', 'CONSOLE')} session from ${IP} ${oneOf('for', 'with')} ${oneOf('U', 'u')}ser ${USER(D)} `,
  ),
];

const RULE_OF = new Map<string, Rule>(RULES.flatMap((r) => r.codes.map((c) => [String(c), r] as const)));

function observables(rec: ArubaRecord): ObservablesBuilder {
  // The pipeline fills no related.* field: sources and destinations stay out of related.ip.
  const obs = new ObservablesBuilder(false);
  const r = RULE_OF.get(rec.code);
  let g: Groups | null = null;
  for (const p of r?.patterns ?? []) if ((g = read(p, rec.message))) break;
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
