// AWS CloudTrail records: the calling identity (user name, or the assumed role's issuer) and the
// caller address as the source. As in Elastic's pipeline, the caller is not repeated in related.ip.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Identity = z.object({
  type: z.string().optional(),
  userName: z.string().optional(),
  arn: z.string().optional(),
  sessionContext: z
    .object({ sessionIssuer: z.object({ userName: z.string().optional() }).optional() })
    .optional(),
});
const TrailRecord = z.object({
  eventVersion: z.string(),
  eventSource: z.string(),
  eventName: z.string(),
  eventTime: z.string().optional(),
  sourceIPAddress: z.string().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  userIdentity: Identity.optional(),
  responseElements: z.unknown().optional(),
});

const detect = (raw: unknown): boolean =>
  typeof raw === 'object' &&
  raw !== null &&
  'eventVersion' in raw &&
  'eventSource' in raw &&
  TrailRecord.safeParse(raw).success;

function userOf(id: z.infer<typeof Identity> | undefined): string | undefined {
  if (!id) return undefined;
  if (id.userName) return id.userName;
  const issuer = id.sessionContext?.sessionIssuer?.userName;
  if (issuer) return issuer;
  const m = id.arn ? /:(?:user|assumed-role)\/([^/]+)/.exec(id.arn) : null;
  return m?.[1];
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = TrailRecord.parse(raw);
  const obs = new ObservablesBuilder(false);
  obs.srcIp(r.sourceIPAddress);
  obs.user(userOf(r.userIdentity));
  const failed =
    Boolean(r.errorCode ?? r.errorMessage) ||
    /Failure/.test(JSON.stringify(r.responseElements ?? null).slice(0, 2_000));
  return parserAlert('aws.cloudtrail', 'aws.cloudtrail', obs, {
    title: `${r.eventName} (${r.eventSource})${r.errorMessage ? `: ${r.errorMessage}` : ''}`,
    severity: failed ? 'medium' : 'low',
    observedAt: toIsoTime(r.eventTime),
    ruleId: `${r.eventSource}:${r.eventName}`,
  });
}

export const awsCloudtrailParser: Parser = { name: 'aws.cloudtrail', detect, parse };
