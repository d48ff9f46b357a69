// Tanium JSON exports: action history, client status, Discover assets, endpoint configuration changes,
// reporting rows and Threat Response alerts and audit records, with the addresses, machine names and users
// mapped as Elastic's `tanium` pipelines map them.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(undefined);

const ActionHistory = z.object({
  ActionId: TextField,
  ActionName: Str,
  PackageName: Str,
  Issuer: Str,
  Status: Str,
  InsertTime: Str,
  StartTime: Str,
});

const ClientStatus = z.object({
  ComputerId: TextField,
  HostName: Str,
  ClientNetworkLocation: Str,
  ServerNetworkLocation: Str,
  Status: Str,
  LastRegistration: Str,
});

const Discover = z.object({
  id: TextField,
  HostName: Str,
  IpAddress: Str,
  NatIpAddress: Str,
  Os: Str,
  UpdatedAt: Str,
  CreatedAt: Str,
});

const EndpointConfig = z.object({
  timestamp: Str,
  action: Str,
  user: z.object({ user_id: TextField }).nullish().catch(undefined),
  config_item: z.object({ id: TextField, domain: Str, data_category: Str }).nullish().catch(undefined),
});

const Reporting = z.object({
  'Computer Name': Str,
  'Operating System': Str,
  Count: TextField,
});

/** The hash properties of a Threat Response match. */
const MatchDetails = z
  .object({
    match: z
      .object({
        properties: z.object({ md5: Str, sha1: Str, sha256: Str }).nullish().catch(undefined),
      })
      .nullish()
      .catch(undefined),
  })
  .nullish()
  .catch(undefined);

/** A Threat Response alert (`Computer Name`/`Computer IP` with the intel or event that matched). */
const ThreatAlert = z.object({
  'Computer Name': Str,
  'Computer IP': Str,
  'Intel Name': Str,
  'Intel Id': TextField,
  'Event Name': Str,
  'Event Id': TextField,
  'Alert Id': TextField,
  Priority: Str,
  Severity: Str,
  Timestamp: Str,
  'User Name': Str,
  'User Id': TextField,
  'Match Details': MatchDetails,
});

/** A Threat Response audit record (`table`, `action`, the acting user and the row's `state`). */
const ThreatAudit = z.object({
  id: TextField,
  action: Str,
  table: Str,
  userId: TextField,
  userName: Str,
  updatedAt: Str,
  createdAt: Str,
  state: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .nullish()
    .catch(undefined),
});

type Record =
  | { kind: 'action_history'; row: z.infer<typeof ActionHistory> }
  | { kind: 'client_status'; row: z.infer<typeof ClientStatus> }
  | { kind: 'discover'; row: z.infer<typeof Discover> }
  | { kind: 'endpoint_config'; row: z.infer<typeof EndpointConfig> }
  | { kind: 'reporting'; row: z.infer<typeof Reporting> }
  | { kind: 'threat_alert'; row: z.infer<typeof ThreatAlert> }
  | { kind: 'threat_audit'; row: z.infer<typeof ThreatAudit> };

function read(raw: unknown): Record | null {
  if (!isObject(raw)) return null;
  const has = (k: string): boolean => k in raw;
  if (has('ActionId') && has('ActionName') && (has('PackageName') || has('Issuer') || has('Approver'))) {
    const r = ActionHistory.safeParse(raw);
    return r.success ? { kind: 'action_history', row: r.data } : null;
  }
  if (has('ComputerId') && (has('ClientNetworkLocation') || has('ServerNetworkLocation'))) {
    const r = ClientStatus.safeParse(raw);
    return r.success ? { kind: 'client_status', row: r.data } : null;
  }
  if (has('TaniumComputerId') || (has('MacOrganization') && has('IpAddress') && has('NatIpAddress'))) {
    const r = Discover.safeParse(raw);
    return r.success ? { kind: 'discover', row: r.data } : null;
  }
  // A change without an action (Elastic's samples have them) is still a configuration record.
  if (has('config_item') && has('manifest') && (has('action') || has('user') || has('module'))) {
    const r = EndpointConfig.safeParse(raw);
    return r.success ? { kind: 'endpoint_config', row: r.data } : null;
  }
  const computer = has('Computer Name') || has('Computer IP');
  if (computer && (has('Intel Name') || has('Event Name') || has('Alert Id') || has('Match Details'))) {
    const r = ThreatAlert.safeParse(raw);
    return r.success ? { kind: 'threat_alert', row: r.data } : null;
  }
  if (
    has('Computer Name') &&
    has('Count') &&
    (has('Operating System') || has('OS Platform') || has('Is Virtual'))
  ) {
    const r = Reporting.safeParse(raw);
    return r.success ? { kind: 'reporting', row: r.data } : null;
  }
  if (has('table') && has('action') && has('state') && (has('userId') || has('userName'))) {
    const r = ThreatAudit.safeParse(raw);
    return r.success ? { kind: 'threat_audit', row: r.data } : null;
  }
  return null;
}

/** Tanium writes `2022-11-18 10:10:57 +00:00` in Discover and zone-less ISO stamps elsewhere (UTC). */
function tanTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value
    .trim()
    .replace(
      /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?([+-]\d{2}:?\d{2}|Z)?$/,
      (_m, d: string, t: string, zone: string | undefined) => `${d}T${t}${zone ?? 'Z'}`,
    );
  return toIsoTime(v);
}

/** Elastic: no indicators (the issuer is `event.provider`, the command `process.command_line`). */
function actionHistory(row: z.infer<typeof ActionHistory>): Alert {
  return parserAlert('tanium', 'tanium.action_history', new ObservablesBuilder(), {
    title:
      `Tanium action ${row.ActionName ?? row.ActionId ?? ''}${row.Status ? ` (${row.Status})` : ''}`.trim(),
    severity: 'info',
    observedAt: tanTime(row.InsertTime ?? row.StartTime),
    ruleId: row.ActionId ?? null,
  });
}

/** Elastic: related.hosts is the host name then the computer id; related.ip the client then server address. */
function clientStatus(row: z.infer<typeof ClientStatus>): Alert {
  const obs = new ObservablesBuilder();
  obs.host(row.HostName);
  obs.host(row.ComputerId);
  obs.ip(bareIndicatorIp(row.ClientNetworkLocation));
  obs.ip(bareIndicatorIp(row.ServerNetworkLocation));
  return parserAlert('tanium', 'tanium.client_status', obs, {
    title: `Tanium client ${row.HostName ?? row.ComputerId ?? ''} status ${row.Status ?? 'unknown'}`,
    severity: 'info',
    observedAt: tanTime(row.LastRegistration),
    ruleId: row.Status ?? null,
  });
}

/** Elastic: the discovered address is source.ip (the NAT address only source.nat.ip); host.name the name. */
function discover(row: z.infer<typeof Discover>): Alert {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(row.IpAddress));
  obs.host(row.HostName);
  const where = row.HostName ?? row.IpAddress ?? row.id ?? 'an asset';
  return parserAlert('tanium', 'tanium.discover', obs, {
    title: `Tanium Discover: ${where}${row.Os ? ` (${row.Os})` : ''}`,
    severity: 'info',
    observedAt: tanTime(row.UpdatedAt ?? row.CreatedAt),
    ruleId: row.id ?? null,
  });
}

/** Elastic: the acting user's id is user.id and related.user. */
function endpointConfig(row: z.infer<typeof EndpointConfig>): Alert {
  const obs = new ObservablesBuilder();
  obs.user(row.user?.user_id);
  const item = row.config_item;
  return parserAlert('tanium', 'tanium.endpoint_config', obs, {
    title: `Tanium endpoint config ${row.action ?? 'change'}${item?.domain ? ` in ${item.domain}` : ''}`,
    severity: 'info',
    observedAt: tanTime(row.timestamp),
    ruleId: item?.id ?? row.action ?? null,
  });
}

/** Elastic: the computer name is host.hostname and related.hosts. */
function reporting(row: z.infer<typeof Reporting>): Alert {
  const obs = new ObservablesBuilder();
  obs.host(row['Computer Name']);
  return parserAlert('tanium', 'tanium.reporting', obs, {
    title: `Tanium report: ${row['Computer Name'] ?? 'endpoint'}${row['Operating System'] ? ` (${row['Operating System']})` : ''}`,
    severity: 'info',
    observedAt: null,
    ruleId: null,
  });
}

/** Elastic: Computer IP is source.ip, Computer Name related.hosts, user.name then user.id related.user. */
function threatAlert(row: z.infer<typeof ThreatAlert>): Alert {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(row['Computer IP']));
  obs.host(row['Computer Name']);
  obs.user(row['User Name']);
  obs.user(row['User Id']);
  const props = row['Match Details']?.match?.properties;
  for (const h of [props?.md5, props?.sha1, props?.sha256]) obs.hash(h);
  const name = row['Intel Name'] ?? row['Event Name'] ?? 'alert';
  const where = row['Computer Name'] ?? row['Computer IP'];
  return parserAlert('tanium', 'tanium.threat_response', obs, {
    title: `Tanium Threat Response: ${name}${where ? ` on ${where}` : ''}`,
    severity: mapSeverity(row.Severity ?? row.Priority) ?? 'medium',
    observedAt: tanTime(row.Timestamp),
    ruleId: row['Intel Id'] ?? row['Event Id'] ?? null,
  });
}

const TargetState = z.object({ target: z.object({ hostname: Str }).nullish().catch(undefined) });

/** The state's `target.hostname`, whether the state is an object or a JSON string. */
function targetHost(state: unknown): string | undefined {
  let value = state;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const r = TargetState.safeParse(value);
  return r.success ? (r.data.target?.hostname ?? undefined) : undefined;
}

/** Elastic: the state's target host name is related.hosts; userName is user.name, userId user.id, both
 * related.user. */
function threatAudit(row: z.infer<typeof ThreatAudit>): Alert {
  const obs = new ObservablesBuilder();
  obs.host(targetHost(row.state));
  obs.user(row.userName);
  obs.user(row.userId);
  return parserAlert('tanium', 'tanium.threat_response', obs, {
    title: `Tanium Threat Response ${row.table ?? 'record'} ${row.action ?? 'change'}${row.userName ? ` by ${row.userName}` : ''}`,
    severity: 'info',
    observedAt: tanTime(row.updatedAt ?? row.createdAt),
    ruleId: row.action ?? null,
  });
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Tanium record');
  switch (r.kind) {
    case 'action_history':
      return actionHistory(r.row);
    case 'client_status':
      return clientStatus(r.row);
    case 'discover':
      return discover(r.row);
    case 'endpoint_config':
      return endpointConfig(r.row);
    case 'reporting':
      return reporting(r.row);
    case 'threat_alert':
      return threatAlert(r.row);
    case 'threat_audit':
      return threatAudit(r.row);
  }
}

export const taniumParser: Parser = {
  name: 'tanium',
  claims: {
    keys: [
      'ActionId',
      'ComputerId',
      'TaniumComputerId',
      'MacOrganization',
      'config_item',
      'Computer Name',
      'Computer IP',
      'table',
    ],
    text: false,
  },
  detect: detectorOf(read),
  parse,
};
