// CrowdStrike Falcon streaming API events (`metadata` + `event`): endpoint, identity, mobile, XDR and data
// protection detections, firewall matches, remote response sessions and audit events, each mapped to source,
// destination, user and host as Elastic's falcon pipeline maps that event type.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, localPart, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const FalconEvent = z.object({
  metadata: z.object({
    eventType: z.string(),
    customerIDString: z.string().optional(),
    eventCreationTime: z.number().optional(),
  }),
  event: z.object({
    UserId: z.string().optional(),
    UserName: z.string().optional(),
    UserIp: z.string().optional(),
    SourceIp: TextField,
    UserSourceIp: TextField,
    IPv4: TextField,
    IPv6: TextField,
    DomainName: TextField,
    OperationName: z.string().optional(),
    ServiceName: z.string().optional(),
    ComputerName: z.string().optional(),
    Hostname: z.string().optional(),
    LocalIP: z.string().optional(),
    ExternalIP: z.string().optional(),
    DetectName: z.string().optional(),
    DetectDescription: z.string().optional(),
    Name: z.string().optional(),
    Severity: z.union([z.number(), z.string()]).optional(),
    SeverityName: z.string().optional(),
    MD5String: z.string().optional(),
    SHA256String: z.string().optional(),
    SHA1String: z.string().optional(),
    Success: z.boolean().optional(),
    // Read leniently: an odd value in one of these never stops the record being read.
    HostName: TextField,
    HostnameField: TextField,
    LocalAddress: TextField,
    RemoteAddress: TextField,
    ConnectionDirection: TextField,
    RuleName: TextField,
    RuleId: TextField,
    SourceAccountName: TextField,
    SourceEndpointHostName: TextField,
    TargetAccountName: TextField,
    TargetEndpointHostName: TextField,
    TargetDomain: TextField,
    AdditionalAccountDomain: TextField,
    AdditionalAccountName: TextField,
    AdditionalEndpointHostName: TextField,
    AdditionalEndpointIpAddress: TextField,
    IPV4Addresses: TextField,
    IPV6Addresses: TextField,
    HostNames: TextField,
    DomainNames: TextField,
    Users: TextField,
  }),
});
type FalconEvent = z.infer<typeof FalconEvent>;
type Fields = FalconEvent['event'];

const detect = (raw: unknown): boolean =>
  typeof raw === 'object' &&
  raw !== null &&
  'metadata' in raw &&
  'event' in raw &&
  FalconEvent.safeParse(raw).success;

/** Comma-separated lists, as XDR detections write their addresses, hosts and users. */
const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

function endpoints(obs: ObservablesBuilder, src: string | undefined, dst: string | undefined): void {
  const s = indicatorIp(src);
  const d = indicatorIp(dst);
  obs.srcIp(s);
  obs.dstIp(d);
  obs.ip(s);
  obs.ip(d);
}

/** What each event type's sub-pipeline maps to source, destination, user and host. */
const BY_TYPE: Record<string, (obs: ObservablesBuilder, e: Fields) => void> = {
  // Endpoint detections (the EPP form renames Hostname to ComputerName). Elastic makes the sensor's local address
  // source.ip; Vigil keeps it related only, so triage never proposes blocking the victim's own address.
  DetectionSummaryEvent: (obs, e) => {
    obs.ip(indicatorIp(e.LocalIP));
    obs.user(e.UserName);
    obs.host(e.ComputerName ?? e.Hostname);
  },
  EppDetectionSummaryEvent: (obs, e) => BY_TYPE.DetectionSummaryEvent?.(obs, e),
  MobileDetectionSummaryEvent: (obs, e) => {
    obs.user(e.UserName);
    obs.host(e.ComputerName);
  },
  DataProtectionDetectionSummaryEvent: (obs, e) => {
    obs.user(e.UserName);
    obs.host(e.Hostname);
  },
  // Identity detections: the source account and endpoint, then the targets and additional entities.
  IdpDetectionSummaryEvent: (obs, e) => {
    obs.user(e.SourceAccountName);
    obs.user(e.TargetAccountName);
    obs.host(e.SourceEndpointHostName);
    for (const h of [
      e.TargetEndpointHostName,
      e.TargetDomain,
      e.AdditionalAccountDomain,
      e.AdditionalAccountName,
      e.AdditionalEndpointHostName,
    ])
      obs.host(h);
    obs.ip(indicatorIp(e.AdditionalEndpointIpAddress));
  },
  // Identity incidents: `DOMAIN\user` names the user; the endpoint is host.hostname and host.ip only.
  IdentityProtectionEvent: (obs, e) => {
    const name = e.UserName ?? '';
    obs.user(name.includes('\\') ? name.slice(name.indexOf('\\') + 1) : name);
  },
  // XDR detections list related addresses, hosts, domains and users, with no source or destination.
  XdrDetectionSummaryEvent: (obs, e) => {
    for (const ip of [...list(e.IPV4Addresses), ...list(e.IPV6Addresses)]) obs.ip(indicatorIp(ip));
    for (const u of list(e.Users)) obs.user(u);
    for (const h of [...list(e.HostNames), ...list(e.DomainNames)]) obs.host(h);
  },
  // Firewall matches: direction 1 is inbound (the remote end is the source), 2 outbound.
  FirewallMatchEvent: (obs, e) => {
    if (e.ConnectionDirection === '1') endpoints(obs, e.RemoteAddress, e.LocalAddress);
    if (e.ConnectionDirection === '2') endpoints(obs, e.LocalAddress, e.RemoteAddress);
    obs.host(e.HostName);
  },
  RemoteResponseSessionStartEvent: (obs, e) => {
    obs.user(e.UserName);
    obs.host(e.HostnameField);
  },
  RemoteResponseSessionEndEvent: (obs, e) => BY_TYPE.RemoteResponseSessionStartEvent?.(obs, e),
  // A custom indicator's event: the indicator itself (an address related, a domain as Elastic's host).
  CustomerIOCEvent: (obs, e) => {
    obs.ip(indicatorIp(e.IPv4));
    obs.ip(indicatorIp(e.IPv6));
    obs.host(e.DomainName);
    generic(obs, e);
  },
};

/** Audit events and types without their own mapping: the user, the user's address, the sensor's addresses. */
function generic(obs: ObservablesBuilder, e: Fields): void {
  // The acting user's address: `UserIp` (audit), `SourceIp` (API activity), `UserSourceIp` (CSPM IOA).
  obs.srcIp(indicatorIp(e.UserIp ?? e.SourceIp ?? e.UserSourceIp));
  obs.ip(e.LocalIP);
  obs.ip(e.ExternalIP);
  // An e-mail login also by its name, as Elastic relates both.
  const user = e.UserName ?? e.UserId;
  obs.user(user);
  if (user?.includes('@')) obs.user(localPart(user));
  obs.host(e.ComputerName ?? e.Hostname);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const { metadata, event: e } = FalconEvent.parse(raw);
  const obs = new ObservablesBuilder();
  const mapper = Object.hasOwn(BY_TYPE, metadata.eventType) ? BY_TYPE[metadata.eventType] : undefined;
  (mapper ?? generic)(obs, e);
  obs.hash(e.MD5String);
  obs.hash(e.SHA1String);
  obs.hash(e.SHA256String);
  const what = e.DetectName ?? e.Name ?? e.RuleName ?? e.OperationName ?? metadata.eventType;
  const severity =
    mapSeverity(e.SeverityName) ??
    mapSeverity(e.Severity, 'ten') ??
    (e.Success === false ? 'medium' : 'info');
  return parserAlert('crowdstrike.falcon', 'crowdstrike.falcon', obs, {
    title: e.ServiceName && !e.DetectName ? `${what} (${e.ServiceName})` : what,
    severity,
    observedAt: toIsoTime(metadata.eventCreationTime),
    ruleId: `${metadata.eventType}:${e.OperationName ?? e.DetectName ?? e.RuleId ?? ''}`,
  });
}

export const crowdstrikeFalconParser: Parser = {
  name: 'crowdstrike.falcon',
  claims: { keys: ['metadata'], text: false },
  detect,
  parse,
};
