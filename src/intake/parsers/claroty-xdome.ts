// Claroty xDome REST API records (JSON): alerts (`alert_info` with the affected device), device-vulnerability
// pairs (`vulnerability_info` with the device) and communication events, read as Elastic's `claroty_xdome`
// pipelines map them (device names, host names and the device's lists of addresses, assignees and users).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, type RecordFacts, TextField } from './common.js';
import type { Parser } from './parser.js';

/**
 * A list the pipeline walks with `foreach` and renders element by element: text and numbers as text; null
 * and other values render empty and are dropped.
 */
const TextList = z
  .array(z.unknown())
  .nullish()
  .catch(undefined)
  .transform((v) =>
    (v ?? []).flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? [String(x)] : [])),
  );

const Assignee = z.object({ id: TextField, display_name: TextField }).nullish().catch(undefined);

/** The device fields every xDome alert and vulnerability record carries (the API's device columns). */
const Device = z.object({
  device_name: TextField,
  uid: TextField,
  asset_id: TextField,
  combined_os: TextField,
  os_name: TextField,
  site_name: TextField,
  local_name: TextField,
  dhcp_hostnames: TextList,
  dhcp_last_seen_hostname: TextField,
  domains: TextList,
  http_hostnames: TextList,
  http_last_seen_hostname: TextField,
  other_hostnames: TextList,
  snmp_hostnames: TextList,
  snmp_last_seen_hostname: TextField,
  windows_hostnames: TextList,
  windows_last_seen_hostname: TextField,
  ip_list: TextList,
  switch_ip_list: TextList,
  assignees: TextList,
  assignees_data: z
    .array(Assignee)
    .nullish()
    .catch(undefined)
    .transform((v) => (v ?? []).flatMap((a) => (a ? [a] : []))),
  authentication_user_list: TextList,
  last_domain_user: TextField,
  risk_score: TextField,
  last_seen_reported: TextField,
});
type Device = z.infer<typeof Device>;

const AlertInfo = z.object({
  id: TextField,
  alert_name: TextField,
  alert_type_name: TextField,
  alert_class: TextField,
  category: TextField,
  description: TextField,
  detected_time: TextField,
  updated_time: TextField,
});

const VulnerabilityInfo = z.object({
  name: TextField,
  id: TextField,
  description: TextField,
  adjusted_vulnerability_score_level: TextField,
  cvss_v3_score: TextField,
  published_date: TextField,
});

const AlertRecord = Device.extend({ alert_info: AlertInfo.nullish().catch(undefined) });
type AlertRecord = z.infer<typeof AlertRecord>;

const VulnerabilityRecord = Device.extend({
  vulnerability_info: VulnerabilityInfo,
  vulnerability_last_updated: TextField,
});
type VulnerabilityRecord = z.infer<typeof VulnerabilityRecord>;

const EventRecord = z.object({
  event_id: TextField,
  event_type: TextField,
  description: TextField,
  detection_time: TextField,
  source_ip: TextField,
  dest_ip: TextField,
  source_device_name: TextField,
  dest_device_name: TextField,
  source_asset_id: TextField,
  dest_asset_id: TextField,
  source_username: TextField,
});
type EventRecord = z.infer<typeof EventRecord>;

type XdomeRecord =
  | { stream: 'alert'; r: AlertRecord }
  | { stream: 'vulnerability'; r: VulnerabilityRecord }
  | { stream: 'event'; r: EventRecord };

/** Device columns only xDome's API writes; a device-only alert record carries several of them. */
const DEVICE_KEYS = [
  'purdue_level',
  'combined_os',
  'device_type_family',
  'device_subcategory',
  'dhcp_last_seen_hostname',
  'windows_last_seen_hostname',
  'snmp_last_seen_hostname',
  'http_last_seen_hostname',
  'collection_servers_seen_reported_from',
  'data_sources_seen_reported_from',
  'switch_ip_list',
  'mac_oui_list',
  'assignees_data',
  'risk_score_points',
];
const ALERT_INFO_KEYS = ['alert_type_name', 'alert_class', 'alert_name', 'detected_time', 'updated_time'];

const deviceKeyCount = (raw: object): number => DEVICE_KEYS.filter((k) => k in raw).length;

function read(raw: unknown): XdomeRecord | null {
  if (!isObject(raw)) return null;
  if ('vulnerability_info' in raw) {
    if (!isObject(raw.vulnerability_info) || !('device_name' in raw || 'uid' in raw)) return null;
    if (deviceKeyCount(raw) < 1) return null;
    const r = VulnerabilityRecord.safeParse(raw);
    return r.success ? { stream: 'vulnerability', r: r.data } : null;
  }
  if ('alert_info' in raw) {
    const info = raw.alert_info;
    if (!isObject(info) || !ALERT_INFO_KEYS.some((k) => k in info)) return null;
    if (!('device_name' in raw || 'uid' in raw || deviceKeyCount(raw) >= 1)) return null;
    const r = AlertRecord.safeParse(raw);
    return r.success ? { stream: 'alert', r: r.data } : null;
  }
  if (
    ('source_asset_id' in raw || 'dest_asset_id' in raw) &&
    ('event_type' in raw || 'detection_time' in raw) &&
    ('source_device_name' in raw || 'dest_device_name' in raw)
  ) {
    const r = EventRecord.safeParse(raw);
    return r.success ? { stream: 'event', r: r.data } : null;
  }
  // A device row on the alert stream without its alert_info.
  if ('uid' in raw && 'device_name' in raw && deviceKeyCount(raw) >= 3) {
    const r = AlertRecord.safeParse(raw);
    return r.success ? { stream: 'alert', r: r.data } : null;
  }
  return null;
}

/** A name the pipeline tries as an address first: the address, or null when it is a name. */
const asAddress = (name: string | undefined): string | null => (name ? canonicalIp(name) : null);

/** The device's hosts, addresses and users in the pipelines' order (`authUsers` for vulnerabilities). */
function deviceOf(d: Device, obs: ObservablesBuilder, authUsers: boolean): void {
  const deviceIp = asAddress(d.device_name);
  // host.name is the device name when it is no address; the scorer reads it before related.hosts.
  if (!deviceIp) obs.host(d.device_name);
  // related.user: user.name (authentication users, vulnerabilities only) first, then the assignees,
  // the assignees' ids and display names, and the last domain user.
  if (authUsers) for (const u of d.authentication_user_list) obs.user(u);
  for (const u of d.assignees) obs.user(u);
  for (const a of d.assignees_data) obs.user(a.id);
  for (const a of d.assignees_data) obs.user(a.display_name);
  obs.user(d.last_domain_user);
  // related.ip: the device's addresses, the device name when it is one, the switches' addresses.
  for (const ip of d.ip_list) obs.ip(bareIndicatorIp(ip));
  obs.ip(bareIndicatorIp(deviceIp));
  for (const ip of d.switch_ip_list) obs.ip(bareIndicatorIp(ip));
  // related.hosts, in the pipeline's order; it also lists the OS and site names (kept as Elastic does).
  obs.host(d.combined_os);
  for (const h of d.dhcp_hostnames) obs.host(h);
  obs.host(d.dhcp_last_seen_hostname);
  for (const h of d.domains) obs.host(h);
  for (const h of d.http_hostnames) obs.host(h);
  obs.host(d.http_last_seen_hostname);
  obs.host(d.local_name);
  obs.host(d.os_name);
  for (const h of d.other_hostnames) obs.host(h);
  obs.host(d.site_name);
  for (const h of d.snmp_hostnames) obs.host(h);
  obs.host(d.snmp_last_seen_hostname);
  obs.host(d.uid);
  for (const h of d.windows_hostnames) obs.host(h);
  obs.host(d.windows_last_seen_hostname);
}

/** The device's risk score word (`event.severity` 21/47/73/99 in the pipeline), or null. */
function riskSeverity(risk: string | undefined): Severity | null {
  const s = risk?.trim().toLowerCase();
  if (s === 'low' || s === 'very low') return 'low';
  if (s === 'medium') return 'medium';
  if (s === 'high') return 'high';
  if (s === 'critical') return 'critical';
  return null;
}

const deviceLabel = (d: Device): string => d.device_name ?? d.uid ?? d.asset_id ?? 'device';

function alertOf(r: AlertRecord, obs: ObservablesBuilder): RecordFacts {
  deviceOf(r, obs, false);
  const info = r.alert_info;
  const what = info?.alert_type_name ?? info?.alert_name ?? info?.description ?? info?.alert_class;
  return {
    title: what ? `Claroty xDome alert: ${what}` : `Claroty xDome device: ${deviceLabel(r)}`,
    severity: riskSeverity(r.risk_score) ?? (info ? 'medium' : 'info'),
    observedAt:
      toIsoTime(info?.updated_time) ?? toIsoTime(info?.detected_time) ?? toIsoTime(r.last_seen_reported),
    ruleId: info?.id ?? info?.alert_type_name ?? null,
  };
}

function vulnerabilityOf(r: VulnerabilityRecord, obs: ObservablesBuilder): RecordFacts {
  deviceOf(r, obs, true);
  const v = r.vulnerability_info;
  const cvss = v.cvss_v3_score === undefined ? null : mapSeverity(Number(v.cvss_v3_score));
  return {
    title: `Claroty xDome vulnerability: ${v.name ?? v.id ?? 'unnamed'} on ${deviceLabel(r)}`,
    severity:
      mapSeverity(v.adjusted_vulnerability_score_level) ?? cvss ?? riskSeverity(r.risk_score) ?? 'info',
    observedAt: toIsoTime(v.published_date) ?? toIsoTime(r.vulnerability_last_updated),
    ruleId: v.name ?? v.id ?? null,
  };
}

function eventOf(r: EventRecord, obs: ObservablesBuilder): RecordFacts {
  const destDeviceIp = asAddress(r.dest_device_name);
  const srcDeviceIp = asAddress(r.source_device_name);
  // host.name is the source device's name; related.hosts lists the destination's asset id and name first.
  if (!srcDeviceIp) obs.host(r.source_device_name);
  obs.host(r.dest_asset_id);
  if (!destDeviceIp) obs.host(r.dest_device_name);
  obs.host(r.source_asset_id);
  // related.ip: destination device, destination, source device, source.
  obs.ip(bareIndicatorIp(destDeviceIp));
  obs.dstIp(bareIndicatorIp(r.dest_ip));
  obs.ip(bareIndicatorIp(srcDeviceIp));
  obs.srcIp(bareIndicatorIp(r.source_ip));
  obs.user(r.source_username);
  return {
    title: `Claroty xDome event: ${r.event_type ?? r.description ?? r.event_id ?? 'event'}`,
    severity: 'info',
    observedAt: toIsoTime(r.detection_time),
    ruleId: r.event_type ?? null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Claroty xDome record');
  const obs = new ObservablesBuilder();
  const facts =
    rec.stream === 'alert'
      ? alertOf(rec.r, obs)
      : rec.stream === 'vulnerability'
        ? vulnerabilityOf(rec.r, obs)
        : eventOf(rec.r, obs);
  return parserAlert('claroty_xdome', `claroty_xdome.${rec.stream}`, obs, facts);
}

export const clarotyXdomeParser: Parser = {
  name: 'claroty_xdome',
  claims: {
    keys: ['vulnerability_info', 'alert_info', 'source_asset_id', 'dest_asset_id', 'uid'],
    text: false,
  },
  detect: detectorOf(read),
  parse,
};
