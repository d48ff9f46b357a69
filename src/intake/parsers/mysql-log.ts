// MySQL / MariaDB / Percona server logs as Elastic's mysql package reads them: slow-log entries (the
// `# User@Host: user[user] @ host [ip]` block: user.name and source.ip, nothing related) and error-log lines
// (timestamp, thread, `[Level]`), for which Elastic maps no indicator at all.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** The `# User@Host:` line as Elastic's grok reads it: USER, optional `[current user]`, HOSTNAME?, `[IP?]`. */
const USER_HOST =
  /^# User@Host: ([a-zA-Z0-9._-]+)(?:\[([a-zA-Z0-9._-]*)\])? @ ((?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*\.?)? ?\[([^\]\s]*)\]/;
/** A slow-log entry: an optional `# Time:` line, then the `# User@Host:` line. */
const SLOW_HEAD = /^(?:# Time: [^\n]*\n)?(# User@Host: [^\n]*)/;

/**
 * An error-log line: ISO or local time, then a thread id (required after an ISO time, whose bare `[LEVEL]`
 * other applications write too), then `[Level]`; or a 5.x `yyMMdd H:mm:ss` stamp then `[Level]` or `InnoDB:`.
 */
const ERROR_ISO =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) +(\d+) +\[(Note|Warning|ERROR|Error|System|Info|Debug)\] +([\s\S]*)$/;
const ERROR_SHORT =
  /^(\d{2})(\d{2})(\d{2}) {1,2}(\d{1,2}):(\d{2}):(\d{2}) +(?:(\d+) +)?(?:\[(Note|Warning|ERROR|Error|System|Info|Debug)\] +|(?=InnoDB: ))([\s\S]*)$/;

interface SlowEntry {
  kind: 'slowlog';
  user: string;
  clientHost: string | null;
  clientIp: string | null;
  queryTime: string | null;
  query: string;
  time: string | null;
}

interface ErrorLine {
  kind: 'error';
  level: string;
  code: string | null;
  message: string;
  time: string | null;
}

function readSlow(s: string): SlowEntry | null {
  const head = SLOW_HEAD.exec(s);
  const m = head?.[1] ? USER_HOST.exec(head[1]) : null;
  if (!head || !m?.[1]) return null;
  const rest = s.slice((head.index ?? 0) + head[0].length);
  const stamp = /^SET timestamp=(\d+);$/m.exec(rest);
  const isoTime = /^# Time: (\S+)/.exec(s)?.[1];
  const query = stamp ? rest.slice(stamp.index + stamp[0].length).trim() : '';
  return {
    kind: 'slowlog',
    user: m[1],
    clientHost: m[3] ?? null,
    clientIp: m[4] || null,
    queryTime: /Query_time: ([\d.]+)/.exec(rest)?.[1] ?? null,
    query: query.split('\n')[0]?.trim() ?? '',
    time: stamp?.[1] ? toIsoTime(Number(stamp[1])) : toIsoTime(isoTime),
  };
}

function readError(s: string): ErrorLine | null {
  const iso = ERROR_ISO.exec(s);
  if (iso) {
    const [, time = '', , level = '', message = ''] = iso;
    const code = /^\[(MY-\d+)\] +(?:\[[A-Za-z]+\] +)?/.exec(message);
    const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(time) ? time : `${time.replace(' ', 'T')}Z`;
    return {
      kind: 'error',
      level,
      code: code?.[1] ?? null,
      message: code ? message.slice(code[0].length) : message,
      time: toIsoTime(zoned),
    };
  }
  const short = ERROR_SHORT.exec(s);
  if (!short) return null;
  const [, yy = '', mo = '', dd = '', hh = '', mi = '', ss = '', , level, message = ''] = short;
  return {
    kind: 'error',
    level: level ?? 'Note',
    code: null,
    message,
    time: toIsoTime(`20${yy}-${mo}-${dd}T${hh.padStart(2, '0')}:${mi}:${ss}Z`),
  };
}

function read(raw: unknown): SlowEntry | ErrorLine | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  if (s.startsWith('# ')) return readSlow(s);
  return /^\d/.test(s) ? readError(s) : null;
}

function errorSeverity(line: ErrorLine): Severity {
  if (/access denied for user/i.test(line.message)) return 'medium';
  return /^error$/i.test(line.level) ? 'low' : 'info';
}

export const mysqlLogParser: Parser = {
  name: 'mysql.log',
  claims: {
    keys: [],
    text: [
      '# User@Host: ',
      '[Note] ',
      '[Warning] ',
      '[Error] ',
      '[System] ',
      '[Info] ',
      '[Debug] ',
      'InnoDB: ',
    ],
  },
  domainsInRelatedHosts: false,
  detect: detectorOf(read),
  parse(raw) {
    const entry = read(raw);
    if (!entry) throw new Error('not a MySQL slow-log entry or error-log line');
    // Elastic relates nothing for either stream: endpoints stay out of related.ip.
    const obs = new ObservablesBuilder(false);
    if (entry.kind === 'error') {
      const first = entry.message.split('\n')[0]?.trim() ?? '';
      return parserAlert('mysql.log', 'mysql.error', obs, {
        title: `MySQL ${entry.level}: ${first.slice(0, 200)}`,
        severity: errorSeverity(entry),
        observedAt: entry.time,
        ruleId: entry.code ?? entry.level,
      });
    }
    obs.user(entry.user);
    obs.srcIp(bareIndicatorIp(entry.clientIp));
    // The client host name is ECS `source.domain`, which Elastic keeps out of related.hosts.
    obs.domain(entry.clientHost);
    const who = `${entry.user}@${entry.clientIp ?? entry.clientHost ?? 'unknown'}`;
    const took = entry.queryTime ? ` (${entry.queryTime} s)` : '';
    return parserAlert('mysql.log', 'mysql.slowlog', obs, {
      title: `MySQL slow query${took} by ${who}: ${entry.query.slice(0, 200)}`.trim(),
      severity: 'info',
      observedAt: entry.time,
      ruleId: 'slowlog',
    });
  },
};
