// Cloudflare Logpush datasets (HTTP requests, firewall events, DNS, DNS firewall, Gateway DNS/HTTP/network,
// Access requests, Spectrum, network analytics, Magic IDS, audit) and the account audit log API records,
// mapped as Elastic's `cloudflare_logpush` and `cloudflare` package pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'cloudflare';

const Str = OptionalText;
/** Logpush writes numbers and timestamps either as JSON numbers or as strings, depending on the job. */
const Scalar = z.union([z.string(), z.number(), z.boolean()]).nullish();
const Strs = z.array(z.string()).nullish();

const HttpRequest = z.object({
  ClientIP: Str,
  OriginIP: Str,
  ClientRequestHost: Str,
  ClientRequestMethod: Str,
  ClientRequestURI: Str,
  EdgeResponseStatus: Scalar,
  EdgeStartTimestamp: Scalar,
  RayID: Str,
  SecurityAction: Str,
  WAFAction: Str,
  SecurityRuleID: Str,
  WAFRuleID: Str,
  SecurityRuleDescription: Str,
  WAFRuleMessage: Str,
});

const FirewallEvent = z.object({
  Action: Str,
  ClientIP: Str,
  ClientRequestHost: Str,
  ClientRefererHost: Str,
  ClientRequestMethod: Str,
  ClientRequestPath: Str,
  Datetime: Scalar,
  Description: Str,
  FraudUserID: Str,
  Kind: Str,
  RayID: Str,
  RuleID: Str,
  Source: Str,
});

const Dns = z.object({
  QueryName: Str,
  QueryType: Scalar,
  ResponseCode: Scalar,
  SourceIP: Str,
  EDNSSubnet: Str,
  UpstreamIP: Str,
  Timestamp: Scalar,
});

const GatewayCommon = {
  Action: Str,
  Datetime: Scalar,
  DeviceID: Str,
  DeviceName: Str,
  Email: Str,
  PolicyID: Str,
  PolicyName: Str,
  UserID: Str,
};

const GatewayDns = z.object({
  ...GatewayCommon,
  SrcIP: Str,
  DstIP: Str,
  QueryName: Str,
  QueryTypeName: Str,
  ResolverDecision: Str,
});

const GatewayHttp = z.object({
  ...GatewayCommon,
  SourceIP: Str,
  SourceInternalIP: Str,
  DestinationIP: Str,
  HTTPHost: Str,
  HTTPMethod: Str,
  URL: Str,
});

const GatewayNetwork = z.object({
  ...GatewayCommon,
  SourceIP: Str,
  DestinationIP: Str,
  DestinationPort: Scalar,
  OverrideIP: Str,
  SNI: Str,
  Transport: Str,
});

const AccessRequest = z.object({
  Action: Str,
  Allowed: z.boolean().nullish(),
  AppDomain: Str,
  CreatedAt: Scalar,
  Email: Str,
  IPAddress: Str,
  RayID: Str,
  TemporaryAccessApprovers: Strs,
  UserUID: Str,
});

const SpectrumEvent = z.object({
  Application: Str,
  ClientIP: Str,
  OriginIP: Str,
  OriginPort: Scalar,
  Event: Str,
  Status: Scalar,
  Timestamp: Scalar,
});

const NetworkAnalytics = z.object({
  IPSourceAddress: Str,
  IPDestinationAddress: Str,
  Datetime: Scalar,
  MitigationReason: Str,
  MitigationSystem: Str,
  Outcome: Str,
  RuleID: Str,
  Verdict: Str,
});

const MagicIds = z.object({
  Action: Str,
  SourceIP: Str,
  DestinationIP: Str,
  SignatureID: z.union([z.string(), z.number()]).nullish(),
  SignatureMessage: Str,
  Timestamp: Scalar,
});

/** Logpush audit records: flat PascalCase fields. */
const LogpushAudit = z.object({
  ActionResult: z.boolean().nullish(),
  ActionType: Str,
  ActorEmail: Str,
  ActorID: Str,
  ActorIP: Str,
  OwnerID: Str,
  ResourceType: Str,
  When: Scalar,
});

/** Audit log API (`/accounts/{id}/audit_logs`) records: nested objects. */
const ApiAudit = z.object({
  action: z.object({ type: z.string(), result: z.boolean().nullish(), info: Str }),
  actor: z.object({ email: Str, id: Str, ip: Str, type: Str }),
  owner: z.object({ id: Str }).nullish(),
  resource: z.object({ id: Str, type: Str }).nullish(),
  when: Str,
});

type Dataset =
  | 'http_request'
  | 'firewall_event'
  | 'dns'
  | 'dns_firewall'
  | 'gateway_dns'
  | 'gateway_http'
  | 'gateway_network'
  | 'access_request'
  | 'spectrum_event'
  | 'network_analytics'
  | 'magic_ids'
  | 'audit'
  | 'api_audit';

/** The dataset a record belongs to, from its distinctive keys; null for anything else. */
function datasetOf(raw: object): Dataset | null {
  const has = (k: string): boolean => k in raw;
  if (has('RayID') && has('ClientIP')) {
    if (has('ClientRequestHost') && (has('EdgeStartTimestamp') || has('EdgeEndTimestamp')))
      return 'http_request';
    if (has('Action') && (has('Kind') || has('Source') || has('MatchIndex'))) return 'firewall_event';
  }
  if (has('QueryName')) {
    if (has('ResolverDecision') || (has('SrcIP') && has('QueryNameReversed'))) return 'gateway_dns';
    if (has('SourceIP') && has('ColoCode'))
      return has('UpstreamIP') || has('ClusterID') ? 'dns_firewall' : 'dns';
  }
  if (has('Datetime') && (has('DeviceID') || has('PolicyID') || has('UserID'))) {
    if (has('HTTPHost') && has('RequestID')) return 'gateway_http';
    if (has('SessionID') && has('Transport') && has('Action') && has('SourceIP')) return 'gateway_network';
  }
  if (has('AppDomain') && has('IPAddress') && has('Allowed')) return 'access_request';
  if (has('Application') && has('ClientIP') && has('OriginIP') && (has('ConnectTimestamp') || has('Event'))) {
    return 'spectrum_event';
  }
  if (has('IPSourceAddress') && has('IPDestinationAddress') && (has('Verdict') || has('MitigationSystem'))) {
    return 'network_analytics';
  }
  if (has('SignatureID') && has('SignatureMessage') && has('SourceIP') && has('DestinationIP'))
    return 'magic_ids';
  if (has('ActionType') && has('ActorID') && (has('When') || has('ActorIP'))) return 'audit';
  if (has('actor') && has('action') && has('when') && (has('owner') || has('resource'))) return 'api_audit';
  return null;
}

const SCHEMAS: Record<Dataset, z.ZodTypeAny> = {
  http_request: HttpRequest,
  firewall_event: FirewallEvent,
  dns: Dns,
  dns_firewall: Dns,
  gateway_dns: GatewayDns,
  gateway_http: GatewayHttp,
  gateway_network: GatewayNetwork,
  access_request: AccessRequest,
  spectrum_event: SpectrumEvent,
  network_analytics: NetworkAnalytics,
  magic_ids: MagicIds,
  audit: LogpushAudit,
  api_audit: ApiAudit,
};

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const ds = datasetOf(raw);
  return ds !== null && SCHEMAS[ds].safeParse(raw).success;
}

const text = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined || v === false ? '' : String(v);
const title = (...parts: Array<string | number | boolean | null | undefined>): string =>
  parts.map(text).filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();

/** Severity of an enforcement action: blocks are medium, challenges low, everything else info. */
function actionSeverity(action: string | null | undefined): Severity {
  const a = (action ?? '').toLowerCase();
  if (/block|drop|deny|denied/.test(a)) return 'medium';
  if (/challenge|jschallenge|managed_challenge/.test(a)) return 'low';
  return 'info';
}

function alert(ds: string, obs: ObservablesBuilder, facts: Parameters<typeof parserAlert>[3]): Alert {
  return parserAlert(NAME, ds, obs, facts);
}

/** The Zero Trust user: its id and e-mail, both in related.user. */
function gatewayIdentity(
  obs: ObservablesBuilder,
  e: { UserID?: string | null; Email?: string | null },
): void {
  obs.user(e.UserID);
  obs.user(e.Email);
  obs.email(e.Email);
}

function parseHttpRequest(raw: unknown): Alert {
  const e = HttpRequest.parse(raw);
  // The visitor is the source and the origin server the destination; the Cloudflare edge address is not
  // an indicator (Elastic's pipeline at the evaluated version lists only these two in related.ip).
  const obs = new ObservablesBuilder();
  obs.srcIp(e.ClientIP);
  obs.dstIp(e.OriginIP);
  obs.domain(e.ClientRequestHost);
  const action = e.SecurityAction ?? e.WAFAction;
  const acted = action && !/^(?:unknown|none)$/i.test(action) ? action : null;
  return alert('cloudflare_logpush.http_request', obs, {
    title: title(
      'Cloudflare HTTP',
      e.ClientRequestMethod,
      `${e.ClientRequestHost ?? ''}${e.ClientRequestURI ?? ''}`,
      e.EdgeResponseStatus,
      acted && `(${acted})`,
    ),
    severity: actionSeverity(acted),
    observedAt: toIsoTime(e.EdgeStartTimestamp),
    ruleId: (acted && (e.SecurityRuleID ?? e.WAFRuleID)) || e.RayID || null,
  });
}

function parseFirewallEvent(raw: unknown): Alert {
  const e = FirewallEvent.parse(raw);
  // Elastic lists the referer and request hosts in related.hosts, so they are hosts here as well as domains.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.ClientIP);
  obs.user(e.FraudUserID);
  for (const h of [e.ClientRefererHost, e.ClientRequestHost]) {
    obs.host(h);
    obs.domain(h);
  }
  return alert('cloudflare_logpush.firewall_event', obs, {
    title: title(
      'Cloudflare firewall',
      e.Action,
      e.ClientRequestMethod,
      `${e.ClientRequestHost ?? ''}${e.ClientRequestPath ?? ''}`,
      e.Source && `by ${e.Source}`,
      e.Description && `: ${e.Description}`,
    ),
    severity: actionSeverity(e.Action),
    observedAt: toIsoTime(e.Datetime),
    ruleId: e.RuleID ?? null,
  });
}

function parseDns(raw: unknown, ds: 'dns' | 'dns_firewall'): Alert {
  const e = Dns.parse(raw);
  // The resolver client is the source; the EDNS client subnet (and a DNS firewall's upstream) are related.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SourceIP);
  obs.ip(e.EDNSSubnet);
  if (ds === 'dns_firewall') obs.ip(e.UpstreamIP);
  obs.domain(e.QueryName);
  return alert(`cloudflare_logpush.${ds}`, obs, {
    title: title(
      ds === 'dns' ? 'Cloudflare DNS query' : 'Cloudflare DNS firewall query',
      e.QueryName,
      `type ${text(e.QueryType)}`,
      `rcode ${text(e.ResponseCode)}`,
    ),
    severity: 'info',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: `dns:${text(e.QueryType)}`,
  });
}

function parseGatewayDns(raw: unknown): Alert {
  const e = GatewayDns.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SrcIP);
  obs.dstIp(e.DstIP);
  gatewayIdentity(obs, e);
  obs.host(e.DeviceName);
  obs.host(e.DeviceID);
  obs.domain(e.QueryName);
  return alert('cloudflare_logpush.gateway_dns', obs, {
    title: title(
      'Cloudflare Gateway DNS',
      e.QueryTypeName,
      e.QueryName,
      e.ResolverDecision,
      e.PolicyName && `(policy ${e.PolicyName})`,
    ),
    severity: actionSeverity(e.ResolverDecision),
    observedAt: toIsoTime(e.Datetime),
    ruleId: e.PolicyID || null,
  });
}

function parseGatewayHttp(raw: unknown): Alert {
  const e = GatewayHttp.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SourceIP);
  obs.dstIp(e.DestinationIP);
  obs.ip(e.SourceInternalIP);
  gatewayIdentity(obs, e);
  obs.host(e.DeviceName);
  obs.host(e.DeviceID);
  obs.domain(e.HTTPHost);
  obs.url(e.URL);
  return alert('cloudflare_logpush.gateway_http', obs, {
    title: title(
      'Cloudflare Gateway HTTP',
      e.Action,
      e.HTTPMethod,
      e.URL ?? e.HTTPHost,
      e.PolicyName && `(policy ${e.PolicyName})`,
    ),
    severity: actionSeverity(e.Action),
    observedAt: toIsoTime(e.Datetime),
    ruleId: e.PolicyID || null,
  });
}

function parseGatewayNetwork(raw: unknown): Alert {
  const e = GatewayNetwork.parse(raw);
  // Elastic keeps the internal source address out of related.ip here and lists the SNI in related.hosts.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SourceIP);
  obs.dstIp(e.DestinationIP);
  obs.ip(e.OverrideIP);
  gatewayIdentity(obs, e);
  obs.host(e.DeviceName);
  obs.host(e.SNI);
  obs.domain(e.SNI);
  obs.host(e.DeviceID);
  return alert('cloudflare_logpush.gateway_network', obs, {
    title: title(
      'Cloudflare Gateway network',
      e.Action,
      e.Transport,
      `${e.SourceIP ?? '?'} -> ${e.DestinationIP ?? '?'}:${text(e.DestinationPort)}`,
      e.SNI && `(${e.SNI})`,
    ),
    severity: actionSeverity(e.Action),
    observedAt: toIsoTime(e.Datetime),
    ruleId: e.PolicyID || null,
  });
}

function parseAccessRequest(raw: unknown): Alert {
  const e = AccessRequest.parse(raw);
  // Elastic maps the address to client.ip (not source.ip), so it is only a related address here.
  const obs = new ObservablesBuilder();
  obs.ip(e.IPAddress);
  obs.user(e.UserUID);
  obs.user(e.Email);
  obs.email(e.Email);
  for (const a of e.TemporaryAccessApprovers ?? []) obs.user(a);
  obs.host(e.AppDomain);
  obs.domain(e.AppDomain);
  return alert('cloudflare_logpush.access_request', obs, {
    title: title(
      'Cloudflare Access',
      e.Action,
      e.Allowed === false ? 'denied' : 'allowed',
      'for',
      e.Email,
      'to',
      e.AppDomain,
    ),
    severity: e.Allowed === false ? 'medium' : 'info',
    observedAt: toIsoTime(e.CreatedAt),
    ruleId: `access:${e.Action ?? ''}`,
  });
}

function parseSpectrum(raw: unknown): Alert {
  const e = SpectrumEvent.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.ClientIP);
  obs.dstIp(e.OriginIP);
  return alert('cloudflare_logpush.spectrum_event', obs, {
    title: title(
      'Cloudflare Spectrum',
      e.Event,
      `${e.ClientIP ?? '?'} -> ${e.OriginIP ?? '?'}:${text(e.OriginPort)}`,
      e.Application && `(app ${e.Application})`,
    ),
    severity: 'info',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: `spectrum:${e.Event ?? ''}`,
  });
}

function parseNetworkAnalytics(raw: unknown): Alert {
  const e = NetworkAnalytics.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.IPSourceAddress);
  obs.dstIp(e.IPDestinationAddress);
  const verdict = e.Verdict ?? e.Outcome;
  return alert('cloudflare_logpush.network_analytics', obs, {
    title: title(
      'Cloudflare network analytics',
      verdict,
      `${e.IPSourceAddress ?? '?'} -> ${e.IPDestinationAddress ?? '?'}`,
      e.MitigationSystem && `by ${e.MitigationSystem}`,
      e.MitigationReason,
    ),
    severity: actionSeverity(verdict),
    observedAt: toIsoTime(e.Datetime),
    ruleId: e.RuleID ?? null,
  });
}

function parseMagicIds(raw: unknown): Alert {
  const e = MagicIds.parse(raw);
  // Elastic's related.ip lists the destination before the source for IDS detections.
  const obs = new ObservablesBuilder(false);
  obs.ip(obs.dstIp(e.DestinationIP));
  obs.ip(obs.srcIp(e.SourceIP));
  return alert('cloudflare_logpush.magic_ids', obs, {
    title: title(
      'Cloudflare Magic IDS',
      e.SignatureMessage,
      `${e.SourceIP ?? '?'} -> ${e.DestinationIP ?? '?'}`,
    ),
    severity: 'high',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: e.SignatureID ?? null,
  });
}

function parseLogpushAudit(raw: unknown): Alert {
  const e = LogpushAudit.parse(raw);
  // The actor id, the actor e-mail and the owner (account) id all go to related.user in Elastic's pipeline.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.ActorIP);
  obs.user(e.ActorID);
  obs.user(e.ActorEmail);
  obs.user(e.OwnerID);
  obs.email(e.ActorEmail);
  return alert('cloudflare_logpush.audit', obs, {
    title: title(
      'Cloudflare audit:',
      e.ActionType,
      e.ActorEmail && `by ${e.ActorEmail}`,
      e.ResourceType && `on ${e.ResourceType}`,
      e.ActionResult === false && '(failed)',
    ),
    severity: e.ActionResult === false ? 'medium' : 'info',
    observedAt: toIsoTime(e.When),
    ruleId: e.ActionType ?? null,
  });
}

function parseApiAudit(raw: unknown): Alert {
  const e = ApiAudit.parse(raw);
  // Elastic's cloudflare.audit lists the actor id, and a resource id when the resource is a user, in
  // related.user; the actor e-mail stays in user.email only.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.actor.ip);
  obs.user(e.actor.id);
  if (e.resource?.type === 'user') obs.user(e.resource.id);
  obs.email(e.actor.email);
  return alert('cloudflare.audit', obs, {
    title: title(
      'Cloudflare audit:',
      e.action.type,
      e.actor.email && `by ${e.actor.email}`,
      e.resource?.type && `on ${e.resource.type}`,
      e.action.result === false && '(failed)',
    ),
    severity: e.action.result === false ? 'medium' : 'info',
    observedAt: toIsoTime(e.when),
    ruleId: e.action.type,
  });
}

function parse(raw: unknown): Alert {
  const ds = isObject(raw) ? datasetOf(raw) : null;
  switch (ds) {
    case 'http_request':
      return parseHttpRequest(raw);
    case 'firewall_event':
      return parseFirewallEvent(raw);
    case 'dns':
    case 'dns_firewall':
      return parseDns(raw, ds);
    case 'gateway_dns':
      return parseGatewayDns(raw);
    case 'gateway_http':
      return parseGatewayHttp(raw);
    case 'gateway_network':
      return parseGatewayNetwork(raw);
    case 'access_request':
      return parseAccessRequest(raw);
    case 'spectrum_event':
      return parseSpectrum(raw);
    case 'network_analytics':
      return parseNetworkAnalytics(raw);
    case 'magic_ids':
      return parseMagicIds(raw);
    case 'audit':
      return parseLogpushAudit(raw);
    case 'api_audit':
      return parseApiAudit(raw);
    default:
      throw new Error('not a supported Cloudflare record');
  }
}

/**
 * Domains Elastic lists in related.hosts (firewall referer/request hosts, Gateway SNI, Access app domain)
 * are reported as hosts too; the others (HTTP request host, DNS query names, Gateway HTTP host) stay apart.
 */
export const cloudflareParser: Parser = { name: NAME, detect, parse, domainsInRelatedHosts: false };
