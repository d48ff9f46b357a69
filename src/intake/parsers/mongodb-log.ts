// mongod / mongos server logs as Elastic's mongodb package reads them: 4.4+ structured JSON lines
// (`{"t":{"$date"},"s","c","id","ctx","msg","attr"}`) and 3.x plaintext lines (`<ISO time> <S> <COMPONENT> [ctx] msg`).
// Elastic maps no indicator from either (client addresses stay in `mongodb.log.attr`), so none is reported.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const StructuredLine = z.object({
  t: z.object({ $date: z.union([z.string(), z.object({ $numberLong: z.string() })]) }),
  s: z.string().regex(/^(?:F|E|W|I|D[1-5]?)$/),
  c: z.string(),
  id: z.number().int(),
  ctx: z.string(),
  msg: z.string(),
});

/** The 3.x plaintext layout: ISO time, one-letter severity, component (or `-`), optional `[context]`, message. */
const PLAINTEXT =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) ([FEWID])\d? +([A-Z][A-Z_]*|-) +\[([^\]\n]*)\] ([\s\S]*)$/;

interface Entry {
  time: string | null;
  severity: string;
  component: string;
  id: number | null;
  message: string;
}

function parseStructured(value: unknown): Entry | null {
  const r = StructuredLine.safeParse(value);
  if (!r.success) return null;
  const d = r.data.t.$date;
  return {
    time: typeof d === 'string' ? toIsoTime(d) : toIsoTime(Number(d.$numberLong)),
    severity: r.data.s,
    component: r.data.c,
    id: r.data.id,
    message: r.data.msg,
  };
}

function read(raw: unknown): Entry | null {
  if (isObject(raw)) return 't' in raw && 'msg' in raw && 'ctx' in raw ? parseStructured(raw) : null;
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  if (s.startsWith('{"t":')) {
    try {
      return parseStructured(JSON.parse(s));
    } catch {
      return null;
    }
  }
  const m = PLAINTEXT.exec(s);
  if (!m) return null;
  const [, time = '', severity = '', component = '', , message = ''] = m;
  return { time: toIsoTime(time), severity, component, id: null, message };
}

const LEVELS: Readonly<Record<string, string>> = {
  F: 'fatal',
  E: 'error',
  W: 'warning',
  I: 'info',
  D: 'debug',
};

function severityOf(e: Entry): Severity {
  if (/authentication failed|unauthorized|not authorized/i.test(e.message)) return 'medium';
  if (e.severity === 'F') return 'medium';
  return e.severity === 'E' ? 'low' : 'info';
}

export const mongodbLogParser: Parser = {
  name: 'mongodb.log',
  claims: { keys: ['ctx'], text: [' ['] },
  detect: detectorOf(read),
  parse(raw) {
    const e = read(raw);
    if (!e) throw new Error('not a MongoDB server log line');
    const level = LEVELS[e.severity.charAt(0)] ?? e.severity;
    const first = e.message.split('\n')[0]?.trim() ?? '';
    return parserAlert('mongodb.log', 'mongodb.log', new ObservablesBuilder(false), {
      title: `MongoDB ${e.component} ${level}: ${first.slice(0, 200)}`,
      severity: severityOf(e),
      observedAt: e.time,
      ruleId: e.id !== null ? String(e.id) : e.component,
    });
  },
};
