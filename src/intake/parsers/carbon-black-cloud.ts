// VMware Carbon Black Cloud records (alerts v6 and v7, endpoint events, watchlist hits, audit logs, asset
// vulnerability summaries), mapped as
// Elastic's `carbon_black_cloud` pipelines map them: the device and `DOMAIN\user` split at the first
// backslash, device addresses as related addresses, and an endpoint event's connection by its direction.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, OptionalNumber, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Num = OptionalNumber;
const StrList = z.array(z.string()).nullish();

/** Alert types (`CB_ANALYTICS`, `WATCHLIST`, `DEVICE_CONTROL`, `CONTAINER_RUNTIME`, …). */
const ALERT_TYPE = /^[A-Z][A-Z0-9_]{2,40}$/;

/** The device fields every alert, event and watchlist hit carries. */
const Device = {
  org_key: z.string(),
  type: z.string(),
  device_name: Str,
  device_username: Str,
  device_internal_ip: Str,
  device_external_ip: Str,
};

const AlertV6 = z.object({
  ...Device,
  id: Str,
  create_time: z.string(),
  severity: Num,
  reason: Str,
  reason_code: Str,
  report_name: Str,
  threat_cause_actor_sha256: Str,
  threat_cause_actor_md5: Str,
});

const AlertV7 = z.object({
  ...Device,
  id: Str,
  detection_timestamp: Str,
  backend_timestamp: Str,
  severity: Num,
  reason: Str,
  reason_code: Str,
  process_sha256: Str,
  process_md5: Str,
  parent_sha256: Str,
  parent_md5: Str,
  childproc_sha256: Str,
  childproc_md5: Str,
  blocked_sha256: Str,
  blocked_md5: Str,
});

const EndpointEvent = z.object({
  ...Device,
  event_type: Str,
  event_description: Str,
  device_timestamp: Str,
  backend_timestamp: Str,
  create_time: Str,
  local_ip: Str,
  remote_ip: Str,
  netconn_inbound: z.boolean().nullish(),
  netconn_proxy_ip: Str,
  netconn_domain: Str,
  process_username: Str,
  childproc_username: Str,
  process_hash: StrList,
  parent_hash: StrList,
  childproc_hash: StrList,
  filemod_hash: StrList,
  crossproc_hash: StrList,
  scriptload_hash: StrList,
});

const WatchlistHit = z.object({
  ...Device,
  create_time: Str,
  severity: Num,
  report_id: Str,
  report_name: Str,
  process_username: Str,
  parent_username: Str,
  process_hash: StrList,
  parent_hash: StrList,
});

const Audit = z.object({
  eventId: z.string(),
  loginName: z.string(),
  eventTime: Num,
  description: Str,
  clientIp: Str,
  orgName: Str,
  flagged: z.boolean().nullish(),
});

/** One device of the vulnerability assessment's asset summary (`/vulnerabilities/summary`). */
const AssetVulnerabilitySummary = z.object({
  device_id: z.union([z.number(), z.string()]),
  host_name: Str,
  name: Str,
  vuln_count: Num,
  highest_risk_score: Num,
  severity: Str,
  last_sync_ts: Str,
});

type Kind =
  'alert' | 'alert_v7' | 'endpoint_event' | 'watchlist_hit' | 'audit' | 'asset_vulnerability_summary';

/** Which data stream a record belongs to, from its key set; null when it is not Carbon Black Cloud's. */
function kindOf(raw: object): Kind | null {
  if ('loginName' in raw && 'eventId' in raw && 'eventTime' in raw) {
    return 'orgName' in raw || 'clientIp' in raw ? 'audit' : null;
  }
  if ('device_id' in raw && 'vuln_count' in raw && 'sync_status' in raw && 'host_name' in raw) {
    return 'asset_vulnerability_summary';
  }
  if (!('org_key' in raw) || typeof raw.org_key !== 'string' || !('type' in raw)) return null;
  const type = raw.type;
  if (typeof type !== 'string') return null;
  if (type.startsWith('endpoint.event.')) return 'endpoint_event';
  if (type === 'watchlist.hit') return 'watchlist_hit';
  if (!ALERT_TYPE.test(type) || !('device_name' in raw || 'device_id' in raw)) return null;
  if ('detection_timestamp' in raw || 'backend_timestamp' in raw) return 'alert_v7';
  return 'create_time' in raw ? 'alert' : null;
}

const SCHEMAS = {
  alert: AlertV6,
  alert_v7: AlertV7,
  endpoint_event: EndpointEvent,
  watchlist_hit: WatchlistHit,
  audit: Audit,
  asset_vulnerability_summary: AssetVulnerabilitySummary,
} as const;

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const kind = kindOf(raw);
  return kind !== null && SCHEMAS[kind].safeParse(raw).success;
}

/** `DOMAIN\name` split at the first backslash, as the pipelines' grok (`%{DATA}\\%{GREEDYDATA}`) does. */
function splitDomain(value: string | null | undefined): { domain?: string; name?: string } {
  if (!value) return {};
  const slash = value.indexOf('\\');
  return slash < 0 ? { name: value } : { domain: value.slice(0, slash), name: value.slice(slash + 1) };
}

interface DeviceFields {
  device_name?: string | null;
  device_username?: string | null;
  device_internal_ip?: string | null;
  device_external_ip?: string | null;
}

/** The device as host (and a `DOMAIN\` prefix as a related host); with `user`, the device user too. */
function addDevice(obs: ObservablesBuilder, r: DeviceFields, user: boolean): void {
  const host = splitDomain(r.device_name);
  obs.host(host.name);
  let domain = host.domain;
  if (user) {
    const account = splitDomain(r.device_username);
    obs.user(account.name);
    domain = account.domain ?? domain;
  }
  obs.host(domain);
}

function addDeviceIps(obs: ObservablesBuilder, r: DeviceFields): void {
  obs.ip(bareIndicatorIp(r.device_internal_ip));
  obs.ip(bareIndicatorIp(r.device_external_ip));
}

function addHashes(
  obs: ObservablesBuilder,
  ...values: (string | readonly string[] | null | undefined)[]
): void {
  for (const v of values) {
    if (typeof v === 'string') obs.hash(v);
    else for (const h of v ?? []) obs.hash(h);
  }
}

const severityOf = (value: string | number | null | undefined, fallback: Severity): Severity =>
  mapSeverity(value) ?? fallback;

const text = (...values: (string | null | undefined)[]): string | undefined =>
  values.find((v): v is string => typeof v === 'string' && v.trim() !== '');

/** Names the device (without its domain) in the title when the text does not already. */
function titleOn(title: string, device: string | null | undefined): string {
  const host = splitDomain(device).name;
  return host && !title.includes(host) ? `${title} on ${host}` : title;
}

type Result = ReturnType<Parser['parse']>;

function parseAlertV6(raw: unknown): Result {
  const r = AlertV6.parse(raw);
  const obs = new ObservablesBuilder(false);
  addDevice(obs, r, true);
  addDeviceIps(obs, r);
  addHashes(obs, r.threat_cause_actor_sha256, r.threat_cause_actor_md5);
  return parserAlert('carbon_black_cloud', 'carbon_black_cloud.alert', obs, {
    title: titleOn(text(r.reason, r.report_name) ?? `Carbon Black Cloud ${r.type} alert`, r.device_name),
    severity: severityOf(r.severity, 'medium'),
    observedAt: toIsoTime(r.create_time),
    ruleId: text(r.reason_code, r.type) ?? null,
  });
}

/** v7 alerts: Elastic keeps the device addresses under `carbon_black_cloud.alert.device`, out of `related.ip`. */
function parseAlertV7(raw: unknown): Result {
  const r = AlertV7.parse(raw);
  const obs = new ObservablesBuilder(false);
  addDevice(obs, r, true);
  addHashes(
    obs,
    r.process_sha256,
    r.process_md5,
    r.parent_sha256,
    r.parent_md5,
    r.childproc_sha256,
    r.childproc_md5,
    r.blocked_sha256,
    r.blocked_md5,
  );
  return parserAlert('carbon_black_cloud', 'carbon_black_cloud.alert_v7', obs, {
    title: titleOn(text(r.reason) ?? `Carbon Black Cloud ${r.type} alert`, r.device_name),
    severity: severityOf(r.severity, 'medium'),
    observedAt: toIsoTime(r.detection_timestamp ?? r.backend_timestamp),
    ruleId: text(r.reason_code, r.type) ?? null,
  });
}

/** An endpoint event: inbound connections come from the remote address, others from the local one. */
function parseEndpointEvent(raw: unknown): Result {
  const r = EndpointEvent.parse(raw);
  const obs = new ObservablesBuilder(false);
  const local = bareIndicatorIp(r.local_ip);
  const remote = bareIndicatorIp(r.remote_ip);
  const [source, destination] = r.netconn_inbound === true ? [remote, local] : [local, remote];
  obs.srcIp(source);
  obs.dstIp(destination);
  obs.ip(source);
  obs.ip(local);
  obs.ip(bareIndicatorIp(r.netconn_proxy_ip));
  addDeviceIps(obs, r);
  addDevice(obs, r, false);
  obs.user(r.process_username);
  obs.user(r.childproc_username);
  addHashes(obs, r.process_hash, r.parent_hash, r.childproc_hash, r.filemod_hash, r.crossproc_hash);
  addHashes(obs, r.scriptload_hash);
  return parserAlert('carbon_black_cloud', 'carbon_black_cloud.endpoint_event', obs, {
    title: titleOn(text(r.event_description) ?? r.type, r.device_name),
    severity: 'info',
    observedAt: toIsoTime(r.device_timestamp) ?? toIsoTime(r.backend_timestamp) ?? toIsoTime(r.create_time),
    ruleId: r.type,
  });
}

function parseWatchlistHit(raw: unknown): Result {
  const r = WatchlistHit.parse(raw);
  const obs = new ObservablesBuilder(false);
  addDevice(obs, r, false);
  obs.user(r.parent_username);
  obs.user(r.process_username);
  addDeviceIps(obs, r);
  addHashes(obs, r.process_hash, r.parent_hash);
  return parserAlert('carbon_black_cloud', 'carbon_black_cloud.watchlist_hit', obs, {
    title: titleOn(text(r.report_name) ?? 'Carbon Black Cloud watchlist hit', r.device_name),
    severity: severityOf(r.severity, 'medium'),
    observedAt: toIsoTime(r.create_time),
    ruleId: text(r.report_id) ?? null,
  });
}

/** An audit entry: Elastic maps the client address to `related.ip` and the login to `client.user.id` only. */
function parseAudit(raw: unknown): Result {
  const r = Audit.parse(raw);
  const obs = new ObservablesBuilder(false);
  obs.ip(bareIndicatorIp(r.clientIp));
  return parserAlert('carbon_black_cloud', 'carbon_black_cloud.audit', obs, {
    title: text(r.description) ?? `Carbon Black Cloud audit event by ${r.loginName}`,
    severity: r.flagged === true ? 'low' : 'info',
    observedAt: toIsoTime(r.eventTime),
  });
}

/** An asset summary: Elastic names the device by `name` (host.name) and relates its `host_name`. */
function parseAssetVulnerabilitySummary(raw: unknown): Result {
  const r = AssetVulnerabilitySummary.parse(raw);
  const obs = new ObservablesBuilder();
  obs.host(r.name);
  obs.host(r.host_name);
  const device = r.name ?? r.host_name ?? String(r.device_id);
  const count = r.vuln_count === null || r.vuln_count === undefined ? '' : `${r.vuln_count} `;
  return parserAlert('carbon_black_cloud', 'carbon_black_cloud.asset_vulnerability_summary', obs, {
    title: `Carbon Black Cloud: ${count}vulnerabilities on ${device}`,
    severity: severityOf(r.severity === 'IMPORTANT' ? 'high' : r.severity, 'info'),
    observedAt: toIsoTime(r.last_sync_ts),
  });
}

const PARSE: Record<Kind, (raw: unknown) => Result> = {
  alert: parseAlertV6,
  alert_v7: parseAlertV7,
  endpoint_event: parseEndpointEvent,
  watchlist_hit: parseWatchlistHit,
  audit: parseAudit,
  asset_vulnerability_summary: parseAssetVulnerabilitySummary,
};

function parse(raw: unknown): Result {
  const kind = isObject(raw) ? kindOf(raw) : null;
  if (kind === null) throw new Error('not a Carbon Black Cloud record');
  return PARSE[kind](raw);
}

export const carbonBlackCloudParser: Parser = {
  name: 'carbon_black_cloud',
  claims: { keys: ['loginName', 'device_id', 'org_key'], text: false },
  detect,
  parse,
};
