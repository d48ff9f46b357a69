// Cloudflare Logpush datasets (HTTP, firewall, DNS, Gateway, Access, Zero Trust sessions, device posture, DEX,
// WARP changes, e-mail security, CASB, sinkhole, Page Shield, Workers, Spectrum, network analytics, Magic IDS,
// audit), Logpull HTTP records and audit log API records, mapped as Elastic's cloudflare(_logpush) pipelines do.
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
  /** The time of a minimal record that carries no edge timestamps. */
  Datetime: Scalar,
  ClientRequestPath: Str,
  RayID: Str,
  SecurityAction: Str,
  WAFAction: Str,
  SecurityRuleID: Str,
  WAFRuleID: Str,
  SecurityRuleDescription: Str,
  WAFRuleMessage: Str,
  FirewallMatchesActions: Strs,
  FirewallMatchesRuleIDs: Strs,
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

const NetworkSession = z.object({
  SourceIP: Str,
  OriginIP: Str,
  OriginPort: Scalar,
  EgressIP: Str,
  DeviceID: Str,
  DeviceName: Str,
  Email: Str,
  UserID: Str,
  Protocol: Str,
  ConnectionCloseReason: Str,
  SessionID: Str,
  SessionStartTime: Scalar,
});

const DevicePosture = z.object({
  DeviceID: Str,
  DeviceName: Str,
  Email: Str,
  UserUID: Str,
  PolicyID: Str,
  PostureCheckName: Str,
  PostureCheckType: Str,
  PostureEvaluatedResult: z.boolean().nullish(),
  Timestamp: Scalar,
});

const EmailSecurityAlert = z.object({
  AlertID: Str,
  CC: Strs,
  CCName: Strs,
  FinalDisposition: Str,
  From: Str,
  FromName: Str,
  Links: Strs,
  OriginalSender: Str,
  ReplyTo: Str,
  ReplyToName: Str,
  SMTPEnvelopeFrom: Str,
  SMTPEnvelopeTo: Strs,
  SMTPHeloServerIP: Str,
  SMTPHeloServerName: Str,
  Subject: Str,
  ThreatCategories: Strs,
  Timestamp: Scalar,
  To: Strs,
  ToName: Strs,
  Attachments: z.array(z.object({ Md5: Str, Sha1: Str, Sha256: Str }).passthrough()).nullish(),
});

const CasbFinding = z.object({
  AssetDisplayName: Str,
  AssetLink: Str,
  DetectedTimestamp: Scalar,
  FindingTypeDisplayName: Str,
  FindingTypeID: Str,
  FindingTypeSeverity: Str,
  InstanceID: Str,
  IntegrationDisplayName: Str,
});

const SinkholeHttp = z.object({
  SrcAddr: Str,
  DestAddr: Str,
  Host: Str,
  Method: Str,
  SinkholeID: Str,
  Timestamp: Scalar,
  URI: Str,
  URL: Str,
  Username: Str,
});

const PageShieldEvent = z.object({
  Action: Str,
  Host: Str,
  PageURL: Str,
  PolicyID: Scalar,
  ResourceType: Str,
  Timestamp: Scalar,
  URL: Str,
  URLHost: Str,
});

const WorkersTrace = z.object({
  Event: z
    .object({ Request: z.object({ URL: Str, Method: Str }).nullish() })
    .passthrough()
    .nullish(),
  EventTimestampMs: Scalar,
  EventType: Str,
  Outcome: Str,
  ScriptName: Str,
});

const WarpChange = z.object({
  ConfigNameFrom: Str,
  ConfigNameTo: Str,
  Toggled: z.boolean().nullish(),
  DeviceID: Str,
  Hostname: Str,
  Timestamp: Scalar,
  UserEmail: Str,
});

const DexDeviceState = z.object({
  DeviceID: Str,
  DeviceIPv4Address: Str,
  DeviceIPv6Address: Str,
  GatewayIPv4Address: Str,
  GatewayIPv6Address: Str,
  ISPIPv4Address: Str,
  ISPIPv6Address: Str,
  Status: Str,
  Timestamp: Scalar,
});

const DexApplicationTest = z.object({
  DeviceID: Str,
  HTTPClientIPAddress: Str,
  HTTPServerIPAddress: Str,
  HTTPURL: Str,
  TestID: Str,
  TestType: Str,
  Timestamp: Scalar,
  TracerouteDestinationHostname: Str,
  TracerouteDestinationIPAddress: Str,
  TracerouteSourceIPAddress: Str,
  UserEmail: Str,
  UserID: Str,
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

/** The Logpush HTTP, firewall, DNS, gateway, access, network and audit datasets. */
type CoreDataset =
  | 'http_request'
  | 'logpull'
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

/** The Zero Trust, e-mail and developer-platform datasets. */
type ZeroTrustDataset =
  | 'network_session'
  | 'device_posture'
  | 'email_security_alerts'
  | 'casb'
  | 'sinkhole_http'
  | 'page_shield_events'
  | 'workers_trace'
  | 'warp_config_changes'
  | 'warp_toggle_changes'
  | 'dex_device_state_events'
  | 'dex_application_tests';

type Dataset = CoreDataset | ZeroTrustDataset;

/** The dataset a record belongs to, from its distinctive keys; null for anything else. */
function datasetOf(raw: object): Dataset | null {
  const has = (k: string): boolean => k in raw;
  if (has('RayID') && has('ClientIP')) {
    if (has('ClientRequestHost') && (has('EdgeStartTimestamp') || has('EdgeEndTimestamp'))) {
      // The older field set (firewall matches, no security action or bot score) is what Logpull returns.
      const legacy = has('FirewallMatchesActions') && !has('SecurityAction') && !has('SecurityActions');
      return legacy && !has('BotScore') ? 'logpull' : 'http_request';
    }
    if (has('Action') && (has('Kind') || has('Source') || has('MatchIndex'))) return 'firewall_event';
    // A request record with only a few fields chosen in the Logpush job (no edge timestamps).
    if (has('ClientRequestHost') && has('Datetime')) return 'http_request';
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
  return zeroTrustDatasetOf(has);
}

/** The Zero Trust, e-mail and developer-platform datasets, whose key sets differ from the ones above. */
function zeroTrustDatasetOf(has: (k: string) => boolean): Dataset | null {
  if (has('SessionID') && has('SessionStartTime') && has('SourceIP') && has('OriginIP'))
    return 'network_session';
  if (has('PostureCheckType') && has('PostureEvaluatedResult') && has('DeviceID')) return 'device_posture';
  if (has('AlertID') && (has('SMTPHeloServerIP') || has('FinalDisposition') || has('ThreatCategories'))) {
    return 'email_security_alerts';
  }
  if (has('FindingTypeID') && has('InstanceID') && has('IntegrationID')) return 'casb';
  if (has('SinkholeID') && has('SrcAddr') && has('DestAddr')) return 'sinkhole_http';
  if (has('CSPDirective') && has('PageURL') && has('URLHost')) return 'page_shield_events';
  if (has('ScriptName') && has('EventType') && has('Outcome') && has('EventTimestampMs'))
    return 'workers_trace';
  if (has('ConfigNameFrom') && has('ConfigNameTo') && has('DeviceID')) return 'warp_config_changes';
  if (has('Toggled') && has('DeviceID') && has('UserEmail')) return 'warp_toggle_changes';
  if (has('TestID') && has('TestType') && has('DeviceID')) return 'dex_application_tests';
  if (has('DeviceID') && has('ClientPlatform') && (has('ISPIPv4Address') || has('DeviceIPv4Address'))) {
    return 'dex_device_state_events';
  }
  return null;
}

const SCHEMAS: Record<Dataset, z.ZodTypeAny> = {
  http_request: HttpRequest,
  logpull: HttpRequest,
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
  network_session: NetworkSession,
  device_posture: DevicePosture,
  email_security_alerts: EmailSecurityAlert,
  casb: CasbFinding,
  sinkhole_http: SinkholeHttp,
  page_shield_events: PageShieldEvent,
  workers_trace: WorkersTrace,
  warp_config_changes: WarpChange,
  warp_toggle_changes: WarpChange,
  dex_device_state_events: DexDeviceState,
  dex_application_tests: DexApplicationTest,
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

function parseHttpRequest(raw: unknown, ds: 'http_request' | 'logpull'): Alert {
  const e = HttpRequest.parse(raw);
  // The visitor is the source and the origin server the destination; the Cloudflare edge address is not
  // an indicator (Elastic's pipeline at the evaluated version lists only these two in related.ip). The
  // cloudflare package's Logpull pipeline sets source and destination but no related.ip at all.
  const logpull = ds === 'logpull';
  const obs = new ObservablesBuilder(!logpull);
  obs.srcIp(e.ClientIP);
  obs.dstIp(e.OriginIP);
  obs.domain(e.ClientRequestHost);
  const matched = (e.FirewallMatchesActions ?? []).findLast((a) => !/^(?:simulate|log)$/i.test(a));
  const action = e.SecurityAction ?? (logpull ? matched : undefined) ?? e.WAFAction;
  const acted = action && !/^(?:unknown|none)$/i.test(action) ? action : null;
  const matchedRule = logpull ? e.FirewallMatchesRuleIDs?.at(-1) : undefined;
  return alert(logpull ? 'cloudflare.logpull' : 'cloudflare_logpush.http_request', obs, {
    title: title(
      'Cloudflare HTTP',
      e.ClientRequestMethod,
      `${e.ClientRequestHost ?? ''}${e.ClientRequestURI ?? e.ClientRequestPath ?? ''}`,
      e.EdgeResponseStatus,
      acted && `(${acted})`,
    ),
    severity: actionSeverity(acted),
    observedAt: toIsoTime(e.EdgeStartTimestamp ?? e.Datetime),
    ruleId: (acted && (e.SecurityRuleID ?? matchedRule ?? e.WAFRuleID)) || e.RayID || null,
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
  // The resolver client is the source, the EDNS client subnet is related, and a DNS firewall's upstream
  // resolver is where the query went (Elastic's pipeline maps it to destination.ip since ECS 9).
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SourceIP);
  obs.ip(e.EDNSSubnet);
  if (ds === 'dns_firewall') obs.dstIp(e.UpstreamIP);
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
  // Elastic keeps the internal (pre-NAT) source address out of related.ip.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SourceIP);
  obs.dstIp(e.DestinationIP);
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
  // An application domain with a path (`host/path`) stays out of related.hosts; its host is still a domain.
  const [appHost = '', ...appPath] = (e.AppDomain ?? '').split('/');
  if (appPath.length === 0) obs.host(appHost);
  obs.domain(appHost);
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
    case 'logpull':
      return parseHttpRequest(raw, ds);
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
    case null:
      throw new Error('not a supported Cloudflare record');
    default:
      return parseZeroTrust(raw, ds);
  }
}

function parseZeroTrust(raw: unknown, ds: ZeroTrustDataset): Alert {
  switch (ds) {
    case 'network_session':
      return parseNetworkSession(raw);
    case 'device_posture':
      return parseDevicePosture(raw);
    case 'email_security_alerts':
      return parseEmailSecurityAlert(raw);
    case 'casb':
      return parseCasb(raw);
    case 'sinkhole_http':
      return parseSinkholeHttp(raw);
    case 'page_shield_events':
      return parsePageShield(raw);
    case 'workers_trace':
      return parseWorkersTrace(raw);
    case 'warp_config_changes':
    case 'warp_toggle_changes':
      return parseWarpChange(raw, ds);
    case 'dex_device_state_events':
      return parseDexDeviceState(raw);
    case 'dex_application_tests':
      return parseDexApplicationTest(raw);
  }
}

/** The host name of a URL, or null. */
function urlHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** The domain of an e-mail address, or null. */
function mailDomain(address: string | null | undefined): string | null {
  // The domain's dot is looked for in code: as `([^\s@]+\.[^\s@]+)`, every dot of a long hostile domain was tried
  // as the split between the two runs (quadratic time).
  const domain = /^[^\s@]+@([^\s@]+)$/.exec(address ?? '')?.[1];
  return domain !== undefined && domain.slice(1, -1).includes('.') ? domain : null;
}

/** A host, and a domain name too when it is one (the dataset's pipeline lists it in related.hosts). */
function hostAndDomain(obs: ObservablesBuilder, name: string | null | undefined): void {
  obs.host(name);
  obs.domain(name);
}

function parseNetworkSession(raw: unknown): Alert {
  const e = NetworkSession.parse(raw);
  // The device's internal address stays out of related.ip; the egress address is related. host.name is the
  // device name, related.hosts also holds the device id.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.SourceIP);
  obs.dstIp(e.OriginIP);
  obs.ip(e.EgressIP);
  gatewayIdentity(obs, e);
  obs.host(e.DeviceName);
  obs.host(e.DeviceID);
  return alert('cloudflare_logpush.network_session', obs, {
    title: title(
      'Cloudflare Zero Trust session',
      e.Protocol,
      `${e.SourceIP ?? '?'} -> ${e.OriginIP ?? '?'}:${text(e.OriginPort)}`,
      e.ConnectionCloseReason && `(${e.ConnectionCloseReason})`,
    ),
    severity: 'info',
    observedAt: toIsoTime(e.SessionStartTime),
    ruleId: e.SessionID ?? null,
  });
}

function parseDevicePosture(raw: unknown): Alert {
  const e = DevicePosture.parse(raw);
  const obs = new ObservablesBuilder();
  obs.user(e.UserUID);
  obs.user(e.Email);
  obs.email(e.Email);
  obs.host(e.DeviceName);
  obs.host(e.DeviceID);
  const failed = e.PostureEvaluatedResult === false;
  return alert('cloudflare_logpush.device_posture', obs, {
    title: title(
      'Cloudflare device posture',
      e.PostureCheckName ?? e.PostureCheckType,
      failed ? 'failed' : 'passed',
      'on',
      e.DeviceName ?? e.DeviceID,
    ),
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: e.PolicyID ?? null,
  });
}

/** Severity of an e-mail security disposition. */
function dispositionSeverity(disposition: string | null | undefined): Severity {
  const d = (disposition ?? '').toLowerCase();
  if (d === 'malicious') return 'high';
  if (d === 'suspicious' || d === 'spoof') return 'medium';
  return 'low';
}

function parseEmailSecurityAlert(raw: unknown): Alert {
  const e = EmailSecurityAlert.parse(raw);
  // Elastic relates every sender and recipient address and display name as users, the HELO server name, the
  // address domains and the link sites as hosts, and the HELO server address (server.ip) as a related address.
  const obs = new ObservablesBuilder();
  obs.ip(e.SMTPHeloServerIP);
  const users = [
    e.From,
    e.FromName,
    e.SMTPEnvelopeFrom,
    e.OriginalSender,
    e.ReplyToName,
    e.ReplyTo,
    ...(e.To ?? []),
    ...(e.SMTPEnvelopeTo ?? []),
    ...(e.ToName ?? []),
    ...(e.CC ?? []),
    ...(e.CCName ?? []),
  ];
  for (const u of users) {
    obs.user(u);
    obs.email(u);
  }
  obs.host(e.SMTPHeloServerName);
  for (const u of users) hostAndDomain(obs, mailDomain(u));
  for (const link of e.Links ?? []) {
    obs.url(link);
    hostAndDomain(obs, urlHost(link));
  }
  for (const a of e.Attachments ?? []) for (const h of [a.Sha256, a.Sha1, a.Md5]) obs.hash(h);
  const categories = (e.ThreatCategories ?? []).join(', ');
  return alert('cloudflare_logpush.email_security_alerts', obs, {
    title: title(
      'Cloudflare e-mail security',
      e.FinalDisposition && e.FinalDisposition !== 'unset' ? e.FinalDisposition : 'alert',
      e.Subject && `"${e.Subject}"`,
      e.From && `from ${e.From}`,
      categories && `(${categories})`,
    ),
    severity: dispositionSeverity(e.FinalDisposition),
    observedAt: toIsoTime(e.Timestamp),
    ruleId: e.AlertID ?? null,
  });
}

function parseCasb(raw: unknown): Alert {
  const e = CasbFinding.parse(raw);
  // Elastic relates no indicator for a CASB finding; the asset link's site is reported as a domain only.
  const obs = new ObservablesBuilder();
  obs.url(e.AssetLink);
  obs.domain(urlHost(e.AssetLink));
  return alert('cloudflare_logpush.casb', obs, {
    title: title(
      'Cloudflare CASB finding:',
      e.FindingTypeDisplayName,
      e.AssetDisplayName && `on ${e.AssetDisplayName}`,
      e.IntegrationDisplayName && `(${e.IntegrationDisplayName})`,
    ),
    severity: mapCasbSeverity(e.FindingTypeSeverity),
    observedAt: toIsoTime(e.DetectedTimestamp),
    ruleId: e.FindingTypeID ?? null,
  });
}

function mapCasbSeverity(severity: string | null | undefined): Severity {
  const s = (severity ?? '').toLowerCase();
  if (s === 'critical') return 'critical';
  if (s === 'high') return 'high';
  if (s === 'medium') return 'medium';
  return 'low';
}

function parseSinkholeHttp(raw: unknown): Alert {
  const e = SinkholeHttp.parse(raw);
  // Elastic's related.ip lists the sinkhole (destination) address before the client.
  const obs = new ObservablesBuilder(false);
  obs.ip(obs.dstIp(e.DestAddr));
  obs.ip(obs.srcIp(e.SrcAddr));
  obs.user(e.Username);
  hostAndDomain(obs, e.Host);
  obs.url(e.URL);
  return alert('cloudflare_logpush.sinkhole_http', obs, {
    title: title(
      'Cloudflare sinkhole HTTP',
      e.Method,
      e.URL ?? `${e.Host ?? ''}${e.URI ?? ''}`,
      'from',
      e.SrcAddr,
    ),
    severity: 'medium',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: e.SinkholeID ?? null,
  });
}

function parsePageShield(raw: unknown): Alert {
  const e = PageShieldEvent.parse(raw);
  const obs = new ObservablesBuilder();
  hostAndDomain(obs, e.Host);
  hostAndDomain(obs, e.URLHost);
  obs.url(e.URL);
  return alert('cloudflare_logpush.page_shield_events', obs, {
    title: title('Cloudflare Page Shield', e.Action, e.ResourceType, e.URL, e.PageURL && `on ${e.PageURL}`),
    severity: actionSeverity(e.Action),
    observedAt: toIsoTime(e.Timestamp),
    ruleId: e.PolicyID === null || e.PolicyID === undefined ? null : String(e.PolicyID),
  });
}

function parseWorkersTrace(raw: unknown): Alert {
  const e = WorkersTrace.parse(raw);
  // Elastic relates no indicator for a Workers trace; the requested site is reported as a domain only.
  const obs = new ObservablesBuilder();
  const url = e.Event?.Request?.URL;
  obs.url(url);
  obs.domain(urlHost(url));
  const failed = Boolean(e.Outcome && e.Outcome !== 'ok');
  return alert('cloudflare_logpush.workers_trace', obs, {
    title: title(
      'Cloudflare Worker',
      e.ScriptName,
      e.EventType,
      e.Outcome,
      url && `(${e.Event?.Request?.Method ?? ''} ${url})`,
    ),
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.EventTimestampMs),
    ruleId: e.ScriptName ?? null,
  });
}

function parseWarpChange(raw: unknown, ds: 'warp_config_changes' | 'warp_toggle_changes'): Alert {
  const e = WarpChange.parse(raw);
  const obs = new ObservablesBuilder();
  obs.user(e.UserEmail);
  obs.email(e.UserEmail);
  obs.host(e.Hostname);
  obs.host(e.DeviceID);
  const change =
    ds === 'warp_config_changes'
      ? title('configuration', e.ConfigNameFrom, '->', e.ConfigNameTo)
      : `switched ${e.Toggled === false ? 'off' : 'on'}`;
  return alert(`cloudflare_logpush.${ds}`, obs, {
    title: title(
      'Cloudflare WARP',
      change,
      'on',
      e.Hostname ?? e.DeviceID,
      e.UserEmail && `by ${e.UserEmail}`,
    ),
    severity: ds === 'warp_toggle_changes' && e.Toggled === false ? 'low' : 'info',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: ds === 'warp_config_changes' ? 'warp-config-change' : 'warp-toggle-change',
  });
}

function parseDexDeviceState(raw: unknown): Alert {
  const e = DexDeviceState.parse(raw);
  // The ISP-facing addresses are the source; Elastic relates them, then the device's and the gateway's.
  const obs = new ObservablesBuilder();
  obs.srcIp(e.ISPIPv4Address);
  obs.srcIp(e.ISPIPv6Address);
  for (const ip of [e.DeviceIPv4Address, e.DeviceIPv6Address, e.GatewayIPv4Address, e.GatewayIPv6Address]) {
    obs.ip(ip);
  }
  obs.host(e.DeviceID);
  return alert('cloudflare_logpush.dex_device_state_events', obs, {
    title: title('Cloudflare DEX device state', e.Status, 'on', e.DeviceID),
    severity: 'info',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: 'dex-device-state',
  });
}

function parseDexApplicationTest(raw: unknown): Alert {
  const e = DexApplicationTest.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.HTTPClientIPAddress ?? e.TracerouteSourceIPAddress);
  obs.dstIp(e.HTTPServerIPAddress ?? e.TracerouteDestinationIPAddress);
  obs.user(e.UserEmail);
  obs.email(e.UserEmail);
  obs.user(e.UserID);
  obs.host(e.DeviceID);
  obs.url(e.HTTPURL);
  hostAndDomain(obs, urlHost(e.HTTPURL) ?? e.TracerouteDestinationHostname);
  return alert('cloudflare_logpush.dex_application_tests', obs, {
    title: title(
      'Cloudflare DEX',
      e.TestType,
      'test',
      e.HTTPURL ?? e.TracerouteDestinationHostname,
      'from',
      e.DeviceID,
    ),
    severity: 'info',
    observedAt: toIsoTime(e.Timestamp),
    ruleId: e.TestID ?? null,
  });
}

/**
 * Domains Elastic lists in related.hosts (firewall referer/request hosts, Gateway SNI, Access app domain, e-mail
 * and link domains, sinkhole and Page Shield hosts, DEX test sites) are reported as hosts too; the others (HTTP
 * request host, DNS query names, Gateway HTTP host, CASB asset and Workers request sites) stay apart.
 */
export const cloudflareParser: Parser = {
  name: NAME,
  claims: {
    keys: [
      'RayID',
      'QueryName',
      'Datetime',
      'AppDomain',
      'Application',
      'IPSourceAddress',
      'SignatureID',
      'ActionType',
      'actor',
      'SessionID',
      'PostureCheckType',
      'AlertID',
      'FindingTypeID',
      'SinkholeID',
      'CSPDirective',
      'ScriptName',
      'ConfigNameFrom',
      'Toggled',
      'TestID',
      'DeviceID',
    ],
    text: false,
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
