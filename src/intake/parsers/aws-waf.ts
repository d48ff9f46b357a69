// AWS WAF (v2 and classic) web ACL logs in JSON: the client address as the source, the terminating rule
// and action, and the requested host as a domain, mapped as Elastic's `aws.waf` pipeline maps them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.waf';
const Str = OptionalText;

const Header = z.object({ name: z.string().nullish(), value: z.string().nullish() });
const WafLog = z.object({
  timestamp: z.union([z.number(), z.string()]).nullish(),
  webaclId: z.string(),
  terminatingRuleId: Str,
  terminatingRuleType: Str,
  action: Str,
  httpSourceName: Str,
  httpRequest: z.object({
    clientIp: Str,
    host: Str,
    headers: z.array(Header).nullish(),
    uri: Str,
    httpMethod: Str,
  }),
});
type WafLog = z.infer<typeof WafLog>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('webaclId' in raw) || !('httpRequest' in raw)) return false;
  if (!('terminatingRuleId' in raw) && !('action' in raw)) return false;
  return WafLog.safeParse(raw).success;
}

/** BLOCK is the WAF stopping a request; COUNT, CAPTCHA and CHALLENGE flag it; ALLOW lets it through. */
function severityOf(action: string): Severity {
  if (action === 'BLOCK') return 'medium';
  if (action === 'COUNT' || action === 'CAPTCHA' || action === 'CHALLENGE') return 'low';
  return 'info';
}

/** The requested host without its port: `httpRequest.host`, else the `Host` header. */
function requestHost(e: WafLog): string | null {
  const header = e.httpRequest.headers?.find((h) => h.name?.toLowerCase() === 'host')?.value;
  const host = e.httpRequest.host ?? header ?? null;
  return host ? host.trim().replace(/:\d+$/, '') : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = WafLog.parse(raw);
  const obs = new ObservablesBuilder();
  const client = obs.srcIp(e.httpRequest.clientIp);
  obs.domain(requestHost(e));
  const action = (e.action ?? '').toUpperCase();
  const request = [e.httpRequest.httpMethod, e.httpRequest.uri].filter(Boolean).join(' ');
  const rule = e.terminatingRuleId ?? null;
  return parserAlert(NAME, NAME, obs, {
    title: `AWS WAF ${action || 'request'}${request ? ` ${request}` : ''}${client ? ` from ${client}` : ''}${
      rule ? ` (rule ${rule})` : ''
    }`,
    severity: severityOf(action),
    observedAt: toIsoTime(
      typeof e.timestamp === 'string' && /^\d+$/.test(e.timestamp) ? Number(e.timestamp) : e.timestamp,
    ),
    ruleId: rule,
  });
}

export const awsWafParser: Parser = {
  name: NAME,
  claims: { keys: ['webaclId'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
