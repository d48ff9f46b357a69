// Microsoft SQL Server error log (`ERRORLOG`) entries: `yyyy-MM-dd HH:mm:ss.SS <origin> <message>`, the message
// possibly spanning tab-indented lines. Elastic's microsoft_sqlserver.log pipeline maps no indicator from them,
// so neither does this parser; a failed login's account and client stay in the title for the analyst.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'microsoft_sqlserver.log';

/** Date, time with centiseconds (the pipeline's `yyyy-MM-dd HH:mm:ss.SS`), the origin column, the message. */
const ENTRY =
  /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])) ((?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{2}) (Server|Logon|Backup|spid\d{1,5}[a-z]?) +(\S[\s\S]*)$/;
/** Continuation lines of a multi-line entry start with a tab. */
const CONTINUATION = /\n(?!\t)/;

interface Entry {
  date: string;
  time: string;
  origin: string;
  message: string;
}

function read(raw: unknown): Entry | null {
  const s = textOf(raw, 65_536);
  if (s === null) return null;
  const m = ENTRY.exec(s.replace(/\r?\n$/, ''));
  if (!m) return null;
  const [, date = '', time = '', origin = '', message = ''] = m;
  if (CONTINUATION.test(message)) return null;
  return { date, time, origin, message };
}

/** `Error: N, Severity: S, State: T.`: the error number and its SQL Server severity level. */
const ERROR = /^Error: (\d+), Severity: (\d+), State: \d+\.?$/;

/** Failed logins matter most to a SOC; then errors by SQL Server severity (17+ resource, 20+ fatal). */
function severityOf(entry: Entry): Severity {
  if (/^Login failed\b/i.test(entry.message)) return 'medium';
  const level = Number(ERROR.exec(entry.message.trim())?.[2] ?? 0);
  if (level >= 20) return 'high';
  if (level >= 17) return 'medium';
  if (level >= 11) return 'low';
  return 'info';
}

export const microsoftSqlserverLogParser: Parser = {
  name: NAME,
  claims: { keys: [], text: [' Server ', ' Logon ', ' Backup ', ' spid'] },
  detect: detectorOf(read),
  parse(raw) {
    const entry = read(raw);
    if (!entry) throw new Error('not a SQL Server error log entry');
    const first = (entry.message.split('\n')[0] ?? '').trim();
    const error = ERROR.exec(entry.message.trim());
    return parserAlert(NAME, NAME, new ObservablesBuilder(), {
      title: `SQL Server ${entry.origin}: ${first.length > 240 ? `${first.slice(0, 240)}…` : first}`,
      severity: severityOf(entry),
      observedAt: toIsoTime(`${entry.date}T${entry.time}Z`),
      ruleId: error?.[1] ?? (/^Login failed\b/i.test(first) ? '18456' : null),
    });
  },
};
