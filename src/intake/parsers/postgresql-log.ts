// PostgreSQL server log lines, as Elastic's postgresql pipeline reads them: stderr lines with a
// `%m [%p] %q%u@%d` style prefix, csvlog rows, and the AWS RDS `%t:%r:%u@%d:[%p]:` prefix. The session
// user is the only indicator Elastic maps (the client address stays in `postgresql.log.client_addr`).
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, splitQuotedCsv, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** The leading timestamp and zone (`2024-01-01 00:00:00.000 UTC`), then one separator character. */
const HEAD =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d+)?)?) ([a-zA-Z]{1,4}|Z|[+-]\d{2}(?::?\d{2})?)([\s\S])([\s\S]*)$/;

const USER = String.raw`[a-zA-Z0-9._-]+`;
/**
 * A database name: a word character, then word characters or `$`. Written as `[a-zA-Z0-9_]+[a-zA-Z0-9_$]*`,
 * the two runs split a long unclosed name every way (quadratic time).
 */
const DB = String.raw`[a-zA-Z0-9_][a-zA-Z0-9_$]*`;
const LEVELS = String.raw`(?:LOG|ERROR|FATAL|PANIC|WARNING|NOTICE|INFO|DEBUG[1-5]?|STATEMENT|DETAIL|HINT|CONTEXT|LOCATION)`;

/** The stderr prefix after the timestamp: `[pid]`, `[line]`, `user@db ` or `[user]@[db]`, free text, `LEVEL:  `. */
const STDERR = new RegExp(
  String.raw`^(?:\[(\d+)(?:-[0-9A-Fa-f.]+)?\]:? ?)?(?:\[\d+(?:-[0-9A-Fa-f.]+)?\] )?(?:\[(${USER})\]@\[${DB}\]|(${USER})@${DB} )?(?:(.{0,256}?) ?)?(${LEVELS}):  ?([\s\S]*)$`,
);
/** The AWS RDS prefix after the timestamp: `client(port)` or `[local]`, `:user@db:`, `[pid]:`, `LEVEL:`. */
const AWS = new RegExp(
  String.raw`^(?:.*?\(\d+\)|\[.*?\])?:(?:(${USER})?@(?:${DB})?|\[(${USER})?\]@\[(?:${DB})?\]):(?:\[(\d+)\])?:(${LEVELS}):([\s\S]*)$`,
);

interface Entry {
  time: string;
  zone: string;
  user: string | null;
  level: string;
  message: string;
  sqlState: string | null;
}

/** The `user=…,db=…,client=…` prefix some `log_line_prefix` settings write, read as Elastic's kv does. */
function prefixUser(text: string | undefined): string | null {
  if (!text) return null;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === 'user') {
      const value = pair.slice(eq + 1).replace(/^[[(<"']|[\])>"']$/g, '');
      return value || null;
    }
  }
  return null;
}

function read(raw: unknown): Entry | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const head = HEAD.exec(s);
  if (!head) return null;
  const [, time = '', zone = '', sep = '', rest = ''] = head;
  if (sep === ',') {
    const cols = splitQuotedCsv(rest).map((c) => c.trim());
    const level = cols[10] ?? '';
    if (cols.length < 13 || !/^\d*$/.test(cols[2] ?? '') || !new RegExp(`^${LEVELS}$`).test(level))
      return null;
    return { time, zone, user: cols[0] || null, level, message: cols[12] ?? '', sqlState: cols[11] || null };
  }
  if (sep === ':') {
    const m = AWS.exec(rest);
    if (!m) return null;
    return {
      time,
      zone,
      user: m[1] ?? m[2] ?? null,
      level: m[4] ?? '',
      message: (m[5] ?? '').trim(),
      sqlState: null,
    };
  }
  const m = STDERR.exec(rest);
  if (!m) return null;
  const message = m[6] ?? '';
  const code = /^([A-Z0-9]{5})\b:? */.exec(message);
  return {
    time,
    zone,
    user: m[2] ?? m[3] ?? prefixUser(m[4]),
    level: m[5] ?? '',
    message: code ? message.slice(code[0].length) : message,
    sqlState: code?.[1] ?? null,
  };
}

/**
 * Whether a line says `role "…" does not exist`: the first `role "` of each line, then the rest after it. As one
 * pattern (`role ".*" does not exist`), every `role "` of a long hostile line was scanned to its end (quadratic).
 */
function roleMissing(message: string): boolean {
  return message.split(/[\n\r\u2028\u2029]/).some((line) => {
    const at = line.search(/role "/i);
    return at >= 0 && /" does not exist/i.test(line.slice(at + 6));
  });
}

/** Authentication failures matter most to a SOC; server failures next; the rest is informational. */
function severityOf(entry: Entry): Severity {
  if (/authentication failed|no pg_hba\.conf entry/i.test(entry.message) || roleMissing(entry.message))
    return 'medium';
  if (entry.level === 'FATAL' || entry.level === 'PANIC') return 'medium';
  if (entry.level === 'ERROR') return 'low';
  return 'info';
}

/** Common zone abbreviations as Java's short ids read them (the pipeline's date processor); others stay unread. */
const ZONES: Readonly<Record<string, string>> = lookupTable({
  UTC: 'Z',
  GMT: 'Z',
  Z: 'Z',
  WET: '+00:00',
  WEST: '+01:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  MSK: '+03:00',
  IST: '+05:30',
  JST: '+09:00',
  AEST: '+10:00',
  AEDT: '+11:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
});

/** The timestamp in ISO form when its zone is a known abbreviation or a numeric offset. */
function isoTime(time: string, zone: string): string | null {
  const t = time.replace(',', '.').replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(t)) return null;
  const numeric = /^([+-]\d{2}):?(\d{2})?$/.exec(zone);
  const offset = numeric ? `${numeric[1] ?? ''}:${numeric[2] ?? '00'}` : ZONES[zone.toUpperCase()];
  return offset ? toIsoTime(`${t}${offset}`) : null;
}

export const postgresqlLogParser: Parser = {
  name: 'postgresql.log',
  claims: {
    keys: [],
    text: [
      'LOG',
      'ERROR',
      'FATAL',
      'PANIC',
      'WARNING',
      'NOTICE',
      'INFO',
      'DEBUG',
      'STATEMENT',
      'DETAIL',
      'HINT',
      'CONTEXT',
      'LOCATION',
    ],
  },
  detect: detectorOf(read),
  parse(raw) {
    const entry = read(raw);
    if (!entry) throw new Error('not a PostgreSQL log line');
    const obs = new ObservablesBuilder();
    if (entry.user) obs.user(entry.user);
    const message = entry.message.split('\n')[0]?.trim() ?? '';
    return parserAlert('postgresql.log', 'postgresql.log', obs, {
      title: `PostgreSQL ${entry.level}: ${message.slice(0, 200)}`,
      severity: severityOf(entry),
      observedAt: isoTime(entry.time, entry.zone),
      ruleId: entry.sqlState && !/^0[012]/.test(entry.sqlState) ? entry.sqlState : entry.level,
    });
  },
};
