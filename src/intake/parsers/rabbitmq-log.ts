// RabbitMQ broker logs as Elastic's rabbitmq package reads them: text lines (`<time> [level] <0.1.0> message`,
// continued on following lines) and the JSON log format (`time`, `level`, `msg`, `pid`). Elastic maps no
// indicator from either (user names and peers stay inside the message), so none is reported.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** An Erlang process id, `<0.229.0>`: the mark of a RabbitMQ line. */
const ERL_PID = String.raw`<\d+\.\d+\.\d+>`;
const TEXT_LINE = new RegExp(
  String.raw`^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) \[(\w+)\] (${ERL_PID}) ?([\s\S]*)$`,
);

const JsonLine = z.object({
  time: z.string(),
  level: z.string(),
  msg: z.string(),
  pid: z.string().regex(new RegExp(`^${ERL_PID}$`)),
});

interface Entry {
  time: string | null;
  level: string;
  message: string;
}

function fromJson(value: unknown): Entry | null {
  const r = JsonLine.safeParse(value);
  return r.success ? { time: isoOf(r.data.time), level: r.data.level, message: r.data.msg } : null;
}

/** `2023-01-24 10:38:45.236018+00:00` in ISO form. */
function isoOf(time: string): string | null {
  return toIsoTime(time.replace(' ', 'T'));
}

function read(raw: unknown): Entry | null {
  if (isObject(raw)) return 'pid' in raw && 'msg' in raw ? fromJson(raw) : null;
  const s = textOf(raw, 65_536)?.trim();
  if (!s) return null;
  if (s.startsWith('{')) {
    try {
      return fromJson(JSON.parse(s));
    } catch {
      return null;
    }
  }
  const m = TEXT_LINE.exec(s);
  if (!m) return null;
  const [, time = '', level = '', , message = ''] = m;
  return { time: isoOf(time), level, message };
}

function severityOf(e: Entry): Severity {
  if (/access denied|invalid credentials|authentication failed|login was refused/i.test(e.message))
    return 'medium';
  return /^(?:error|critical|alert|emergency)$/i.test(e.level) ? 'low' : 'info';
}

export const rabbitmqLogParser: Parser = {
  name: 'rabbitmq.log',
  claims: { keys: ['pid'], text: ['] <'] },
  detect: detectorOf(read),
  parse(raw) {
    const e = read(raw);
    if (!e) throw new Error('not a RabbitMQ log line');
    const first =
      e.message
        .split('\n')
        .find((l) => l.trim())
        ?.trim() ?? '';
    return parserAlert('rabbitmq.log', 'rabbitmq.log', new ObservablesBuilder(false), {
      title: `RabbitMQ ${e.level}: ${first.slice(0, 200)}`,
      severity: severityOf(e),
      observedAt: e.time,
      ruleId: e.level,
    });
  },
};
