// Azure Monitor diagnostic records other than sign-in logs: Azure Firewall, Application Gateway (access and
// WAF), Entra ID Identity Protection and activity logs, mapped as Elastic's `azure` package pipelines map
// them (firewall addresses from the `msg` text or the structured columns, the gateway client, the risky user).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { isIpAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { usTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

type DataStream = 'firewall_logs' | 'application_gateway' | 'identity_protection' | 'activitylogs';

/** The diagnostic categories each data stream reads, lower-cased. */
const CATEGORIES: ReadonlyMap<string, DataStream> = new Map([
  ...[
    'azurefirewallnetworkrule',
    'azurefirewallapplicationrule',
    'azurefirewalldnsproxy',
    'azfwnetworkrule',
    'azfwapplicationrule',
    'azfwnatrule',
    'azfwdnsquery',
    'azfwthreatintel',
    'azfwidpssignature',
  ].map((c): [string, DataStream] => [c, 'firewall_logs']),
  ...['applicationgatewayaccesslog', 'applicationgatewayfirewalllog'].map((c): [string, DataStream] => [
    c,
    'application_gateway',
  ]),
  ...['userriskevents', 'riskyusers'].map((c): [string, DataStream] => [c, 'identity_protection']),
  ...[
    'administrative',
    'security',
    'servicehealth',
    'alert',
    'recommendation',
    'policy',
    'autoscale',
    'resourcehealth',
    'action',
    'write',
    'delete',
  ].map((c): [string, DataStream] => [c, 'activitylogs']),
]);

const Str = OptionalText;
const Scalar = z.union([z.string(), z.number()]).nullish();

const Envelope = z.object({
  category: Str,
  Category: Str,
  operationName: Str,
  resourceId: Str,
  time: Str,
  timestamp: Str,
  timeStamp: Str,
  callerIpAddress: Str,
  resultType: Str,
  level: Scalar,
  Level: Scalar,
  identity: z.unknown().optional(),
  properties: z.unknown().optional(),
});
type Envelope = z.infer<typeof Envelope>;

const FirewallProps = z.object({
  msg: Str,
  SourceIp: Str,
  DestinationIp: Str,
  TranslatedIp: Str,
  Fqdn: Str,
  QueryName: Str,
  Action: Str,
  Rule: Str,
  ThreatDescription: Str,
});

const GatewayProps = z.object({
  clientIP: Str,
  clientIp: Str,
  host: Str,
  requestUri: Str,
  httpMethod: Str,
  httpStatus: Scalar,
  ruleId: Scalar,
  message: Str,
  action: Str,
});

const RiskProps = z.object({
  ipAddress: Str,
  userId: Str,
  userPrincipalName: Str,
  userDisplayName: Str,
  riskLevel: Str,
  riskEventType: Str,
  riskState: Str,
});

const Claims = z.record(z.string(), z.unknown());
const Identity = z.object({ claims: Claims.nullish() });

const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';

function categoryOf(e: Envelope): DataStream | null {
  const category = e.category ?? e.Category;
  return category ? (CATEGORIES.get(category.toLowerCase()) ?? null) : null;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('resourceId' in raw || 'operationName' in raw)) return false;
  if (!('category' in raw || 'Category' in raw)) return false;
  const e = Envelope.safeParse(raw);
  if (!e.success) return false;
  const ds = categoryOf(e.data);
  if (ds === null) return false;
  // Activity-log categories are common words: insist on the Azure resource path too.
  if (ds === 'activitylogs') return /^\/subscriptions\//i.test(e.data.resourceId ?? '');
  return isObject(e.data.properties);
}

/** An address or a host name at the end of a `msg` endpoint, in its ECS role. */
function endpoint(obs: ObservablesBuilder, value: string | undefined, role: 'src' | 'dst'): void {
  if (!value) return;
  if (isIpAddress(value)) {
    if (role === 'src') obs.srcIp(value);
    else obs.dstIp(value);
  } else obs.domain(value);
}

const HOST = String.raw`(\[[0-9a-f:.]+\]|[^\s:]+)`;
/** `<PROTO>[ Type=n] request from <host>[:port] [to <host>[:port]]` as the pipeline's grok patterns read it. */
const FLOW = new RegExp(
  String.raw`^(\S+)(?: Type=\S+)? request from ${HOST}(?::\d*)?(?:\.| to ${HOST}(?::\d*)?)`,
  'i',
);
const DNAT = /was DNAT'ed to (\S+?)(?::\d+)?(?:\. |\.?$)/i;
/**
 * `DNS Request: <client>:<port> - <id> <type> <class> <name>[.] …`, read in two steps (`dnsRequest`): as one
 * pattern it was linear, but recheck could not prove it so in its time limit.
 */
const DNS_REQUEST = /^DNS Request: ([^\s:]+|\[[^\]]+\]):\d+ - /;
const DNS_WORDS = /^\S+ \S+ \S+ (\S+) /;
const ACTION = /\. Action: ([^.]+)\./;

/** The client and the queried name (without its final dot) of a DNS proxy message, or null. */
function dnsRequest(msg: string): { client: string; name: string } | null {
  const head = DNS_REQUEST.exec(msg);
  const name = head ? DNS_WORDS.exec(msg.slice(head[0].length))?.[1] : undefined;
  if (!head?.[1] || name === undefined) return null;
  return { client: head[1], name: name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name };
}

function parseFirewall(e: Envelope, obs: ObservablesBuilder): { title: string; severity: Severity } {
  const p = FirewallProps.parse(e.properties);
  const msg = p.msg ?? '';
  const dns = dnsRequest(msg);
  const flow = FLOW.exec(msg);
  if (dns) {
    endpoint(obs, dns.client, 'src');
    obs.domain(dns.name);
  } else if (flow) {
    const strip = (h: string | undefined): string | undefined =>
      h?.replace(/\.$/, '').replace(/^\[|\]$/g, '');
    endpoint(obs, strip(flow[2]), 'src');
    endpoint(obs, strip(flow[3]), 'dst');
    obs.ip(DNAT.exec(msg)?.[1]);
  } else {
    // Structured (resource-specific) columns; a translated address replaces the destination, as in Elastic.
    obs.srcIp(p.SourceIp ?? undefined);
    obs.dstIp(p.TranslatedIp ?? p.DestinationIp ?? undefined);
    obs.domain(p.Fqdn ?? undefined);
    obs.domain(p.QueryName ?? undefined);
  }
  const action = (ACTION.exec(msg)?.[1] ?? p.Action ?? '').trim();
  const denied = /^(?:deny|drop|block)/i.test(action);
  const alerted = /^alert/i.test(action) || /(?:IDS|ThreatIntel):/.test(msg) || !!p.ThreatDescription;
  return {
    title: `Azure Firewall: ${msg || [e.operationName, action].filter(Boolean).join(' ') || 'event'}`,
    severity: alerted ? 'medium' : denied ? 'low' : 'info',
  };
}

function parseGateway(
  e: Envelope,
  obs: ObservablesBuilder,
): { title: string; severity: Severity; ruleId: string | null } {
  const p = GatewayProps.parse(e.properties);
  obs.srcIp(p.clientIP ?? p.clientIp ?? undefined);
  obs.domain(p.host ?? undefined);
  const waf = /firewall/i.test(e.category ?? e.Category ?? '');
  const ruleId = p.ruleId === null || p.ruleId === undefined ? null : String(p.ruleId);
  return {
    title: waf
      ? `Application Gateway WAF: ${p.message ?? 'rule matched'}${p.action ? ` (${p.action})` : ''}`
      : `Application Gateway access: ${[p.httpMethod, p.requestUri].filter(Boolean).join(' ')}${p.httpStatus ? ` ${p.httpStatus}` : ''}`,
    severity: waf ? (/blocked/i.test(p.action ?? '') ? 'medium' : 'low') : 'info',
    ruleId,
  };
}

function parseRisk(
  e: Envelope,
  obs: ObservablesBuilder,
): { title: string; severity: Severity; ruleId: string | null } {
  const p = RiskProps.parse(e.properties);
  obs.srcIp(e.callerIpAddress ?? p.ipAddress ?? undefined);
  // Elastic keeps the whole UPN as user.name and lists the id, UPN and display name in related.user.
  obs.user(p.userPrincipalName ?? undefined);
  obs.user(p.userId ?? undefined);
  obs.user(p.userDisplayName ?? undefined);
  obs.email(p.userPrincipalName ?? undefined);
  return {
    title: `Identity Protection: ${p.riskEventType ?? e.operationName ?? 'risk'}${p.userPrincipalName ? ` for ${p.userPrincipalName}` : ''}`,
    severity: mapSeverity(p.riskLevel) ?? 'medium',
    ruleId: p.riskEventType ?? null,
  };
}

function parseActivity(e: Envelope, obs: ObservablesBuilder): { title: string; severity: Severity } {
  obs.srcIp(e.callerIpAddress ?? undefined);
  // A string identity (sign-in style) names no claims; Elastic keeps it as identity_name only.
  const claims = Identity.safeParse(e.identity);
  const name = claims.success ? claims.data.claims?.[CLAIM_NAME] : undefined;
  if (typeof name === 'string') {
    // An e-mail claim gives its local part (grok USERNAME@HOSTNAME); anything else is kept whole.
    const m = /^([\w.+-]+)@([a-z0-9.-]+)$/i.exec(name);
    obs.user(m ? m[1] : name);
    if (m) obs.email(name);
  }
  const level = e.level ?? e.Level;
  const severity = (typeof level === 'number' ? mapSeverity(level, 'level') : mapSeverity(level)) ?? 'info';
  return {
    title: `Azure activity: ${e.operationName ?? 'operation'}${e.resultType ? ` (${e.resultType})` : ''}`,
    severity,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = Envelope.parse(raw);
  const ds = categoryOf(e);
  if (ds === null) throw new Error('not an Azure diagnostic record this parser reads');
  const obs = new ObservablesBuilder();
  const facts =
    ds === 'firewall_logs'
      ? { ...parseFirewall(e, obs), ruleId: e.operationName ?? null }
      : ds === 'application_gateway'
        ? parseGateway(e, obs)
        : ds === 'identity_protection'
          ? parseRisk(e, obs)
          : { ...parseActivity(e, obs), ruleId: e.operationName ?? null };
  return parserAlert('azure.diagnostics', `azure.${ds}`, obs, {
    ...facts,
    observedAt: usTime(e.time ?? e.timestamp ?? e.timeStamp),
  });
}

export const azureDiagnosticsParser: Parser = {
  name: 'azure.diagnostics',
  claims: { keys: ['category', 'Category'], text: false },
  detect,
  parse,
};
