// IBM QRadar SIEM offenses as the REST API (`/siem/offenses`) returns them: the assigned and closing
// analysts as users, as Elastic's `ibm_qradar` offense pipeline maps them (the offense source and the
// address ids are references, not indicators there).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(null);
const Num = z.number().nullish().catch(null);
const Id = z.union([z.number(), z.string()]).nullish().catch(null);

const Rule = z.object({ id: Id, name: Str, identifier: Str }).partial();

/** An offense (the fields Vigil reads). */
const Offense = z.object({
  id: Id,
  offense_source: z.string(),
  offense_type: Id,
  description: Str,
  assigned_to: Str,
  closing_user: Str,
  severity: Num,
  magnitude: Num,
  status: Str,
  last_persisted_time: Num,
  last_updated_time: Num,
  start_time: Num,
  rules: z.array(z.unknown()).nullish().catch(null),
  categories: z.array(z.unknown()).nullish().catch(null),
});
type Offense = z.infer<typeof Offense>;

function read(raw: unknown): Offense | null {
  if (!isObject(raw) || !('offense_source' in raw)) return null;
  if (!('source_address_ids' in raw || 'offense_type' in raw || 'magnitude' in raw)) return null;
  const o = Offense.safeParse(raw);
  return o.success ? o.data : null;
}

const detect = detectorOf(read);

/** Elastic's event.severity bands for the 0-10 offense severity: 21, 47, 73, 99. */
function severityOf(n: number | null | undefined): Severity {
  if (n === null || n === undefined || n < 0) return 'info';
  return n <= 2 ? 'low' : n <= 5 ? 'medium' : n <= 8 ? 'high' : 'critical';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const o = read(raw);
  if (!o) throw new Error('not a QRadar offense');
  // user.name is the assignee; related.user adds the analyst who closed the offense: both work it.
  const obs = new ObservablesBuilder();
  obs.analyst(o.assigned_to);
  obs.analyst(o.closing_user);
  const rules = (o.rules ?? []).flatMap((r) => {
    const p = Rule.safeParse(r);
    return p.success ? [p.data] : [];
  });
  const what = o.description?.trim() || rules[0]?.name || 'offense';
  const id = o.id === null || o.id === undefined ? '' : ` ${String(o.id)}`;
  return parserAlert('ibm_qradar', 'ibm_qradar.offense', obs, {
    title: `QRadar offense${id}: ${what}`,
    severity: severityOf(o.severity),
    observedAt: toIsoTime(o.last_persisted_time ?? o.last_updated_time ?? o.start_time),
    ruleId: rules[0]?.id ?? rules[0]?.identifier ?? null,
  });
}

export const ibmQradarParser: Parser = {
  name: 'ibm_qradar',
  claims: { keys: ['offense_source'], text: false },
  detect,
  parse,
};
