// Microsoft Entra ID audit logs (`AuditLogs`), Microsoft Graph activity logs (`MicrosoftGraphActivityLogs`) and
// Azure AD Graph activity logs (`AzureADGraphActivityLogs`) as Azure Monitor diagnostic settings export them,
// mapped as Elastic's `azure` auditlogs, graphactivitylogs and aadgraphactivitylogs pipelines map them: the caller
// address as the source; the Graph caller's user id (and for AAD Graph the client app id) as related users.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { usTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

type DataStream = 'auditlogs' | 'graphactivitylogs' | 'aadgraphactivitylogs';

const Str = OptionalText;
const Scalar = z.union([z.string(), z.number()]).nullish();

/** The Azure Monitor envelope both categories share. */
const Envelope = z.object({
  category: z.string(),
  time: Str,
  operationName: Str,
  resultDescription: Str,
  callerIpAddress: Str,
  level: Scalar,
  Level: Scalar,
  properties: z.unknown().optional(),
});
type Envelope = z.infer<typeof Envelope>;

const Initiator = z.object({
  user: z.object({ userPrincipalName: Str, displayName: Str }).nullish(),
  app: z.object({ displayName: Str, servicePrincipalName: Str }).nullish(),
});

const AuditProps = z.object({
  activityDisplayName: Str,
  activityDateTime: Str,
  result: Str,
  resultReason: Str,
  initiatedBy: Initiator.nullish().catch(null),
  targetResources: z
    .array(z.object({ userPrincipalName: Str }).passthrough())
    .nullish()
    .catch(null),
});

const GraphProps = z.object({
  ipAddress: Str,
  userId: Str,
  servicePrincipalId: Str,
  requestMethod: Str,
  requestUri: Str,
  responseStatusCode: Scalar,
  timeGenerated: Str,
});

/** The data stream a diagnostic category belongs to; Elastic's audit pipeline drops any other category. */
function streamOf(category: string): DataStream | null {
  if (category === 'AuditLogs') return 'auditlogs';
  if (/^MicrosoftGraphActivityLogs$/i.test(category)) return 'graphactivitylogs';
  if (/^AzureADGraphActivityLogs$/i.test(category)) return 'aadgraphactivitylogs';
  return null;
}

function read(raw: unknown): { e: Envelope; ds: DataStream } | null {
  if (!isObject(raw) || !('category' in raw)) return null;
  const e = Envelope.safeParse(raw);
  if (!e.success) return null;
  const ds = streamOf(e.data.category);
  return ds === null ? null : { e: e.data, ds };
}

const detect = detectorOf(read);

/** The first of `values` that reads as a time. */
const observedAt = (...values: (string | null | undefined)[]): string | null =>
  values.reduce<string | null>((found, v) => found ?? usTime(v), null);

/** The diagnostic level (`Level: 4`, `level: "Informational"`) on Vigil's scale. */
function levelSeverity(e: Envelope): Severity | null {
  const level = e.level ?? e.Level;
  return typeof level === 'number' ? mapSeverity(level, 'level') : mapSeverity(level);
}

function parseAudit(e: Envelope, obs: ObservablesBuilder): ReturnType<Parser['parse']> {
  const p = AuditProps.safeParse(e.properties);
  const props = p.success ? p.data : null;
  // Elastic keeps the initiator and targets under azure.auditlogs.*: no user.name, related.user or related.ip.
  const user = props?.initiatedBy?.user;
  obs.email(user?.userPrincipalName);
  for (const t of props?.targetResources ?? []) obs.email(t.userPrincipalName);
  const initiator = user?.userPrincipalName ?? user?.displayName ?? props?.initiatedBy?.app?.displayName;
  const activity = props?.activityDisplayName ?? e.operationName ?? 'activity';
  const result = props?.result ?? null;
  const failed = /^fail/i.test(result ?? '');
  const level = levelSeverity(e) ?? 'info';
  return parserAlert('azure.entra_audit', 'azure.auditlogs', obs, {
    title: `Entra ID audit: ${activity}${initiator ? ` by ${initiator}` : ''}${result ? ` (${result})` : ''}`,
    severity: failed && level === 'info' ? 'low' : level,
    observedAt: observedAt(e.time, props?.activityDateTime),
    ruleId: e.operationName ?? props?.activityDisplayName ?? null,
  });
}

function parseGraph(e: Envelope, obs: ObservablesBuilder): ReturnType<Parser['parse']> {
  const p = GraphProps.safeParse(e.properties);
  const props = p.success ? p.data : null;
  // Elastic converts callerIpAddress to source.ip; properties.ipAddress only when that is no address.
  if (!canonicalIp(e.callerIpAddress ?? '')) obs.srcIp(bareIndicatorIp(props?.ipAddress));
  // The caller: the signed-in user, or for an app-only call (no user) the app's service principal.
  const userId = props?.userId?.trim() || props?.servicePrincipalId?.trim();
  if (userId) obs.user(userId);
  obs.url(props?.requestUri);
  const status = props?.responseStatusCode ?? null;
  const path = /^[a-z]+:\/\/[^/?#]+([^?#]*)/i.exec(props?.requestUri ?? '')?.[1] ?? props?.requestUri ?? '';
  const request = [props?.requestMethod, path].filter(Boolean).join(' ');
  const denied = status !== null && /^(?:401|403)$/.test(String(status));
  return parserAlert('azure.entra_audit', 'azure.graphactivitylogs', obs, {
    title: `Microsoft Graph activity: ${request || (e.operationName ?? 'request')}${status !== null ? ` (${status})` : ''}`,
    severity: denied ? 'low' : (levelSeverity(e) ?? 'info'),
    observedAt: observedAt(e.time, props?.timeGenerated),
    ruleId: e.operationName ?? null,
  });
}

/** The legacy Azure AD Graph's request record: its caller address and ids are in `properties`. */
const AadGraphProps = z.object({
  callerIpAddress: Str,
  userId: Str,
  servicePrincipalId: Str,
  appId: Str,
  actorType: Str,
  httpMethod: Str,
  requestUri: Str,
  httpStatusCode: Scalar,
  timeGenerated: Str,
});

function parseAadGraph(e: Envelope, obs: ObservablesBuilder): ReturnType<Parser['parse']> {
  const p = AadGraphProps.safeParse(e.properties);
  const props = p.success ? p.data : null;
  obs.srcIp(bareIndicatorIp(props?.callerIpAddress));
  // The caller (the user, or for an app-only call the app's service principal), then the client app.
  obs.user(props?.userId?.trim() || props?.servicePrincipalId?.trim() || undefined);
  obs.user(props?.appId?.trim() || undefined);
  const status = props?.httpStatusCode ?? null;
  const request = [props?.httpMethod, props?.requestUri].filter(Boolean).join(' ');
  const denied = status !== null && /^(?:401|403)$/.test(String(status));
  return parserAlert('azure.entra_audit', 'azure.aadgraphactivitylogs', obs, {
    title: `Azure AD Graph activity: ${request || (e.operationName ?? 'request')}${status !== null ? ` (${status})` : ''}`,
    severity: denied ? 'low' : (levelSeverity(e) ?? 'info'),
    observedAt: observedAt(e.time, props?.timeGenerated),
    ruleId: e.operationName ?? null,
  });
}

const PARSE: Record<DataStream, (e: Envelope, obs: ObservablesBuilder) => ReturnType<Parser['parse']>> = {
  auditlogs: parseAudit,
  graphactivitylogs: parseGraph,
  aadgraphactivitylogs: parseAadGraph,
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (r === null) throw new Error('not an Entra ID audit or Microsoft Graph activity record');
  const obs = new ObservablesBuilder();
  // An address that does not convert (`::2a02:…:6fc6`) becomes source.address in Elastic: no indicator.
  obs.srcIp(bareIndicatorIp(r.e.callerIpAddress));
  return PARSE[r.ds](r.e, obs);
}

export const azureEntraAuditParser: Parser = {
  name: 'azure.entra_audit',
  claims: { keys: ['category'], text: false },
  detect,
  parse,
};
