// Lumos activity log records (`{"actor", "event_hash", "event_type", "outcome", "targets", …}`): Elastic's `lumos`
// activity_logs pipeline maps no address, user or host field, so only the actor's e-mail is kept (as an e-mail).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'lumos';
const FORMAT = 'lumos.activity_logs';

const LumosActivityLog = z.object({
  event_hash: z.string().min(1),
  event_type: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  event_type_user_friendly: TextField,
  event_began_at: TextField,
  outcome: TextField,
  actor: z
    .object({ email: TextField, actor_type: TextField, given_name: TextField, family_name: TextField })
    .nullish()
    .catch(undefined),
});
type LumosActivityLog = z.infer<typeof LumosActivityLog>;

function read(raw: unknown): LumosActivityLog | null {
  if (!isObject(raw) || !('event_hash' in raw && 'event_type' in raw)) return null;
  if (!('actor' in raw) && !('event_began_at' in raw)) return null;
  const r = LumosActivityLog.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

const SENSITIVE = /POLICY|ROLE|PERMISSION|ACCESS|ADMIN|DELETED|GRANT|REVOK/;

function severityOf(e: LumosActivityLog): Severity {
  return SENSITIVE.test(e.event_type) ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Lumos activity log record');
  const obs = new ObservablesBuilder();
  obs.email(e.actor?.email);
  const what = e.event_type_user_friendly ?? e.event_type;
  return parserAlert(NAME, FORMAT, obs, {
    title: `Lumos: ${what}${e.outcome ? ` (${e.outcome})` : ''}`,
    severity: severityOf(e),
    // event_began_at carries no zone; Lumos reports UTC.
    observedAt: toIsoTime(
      e.event_began_at && !/[zZ]|[+-]\d\d:?\d\d$/.test(e.event_began_at)
        ? `${e.event_began_at}Z`
        : e.event_began_at,
    ),
    ruleId: e.event_type,
  });
}

export const lumosParser: Parser = {
  name: NAME,
  claims: { keys: ['event_hash'], text: false },
  detect,
  parse,
};
