// HID Bravura Monitor (Bravura Security Fabric, formerly Hitachi ID Suite): the `idmsuite.log` text lines and
// the Windows event log JSON (winlogbeat), read as Elastic's `hid_bravura_monitor` log/winlog pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, textOf, TextField } from './common.js';
import type { Parser } from './parser.js';

/**
 * `2021-01-16 00:38:18.515.1538 - [pslogid] idapi.exe [5368,54656] Debug: message` (the pipeline's grok,
 * `… \[([^\]]*)\] (\S+(?: \S+)*?) \[(\d+),(\d+)\] ([^:\n]+): ([\s\S]*)$`): LOG_HEAD up to the logger, then
 * `logLine` tries LOG_IDS on the few characters after each word of the logger in turn (ids of at most 10 digits, a
 * level of at most 64 characters): as one pattern, each word of a long hostile logger was tried as its end and
 * rescanned the rest of the line (polynomial time).
 */
const LOG_HEAD = /^\p{Cc}?(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3})\.\d+ - \[([^\]]*)\] /u;
const LOG_IDS = /^ \[\d{1,10},\d{1,10}\] ([^:\n]{1,64}): /u;
/** Room for LOG_IDS: the brackets, two ids and a level of 64 code points (128 code units), the colon and space. */
const LOG_IDS_ROOM = 160;

interface LogLine {
  time: string;
  logId: string;
  logger: string;
  level: string;
  message: string;
}

/** The line as LogLine, or null: the logger is words parted by single spaces, ended by the first LOG_IDS. */
function logLine(s: string): LogLine | null {
  const head = LOG_HEAD.exec(s);
  if (!head) return null;
  const [, date = '', clock = '', logId = ''] = head;
  const from = head[0].length;
  for (let at = from; at < s.length; at += 1) {
    if (!/\s/.test(s[at] ?? '')) continue;
    if (at === from || s[at] !== ' ') return null;
    const ids = LOG_IDS.exec(s.slice(at, at + LOG_IDS_ROOM));
    if (ids) {
      const level = (ids[1] ?? '').trim();
      const message = s.slice(at + ids[0].length);
      return { time: `${date}T${clock}Z`, logId, logger: s.slice(from, at), level, message };
    }
    if (/\s/.test(s[at + 1] ?? '')) return null;
  }
  return null;
}

const WinlogEvent = z.object({
  '@timestamp': TextField,
  host: z.object({ name: TextField }).nullish().catch(undefined),
  message: TextField,
  winlog: z.object({
    provider_name: z.string(),
    computer_name: TextField,
    event_id: TextField,
    level: TextField,
    time_created: TextField,
    event_data: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  }),
  event: z.object({ original: TextField, code: TextField }).nullish().catch(undefined),
  log: z.object({ level: TextField }).nullish().catch(undefined),
});
type WinlogEvent = z.infer<typeof WinlogEvent>;

type BravuraRecord = { kind: 'log'; r: LogLine } | { kind: 'winlog'; r: WinlogEvent };

/** The event providers Bravura (and Hitachi ID Suite before it) writes with. */
const PROVIDER = /Hitachi ID|Bravura/i;

function read(raw: unknown): BravuraRecord | null {
  const s = textOf(raw);
  if (s !== null) {
    const r = logLine(s);
    return r ? { kind: 'log', r } : null;
  }
  if (!isObject(raw) || !('winlog' in raw)) return null;
  const r = WinlogEvent.safeParse(raw);
  return r.success && PROVIDER.test(r.data.winlog.provider_name) ? { kind: 'winlog', r: r.data } : null;
}

/** A Bravura log level (`Debug`, `Notice`, `Warning`, `Error`, `Perf` …) or event log level on Vigil's scale. */
function levelSeverity(level: string | undefined): Severity {
  const l = (level ?? '').toLowerCase();
  if (/crit|fatal|alert|emerg/.test(l)) return 'high';
  if (/err|fail/.test(l)) return 'medium';
  if (/warn/.test(l)) return 'low';
  return 'info';
}

const clip = (s: string, n = 200): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not an HID Bravura Monitor record');
  const obs = new ObservablesBuilder();
  if (rec.kind === 'log') {
    // The bracketed log id becomes user.id (not user.name) or a request id: no indicator in these lines.
    const { r } = rec;
    return parserAlert('hid_bravura_monitor', 'hid_bravura_monitor.log', obs, {
      title: `HID Bravura Monitor ${r.logger} ${r.level}: ${clip(r.message.split('\n')[0] ?? '')}`,
      severity: levelSeverity(r.level),
      observedAt: toIsoTime(r.time),
      ruleId: r.logger,
    });
  }
  const { r } = rec;
  // Winlogbeat's host.name (the computer name) is the only indicator; ClientIPs stay in winlog.event_data.
  obs.host(r.host?.name ?? r.winlog.computer_name);
  const original = r.event?.original ?? r.message;
  const text = original?.split('|')[0]?.trim();
  return parserAlert('hid_bravura_monitor', 'hid_bravura_monitor.winlog', obs, {
    title: `HID Bravura Monitor: ${text || `event ${r.winlog.event_id ?? r.event?.code ?? ''}`}`,
    severity: levelSeverity(r.winlog.level ?? r.log?.level),
    observedAt: toIsoTime(r.winlog.time_created) ?? toIsoTime(r['@timestamp']),
    ruleId: r.winlog.event_id ?? r.event?.code ?? null,
  });
}

export const hidBravuraMonitorParser: Parser = {
  name: 'hid_bravura_monitor',
  claims: { keys: ['winlog'], text: [' - ['] },
  detect: detectorOf(read),
  parse,
};
