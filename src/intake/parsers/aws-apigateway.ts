// AWS API Gateway access logs in JSON (REST, HTTP and WebSocket APIs, as CloudWatch Logs or S3 deliver them),
// read as Elastic's `aws` apigateway_logs pipeline reads them: it keeps the record under `aws.apigateway` and maps
// no client address, user or host to ECS, so the only indicator reported is the API's custom domain name.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.apigateway_logs';

/** `$context.requestTime`: `dd/MMM/yyyy:HH:mm:ss +zzzz`, the Common Log Format stamp. */
const CLF_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const AccessLog = z.object({
  requestId: z.string().min(1),
  requestTime: z.string().regex(CLF_TIME),
  ip: TextField,
  httpMethod: TextField,
  resourcePath: TextField,
  routeKey: TextField,
  eventType: TextField,
  status: TextField,
  protocol: TextField,
  stage: TextField,
  apiId: TextField,
  domainName: TextField,
});
type AccessLog = z.infer<typeof AccessLog>;

/** Keys of API Gateway's documented access-log layouts, besides the request id and time. */
const LAYOUT_KEYS = ['ip', 'httpMethod', 'resourcePath', 'routeKey', 'eventType', 'status', 'connectionId'];

function read(raw: unknown): AccessLog | null {
  if (!isObject(raw) || !('requestId' in raw) || !('requestTime' in raw)) return null;
  if (LAYOUT_KEYS.filter((k) => k in raw).length < 2) return null;
  const r = AccessLog.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** The request time in ISO 8601 (the stamp carries its own offset). */
function timeOf(value: string): string | null {
  const m = CLF_TIME.exec(value);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2] ?? '') + 1;
  if (month === 0) return null;
  const mm = String(month).padStart(2, '0');
  return toIsoTime(`${m[3]}-${mm}-${m[1]}T${m[4]}:${m[5]}:${m[6]}${m[7]}${m[8]}:${m[9]}`);
}

/** Client and server errors are worth a look; anything else is an ordinary request. */
function severityOf(status: string | undefined): Severity {
  const code = Number(status);
  return Number.isInteger(code) && code >= 400 ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an API Gateway access log record');
  const obs = new ObservablesBuilder();
  // Elastic keeps the custom domain under aws.apigateway.domain_name, not in related.hosts.
  obs.domain(e.domainName);
  const route = e.eventType && e.eventType !== '-' ? `${e.eventType} ${e.routeKey ?? ''}` : undefined;
  const request =
    route ?? [e.httpMethod, e.resourcePath ?? e.routeKey].filter((v) => v && v !== '-').join(' ');
  const target = e.apiId ? ` on ${e.apiId}${e.stage ? `/${e.stage}` : ''}` : '';
  return parserAlert(NAME, NAME, obs, {
    title: `API Gateway ${request.trim() || 'request'}${target}${e.status ? ` → ${e.status}` : ''}`,
    severity: severityOf(e.status),
    observedAt: timeOf(e.requestTime),
    ruleId: [e.routeKey, e.resourcePath].find((v) => v !== undefined && v !== '-') ?? null,
  });
}

export const awsApigatewayParser: Parser = {
  name: NAME,
  claims: { keys: ['requestId'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
