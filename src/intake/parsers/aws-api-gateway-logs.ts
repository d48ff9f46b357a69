// AWS API Gateway access logs in the layout of Elastic's `aws.api_gateway_logs` stream (REST, HTTP and WebSocket
// APIs logging `requestTimeEpoch`): the client address as the source, the API's domain name as a host and the
// IAM caller named by `userArn` as the user, as that pipeline maps them. Records logging the CLF `requestTime`
// belong to the older `aws.apigateway_logs` layout (aws-apigateway.ts).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.api_gateway_logs';

const AccessLog = z.object({
  requestTimeEpoch: TextField,
  apiId: TextField,
  domainName: TextField,
  ip: TextField,
  httpMethod: TextField,
  path: TextField,
  resourcePath: TextField,
  eventType: TextField,
  routeKey: TextField,
  status: TextField,
  stage: TextField,
  userArn: TextField,
});
type AccessLog = z.infer<typeof AccessLog>;

const read = (raw: unknown): AccessLog | null => {
  if (!isObject(raw) || !('requestTimeEpoch' in raw) || 'requestTime' in raw) return null;
  if (!('apiId' in raw) || !('domainName' in raw)) return null;
  const r = AccessLog.safeParse(raw);
  return r.success && /^\d{9,14}$/.test(r.data.requestTimeEpoch ?? '') ? r.data : null;
};

/** `arn:aws:iam::<account>:user/<name>` (or `:root`) names the caller, as the pipeline's grok reads it. */
function userOf(arn: string | undefined): string | null {
  const m = arn ? /^arn:[^:]*:iam::\d+:(?:user\/)?(.+)$/.exec(arn) : null;
  return m?.[1] ?? null;
}

/** Client and server errors are worth a look; anything else is an ordinary request. */
function severityOf(status: string | undefined): Severity {
  const code = Number(status);
  return Number.isInteger(code) && code >= 400 ? 'low' : 'info';
}

const present = (v: string | undefined): string | undefined => (v && v !== '-' ? v : undefined);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an API Gateway access log record');
  const obs = new ObservablesBuilder();
  const client = obs.srcIp(e.ip);
  obs.user(userOf(present(e.userArn)));
  obs.domain(present(e.domainName));
  const request =
    [
      present(e.eventType),
      present(e.httpMethod),
      present(e.path) ?? present(e.resourcePath) ?? present(e.routeKey),
    ]
      .filter(Boolean)
      .join(' ') || 'request';
  const target = e.apiId ? ` on ${e.apiId}${e.stage ? `/${e.stage}` : ''}` : '';
  return parserAlert(NAME, NAME, obs, {
    title: `API Gateway ${request}${target}${e.status ? ` → ${e.status}` : ''}${client ? ` from ${client}` : ''}`,
    severity: severityOf(e.status),
    observedAt: toIsoTime(e.requestTimeEpoch),
    ruleId: present(e.routeKey) ?? present(e.resourcePath) ?? null,
  });
}

export const awsApiGatewayLogsParser: Parser = {
  name: NAME,
  claims: { keys: ['requestTimeEpoch'], text: false },
  detect: detectorOf(read),
  parse,
};
