// Barracuda Email Security Gateway (Spam Firewall) syslog: `inbound/pass1`, `scan`, `outbound/smtp`, `notify/smtp`,
// `web` and `reports` messages, bare or after a syslog header, read as the Elastic Agent's `barracuda.spamfirewall`
// decoder reads them: the client address as source, a `#to#` relay as destination, the user of a login or RECV.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'barracuda.spamfirewall';

/** The syslog program (message id), its optional `[pid]`, and the message after `: `. */
const BODY =
  /^(inbound\/pass1|outbound\/smtp|notify\/smtp|scan|web|reports)(?:\[([^\]\s]*)\])?:\s?([\s\S]*)$/;
/**
 * One of those program tags anywhere in the line: a cheap test before the syslog header is read. The pid is
 * bounded: unbounded, every `web[` in a long hostile line scanned to its end (quadratic time).
 */
const PROGRAM_TAG = /(?:inbound\/pass1|outbound\/smtp|notify\/smtp|scan|web|reports)(?:\[[^\]\s]{0,32}\])?:/;
/** `name[client] id start end ACTION …` of the inbound (RECV, SCAN) and scan services. */
const CLIENT_RECORD = /^(\S*)\[([0-9A-Fa-f.:]+)\] (\S+) (\S+) (\S+) (\S+)(?: ([\s\S]*))?$/;
/** `client id start end ACTION …` of the outbound and notify services. */
const SENDER_RECORD = /^(\S+) (\S+) (\S+) (\S+) (\S+)(?: ([\s\S]*))?$/;
const WEB_RECORD =
  /^\[([0-9A-Fa-f.:]+)\] (FAILED_LOGIN|LOGOUT|LOGIN) \(([^)]*)\)$|^\[([0-9A-Fa-f.:]+)\] global CHANGE (\S+) \(/;
const WEB_SUMMARY = /^(?:Ret Policy Summary \(|Retention violating accounts: )/;
const REPORTS = /^REPORTS \(([^)]*)\) queued as (\S+)/;
/**
 * The relay of an outbound message, the line's last word: `#to#domain[address]:port`, `#to#address` or
 * `#to#domain`. Matched only against that word (`relayOf`): searched for along the whole line, every `#to#`
 * of a long hostile line was scanned to its end (quadratic time).
 */
const RELAY = /^#to#(\S*?)(?:\[([0-9A-Fa-f.:]+)\](?::\d+)?)?$/;
const CONNECT = /\bconnect to (\S*?)\[([0-9A-Fa-f.:]+)\]:/;

/** Action codes of the RECV and SCAN services (2 blocked, 3 quarantined, 6 per-user quarantined). */
const HELD_CODES = new Set(['2', '3', '6']);

interface SpamLine {
  program: string;
  pid: string | null;
  message: string;
  timestamp: string | null;
}

interface Reading {
  title: string;
  severity: Severity;
  observedAt: string | null;
}

/** The `#to#` relay that ends a message: RELAY from the first `#to#` of its last whitespace-free word. */
function relayOf(message: string): RegExpExecArray | null {
  const text = message.trimEnd();
  let start = text.length;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start -= 1;
  const at = text.indexOf('#to#', start);
  return at < 0 ? null : RELAY.exec(text.slice(at));
}

function read(raw: unknown): SpamLine | null {
  const text = textOf(raw, 65_536)?.trim();
  if (!text || !PROGRAM_TAG.test(text)) return null;
  const syslog = parseSyslog(text);
  const body = syslog?.app ? `${syslog.app}${syslog.pid ? `[${syslog.pid}]` : ''}: ${syslog.message}` : text;
  const m = BODY.exec(body.replace(/^<\d{1,3}>/, ''));
  if (!m?.[1]) return null;
  const line = {
    program: m[1],
    pid: m[2] || null,
    message: m[3] ?? '',
    timestamp: syslog?.timestamp ?? null,
  };
  return known(line) ? line : null;
}

/** True when the message has the shape the decoder knows for its program: claims nothing else. */
function known(line: SpamLine): boolean {
  switch (line.program) {
    case 'inbound/pass1':
    case 'scan':
      return CLIENT_RECORD.test(line.message);
    case 'outbound/smtp':
    case 'notify/smtp': {
      const m = SENDER_RECORD.exec(line.message);
      return bareIndicatorIp(m?.[1]) !== null;
    }
    case 'web':
      return WEB_RECORD.test(line.message) || WEB_SUMMARY.test(line.message);
    default:
      return REPORTS.test(line.message);
  }
}

const epochIso = (value: string | undefined): string | null =>
  value && /^\d{9,10}$/.test(value) ? toIsoTime(value) : null;

const heldWord = (action: string | undefined): boolean => /block|deny|quarantin|reject/i.test(action ?? '');

/** inbound/pass1 and scan: with a `[pid]` the name before the client is the user, without it the client's domain. */
function client(line: SpamLine, obs: ObservablesBuilder): Reading {
  const m = CLIENT_RECORD.exec(line.message);
  const [, name, address, , start, , action, rest] = m ?? [];
  const ip = obs.srcIp(bareIndicatorIp(address));
  if (line.pid) obs.user(name);
  else obs.domain(name);
  // RECV carries `from to action-code reason-code`; SCAN and scan carry three more fields before the action code.
  const codes = (rest ?? '').split(' ');
  const code = action === 'RECV' ? codes[2] : codes[4];
  const held = heldWord(action) || HELD_CODES.has(code ?? '');
  return {
    title: `Barracuda ESG ${line.program} ${action ?? ''} from ${ip ?? address ?? '?'}`,
    severity: held ? 'medium' : 'info',
    observedAt: epochIso(start),
  };
}

/** outbound/smtp and notify/smtp: the sending client, and for outbound the relay the message went to. */
function sender(line: SpamLine, obs: ObservablesBuilder): Reading {
  const [, address, , start, , action] = SENDER_RECORD.exec(line.message) ?? [];
  const ip = obs.srcIp(bareIndicatorIp(address));
  let to: string | null = null;
  if (line.program === 'outbound/smtp' && !line.pid) {
    const relay = relayOf(line.message) ?? CONNECT.exec(line.message);
    const target = relay?.[2] ?? relay?.[1];
    to = obs.dstIp(bareIndicatorIp(target)) ?? target ?? null;
    if (relay?.[2]) obs.domain(relay[1]);
    else if (to && !bareIndicatorIp(to)) obs.domain(to);
  }
  return {
    title: `Barracuda ESG ${line.program} ${action ?? ''} from ${ip ?? address ?? '?'}${to ? ` to ${to}` : ''}`,
    severity: heldWord(action) ? 'medium' : 'info',
    observedAt: epochIso(start),
  };
}

/** web: an administrator's login, logout or failed login, or a global setting change, from a client address. */
function web(line: SpamLine, obs: ObservablesBuilder): Reading {
  const m = WEB_RECORD.exec(line.message);
  if (!m) return { title: `Barracuda ESG web: ${line.message}`, severity: 'info', observedAt: null };
  const address = m[1] ?? m[4];
  obs.srcIp(bareIndicatorIp(address));
  obs.user(m[3]);
  const what = m[2] ?? `global CHANGE ${m[5] ?? ''}`;
  return {
    title: `Barracuda ESG web ${what}${m[3] ? ` (${m[3]})` : ''} from ${address ?? '?'}`,
    severity: m[2] === 'FAILED_LOGIN' ? 'low' : 'info',
    observedAt: null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = read(raw);
  if (!line) throw new Error('not a Barracuda Email Security Gateway line');
  const obs = new ObservablesBuilder();
  const reading =
    line.program === 'inbound/pass1' || line.program === 'scan'
      ? client(line, obs)
      : line.program === 'outbound/smtp' || line.program === 'notify/smtp'
        ? sender(line, obs)
        : line.program === 'web'
          ? web(line, obs)
          : { title: `Barracuda ESG ${line.message}`, severity: 'info' as const, observedAt: null };
  return parserAlert(NAME, NAME, obs, {
    title: reading.title.replace(/\s+/g, ' ').trim().slice(0, 300),
    severity: reading.severity,
    observedAt: toIsoTime(line.timestamp) ?? reading.observedAt,
    ruleId: line.program,
  });
}

export const barracudaSpamfirewallParser: Parser = {
  name: NAME,
  claims: {
    keys: [],
    text: [
      'inbound/pass1',
      'outbound/smtp',
      'notify/smtp',
      'scan:',
      'scan[',
      'web:',
      'web[',
      'reports:',
      'reports[',
    ],
  },
  // The decoder keeps a client's domain in url.domain and a relay's in destination.domain, not in related.hosts.
  domainsInRelatedHosts: false,
  detect: detectorOf(read),
  parse,
};
