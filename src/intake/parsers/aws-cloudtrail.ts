// AWS CloudTrail records: the calling identity (user name, or the assumed role's issuer) and the
// caller address as the source, the IAM user a request names (`requestParameters.userName`/`newUserName`) and
// an assumed role's e-mail session name as related users. As in Elastic's pipeline, the caller is not repeated
// in related.ip.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { localPart, parserAlert } from './common.js';
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
  requestParameters: z
    .object({ userName: z.unknown().optional(), newUserName: z.unknown().optional() })
    .nullish()
    .catch(undefined),
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

/** The session name of an assumed role's ARN when it is an e-mail address (an SSO user), else null. */
function sessionEmail(id: z.infer<typeof Identity> | undefined): string | null {
  if (id?.type !== 'AssumedRole' || !id.arn) return null;
  // The domain's inner dot is looked for in code: one pattern (`[^/\s@]+\.[^/\s@]+$`) tried every dot of a long
  // hostile domain in turn, from every start, scanning to its end each time (quadratic time).
  const email = /:assumed-role\/[^/]+\/([^/\s@]+@([^/\s@]+))$/.exec(id.arn);
  const dot = email?.[2]?.indexOf('.', 1) ?? -1;
  return email?.[1] && email[2] && dot > 0 && dot < email[2].length - 1 ? email[1] : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = TrailRecord.parse(raw);
  const obs = new ObservablesBuilder(false);
  obs.srcIp(r.sourceIPAddress);
  obs.user(userOf(r.userIdentity));
  const email = sessionEmail(r.userIdentity);
  if (email) {
    obs.user(email);
    obs.user(localPart(email));
    obs.email(email);
  }
  for (const named of [r.requestParameters?.userName, r.requestParameters?.newUserName]) {
    if (typeof named === 'string') obs.user(named);
  }
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

export const awsCloudtrailParser: Parser = {
  name: 'aws.cloudtrail',
  claims: { keys: ['eventVersion'], text: false },
  detect,
  parse,
};
