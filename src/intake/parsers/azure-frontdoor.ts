// Azure Front Door diagnostic records (access, WAF and health-probe logs, classic and Standard/Premium),
// mapped as Elastic's `azure_frontdoor` pipelines map them: the client address is client.ip only (no
// source or related address), the access log's caller from its identity claims, the probed origin address.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  isObject,
  parserAlert,
  type RecordFacts,
  TextField,
  urlHostname,
} from './common.js';
import type { Parser } from './parser.js';

type Stream = 'access' | 'waf' | 'health_probe';

const STREAMS: ReadonlyMap<string, Stream> = new Map([
  ['frontdooraccesslog', 'access'],
  ['frontdoorwebapplicationfirewalllog', 'waf'],
  ['frontdoorhealthprobelog', 'health_probe'],
]);

const Str = z.string().nullish().catch(undefined);

const Envelope = z.object({
  category: z.string(),
  operationName: Str,
  resourceId: Str,
  time: Str,
  identity: z.unknown().optional(),
  properties: z.record(z.string(), z.unknown()),
});
type Envelope = z.infer<typeof Envelope>;

const AccessProps = z.object({
  clientIp: Str,
  httpMethod: Str,
  requestUri: Str,
  hostName: Str,
  httpStatusCode: TextField,
  ErrorInfo: Str,
  errorInfo: Str,
});

const WafProps = z.object({
  clientIP: Str,
  clientIp: Str,
  action: Str,
  host: Str,
  requestUri: Str,
  ruleName: Str,
  policy: Str,
  details: z.object({ msg: Str }).nullish().catch(undefined),
});

const ProbeProps = z.object({
  httpVerb: Str,
  result: Str,
  httpStatusCode: TextField,
  probeUrl: Str,
  originName: Str,
  originIP: Str,
});

const Claims = z.object({ claims: z.record(z.string(), z.unknown()) });

const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const CLAIM_OBJECT_ID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

function streamOf(category: string): Stream | null {
  return STREAMS.get(category.toLowerCase()) ?? null;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('category' in raw) || !('properties' in raw)) return false;
  if (typeof raw.category !== 'string' || streamOf(raw.category) === null) return false;
  return Envelope.safeParse(raw).success;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The caller Elastic reads from the identity claims: user.name (an e-mail's local part), full name, id. */
function identityUsers(identity: unknown, obs: ObservablesBuilder): void {
  const parsed = Claims.safeParse(identity);
  if (!parsed.success) return;
  const claims = parsed.data.claims;
  // Trimmed as the pipeline reads it: WAF logs write the claim with a leading space (`" admin@contoso.com"`).
  const name = text(claims[CLAIM_NAME])?.trim();
  if (!name) return;
  const m = /^([\w.+-]+)@([a-z0-9.-]+)$/i.exec(name);
  obs.user(m ? m[1] : name);
  if (m) obs.email(name);
  obs.user(text(claims.name));
  obs.user(text(claims[CLAIM_OBJECT_ID]));
}

type Facts = Omit<RecordFacts, 'observedAt'>;

function access(e: Envelope, obs: ObservablesBuilder): Facts {
  const p = AccessProps.parse(e.properties);
  identityUsers(e.identity, obs);
  // url.domain (not related.hosts): the requested site.
  obs.domain(urlHostname(p.requestUri) ?? p.hostName);
  const status = Number(p.httpStatusCode);
  return {
    title:
      `Front Door access: ${[p.httpMethod, p.requestUri].filter(Boolean).join(' ')} ${p.httpStatusCode ?? ''} from ${p.clientIp ?? '?'}`.trim(),
    severity: status >= 500 ? 'low' : 'info',
    ruleId: null,
  };
}

function waf(e: Envelope, obs: ObservablesBuilder): Facts {
  const p = WafProps.parse(e.properties);
  obs.domain(p.host ?? urlHostname(p.requestUri));
  const action = p.action ?? '';
  const rule = p.details?.msg ? `${p.ruleName ?? 'rule'} (${p.details.msg})` : (p.ruleName ?? 'rule');
  return {
    title: `Front Door WAF ${action || 'match'}: ${rule} for ${p.requestUri ?? p.host ?? '?'} from ${p.clientIP ?? p.clientIp ?? '?'}`,
    severity: /^block/i.test(action) ? 'medium' : /^(?:log|detect|redirect)/i.test(action) ? 'low' : 'info',
    ruleId: p.ruleName ?? null,
  };
}

function healthProbe(e: Envelope, obs: ObservablesBuilder): Facts {
  const p = ProbeProps.parse(e.properties);
  // originIP is destination.ip and related.ip; the origin's name stays in Front Door's own fields.
  obs.dstIp(bareIndicatorIp(p.originIP));
  obs.domain(urlHostname(p.probeUrl) ?? p.originName);
  const failed = !!p.result && !/^success/i.test(p.result);
  return {
    title:
      `Front Door health probe ${p.result ?? ''}: ${[p.httpVerb, p.probeUrl].filter(Boolean).join(' ')} ${p.httpStatusCode ?? ''}`.trim(),
    severity: failed ? 'low' : 'info',
    ruleId: null,
  };
}

function parse(raw: unknown): Alert {
  const e = Envelope.parse(raw);
  const stream = streamOf(e.category);
  if (stream === null) throw new Error('not an Azure Front Door record');
  const obs = new ObservablesBuilder();
  const facts = stream === 'access' ? access(e, obs) : stream === 'waf' ? waf(e, obs) : healthProbe(e, obs);
  return parserAlert('azure_frontdoor', `azure_frontdoor.${stream}`, obs, {
    ...facts,
    observedAt: toIsoTime(e.time),
  });
}

export const azureFrontdoorParser: Parser = {
  name: 'azure_frontdoor',
  claims: { keys: ['category'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
