// Microsoft Entra ID provisioning logs (`ProvisioningLogs`) as Azure Monitor diagnostic settings export them,
// mapped as Elastic's `azure` provisioning pipeline maps them: the caller address as the source (and related)
// address; the provisioned identities stay vendor fields, so no user or host is reported.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime, usTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'azure.provisioning';

const Named = z
  .object({ Name: TextField, name: TextField })
  .nullish()
  .catch(null)
  .transform((v) => v?.Name ?? v?.name);

const Properties = z
  .object({
    action: TextField,
    provisioningAction: TextField,
    activityDateTime: TextField,
    sourceIdentity: Named,
    targetSystem: Named,
    servicePrincipal: Named,
    provisioningStatusInfo: z
      .object({ Status: TextField, status: TextField })
      .nullish()
      .catch(null)
      .transform((v) => v?.Status ?? v?.status),
  })
  .nullish()
  .catch(null);

const ProvisioningLog = z.object({
  category: z.literal('ProvisioningLogs'),
  time: TextField,
  operationName: TextField,
  resultType: TextField,
  callerIpAddress: TextField,
  properties: Properties,
});
type ProvisioningLog = z.infer<typeof ProvisioningLog>;

function read(raw: unknown): ProvisioningLog | null {
  // Elastic's pipeline drops every record whose `category` is not exactly `ProvisioningLogs`.
  if (!isObject(raw) || !('category' in raw) || raw.category !== 'ProvisioningLogs') return null;
  const r = ProvisioningLog.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** A failed provisioning step needs attention; a skipped or successful one is informational. */
function severityOf(e: ProvisioningLog): Severity {
  const status = e.properties?.provisioningStatusInfo ?? e.resultType ?? '';
  return /fail/i.test(status) || /fail/i.test(e.resultType ?? '') ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an Entra ID provisioning log record');
  const obs = new ObservablesBuilder();
  // callerIpAddress becomes source.ip (and related.ip) only when it is an address; else source.address.
  obs.srcIp(bareIndicatorIp(e.callerIpAddress));
  const p = e.properties;
  const action = p?.action ?? p?.provisioningAction;
  const who = p?.sourceIdentity;
  const where = p?.targetSystem ?? p?.servicePrincipal;
  const detail = [action, who, where ? `in ${where}` : undefined].filter((v) => v !== undefined).join(' ');
  const status = p?.provisioningStatusInfo ?? e.resultType;
  return parserAlert(NAME, NAME, obs, {
    title: `${e.operationName ?? 'Provisioning activity'}${detail ? `: ${detail}` : ''}${status ? ` (${status})` : ''}`,
    severity: severityOf(e),
    observedAt: usTime(e.time) ?? toIsoTime(p?.activityDateTime),
    ruleId: p?.provisioningAction ?? action ?? e.operationName ?? null,
  });
}

export const azureProvisioningParser: Parser = {
  name: NAME,
  claims: { keys: ['category'], text: false },
  detect,
  parse,
};
