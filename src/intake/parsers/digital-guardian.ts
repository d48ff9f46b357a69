// Digital Guardian Analytics & Reporting Cloud (ARC) export records (DLP alerts and incidents: `dg_utype`,
// `dg_guid`, `inc_creator`, `inc_assign` …), mapped as Elastic's `digital_guardian` arc pipeline maps them:
// the incident's creator is user.name, its creator and assignee related.user.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const NAME = 'digital_guardian.arc';

/** Values Elastic's pipeline drops as empty before mapping anything. */
const EMPTY = new Set(['', '{}', 'NA', 'None', 'null', '-']);

/** A value Elastic renders as text; its empty spellings become undefined. */
const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .catch(undefined)
  .transform((v) => (v === null || v === undefined || EMPTY.has(String(v)) ? undefined : String(v)));

/** An ARC record: the fields the pipeline maps, in their flat (`dg_alert.x`) or nested spelling. */
const ArcRecord = z.object({
  dg_guid: Text,
  dg_utype: Text,
  dg_name: Text,
  dg_time: Text,
  dg_processed_time: Text,
  dg_description: Text,
  inc_creator: Text,
  inc_assign: Text,
  inc_id: Text,
  inc_mtime: Text,
  inc_sev: Text,
  inc_state: Text,
});
type ArcRecord = z.infer<typeof ArcRecord>;

/** Keys only ARC exports carry; a record needs `dg_guid` or `dg_utype` and one more of these. */
const ARC_KEYS = [
  'dg_tenant',
  'dg_name',
  'dg_utype',
  'dg_guid',
  'dg_time',
  'dg_alert',
  'inc_id',
  'inc_creator',
];

function read(raw: unknown): ArcRecord | null {
  if (!isObject(raw) || !('dg_guid' in raw || 'dg_utype' in raw)) return null;
  if (ARC_KEYS.filter((k) => k in raw).length < 2) return null;
  const r = ArcRecord.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** ARC incident severities as the pipeline ranks them (Critical 1 … Informational 6, else Unknown). */
const SEVERITIES: Readonly<Record<string, Severity>> = lookupTable({
  Critical: 'critical',
  High: 'high',
  Medium: 'medium',
  Minor: 'low',
  Low: 'low',
  Informational: 'info',
});

/**
 * ARC times: `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-dd hh:mm:ss a` (read as UTC, as Elastic's date processor does),
 * ISO 8601, or epoch milliseconds.
 */
function arcTime(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})(?:\s*([AP]M))?$/i.exec(value.trim());
  if (!m) return toIsoTime(value);
  let hour = Number(m[2]);
  const half = m[5]?.toUpperCase();
  if (half === 'PM' && hour < 12) hour += 12;
  if (half === 'AM' && hour === 12) hour = 0;
  return toIsoTime(`${m[1]}T${String(hour).padStart(2, '0')}:${m[3]}:${m[4]}Z`);
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Digital Guardian ARC record');
  const obs = new ObservablesBuilder();
  // user.name is the incident's creator; related.user adds its assignee (the analyst working it). Nothing else
  // is mapped to ECS.
  obs.user(r.inc_creator);
  obs.analyst(r.inc_assign);
  const kind = r.dg_utype ?? 'Alert';
  return parserAlert(NAME, NAME, obs, {
    title: `Digital Guardian ${kind}: ${r.dg_name ?? r.dg_description ?? r.inc_id ?? r.dg_guid ?? 'ARC record'}`,
    severity: r.inc_sev ? (SEVERITIES[r.inc_sev] ?? null) : null,
    // Elastic's @timestamp: dg_time, else dg_processed_time, else the incident's modification time.
    observedAt: arcTime(r.dg_time) ?? arcTime(r.dg_processed_time) ?? arcTime(r.inc_mtime),
    ruleId: r.dg_name ?? null,
  });
}

export const digitalGuardianParser: Parser = {
  name: NAME,
  claims: { keys: ['dg_guid', 'dg_utype'], text: false },
  detect,
  parse,
};
