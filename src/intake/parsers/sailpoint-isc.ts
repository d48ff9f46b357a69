// SailPoint Identity Security Cloud audit events (search-API JSON: `{"id", "org", "pod", "created", "type",
// "action", "technicalName", "actor": {"name"}, "target": {"name"}, "ipAddress", "attributes", …}`), mapped as
// Elastic's `sailpoint_identity_sc.events` pipeline maps them: the actor is the user, `ipAddress` a related host.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

const Named = z.object({ name: Text, displayName: Text }).passthrough().nullish();

const SailpointEvent = z
  .object({
    org: z.string(),
    pod: z.string(),
    created: Text,
    id: Text,
    type: Text,
    action: Text,
    technicalName: Text,
    name: Text,
    status: Text,
    actor: Named,
    target: Named,
    ipAddress: Text,
  })
  .passthrough();
type SailpointEvent = z.infer<typeof SailpointEvent>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('org' in raw) || !('pod' in raw) || !('actor' in raw)) return false;
  if (!('technicalName' in raw || 'trackingNumber' in raw)) return false;
  return SailpointEvent.safeParse(raw).success;
}

function severityOf(e: SailpointEvent): Severity {
  const status = (e.status ?? '').toUpperCase();
  const what = `${e.technicalName ?? ''} ${e.action ?? ''}`.toUpperCase();
  if (status === 'FAILED' && /AUTH|PASSWORD|LOGIN/.test(what)) return 'medium';
  if (/SOD_POLICY|_DELETE|ACCESS_REQUEST/.test(what) || status === 'FAILED') return 'low';
  return 'info';
}

function parse(raw: unknown): Alert {
  const e: SailpointEvent = SailpointEvent.parse(raw);
  const obs = new ObservablesBuilder();
  // Elastic appends ipAddress to related.hosts (and host.ip), not to related.ip; the actor name is related.user.
  obs.host(e.ipAddress);
  obs.user(e.actor?.name);
  const what = e.name ?? e.technicalName ?? e.action ?? e.type ?? 'event';
  const actor = e.actor?.name;
  const target = e.target?.name;
  return parserAlert('sailpoint_identity_sc', 'sailpoint_identity_sc.events', obs, {
    title: `SailPoint ISC: ${what}${actor ? ` by ${actor}` : ''}${target && target !== actor ? ` on ${target}` : ''}`,
    severity: severityOf(e),
    observedAt: e.created ? toIsoTime(e.created) : null,
    ruleId: e.technicalName ?? e.action ?? null,
  });
}

export const sailpointIscParser: Parser = {
  name: 'sailpoint_identity_sc',
  claims: { keys: ['pod'], text: false },
  detect,
  parse,
};
