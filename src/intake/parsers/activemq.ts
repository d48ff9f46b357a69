// Apache ActiveMQ broker logs as Elastic's activemq package reads them: audit lines
// (`LEVEL | user called|requested … | thread`: the user is `user.name`, nothing else is mapped) and
// log4j broker lines (`yyyy-MM-dd HH:mm:ss,SSS | LEVEL | message | caller | thread`), which carry no indicator.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const LEVEL = String.raw`(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL)`;
/** An audit line: level, `|`, the acting user (a grok WORD), the audit verb and the rest, `|`, the thread. */
const AUDIT = new RegExp(
  String.raw`^${LEVEL}\s*\|\s*(\w+)\s*((?:called|requested) (?:(?! \|).)*?)\s*\|\s*(.+)$`,
);
/** A broker log line: time with comma milliseconds, level, message, caller and thread, pipe-separated. */
const BROKER = new RegExp(
  String.raw`^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3})\s*\|\s*${LEVEL}\s*\|\s*([\s\S]*?)\s*\|\s*([\w.$]+)\s*\|\s*([^\n]*)`,
);

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
  const audit = AUDIT.exec(s);
  if (audit) {
    const [, level = '', user = '', message = ''] = audit;
    // The audited call's time (`at dd-MM-yyyy HH:mm:ss,SSS`), local time read as UTC; Elastic leaves it unread.
    const at = / at (\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2}:\d{2}),(\d{3})$/.exec(message);
    const time = at
      ? toIsoTime(`${at[3] ?? ''}-${at[2] ?? ''}-${at[1] ?? ''}T${at[4] ?? ''}.${at[5] ?? ''}Z`)
      : null;
    return { kind: 'audit', level, user, message, time };
  }
  const log = BROKER.exec(s);
  if (!log) return null;
  const [, time = '', level = '', message = ''] = log;
  // Elastic reads the local time as UTC unless the agent was given a time zone.
  return {
    kind: 'log',
    level,
    user: null,
    message,
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
