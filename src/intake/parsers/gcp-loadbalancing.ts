// Google Cloud HTTP(S) Load Balancing request logs (Cloud Logging `LogEntry` with `httpRequest` and a
// `LoadBalancerLogEntry` payload, Cloud Armor verdicts included), mapped as Elastic's `gcp.loadbalancing_logs`
// pipeline maps them: `remoteIp` is the source, the request URL's address the destination (a name: a related host)
// and `serverIp` the destination NAT address (related only).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, detectorOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'gcp.loadbalancing_logs';

/** Cloud Logging resource types of the load balancers whose request logs carry `LoadBalancerLogEntry`. */
const RESOURCE_TYPES = new Set(['http_load_balancer', 'internal_http_lb_rule', 'l7_lb_rule']);

const SecurityPolicy = z
  .object({ name: TextField, outcome: TextField, configuredAction: TextField, priority: TextField })
  .nullish()
  .catch(null);

const LoadBalancerLog = z.object({
  insertId: TextField,
  timestamp: TextField,
  severity: TextField,
  httpRequest: z.object({
    requestMethod: TextField,
    requestUrl: TextField,
    status: TextField,
    remoteIp: TextField,
    serverIp: TextField,
  }),
  resource: z
    .object({ type: TextField, labels: z.record(z.string(), z.unknown()).nullish().catch(null) })
    .nullish()
    .catch(null),
  jsonPayload: z
    .object({
      statusDetails: TextField,
      enforcedSecurityPolicy: SecurityPolicy,
      previewSecurityPolicy: SecurityPolicy,
    })
    .passthrough()
    .nullish()
    .catch(null),
});
type LoadBalancerLog = z.infer<typeof LoadBalancerLog>;

function read(raw: unknown): LoadBalancerLog | null {
  if (!isObject(raw) || !('httpRequest' in raw)) return null;
  const resource = 'resource' in raw && isObject(raw.resource) ? raw.resource : null;
  const type = resource && 'type' in resource ? resource.type : null;
  const payload = 'jsonPayload' in raw && isObject(raw.jsonPayload) ? raw.jsonPayload : null;
  const payloadType = payload && '@type' in payload ? payload['@type'] : null;
  const isLb =
    (typeof type === 'string' && RESOURCE_TYPES.has(type)) ||
    (typeof payloadType === 'string' && payloadType.endsWith('LoadBalancerLogEntry'));
  if (!isLb) return null;
  const r = LoadBalancerLog.safeParse(raw);
  return r.success ? r.data : null;
}

/** The address of `IP` or `IP:port`, as the pipeline's grok `^%{IP}(:%{POSINT})?$` reads it. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const bare = canonicalIp(value);
  if (bare) return bare;
  const m = /^(.+):\d+$/.exec(value);
  return m?.[1] ? canonicalIp(m[1]) : null;
}

/** The request URL's host as `uri_parts` gives `url.domain` (brackets of an IPv6 literal kept). */
function urlDomain(url: string | undefined): string | null {
  if (!url) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  return m?.[1] || null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not a load balancer request log');
  const req = e.httpRequest;
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(addressOf(req.remoteIp)));
  const domain = urlDomain(req.requestUrl);
  const dstIp = domain ? canonicalIp(domain) : null;
  // An unspecified address is no indicator, but still an address rather than a name.
  obs.dstIp(bareIndicatorIp(dstIp));
  obs.ip(bareIndicatorIp(addressOf(req.serverIp)));
  if (domain && !dstIp) {
    obs.domain(domain);
    if (!/\./.test(domain)) obs.host(domain);
  }
  obs.url(req.requestUrl);

  const policy = e.jsonPayload?.enforcedSecurityPolicy;
  const denied =
    /^deny/i.test(policy?.outcome ?? '') ||
    /denied_by_security_policy/.test(e.jsonPayload?.statusDetails ?? '');
  const severity: Severity = denied ? 'medium' : Number(req.status) >= 500 ? 'low' : 'info';
  const request = [req.requestMethod, req.requestUrl].filter(Boolean).join(' ') || 'request';
  const verdict = policy?.name ? ` [Cloud Armor ${policy.name}: ${policy.outcome ?? 'no outcome'}]` : '';
  return parserAlert(NAME, 'gcp.loadbalancing_logs', obs, {
    title: `GCP load balancer: ${request}${req.status ? ` → ${req.status}` : ''}${verdict}`,
    severity,
    observedAt: toIsoTime(e.timestamp),
    ruleId: policy?.name ?? null,
  });
}

export const gcpLoadbalancingParser: Parser = {
  name: NAME,
  claims: { keys: ['httpRequest'], text: false },
  detect: detectorOf(read),
  parse,
};
