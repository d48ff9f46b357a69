// CrowdStrike Falcon Data Replicator events (flat JSON keyed by `event_simpleName`, external API and user
// info records) and Falcon Alerts API records, mapped as Elastic's `crowdstrike` fdr and alert pipelines
// map them: the sensor's addresses as related, local/remote endpoints by direction, users, hosts, hashes.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Scalar = z.union([z.string(), z.number()]).nullish();

/** The enrichment the FDR input adds from the host and user info files (`metadata.host`, `metadata.user`). */
const Metadata = z
  .object({
    host: z.object({ ComputerName: Str, aip: Str }).passthrough().nullish(),
    user: z.object({ UserName: Str, User: Str, LastLoggedOnHost: Str }).passthrough().nullish(),
  })
  .passthrough()
  .nullish();

const FdrEvent = z
  .object({
    event_simpleName: Str,
    EventType: Str,
    ExternalApiType: Str,
    name: Str,
    id: Scalar,
    aid: Str,
    aip: Str,
    cid: Str,
    ComputerName: Str,
    hostname: Str,
    Hostname: Str,
    LogonServer: Str,
    ClientComputerName: Str,
    UserName: Str,
    UserPrincipal: Str,
    User: z.object({ Name: Str, ID: Scalar }).passthrough().nullish(),
    ConnectionDirection: Scalar,
    CurrentLocalIP: Str,
    LocalIP: Str,
    LocalAddressIP4: Str,
    LocalAddressIP6: Str,
    RemoteAddressIP4: Str,
    RemoteAddressIP6: Str,
    DomainName: Str,
    DownloadServer: Str,
    MD5HashData: Str,
    SHA1HashData: Str,
    SHA256HashData: Str,
    MD5String: Str,
    SHA1String: Str,
    SHA256String: Str,
    Name: Str,
    Description: Str,
    ProcessStartTime: Scalar,
    SeverityName: Str,
    Severity: Scalar,
    PatternId: Scalar,
    DetectName: Str,
    timestamp: Scalar,
    UTCTimestamp: Scalar,
    _time: Scalar,
    metadata: Metadata,
  })
  .passthrough();

const Hashes = z.array(z.object({ md5: Str, sha256: Str }).passthrough()).nullish();
const ProcessDetails = z
  .object({ md5: Str, sha256: Str, user_graph_id: Str, user_id: Str, user_name: Str })
  .passthrough()
  .nullish();
const NetworkAccesses = z
  .array(z.object({ local_address: Str, remote_address: Str }).passthrough())
  .nullish();

/** A list of names or addresses; anything else reads as absent, so one odd value never fails the record. */
const Names = z.array(z.string()).nullish().catch(undefined);

const AlertRecord = z
  .object({
    composite_id: z.string(),
    type: Str,
    product: Str,
    host_names: Names,
    source_hosts: Names,
    destination_hosts: Names,
    source_ips: Names,
    destination_ips: Names,
    user_names: Names,
    users: z
      .array(z.object({ user_name: Str }).passthrough())
      .nullish()
      .catch(undefined),
    threatgraph_indicators: z
      .array(z.object({ hostname: Str }).passthrough())
      .nullish()
      .catch(undefined),
    id: Str,
    name: Str,
    display_name: Str,
    description: Str,
    severity: Scalar,
    severity_name: Str,
    idp_policy_rule_id: Str,
    pattern_id: Scalar,
    timestamp: Str,
    created_timestamp: Str,
    assigned_to_uid: Str,
    associated_files: Hashes,
    device: z
      .object({
        external_ip: Str,
        local_ip: Str,
        hostname: Str,
        machine_domain: Str,
        hostinfo: z.object({ domain: Str }).passthrough().nullish(),
      })
      .passthrough()
      .nullish(),
    file_writes: Hashes,
    grandparent_details: ProcessDetails,
    parent_details: ProcessDetails,
    host_name: Str,
    ioc_context: Hashes,
    md5: Str,
    sha1: Str,
    sha256: Str,
    network_accesses: NetworkAccesses,
    quarantined_files: Hashes,
    source_account_domain: Str,
    source_account_name: Str,
    source_account_upn: Str,
    source_endpoint_address_ip4: Str,
    source_endpoint_host_name: Str,
    source_endpoint_ip_address: Str,
    target_endpoint_host_name: Str,
    target_domain_controller_host_name: Str,
    target_account_name: Str,
    user_id: Str,
    user_name: Str,
    user_principal: Str,
  })
  .passthrough();

type Kind = 'fdr' | 'alert';

/** The record's shape, from keys only CrowdStrike's exports carry together; never the streaming API shape. */
function kindOf(raw: object): Kind | null {
  if ('metadata' in raw && 'event' in raw) return null;
  const r: Record<string, unknown> = { ...raw };
  const customer = typeof r.cid === 'string' || typeof r.CustomerIdString === 'string';
  if (typeof r.event_simpleName === 'string' && (typeof r.aid === 'string' || customer)) return 'fdr';
  if (typeof r.EventType === 'string' && r.EventType.startsWith('Event_') && customer) return 'fdr';
  if (customer && typeof r.UserSid_readable === 'string' && isObject(r.User)) return 'fdr';
  // Endpoint detection summaries (EPP): PascalCase, keyed by the detection's composite id and the sensor.
  if (
    typeof r.CompositeId === 'string' &&
    typeof r.AgentId === 'string' &&
    (typeof r.FalconHostLink === 'string' || typeof r.Hostname === 'string')
  )
    return 'fdr';
  if (
    typeof r.composite_id === 'string' &&
    typeof r.cid === 'string' &&
    (typeof r.falcon_host_link === 'string' || typeof r.agent_id === 'string') &&
    ('severity' in r || 'product' in r)
  )
    return 'alert';
  return null;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const kind = kindOf(raw);
  if (kind === 'fdr') return FdrEvent.safeParse(raw).success;
  if (kind === 'alert') return AlertRecord.safeParse(raw).success;
  return false;
}

/** Whitespace-separated address lists, as FDR writes several sensor or local addresses in one field. */
const addresses = (value: string | null | undefined): string[] =>
  (value ?? '').split(/\s+/).filter((s) => s.length > 0);

/** A hash value, unless it is empty or all zeros (Elastic drops those). */
const realHash = (value: string | null | undefined): string | undefined =>
  value && !/^0*$/.test(value) ? value : undefined;

function parseFdr(raw: unknown): Alert {
  const r = FdrEvent.parse(raw);
  const obs = new ObservablesBuilder(false);
  const action = r.event_simpleName ?? r.ExternalApiType ?? r.EventType ?? null;

  // related.ip: the sensor's addresses, the host info address, the local addresses, then the endpoints.
  for (const ip of addresses(r.aip)) obs.ip(indicatorIp(ip));
  obs.ip(indicatorIp(r.metadata?.host?.aip));
  const local4 = addresses(r.LocalAddressIP4);
  const local6 = addresses(r.LocalAddressIP6);
  for (const ip of [...local4, ...local6]) obs.ip(indicatorIp(ip));
  const local = r.CurrentLocalIP ?? r.LocalIP ?? local4[0] ?? local6[0];
  const remote = r.RemoteAddressIP4 ?? r.RemoteAddressIP6;
  const inbound = String(r.ConnectionDirection ?? '') === '1';
  const src = indicatorIp(inbound ? remote : local);
  const dst = indicatorIp(inbound ? local : remote);
  obs.srcIp(src);
  obs.dstIp(dst);
  obs.ip(src);
  obs.ip(dst);

  // user.name, then related.user: the user name, the info file's user, the principal's local part and the
  // principal itself; the user info record's numeric id.
  const userName = r.metadata?.user?.UserName ?? r.metadata?.user?.User ?? r.UserName ?? r.User?.Name;
  obs.user(userName);
  obs.user(r.metadata?.user?.User);
  const parts = (r.UserPrincipal ?? '').split('@');
  if (parts.length === 2) obs.user(parts[0]);
  obs.user(r.UserPrincipal);
  obs.user(r.User?.ID);

  // host.name, then related.hosts.
  const hostName = r.ComputerName ?? r.hostname ?? r.Hostname ?? r.metadata?.host?.ComputerName;
  obs.host(hostName);
  obs.host(r.metadata?.host?.ComputerName);
  obs.host(r.LogonServer);
  obs.host(r.ClientComputerName);
  obs.host(r.metadata?.user?.LastLoggedOnHost);

  if (action?.includes('DnsRequest') || action?.includes('SmbServerShareOpenedEtw')) obs.domain(r.DomainName);
  obs.domain(r.DownloadServer);

  obs.hash(realHash(r.MD5HashData));
  obs.hash(realHash(r.SHA1HashData));
  obs.hash(realHash(r.SHA256HashData));
  obs.hash(realHash(r.MD5String));
  obs.hash(realHash(r.SHA1String));
  obs.hash(realHash(r.SHA256String));

  const what = r.DetectName ?? action ?? r.Description ?? r.Name ?? 'event';
  return parserAlert('crowdstrike.fdr', 'crowdstrike.fdr', obs, {
    title: `CrowdStrike FDR ${what}${hostName ? ` on ${hostName}` : ''}`,
    severity: mapSeverity(r.SeverityName) ?? mapSeverity(r.Severity) ?? 'info',
    observedAt:
      toIsoTime(r.timestamp) ??
      toIsoTime(r.UTCTimestamp) ??
      toIsoTime(r._time) ??
      toIsoTime(r.ProcessStartTime),
    ruleId: r.PatternId ?? action ?? r.Name ?? null,
  });
}

/**
 * NG-SIEM correlation detections and automated leads name their entities in lists (Elastic's correlation_detection
 * and automated_lead pipelines): the first host or user name is host.name / user.name, all are related.
 */
function addEntityLists(obs: ObservablesBuilder, r: z.infer<typeof AlertRecord>): void {
  if (r.type === 'correlation-detection') {
    for (const h of [...(r.host_names ?? []), ...(r.source_hosts ?? []), ...(r.destination_hosts ?? [])])
      obs.host(h);
    for (const ip of [...(r.source_ips ?? []), ...(r.destination_ips ?? [])]) obs.ip(indicatorIp(ip));
    for (const u of [...(r.user_names ?? []), ...(r.users ?? []).map((e) => e.user_name)]) obs.user(u);
  }
  if (r.type === 'automated-lead') {
    for (const t of r.threatgraph_indicators ?? []) obs.host(t.hostname);
    for (const u of r.user_names ?? []) obs.user(u);
  }
}

function parseAlert(raw: unknown): Alert {
  const r = AlertRecord.parse(raw);
  const obs = new ObservablesBuilder(false);
  addEntityLists(obs, r);

  // related.ip in the pipeline's order: device addresses, network accesses, the source endpoint.
  obs.ip(indicatorIp(r.device?.external_ip));
  obs.ip(indicatorIp(r.device?.local_ip));
  for (const n of r.network_accesses ?? []) {
    obs.ip(indicatorIp(n.local_address));
    obs.ip(indicatorIp(n.remote_address));
  }
  obs.ip(indicatorIp(r.source_endpoint_address_ip4));
  const src = indicatorIp(r.source_endpoint_ip_address);
  obs.srcIp(src);
  obs.ip(src);

  // "user on host" alert names carry the user and the host when no field does.
  // The user is a whole word: started anywhere in a word, a long hostile name was rescanned from each character.
  const named = /(?:^|\s)(\S+) on (\S+)/.exec(r.name ?? '');
  obs.user(r.user_name || named?.[1]);
  // The analyst the alert is assigned to works it; it is no subject of the alert.
  obs.analyst(r.assigned_to_uid);
  for (const u of [
    r.grandparent_details?.user_graph_id,
    r.grandparent_details?.user_id,
    r.grandparent_details?.user_name,
    r.parent_details?.user_graph_id,
    r.parent_details?.user_id,
    r.parent_details?.user_name,
    r.source_account_name,
    r.source_account_upn,
    r.target_account_name,
    r.user_id,
    r.user_name,
    r.user_principal,
    named?.[1],
  ])
    obs.user(u);

  obs.host(r.host_name || named?.[2]);
  for (const h of [
    r.device?.hostinfo?.domain,
    r.device?.hostname,
    r.device?.machine_domain,
    r.host_name,
    r.source_account_domain,
    r.source_endpoint_host_name,
    r.target_endpoint_host_name,
    r.target_domain_controller_host_name,
    named?.[2],
  ])
    obs.host(h);

  for (const h of [r.md5, r.sha1, r.sha256, r.parent_details?.md5, r.parent_details?.sha256])
    obs.hash(realHash(h));
  obs.hash(realHash(r.grandparent_details?.md5));
  obs.hash(realHash(r.grandparent_details?.sha256));
  for (const list of [r.associated_files, r.file_writes, r.ioc_context, r.quarantined_files]) {
    for (const f of list ?? []) {
      obs.hash(realHash(f.md5));
      obs.hash(realHash(f.sha256));
    }
  }

  const severity =
    mapSeverity(r.severity_name) ??
    (typeof r.severity === 'number' ? mapSeverity(r.severity, 'hundred') : null);
  return parserAlert('crowdstrike.fdr', 'crowdstrike.alert', obs, {
    title: r.display_name ?? r.name ?? r.description ?? 'CrowdStrike alert',
    severity: severity ?? 'medium',
    observedAt: toIsoTime(r.timestamp) ?? toIsoTime(r.created_timestamp),
    ruleId: r.idp_policy_rule_id ?? r.pattern_id ?? r.name ?? null,
  });
}

function parse(raw: unknown): Alert {
  return isObject(raw) && kindOf(raw) === 'alert' ? parseAlert(raw) : parseFdr(raw);
}

export const crowdstrikeFdrParser: Parser = {
  name: 'crowdstrike.fdr',
  claims: {
    keys: ['event_simpleName', 'EventType', 'UserSid_readable', 'composite_id', 'CompositeId'],
    text: false,
  },
  // DNS query names and download servers are reported as domains; the pipeline keeps them out of related.hosts.
  domainsInRelatedHosts: false,
  detect,
  parse,
};
