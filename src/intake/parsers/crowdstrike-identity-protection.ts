// CrowdStrike Falcon Identity Protection GraphQL records: timeline events (user, endpoint, address) and domain
// security assessments (posture), mapped as Elastic's identity_protection_timeline / _assessment pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'crowdstrike.identity_protection';

const Entity = z.object({ primaryDisplayName: TextField }).passthrough().nullish().catch(undefined);

const TimelineEvent = z.object({
  eventId: TextField,
  eventType: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  eventLabel: TextField,
  eventSeverity: TextField,
  timestamp: TextField,
  startTime: TextField,
  userEntity: Entity,
  /** What the event is about: a user, or (`type: ENDPOINT`) a machine whose computer account it names. */
  entity: z
    .object({
      type: TextField,
      primaryDisplayName: TextField,
      secondaryDisplayName: TextField,
      accounts: z
        .array(z.object({ samAccountName: TextField }).passthrough())
        .nullish()
        .catch(undefined),
    })
    .passthrough()
    .nullish()
    .catch(undefined),
  endpointEntity: Entity,
  endpointDisplayName: TextField,
  hostName: TextField,
  targetEndpointEntity: Entity,
  ipAddress: TextField,
});
type TimelineEvent = z.infer<typeof TimelineEvent>;

const Assessment = z.object({
  domain: z.string().min(1),
  security_assessment: z.object({
    assessmentFactors: z
      .array(z.object({ riskFactorType: TextField }).passthrough())
      .nullish()
      .catch(undefined),
    overallScore: z.number().nullish().catch(undefined),
    overallScoreLevel: TextField,
  }),
});
type Assessment = z.infer<typeof Assessment>;

type IdpRecord = { kind: 'timeline'; event: TimelineEvent } | { kind: 'assessment'; assessment: Assessment };

const ENTITY_KEYS = ['userEntity', 'entity', 'endpointEntity', 'targetEndpointEntity'];

function read(raw: unknown): IdpRecord | null {
  if (!isObject(raw)) return null;
  if ('security_assessment' in raw && 'domain' in raw) {
    const a = Assessment.safeParse(raw);
    const s = a.success ? a.data.security_assessment : null;
    return a.success && s && (s.overallScoreLevel !== undefined || s.assessmentFactors)
      ? { kind: 'assessment', assessment: a.data }
      : null;
  }
  if (!('eventType' in raw)) return null;
  // A timeline event names an identity entity (GraphQL `primaryDisplayName`), or carries its label and severity.
  const r: Record<string, unknown> = { ...raw };
  const entity = ENTITY_KEYS.some((k) => {
    const v = r[k];
    return isObject(v) && 'primaryDisplayName' in v;
  });
  if (!entity && !('eventLabel' in r && 'eventSeverity' in r)) return null;
  const t = TimelineEvent.safeParse(raw);
  return t.success ? { kind: 'timeline', event: t.data } : null;
}

const detect = detectorOf(read);

/** Falcon Identity Protection severities (Elastic maps NEUTRAL, MODERATE, IMPORTANT to 21, 47, 73). */
const TIMELINE_SEVERITY: Record<string, Severity> = {
  INFO: 'info',
  NEUTRAL: 'low',
  MODERATE: 'medium',
  IMPORTANT: 'high',
};

function parseTimeline(e: TimelineEvent): Alert {
  const obs = new ObservablesBuilder();
  const src = indicatorIp(e.ipAddress);
  obs.srcIp(src);
  obs.ip(src);
  const endpoint = e.entity?.type?.toUpperCase() === 'ENDPOINT' ? e.entity : undefined;
  const person = endpoint ? undefined : e.entity;
  obs.user(e.userEntity?.primaryDisplayName ?? person?.primaryDisplayName);
  obs.user(person?.accounts?.[0]?.samAccountName);
  obs.host(endpoint?.primaryDisplayName);
  obs.host(endpoint?.secondaryDisplayName);
  const host = e.endpointEntity?.primaryDisplayName ?? e.endpointDisplayName ?? endpoint?.primaryDisplayName;
  obs.host(host);
  obs.host(e.hostName);
  obs.host(e.targetEndpointEntity?.primaryDisplayName);
  const level = (e.eventSeverity ?? '').toUpperCase();
  const severity = Object.hasOwn(TIMELINE_SEVERITY, level) ? TIMELINE_SEVERITY[level] : undefined;
  const who = e.userEntity?.primaryDisplayName ?? person?.primaryDisplayName;
  return parserAlert(NAME, 'crowdstrike.identity_protection_timeline', obs, {
    title: `CrowdStrike Identity ${e.eventLabel ?? e.eventType}${who ? ` (${who}${host ? ` on ${host}` : ''})` : ''}`,
    severity: severity ?? (e.eventType === 'FAILED_AUTHENTICATION' ? 'low' : 'info'),
    observedAt: toIsoTime(e.timestamp) ?? toIsoTime(e.startTime),
    ruleId: e.eventType,
  });
}

function parseAssessment(a: Assessment): Alert {
  const obs = new ObservablesBuilder();
  // Elastic copies the assessed domain to user.domain and related.hosts.
  obs.host(a.domain);
  const s = a.security_assessment;
  const risks = (s.assessmentFactors ?? []).map((f) => f.riskFactorType).filter((v) => v !== undefined);
  return parserAlert(NAME, 'crowdstrike.identity_protection_assessment', obs, {
    title: `CrowdStrike Identity security assessment of ${a.domain}: ${s.overallScoreLevel ?? 'unrated'}${risks.length ? ` (${risks.slice(0, 3).join(', ')}${risks.length > 3 ? ', …' : ''})` : ''}`,
    severity: mapSeverity(s.overallScoreLevel) ?? 'info',
    observedAt: null,
    ruleId: 'identity_protection_assessment',
  });
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (r === null) throw new Error('not a CrowdStrike Identity Protection record');
  return r.kind === 'timeline' ? parseTimeline(r.event) : parseAssessment(r.assessment);
}

export const crowdstrikeIdentityProtectionParser: Parser = {
  name: NAME,
  claims: { keys: ['security_assessment', 'eventType'], text: false },
  detect,
  parse,
};
