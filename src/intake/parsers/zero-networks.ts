// Zero Networks Segment audit events (the REST API's audit records): the acting identity (`performedBy`
// id and name) as related users, as Elastic's `zeronetworks.audit` pipeline maps them; no addresses.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Str = OptionalText;
const Entity = z.object({ id: Str, name: Str });

const AuditEvent = z.object({
  auditType: z.union([z.number(), z.string()]),
  timestamp: z.union([z.number(), z.string()]).nullish(),
  isoTimestamp: Str,
  performedBy: Entity,
  destinationEntitiesList: z.array(Entity).nullish(),
  reportedObjectId: Str,
  details: Str,
});
type AuditEvent = z.infer<typeof AuditEvent>;

/** The vendor's audit type codes (the subset worth naming in a title); others read "audit type N". */
const AUDIT_ACTIONS: Readonly<Record<string, string>> = lookupTable({
  '1': 'Asset is being added to protection',
  '2': 'Asset added to protection',
  '4': 'Asset is being removed from protection',
  '5': 'Removed asset from protection',
  '7': 'Asset added to learning',
  '8': 'Asset removed from learning',
  '9': 'Inbound allow rule created',
  '10': 'Inbound allow rule deleted',
  '12': 'Inbound allow rule edited',
  '17': 'Inbound MFA policy created',
  '18': 'Inbound MFA policy deleted',
  '19': 'Inbound MFA policy edited',
  '20': 'Inbound JIT rule created',
  '21': 'Inbound JIT rule deleted',
  '25': 'API Token created',
  '26': 'API Token deleted',
  '27': 'API Token regenerated',
  '29': 'Outbound block rule created',
  '30': 'Outbound block rule deleted',
  '33': 'Inbound block rule created',
  '34': 'Inbound block rule deleted',
  '39': 'Removed asset from protection (overriding policy)',
  '45': 'Protection policy created',
  '46': 'Protection policy deleted',
  '47': 'Protection policy edited',
  '48': 'Inbound JIT access rejected',
  '53': 'Outbound allow rule created',
  '54': 'Outbound allow rule deleted',
  '58': 'Admin portal role changed to admin',
  '59': 'Admin portal role changed to viewer',
  '60': 'Admin portal role revoked',
  '61': 'Outbound JIT rule created',
  '64': 'Outbound MFA policy created',
  '65': 'Outbound MFA policy deleted',
  '67': 'Outbound JIT access rejected',
  '73': 'Admin portal logon',
  '74': 'Asset manager added',
  '75': 'Asset manager removed',
});

/** Codes that weaken protection or record a refused access: worth more than an informational note. */
const NOTABLE: Readonly<Record<string, Severity>> = lookupTable({
  '4': 'low',
  '5': 'low',
  '25': 'low',
  '27': 'low',
  '39': 'medium',
  '46': 'low',
  '48': 'medium',
  '58': 'low',
  '67': 'medium',
});

function read(raw: unknown): AuditEvent | null {
  if (!isObject(raw) || !('auditType' in raw) || !('performedBy' in raw)) return null;
  if (!('isoTimestamp' in raw) && !('enforcementSource' in raw) && !('reportedObjectId' in raw)) return null;
  const parsed = AuditEvent.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = AuditEvent.parse(raw);
  const obs = new ObservablesBuilder();
  // Elastic: performedBy.id -> user.id, performedBy.name -> user.full_name; both into related.user when the id is set.
  if (e.performedBy.id) {
    obs.user(e.performedBy.id);
    obs.user(e.performedBy.name ?? undefined);
  }
  const code = String(e.auditType);
  const action = AUDIT_ACTIONS[code] ?? `audit type ${code}`;
  const targets = (e.destinationEntitiesList ?? []).map((d) => d.name).filter((n): n is string => !!n);
  return parserAlert('zeronetworks', 'zeronetworks.audit', obs, {
    title: `Zero Networks: ${action}${targets.length ? ` (${targets.join(', ')})` : ''}`,
    severity: NOTABLE[code] ?? 'info',
    observedAt: toIsoTime(e.isoTimestamp ?? e.timestamp),
    ruleId: code,
  });
}

export const zeroNetworksParser: Parser = {
  name: 'zeronetworks',
  claims: { keys: ['performedBy'], text: false },
  detect: detectorOf(read),
  parse,
};
