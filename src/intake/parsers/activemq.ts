// Apache ActiveMQ broker logs as Elastic's activemq package reads them: audit lines
// (`LEVEL | user called|requested … | thread`: the user is `user.name`, nothing else is mapped) and
// log4j broker lines (`yyyy-MM-dd HH:mm:ss,SSS | LEVEL | message | caller | thread`), which carry no indicator.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const LEVEL = String.raw`(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL)`;
/**
 * An audit line's head: level, `|` and the acting user (a grok WORD) before the audit verb. The message and
 * thread after it are read by `auditMessage`: as one pattern, the lazy message retried the rest of the line
 * after every `|` of a long hostile line (quadratic time).
 */
const AUDIT_HEAD = new RegExp(String.raw`^${LEVEL}\s*\|\s*(\w+)\s*(?=(called|requested) )`);
/**
 * A broker log line's head: time with comma milliseconds and level, pipe-separated. The message runs to the
 * first `| caller |` (CALLER); as one pattern, its lazy message and the spaces around it overlapped (cubic time).
 */
const BROKER_HEAD = new RegExp(
  String.raw`^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3})\s*\|\s*${LEVEL}\s*\|\s*`,
);
/** The `| caller |` that ends a broker line's message; starts at a `|`, so it is tried once per pipe. */
const CALLER = /\|\s*[\w.$]+\s*\|/g;
const WHITESPACE = /\s/;
/** The characters a regex `.` does not match. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * The audit message that starts at `start` with its verb (`called …` or `requested …`), as the grok pattern
 * `(called|requested) (?:(?! \|).)*?\s*\|\s*(.+)$` reads it: the shortest run of one line's characters,
 * holding no ` |`, followed by `|` (after optional spaces) and a non-empty rest of the text whose only line
 * breaks are in its leading spaces. Null when there is none.
 */
function auditMessage(s: string, start: number, verb: string): string | null {
  let lastBreak = -1;
  for (let i = s.length - 1; i >= 0; i -= 1) {
    if (LINE_END.test(s[i] ?? '')) {
      lastBreak = i;
      break;
    }
  }
  const isSpace = (i: number): boolean => i < s.length && WHITESPACE.test(s[i] ?? '');
  /** Whether the text after the `|` at `pipe` is spaces then a non-empty last line, as `\s*(.+)$` needs. */
  const restOk = (pipe: number): boolean => {
    let j = pipe + 1;
    while (isSpace(j)) j += 1;
    if (j < s.length) return j > lastBreak;
    return s.length > pipe + 1 && !LINE_END.test(s[s.length - 1] ?? '');
  };
  // Every end inside a run of spaces meets the same `|`: it is found and checked once per run.
  let pipe = -1;
  let ok = false;
  for (let end = start + verb.length + 1; ; end += 1) {
    if (pipe < end) {
      pipe = end;
      while (isSpace(pipe)) pipe += 1;
      ok = s[pipe] === '|' && restOk(pipe);
    }
    if (ok) return s.slice(start, end);
    const c = s[end];
    if (c === undefined || LINE_END.test(c) || (c === ' ' && s[end + 1] === '|')) return null;
  }
}

interface Entry {
  kind: 'audit' | 'log';
  level: string;
  user: string | null;
  message: string;
  time: string | null;
}

function read(raw: unknown): Entry | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const audit = AUDIT_HEAD.exec(s);
  const message = audit ? auditMessage(s, audit[0].length, audit[3] ?? '') : null;
  if (audit && message !== null) {
    const [, level = '', user = ''] = audit;
    // The audited call's time (`at dd-MM-yyyy HH:mm:ss,SSS`), local time read as UTC; Elastic leaves it unread.
    const at = / at (\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2}:\d{2}),(\d{3})$/.exec(message);
    const time = at
      ? toIsoTime(`${at[3] ?? ''}-${at[2] ?? ''}-${at[1] ?? ''}T${at[4] ?? ''}.${at[5] ?? ''}Z`)
      : null;
    return { kind: 'audit', level, user, message, time };
  }
  const log = BROKER_HEAD.exec(s);
  if (!log) return null;
  CALLER.lastIndex = log[0].length;
  const caller = CALLER.exec(s);
  if (!caller) return null;
  const [, time = '', level = ''] = log;
  // Elastic reads the local time as UTC unless the agent was given a time zone.
  return {
    kind: 'log',
    level,
    user: null,
    message: s.slice(log[0].length, caller.index).trimEnd(),
    time: toIsoTime(`${time.replace(' ', 'T').replace(',', '.')}Z`),
  };
}

function severityOf(e: Entry): Severity {
  if (e.level === 'FATAL' || e.level === 'ERROR' || e.level === 'SEVERE') return 'low';
  if (e.kind === 'audit' && e.level.startsWith('WARN')) return 'low';
  return 'info';
}

export const activemqParser: Parser = {
  name: 'activemq',
  claims: { keys: [], text: ['|'] },
  detect: detectorOf(read),
  parse(raw) {
    const e = read(raw);
    if (!e) throw new Error('not an ActiveMQ audit or broker log line');
    const obs = new ObservablesBuilder(false);
    obs.user(e.user);
    const first = e.message.split('\n')[0]?.trim() ?? '';
    const title =
      e.kind === 'audit' ? `ActiveMQ audit: ${e.user ?? ''} ${first}` : `ActiveMQ ${e.level}: ${first}`;
    return parserAlert('activemq', `activemq.${e.kind}`, obs, {
      title: title.slice(0, 240),
      severity: severityOf(e),
      observedAt: e.time,
      ruleId: e.kind === 'audit' ? (/^(\w+)/.exec(e.message)?.[1] ?? e.level) : e.level,
    });
  },
};
