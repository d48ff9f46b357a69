// Cisco IOS / IOS-XE syslog (`<pri>seq: host: *Mar  1 18:48:50.483 UTC: %FAC-n-MNEMONIC: …`), read as Elastic's
// `cisco_ios.log` pipeline reads it: ACL hits, logins, BADAUTH, PIM joins and firewall audit lines give the source
// and destination; a name where an address was expected is a related host. The device name is no indicator.
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity, syslogSeverityOfPri } from '../severity.js';
import { headerTimeUtc } from '../time.js';
import { ciscoAironetParser } from './cisco-aironet.js';
import { ciscoAsaParser } from './cisco-asa.js';
import { ciscoNexusParser } from './cisco-nexus.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)`;
/** CISCO_TIMESTAMP: `*Mar  1 18:48:50.483 UTC`, `Oct 16 2024 07:39:09.425 UTC` (month, day, year, time, zone). */
const CISCO_TS = String.raw`[*.]?(${MONTH})\s+(\d{1,2})(?:\s+(\d{4}))?\s+(\d{1,2}:\d{2}:\d{2}(?:\.\d+)?)(?:\s+([A-Za-z]{1,4}(?:[+-]\d{1,2}(?::\d{2})?)?))?`;
/**
 * Everything before the Cisco time (PRI, counters, syslog time, host, task names), the time or an uptime. An
 * uptime (`1d02h`, `3w4d`, `2y10w`) has at most 10 digits before its unit and 17 word characters after it: as
 * `\d+[wdhms]\d+[\w]*`, the digits split in every way and each of the 200 positions the prefix tries scanned a
 * hostile word to its end.
 */
const HEADER = new RegExp(
  String.raw`^(?:<(\d{1,3})>)?([^%]{0,200}?)(?:${CISCO_TS}|[*]?\d{1,10}[ywdhms]\d\w{0,16})\s*:\s*(%.*)$`,
  's',
);
/** `%FACILITY-severity-MNEMONIC:` (a mnemonic with a letter: ASA's numeric ids are not IOS's). */
const TAG = /^%([A-Z][A-Z0-9_]*)-(?:[A-Z0-9_]+-)?([0-7])-([A-Z][A-Z0-9_]*):\s*(.*)$/s;
/** A tag inside the text: an IOS XE `%IOSXE-6-PLATFORM` record carries the data plane's own (`%FW-6-DROP_PKT:`). */
const INNER_TAG = /\s(%[A-Z][A-Z0-9_]{0,40}-(?:[A-Z0-9_]{1,40}-)?[0-7]-[A-Z][A-Z0-9_]{0,60}:)/;

interface IosRecord {
  pri: number | null;
  facility: string;
  level: number;
  code: string;
  message: string;
  time: string | null;
}

function asIos(raw: unknown): IosRecord | null {
  const s = textOf(raw, 16_384);
  if (s === null || !s.includes('%')) return null;
  const m = HEADER.exec(s.trim());
  if (!m) return null;
  const outer = TAG.exec(m[8] ?? '');
  if (!outer) return null;
  // The platform wrapper's text holds the record Elastic reads: its inner tag and what follows it.
  const inner = outer[3] === 'PLATFORM' ? INNER_TAG.exec(outer[4] ?? '') : null;
  const tag = (inner ? TAG.exec((outer[4] ?? '').slice(inner.index + 1)) : null) ?? outer;
  return {
    pri: m[1] === undefined ? null : Number(m[1]),
    facility: tag[1] ?? '',
    level: Number(tag[2]),
    code: tag[3] ?? '',
    // Elastic's grok drops an interface (`Gi1/0/1:`) and a task (`TASK_NAME:`) before the text. The interface
    // is `\w+\d` (its grok's `\w+\d+`): two runs that both take digits split a long number every way.
    message: (tag[4] ?? '').replace(/^(?:\w+\d(?:\/\d+)?:\s+)?(?:[a-zA-Z0-9_]+:\s+)?/, ''),
    time: headerTimeUtc({
      year: m[5] ?? null,
      month: m[3] ?? null,
      day: m[4] ?? null,
      time: m[6] ?? null,
      zone: m[7] ?? null,
    }),
  };
}

function detect(raw: unknown): boolean {
  try {
    // NX-OS, ASA/FTD and AireOS WLC lines share IOS's `%FAC-n-MNEMONIC` tags: their own parsers read them.
    return (
      asIos(raw) !== null &&
      !ciscoNexusParser.detect(raw) &&
      !ciscoAsaParser.detect(raw) &&
      !ciscoAironetParser.detect(raw)
    );
  } catch {
    return false;
  }
}

/** An address field: an IP is an address, anything else a name (Elastic's `source.domain`, a related host). */
function endpoint(obs: ObservablesBuilder, value: string | undefined, role: 'src' | 'dst'): void {
  if (!value) return;
  if (canonicalIp(value)) {
    const ip = bareIndicatorIp(value);
    if (role === 'src') obs.srcIp(ip);
    else obs.dstIp(ip);
  } else obs.host(value);
}

const ACL =
  /^list (\S+) (\S+) (\S+) (\S+?)(?:\((\d+)\))? \S+ (\S+?)(?:\((\d+)\))?(?: \([^)]*\))?, (\d+) packets?/;

/** The user and source in brackets; a value holds no bracket (allowed `[`, each `[user: ` was scanned far). */
const LOGIN_SUCCESS = /\[user: ([^[\]]*)\] \[Source: ([^[\]]*)\]/;
/**
 * `User u has exited tty session n(address)`: the line's first `(` after the session's first character
 * (`\S[^\s(]*`, not a lazy `\S+?` that retried every later `(` and scanned to the end each time).
 */
const LOGOUT = /^User (\S+) has \S+ \S+ session \S[^\s(]*\(([^)]*)\)/;

/**
 * `…) Join from <src> for … <rp>`: the RP is the last word. The pattern is read on the last line and the last
 * word found apart: as one (`for .*? (\S+)$`), every `from … for` of a long hostile line was scanned to its end.
 */
function invalidRpJoin(msg: string): [string, string, string] | null {
  const breaks = ['\n', '\r', '\u2028', '\u2029'].map((c) => msg.lastIndexOf(c));
  const line = msg.slice(Math.max(...breaks) + 1);
  const head = /\) \w+ from (\S+) for /.exec(line);
  const rp = head ? / (\S+)$/.exec(line.slice(head.index + head[0].length)) : null;
  return head?.[1] && rp?.[1] ? [head[0], head[1], rp[1]] : null;
}

function observe(rec: IosRecord, obs: ObservablesBuilder): { action: string | null } {
  const msg = rec.message;
  let src: string | undefined;
  let dst: string | undefined;
  let action: string | null = null;
  let m: RegExpExecArray | string[] | null;
  if (/^(?:IP)?ACCESSLOG(?:P|DP|RP|SP|NP)$/.test(rec.code) && (m = ACL.exec(msg))) {
    action = m[2] === 'denied' ? 'deny' : m[2] === 'permitted' ? 'allow' : (m[2] ?? null);
    src = m[4];
    dst = m[6];
  } else if (rec.code === 'LOGIN_SUCCESS' && (m = LOGIN_SUCCESS.exec(msg))) {
    obs.user(m[1]);
    src = m[2];
  } else if (rec.code === 'LOGOUT' && (m = LOGOUT.exec(msg))) {
    obs.user(m[1]);
    src = m[2];
  } else if (
    rec.code === 'BADAUTH' &&
    (m = /^(?:No|Invalid) MD5 digest from (.*?)(?:\(\d+\)|:\d+) to (.*?)(?:\(\d+\)|:\d+)(?: |$)/.exec(msg))
  ) {
    src = m[1];
    dst = m[2];
  } else if (rec.code === 'INVALID_RP_JOIN' && (m = invalidRpJoin(msg))) {
    src = m[1];
    dst = m[2];
  } else if (rec.facility === 'FW' && rec.code === 'SESS_AUDIT_TRAIL') {
    m = /initiator \(([^:()]+):\d+\) sent \d+ bytes -- responder \(([^:()]+):\d+\)/.exec(msg);
    src = m?.[1];
    dst = m?.[2];
  } else if (rec.facility === 'FW' && rec.code === 'DROP_PKT') {
    m = /^Dropping \w+ \w+ from \S+ ([\d.]+):\d+ ?=> ?([\d.]+):\d+/.exec(msg);
    src = m?.[1];
    dst = m?.[2];
  }
  // Elastic appends related.ip source first, then destination; names go to related.hosts the same way.
  endpoint(obs, src, 'src');
  endpoint(obs, dst, 'dst');
  return { action };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asIos(raw);
  if (!rec) throw new Error('not a Cisco IOS line');
  const obs = new ObservablesBuilder();
  const { action } = observe(rec, obs);
  const sev = mapSeverity(rec.level, 'syslog') ?? (rec.pri !== null ? syslogSeverityOfPri(rec.pri) : 'info');
  return parserAlert('cisco_ios.log', 'cisco_ios.log', obs, {
    title: `Cisco IOS %${rec.facility}-${rec.level}-${rec.code}: ${rec.message}`.slice(0, 300),
    severity: action === 'deny' && sev === 'info' ? 'low' : sev,
    observedAt: rec.time,
    ruleId: `${rec.facility}-${rec.code}`,
  });
}

export const ciscoIosParser: Parser = {
  name: 'cisco_ios.log',
  claims: { keys: [], text: ['%'] },
  detect,
  parse,
};
