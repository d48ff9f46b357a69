// Redis server log lines (`pid:R dd Mon [yyyy] hh:mm:ss.mmm L message`, older `dd Mon hh:mm:ss L message`, and
// `pid:signal-handler (epoch) message`), read as Elastic's `redis.log` pipeline reads them: pid, role, level and
// message only. Elastic maps no indicator from these lines, so addresses in the message (clients, replicas) are none.
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { headerTimeUtc, toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The role letters Redis writes after the pid, as Elastic's pipeline names them. */
const ROLES: Readonly<Record<string, string>> = { M: 'master', S: 'slave', C: 'child', X: 'sentinel' };

/** Redis's level marks: `.` debug, `-` verbose, `*` notice, `#` warning. */
const LEVELS: Readonly<Record<string, { name: string; severity: Severity }>> = {
  '.': { name: 'debug', severity: 'info' },
  '-': { name: 'verbose', severity: 'info' },
  '*': { name: 'notice', severity: 'info' },
  '#': { name: 'warning', severity: 'low' },
};

const LINE =
  /^(?:(\d+):([A-Za-z]) |\[(\d+)\] )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?:(\d{4}) )?(\d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?) ([.*#-]) (.*)$/;
const SIGNAL = /^(\d+):signal-handler \((\d+)\) (.*)$/;

interface RedisLine {
  pid: string | null;
  role: string | null;
  level: { name: string; severity: Severity } | null;
  message: string;
  observedAt: string | null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * A cheap first test: the line opens with `[pid] `, `pid:R `, `pid:signal-handler` or a one- or two-digit day and a
 * capitalised month.
 */
function hasRedisPrefix(text: string): boolean {
  if (text.charCodeAt(0) === 91) return true;
  let i = 0;
  while (i < 10 && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return false;
  const next = text.charCodeAt(i);
  if (next === 58) return text.charCodeAt(i + 2) === 32 || text.startsWith('signal-handler', i + 1);
  if (next !== 32 || i > 2) return false;
  const month = text.charCodeAt(i + 1);
  return month >= 65 && month <= 90 && text.charCodeAt(i + 4) === 32;
}

/** A Redis log line, or null. */
function read(raw: unknown): RedisLine | null {
  const text = textOf(raw, 65_536);
  if (!text) return null;
  if (!hasRedisPrefix(text)) return null;
  const line = text.trimEnd();
  const m = LINE.exec(line);
  if (m) {
    const role = m[2] ? (ROLES[m[2]] ?? m[2]) : null;
    return {
      pid: m[1] ?? m[3] ?? null,
      role,
      level: LEVELS[m[8] ?? ''] ?? null,
      message: m[9] ?? '',
      observedAt: headerTimeUtc({
        year: m[6] ?? null,
        month: m[5] ?? null,
        day: m[4] ?? null,
        time: m[7] ?? null,
        zone: null,
      }),
    };
  }
  const s = SIGNAL.exec(line);
  if (!s) return null;
  return {
    pid: s[1] ?? null,
    role: null,
    level: null,
    message: s[3] ?? '',
    observedAt: toIsoTime(Number(s[2])),
  };
}

const detect = detectorOf(read);

function parse(raw: unknown): Alert {
  const e = read(raw);
  if (!e) throw new Error('not a Redis log line');
  return parserAlert('redis.log', 'redis.log', new ObservablesBuilder(), {
    title: `Redis${e.role ? ` ${e.role}` : ''}${e.level ? ` ${e.level.name}` : ''}: ${e.message.slice(0, 200)}`,
    severity: e.level?.severity ?? 'info',
    ruleId: null,
    observedAt: e.observedAt,
  });
}

export const redisLogParser: Parser = {
  name: 'redis.log',
  claims: {
    keys: [],
    text: [
      ' Jan ',
      ' Feb ',
      ' Mar ',
      ' Apr ',
      ' May ',
      ' Jun ',
      ' Jul ',
      ' Aug ',
      ' Sep ',
      ' Oct ',
      ' Nov ',
      ' Dec ',
      ':signal-handler (',
    ],
  },
  detect,
  parse,
};
