// Microsoft Defender for Endpoint alerts (API `alerts` records): the machine as host (lower case, as
// ECS writes it), the related user, evidence addresses and users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Evidence = z.object({
  ipAddress: z.string().nullish(),
  accountName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  sha1: z.string().nullish(),
  sha256: z.string().nullish(),
  url: z.string().nullish(),
});
const DefenderAlert = z.object({
  id: z.string().optional(),
  title: z.string().nullish(),
  severity: z.string().nullish(),
  category: z.string().nullish(),
  detectionSource: z.string().nullish(),
  computerDnsName: z.string().nullish(),
  alertCreationTime: z.string().nullish(),
  firstEventTime: z.string().nullish(),
  relatedUser: z.object({ userName: z.string().nullish(), domainName: z.string().nullish() }).nullish(),
  evidence: z.union([Evidence, z.array(Evidence)]).nullish(),
});

function detect(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  if (
    !('computerDnsName' in raw) ||
    !('alertCreationTime' in raw) ||
    !('detectionSource' in raw || 'machineId' in raw)
  )
    return false;
  return DefenderAlert.safeParse(raw).success;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = DefenderAlert.parse(raw);
  const obs = new ObservablesBuilder();
  obs.host(a.computerDnsName?.toLowerCase());
  obs.user(a.relatedUser?.userName ?? undefined);
  const evidence =
    a.evidence === null || a.evidence === undefined
      ? []
      : Array.isArray(a.evidence)
        ? a.evidence
        : [a.evidence];
  for (const e of evidence) {
    obs.ip(e.ipAddress ?? undefined);
    obs.user(e.accountName ?? undefined);
    obs.hash(e.sha1 ?? undefined);
    obs.hash(e.sha256 ?? undefined);
    obs.url(e.url ?? undefined);
  }
  return parserAlert('microsoft_defender_endpoint.log', 'microsoft_defender_endpoint.log', obs, {
    title: a.title ?? a.category ?? 'Defender for Endpoint alert',
    severity: mapSeverity(a.severity) ?? 'medium',
    observedAt: toIsoTime(a.firstEventTime ?? a.alertCreationTime),
    ruleId: [a.detectionSource, a.category].filter(Boolean).join(':') || (a.id ?? null),
  });
}

export const defenderEndpointParser: Parser = {
  name: 'microsoft_defender_endpoint.log',
  claims: { keys: ['computerDnsName'], text: false },
  detect,
  parse,
};
