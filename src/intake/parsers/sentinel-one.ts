// SentinelOne management console API records (threats, threat events, alerts, unified alerts, activities,
// agents, groups, installed applications and their vulnerabilities), mapped as Elastic's `sentinel_one`
// pipelines map them: agent names and addresses, alert endpoints, logged-in and acting users.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Id = z.union([z.string(), z.number()]).nullish();
const Strings = z.array(z.string()).nullish();

const NetworkInterface = z.object({ inet: Strings, inet6: Strings, gatewayIp: Str });
const Interfaces = z.array(NetworkInterface).nullish();

const ThreatRecord = z.object({
  id: Id,
  agentDetectionInfo: z
    .object({
      agentIpV4: Str,
      agentIpV6: Str,
      externalIp: Str,
      agentLastLoggedInUserName: Str,
    })
    .nullish(),
  agentRealtimeInfo: z.object({ agentComputerName: Str, networkInterfaces: Interfaces }).nullish(),
  threatInfo: z.object({
    threatId: Id,
    threatName: Str,
    classification: Str,
    confidenceLevel: Str,
    processUser: Str,
    filePath: Str,
    sha1: Str,
    sha256: Str,
    md5: Str,
    createdAt: Str,
    identifiedAt: Str,
  }),
});

const AlertRecord = z.object({
  alertInfo: z.object({
    alertId: Id,
    srcIp: Str,
    dstIp: Str,
    srcMachineIp: Str,
    loginsUserName: Str,
    dnsRequest: Str,
    eventType: Str,
    createdAt: Str,
    reportedAt: Str,
  }),
  ruleInfo: z.object({ id: Id, name: Str, severity: Str }).nullish(),
  agentDetectionInfo: z.object({ name: Str }).nullish(),
  sourceProcessInfo: z.object({ fileHashMd5: Str, fileHashSha1: Str, fileHashSha256: Str }).nullish(),
});

const ActivityRecord = z.object({
  id: Id,
  activityType: z.union([z.number(), z.string()]),
  primaryDescription: Str,
  createdAt: Str,
  data: z
    .object({
      username: Str,
      byUser: Str,
      ipAddress: Str,
      externalIp: Str,
      computerName: Str,
    })
    .nullish(),
});

const AgentRecord = z.object({
  id: Id,
  computerName: Str,
  domain: Str,
  agentVersion: Str,
  externalIp: Str,
  lastIpToMgmt: Str,
  lastLoggedInUserName: Str,
  networkInterfaces: Interfaces,
  infected: z.boolean().nullish(),
  activeThreats: z.number().nullish(),
  updatedAt: Str,
  lastActiveDate: Str,
});

const GroupRecord = z.object({
  id: Id,
  name: Str,
  creator: Str,
  type: Str,
  totalAgents: z.union([z.number(), z.string()]).nullish(),
  updatedAt: Str,
  createdAt: Str,
});

/** A unified alert's first asset (the one Elastic maps): its id and name are related hosts. */
const UnifiedAsset = z.object({ id: Id, name: Str, lastLoggedInUser: Str });
/** The asset as seen at detection time: its addresses and logged-in user. */
const DetectionAsset = z.object({
  asset: z.object({ consoleIpAddress: Str, ipV4: Str, ipV6: Str, lastLoggedInUser: Str }).nullish(),
});

const UnifiedAlertRecord = z.object({
  id: Id,
  name: Str,
  severity: Str,
  classification: Str,
  createdAt: Str,
  detectedAt: Str,
  analytics: z.object({ name: Str, uid: Str }).nullish(),
  assets: z.array(UnifiedAsset).nullish(),
  assignee: z.object({ email: Str, full_name: Str, user_id: Str }).nullish(),
  detectionTime: z
    .object({
      assets: z.array(DetectionAsset).nullish(),
      attacker: z.object({ host: Str, ip: Str }).nullish(),
      targetUser: z.object({ emailAddress: Str, name: Str }).nullish(),
    })
    .nullish(),
  process: z.object({ file: z.object({ md5: Str, sha1: Str, sha256: Str }).nullish() }).nullish(),
});

const ThreatEventRecord = z.object({
  id: Id,
  eventType: Str,
  objectType: Str,
  createdAt: Str,
  agentIp: Str,
  srcIp: Str,
  dstIp: Str,
  user: Str,
  loginsUserName: Str,
  processUserName: Str,
  processName: Str,
  indicatorName: Str,
  dnsRequest: Str,
  networkUrl: Str,
  relatedToThreat: z.boolean().nullish(),
  fileMd5: Str,
  fileSha1: Str,
  fileSha256: Str,
});

const ApplicationRecord = z.object({
  id: Id,
  applicationName: Str,
  version: Str,
  endpointName: Str,
  detectionDate: Str,
});

const ApplicationRiskRecord = z.object({
  id: Id,
  application: Str,
  cveId: Str,
  severity: Str,
  endpointName: Str,
  detectionDate: Str,
  lastScanDate: Str,
});

type Kind =
  | 'threat'
  | 'alert'
  | 'activity'
  | 'agent'
  | 'group'
  | 'unifiedAlert'
  | 'threatEvent'
  | 'application'
  | 'applicationRisk';

/** The record's data stream, from the keys only SentinelOne's API objects carry together. */
function kindOf(raw: object): Kind | null {
  if ('threatInfo' in raw && ('agentRealtimeInfo' in raw || 'agentDetectionInfo' in raw)) return 'threat';
  if ('alertInfo' in raw && 'ruleInfo' in raw && 'sourceProcessInfo' in raw) return 'alert';
  if ('activityType' in raw && 'primaryDescription' in raw && 'data' in raw) return 'activity';
  if ('computerName' in raw && 'agentVersion' in raw && 'networkInterfaces' in raw) return 'agent';
  if ('registrationToken' in raw && 'totalAgents' in raw && 'creatorId' in raw) return 'group';
  if ('detectionTime' in raw && 'analystVerdict' in raw && 'detectionSource' in raw) return 'unifiedAlert';
  if ('objectType' in raw && 'processUniqueKey' in raw && 'agentUuid' in raw && 'eventType' in raw) {
    return 'threatEvent';
  }
  if ('applicationName' in raw && 'endpointId' in raw && 'endpointName' in raw) {
    if ('cveId' in raw) return 'applicationRisk';
    if ('applicationInstallationDate' in raw) return 'application';
  }
  return null;
}

const SCHEMAS = {
  threat: ThreatRecord,
  alert: AlertRecord,
  activity: ActivityRecord,
  agent: AgentRecord,
  group: GroupRecord,
  unifiedAlert: UnifiedAlertRecord,
  threatEvent: ThreatEventRecord,
  application: ApplicationRecord,
  applicationRisk: ApplicationRiskRecord,
};

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const kind = kindOf(raw);
  return kind !== null && SCHEMAS[kind].safeParse(raw).success;
}

/** A comma-separated address list, as the agent reports several IPv4 addresses in one field. */
const splitList = (value: string | null | undefined): string[] =>
  (value ?? '').split(',').map((s) => s.trim());

/** A logged-in user written `DOMAIN\name` is the name, as Elastic's threat pipeline dissects it. */
const accountName = (value: string): string => value.slice(value.indexOf('\\') + 1);

function addInterfaces(obs: ObservablesBuilder, interfaces: z.infer<typeof Interfaces>): void {
  for (const nic of interfaces ?? []) {
    for (const ip of nic.inet ?? []) obs.ip(indicatorIp(ip));
    for (const ip of nic.inet6 ?? []) obs.ip(indicatorIp(ip));
  }
}

function parseThreat(raw: unknown): ReturnType<Parser['parse']> {
  const r = ThreatRecord.parse(raw);
  const t = r.threatInfo;
  const d = r.agentDetectionInfo;
  const obs = new ObservablesBuilder();
  for (const ip of splitList(d?.agentIpV4)) obs.ip(indicatorIp(ip));
  for (const ip of splitList(d?.agentIpV6)) obs.ip(indicatorIp(ip));
  obs.ip(indicatorIp(d?.externalIp));
  addInterfaces(obs, r.agentRealtimeInfo?.networkInterfaces);
  const user = d?.agentLastLoggedInUserName || t.processUser;
  if (user) obs.user(accountName(user));
  obs.host(r.agentRealtimeInfo?.agentComputerName ?? undefined);
  for (const h of [t.sha256, t.sha1, t.md5]) obs.hash(h ?? undefined);
  const confidence = (t.confidenceLevel ?? '').toLowerCase();
  const severity: Severity =
    confidence === 'malicious' ? 'high' : confidence === 'suspicious' ? 'medium' : 'low';
  const what = [t.classification, t.threatName].filter(Boolean).join(': ') || 'threat';
  const host = r.agentRealtimeInfo?.agentComputerName;
  return parserAlert('sentinel_one', 'sentinel_one.threat', obs, {
    title: `SentinelOne ${what}${host ? ` on ${host}` : ''}`,
    severity,
    observedAt: toIsoTime(t.identifiedAt ?? t.createdAt),
    ruleId: t.classification ?? null,
  });
}

function parseAlert(raw: unknown): ReturnType<Parser['parse']> {
  const r = AlertRecord.parse(raw);
  const a = r.alertInfo;
  const obs = new ObservablesBuilder();
  obs.srcIp(indicatorIp(a.srcIp));
  obs.dstIp(indicatorIp(a.dstIp));
  obs.ip(indicatorIp(a.srcMachineIp));
  obs.user(a.loginsUserName ?? undefined);
  obs.host(r.agentDetectionInfo?.name ?? undefined);
  obs.domain(a.dnsRequest ?? undefined);
  const p = r.sourceProcessInfo;
  for (const h of [p?.fileHashSha256, p?.fileHashSha1, p?.fileHashMd5]) obs.hash(h ?? undefined);
  const rule = r.ruleInfo?.name ?? a.eventType ?? 'alert';
  const host = r.agentDetectionInfo?.name;
  return parserAlert('sentinel_one', 'sentinel_one.alert', obs, {
    title: `SentinelOne alert: ${rule}${host ? ` on ${host}` : ''}`,
    severity: mapSeverity(r.ruleInfo?.severity) ?? 'medium',
    observedAt: toIsoTime(a.createdAt ?? a.reportedAt),
    ruleId: r.ruleInfo?.id ?? null,
  });
}

function parseActivity(raw: unknown): ReturnType<Parser['parse']> {
  const r = ActivityRecord.parse(raw);
  const d = r.data;
  const obs = new ObservablesBuilder();
  // `accountName` is the SentinelOne tenant account, not a person: only the acting users are users.
  obs.user(d?.username ?? undefined);
  obs.user(d?.byUser ?? undefined);
  obs.ip(indicatorIp(d?.ipAddress));
  obs.ip(indicatorIp(d?.externalIp));
  obs.host(d?.computerName ?? undefined);
  return parserAlert('sentinel_one', 'sentinel_one.activity', obs, {
    title: r.primaryDescription || `SentinelOne activity ${r.activityType}`,
    severity: 'info',
    observedAt: toIsoTime(r.createdAt),
    ruleId: String(r.activityType),
  });
}

function parseAgent(raw: unknown): ReturnType<Parser['parse']> {
  const r = AgentRecord.parse(raw);
  const obs = new ObservablesBuilder();
  obs.ip(indicatorIp(r.externalIp));
  obs.ip(indicatorIp(r.lastIpToMgmt));
  for (const nic of r.networkInterfaces ?? []) obs.ip(indicatorIp(nic.gatewayIp));
  addInterfaces(obs, r.networkInterfaces);
  obs.user(r.lastLoggedInUserName ?? undefined);
  obs.host(r.computerName ?? undefined);
  // The agent's Windows domain or workgroup is a related host in Elastic's agent pipeline.
  obs.host(r.domain ?? undefined);
  const infected = r.infected === true || (r.activeThreats ?? 0) > 0;
  return parserAlert('sentinel_one', 'sentinel_one.agent', obs, {
    title: `SentinelOne agent ${r.computerName ?? r.id ?? '?'}${infected ? ' (infected)' : ''}`,
    severity: infected ? 'medium' : 'info',
    observedAt: toIsoTime(r.updatedAt ?? r.lastActiveDate),
    ruleId: null,
  });
}

function parseGroup(raw: unknown): ReturnType<Parser['parse']> {
  const r = GroupRecord.parse(raw);
  const obs = new ObservablesBuilder();
  obs.user(r.creator ?? undefined);
  return parserAlert('sentinel_one', 'sentinel_one.group', obs, {
    title: `SentinelOne group ${r.name ?? r.id ?? '?'}${r.type ? ` (${r.type})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.updatedAt ?? r.createdAt),
    ruleId: null,
  });
}

function parseUnifiedAlert(raw: unknown): ReturnType<Parser['parse']> {
  const r = UnifiedAlertRecord.parse(raw);
  const d = r.detectionTime;
  // Elastic maps the first asset and the first detection-time asset only.
  const asset = r.assets?.[0];
  const seen = d?.assets?.[0]?.asset;
  const obs = new ObservablesBuilder();
  const target = d?.targetUser;
  obs.user(target?.name ?? undefined);
  obs.user(asset?.lastLoggedInUser ?? undefined);
  obs.user(seen?.lastLoggedInUser ?? undefined);
  obs.user(target?.emailAddress ?? undefined);
  // Elastic relates the alert's assignee too (an analyst account in the console).
  obs.analyst(r.assignee?.email ?? undefined);
  obs.analyst(r.assignee?.full_name ?? undefined);
  obs.analyst(r.assignee?.user_id ?? undefined);
  for (const ip of [seen?.consoleIpAddress, seen?.ipV4, seen?.ipV6]) obs.ip(indicatorIp(ip));
  obs.srcIp(indicatorIp(d?.attacker?.ip));
  obs.host(asset?.name ?? undefined);
  // Elastic lists the asset id among related hosts; the attacker host (source.domain) too.
  obs.host(asset?.id ?? undefined);
  obs.host(d?.attacker?.host ?? undefined);
  const f = r.process?.file;
  for (const h of [f?.sha256, f?.sha1, f?.md5]) obs.hash(h ?? undefined);
  const host = asset?.name;
  return parserAlert('sentinel_one', 'sentinel_one.unified_alert', obs, {
    title: `SentinelOne alert: ${r.name || r.classification || 'alert'}${host ? ` on ${host}` : ''}`,
    severity: mapSeverity(r.severity) ?? 'medium',
    observedAt: toIsoTime(r.detectedAt ?? r.createdAt),
    ruleId: r.analytics?.uid ?? r.analytics?.name ?? null,
  });
}

function parseThreatEvent(raw: unknown): ReturnType<Parser['parse']> {
  const r = ThreatEventRecord.parse(raw);
  const obs = new ObservablesBuilder();
  // related.ip lists the agent address first, then the connection's source and destination.
  obs.ip(indicatorIp(r.agentIp));
  obs.srcIp(indicatorIp(r.srcIp));
  obs.dstIp(indicatorIp(r.dstIp));
  obs.user(r.user ?? undefined);
  obs.user(r.loginsUserName ?? undefined);
  obs.user(r.processUserName ?? undefined);
  // The DNS answer is not an indicator in Elastic's mapping; the question is a domain, the URL a URL.
  obs.domain(r.dnsRequest ?? undefined);
  obs.url(r.networkUrl ?? undefined);
  for (const h of [r.fileSha256, r.fileSha1, r.fileMd5]) obs.hash(h ?? undefined);
  const what = r.indicatorName || r.processName || r.objectType || 'event';
  return parserAlert('sentinel_one', 'sentinel_one.threat_event', obs, {
    title: `SentinelOne ${r.eventType ?? 'threat'} event: ${what}`,
    severity: r.relatedToThreat === true ? 'medium' : 'info',
    observedAt: toIsoTime(r.createdAt),
    ruleId: r.indicatorName ?? r.eventType ?? null,
  });
}

function parseApplication(raw: unknown): ReturnType<Parser['parse']> {
  const r = ApplicationRecord.parse(raw);
  const obs = new ObservablesBuilder();
  obs.host(r.endpointName ?? undefined);
  const app = [r.applicationName, r.version].filter(Boolean).join(' ') || 'application';
  return parserAlert('sentinel_one', 'sentinel_one.application', obs, {
    title: `SentinelOne application ${app}${r.endpointName ? ` on ${r.endpointName}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.detectionDate),
    ruleId: null,
  });
}

function parseApplicationRisk(raw: unknown): ReturnType<Parser['parse']> {
  const r = ApplicationRiskRecord.parse(raw);
  // Elastic names the endpoint only as the vulnerable resource (resource.name), not as a host.
  const obs = new ObservablesBuilder();
  return parserAlert('sentinel_one', 'sentinel_one.application_risk', obs, {
    title: `SentinelOne vulnerability ${r.cveId ?? '?'} in ${r.application ?? 'an application'}${r.endpointName ? ` on ${r.endpointName}` : ''}`,
    severity: mapSeverity(r.severity) ?? 'low',
    observedAt: toIsoTime(r.lastScanDate ?? r.detectionDate),
    ruleId: r.cveId ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const kind = isObject(raw) ? kindOf(raw) : null;
  switch (kind) {
    case 'threat':
      return parseThreat(raw);
    case 'alert':
      return parseAlert(raw);
    case 'activity':
      return parseActivity(raw);
    case 'agent':
      return parseAgent(raw);
    case 'group':
      return parseGroup(raw);
    case 'unifiedAlert':
      return parseUnifiedAlert(raw);
    case 'threatEvent':
      return parseThreatEvent(raw);
    case 'application':
      return parseApplication(raw);
    case 'applicationRisk':
      return parseApplicationRisk(raw);
    default:
      throw new Error('not a SentinelOne API record');
  }
}

// Alert and threat-event DNS requests are reported as domains, but Elastic keeps them in
// dns.question.name, not related.hosts.
export const sentinelOneParser: Parser = {
  name: 'sentinel_one',
  claims: {
    keys: [
      'threatInfo',
      'alertInfo',
      'activityType',
      'agentVersion',
      'registrationToken',
      'analystVerdict',
      'processUniqueKey',
      'applicationName',
    ],
    text: false,
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
