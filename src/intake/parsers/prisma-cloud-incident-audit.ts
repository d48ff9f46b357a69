// Palo Alto Networks Prisma Cloud Compute runtime incidents (`/api/v1/audits/incidents`: `{_id, category, hostname,
// fqdn, audits: [...], serialNum, …}`), read as Elastic's `prisma_cloud.incident_audit` pipeline maps them: every
// audit's FQDN, then every audit's host name, then the incident's own are related hosts; audit addresses and users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, jsonObjectOf } from './common.js';
import type { Parser } from './parser.js';

const Audit = z
  .object({ fqdn: TextField, hostname: TextField, ip: TextField, user: TextField, ruleName: TextField })
  .catch({ fqdn: undefined, hostname: undefined, ip: undefined, user: undefined, ruleName: undefined });

const Incident = z.object({
  _id: TextField,
  category: TextField,
  type: TextField,
  fqdn: TextField,
  hostname: TextField,
  containerName: TextField,
  customRuleName: TextField,
  time: TextField,
  acknowledged: z.unknown().optional(),
  audits: z.array(Audit),
});
type Incident = z.infer<typeof Incident>;

/** The record as an object: the payload itself, or a JSON line that holds one. */
const objectOf = (raw: unknown): object | null =>
  jsonObjectOf(
    raw,
    (t) => t.includes('"audits"') && (t.includes('"serialNum"') || t.includes('"shouldCollect"')),
  );

/** An incident: `_id`, an `audits` list, and the incident's `serialNum` or `shouldCollect` flag. */
function asIncident(raw: unknown): Incident | null {
  const o = objectOf(raw);
  if (!isObject(o) || !('audits' in o) || !('_id' in o) || !('serialNum' in o || 'shouldCollect' in o))
    return null;
  const r = Incident.safeParse(o);
  return r.success ? r.data : null;
}

/** Incident categories that name an attack; the others (`customRule`, `portScanning` …) rate lower. */
const HIGH = /malware|crypto|backdoor|reverse ?shell|exfil|lateral|kubernetes ?attack|hijack/i;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const i = asIncident(raw);
  if (!i) throw new Error('not a Prisma Cloud incident');
  const obs = new ObservablesBuilder();
  for (const a of i.audits) obs.host(a.fqdn);
  for (const a of i.audits) obs.host(a.hostname);
  obs.host(i.fqdn);
  obs.host(i.hostname);
  for (const a of i.audits) obs.ip(bareIndicatorIp(a.ip));
  for (const a of i.audits) obs.user(a.user);
  const what = i.category ?? 'incident';
  const where = i.hostname ?? i.fqdn ?? i.containerName;
  return parserAlert('prisma_cloud.incident_audit', 'prisma_cloud.incident_audit', obs, {
    title: `Prisma Cloud Compute incident: ${what}${where ? ` on ${where}` : ''}`,
    severity: HIGH.test(what) ? 'high' : 'medium',
    observedAt: toIsoTime(i.time),
    ruleId: i.customRuleName ?? i.audits.find((a) => a.ruleName)?.ruleName ?? null,
  });
}

export const prismaCloudIncidentAuditParser: Parser = {
  name: 'prisma_cloud.incident_audit',
  claims: { keys: ['audits'], text: false },
  detect: (raw) => asIncident(raw) !== null,
  parse,
};
