// osquery result logs (a scheduled query's differential row or snapshot, with the host's identifier and decorations),
// read as Elastic's `osquery.result` pipeline maps them: the decorated `username` as user.name and related.user, the
// `hostIdentifier` as related.hosts; the query's columns (addresses, ports, paths) are no indicators there.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const Row = z.record(z.string(), z.unknown());

const ResultLog = z.object({
  name: z.string().min(1),
  hostIdentifier: TextField,
  calendarTime: TextField,
  unixTime: TextField,
  action: TextField,
  decorations: Row.nullish().catch(undefined),
  columns: Row.nullish().catch(undefined),
  snapshot: z.array(z.unknown()).nullish().catch(undefined),
  diffResults: z
    .object({ added: z.array(z.unknown()).nullish(), removed: z.array(z.unknown()).nullish() })
    .nullish()
    .catch(undefined),
});
type ResultLog = z.infer<typeof ResultLog>;

/** A result log line: the query's `name`, `hostIdentifier`, a time, and its rows (differential, snapshot or batch). */
function read(raw: unknown): ResultLog | null {
  if (!isObject(raw) || !('hostIdentifier' in raw) || !('name' in raw)) return null;
  if (!('unixTime' in raw) && !('calendarTime' in raw)) return null;
  if (!('columns' in raw) && !('snapshot' in raw) && !('diffResults' in raw)) return null;
  const r = ResultLog.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** A decoration or column value as Elastic's `set` renders it; '' and non-scalars read as absent. */
function text(row: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const v = row?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) || undefined : undefined;
}

/** How many rows the line reports, for the title. */
function rowCount(e: ResultLog): number {
  if (e.snapshot) return e.snapshot.length;
  if (e.diffResults) return (e.diffResults.added?.length ?? 0) + (e.diffResults.removed?.length ?? 0);
  return 1;
}

function parse(raw: unknown): Alert {
  const e = read(raw);
  if (!e) throw new Error('not an osquery result log line');
  const obs = new ObservablesBuilder();
  obs.user(text(e.decorations, 'username'));
  obs.host(e.hostIdentifier);
  const what = e.action === 'snapshot' || e.snapshot ? 'snapshot' : (e.action ?? 'result');
  const rows = rowCount(e);
  const subject = text(e.columns, 'path') ?? text(e.columns, 'name');
  return parserAlert('osquery.result', 'osquery.result', obs, {
    title: `osquery ${e.name} ${what}${rows > 1 ? ` (${rows} rows)` : ''}${subject ? `: ${subject}` : ''}${e.hostIdentifier ? ` on ${e.hostIdentifier}` : ''}`,
    severity: 'info',
    ruleId: e.name,
    observedAt: toIsoTime(e.unixTime) ?? toIsoTime(e.calendarTime),
  });
}

export const osqueryResultParser: Parser = {
  name: 'osquery.result',
  claims: { keys: ['hostIdentifier'], text: false },
  detect,
  parse,
};
