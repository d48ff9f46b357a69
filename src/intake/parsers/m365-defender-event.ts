// Microsoft 365 Defender advanced hunting records streamed through Event Hub (`category`
// `AdvancedHunting-<Table>`, the row in `properties`): the Device* tables (process, network, logon, file,
// registry, image-load, device info), the Alert* and Behavior* tables (alert info and evidence, behaviours and
// their entities) and the identity, cloud app, cloud, e-mail and Teams message tables, mapped as Elastic's
// `m365_defender.event` pipelines map them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, localPart, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const PREFIX = 'AdvancedHunting-';

/** A JSON column the export writes either as JSON text or already decoded; undefined when it is neither. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

const Direction = z.object({ direction: TextField }).catch({ direction: undefined });
const LoggedOnUsers = z.array(z.object({ UserName: TextField }).catch({ UserName: undefined })).catch([]);

const DeviceRow = z.object({
  ActionType: TextField,
  DeviceId: TextField,
  DeviceName: TextField,
  Timestamp: TextField,
  PublicIP: TextField,
  LocalIP: TextField,
  RemoteIP: TextField,
  RemoteUrl: TextField,
  RequestSourceIP: TextField,
  FileOriginIP: TextField,
  IPv4Dhcp: TextField,
  IPv6Dhcp: TextField,
  AccountName: TextField,
  AccountDomain: TextField,
  RequestAccountName: TextField,
  RequestAccountDomain: TextField,
  InitiatingProcessAccountName: TextField,
  InitiatingProcessAccountDomain: TextField,
  FileName: TextField,
  ProcessCommandLine: TextField,
  InitiatingProcessCommandLine: TextField,
  MD5: TextField,
  SHA1: TextField,
  SHA256: TextField,
  InitiatingProcessMD5: TextField,
  InitiatingProcessSHA1: TextField,
  InitiatingProcessSHA256: TextField,
  AdditionalFields: z.unknown().optional(),
  LoggedOnUsers: z.unknown().optional(),
});
type DeviceRow = z.infer<typeof DeviceRow>;

/** An AlertInfo / AlertEvidence row: the alert's title and severity, and one evidence entity. */
const AlertRow = z.object({
  AlertId: TextField,
  Title: TextField,
  Severity: TextField,
  Category: TextField,
  Timestamp: TextField,
  DeviceName: TextField,
  DeviceId: TextField,
  RemoteIP: TextField,
  LocalIP: TextField,
  RemoteUrl: TextField,
  AccountName: TextField,
  AccountDomain: TextField,
  AccountObjectId: TextField,
  SHA1: TextField,
  SHA256: TextField,
});
type AlertRow = z.infer<typeof AlertRow>;

const Envelope = z.object({
  category: z.string().startsWith(PREFIX),
  time: TextField,
  properties: z.record(z.string(), z.unknown()),
});

/** A row of the identity, cloud app, cloud, e-mail and Teams message tables. */
const ActivityRow = z.object({
  ActionType: TextField,
  Timestamp: TextField,
  Application: TextField,
  OperationName: TextField,
  Subject: TextField,
  QueryTarget: TextField,
  IPAddress: TextField,
  DestinationIPAddress: TextField,
  SenderIPv4: TextField,
  SenderIPv6: TextField,
  AccountName: TextField,
  AccountDisplayName: TextField,
  AccountId: TextField,
  AccountDomain: TextField,
  DeviceName: TextField,
  SenderFromAddress: TextField,
  RecipientEmailAddress: TextField,
  SenderEmailAddress: TextField,
  SenderFromDomain: TextField,
  UrlDomain: TextField,
  Url: TextField,
  SHA256: TextField,
  ThreatTypes: TextField,
});
type ActivityRow = z.infer<typeof ActivityRow>;

type Record_ =
  | { kind: 'device'; table: string; time: string | undefined; row: DeviceRow }
  | { kind: 'alert'; table: string; time: string | undefined; row: AlertRow }
  | { kind: 'activity'; table: string; time: string | undefined; row: ActivityRow };

/** The tables read as activity rows (the identity, cloud app, cloud, e-mail and Teams message tables). */
const ACTIVITY_TABLE = /^(?:Identity|Cloud|Email|Message|Url)/;

function read(raw: unknown): Record_ | null {
  if (!isObject(raw) || !('properties' in raw)) return null;
  // An advanced hunting table's category, before the schema: Azure's other records have a category too.
  if (!('category' in raw) || typeof raw.category !== 'string' || !raw.category.startsWith(PREFIX))
    return null;
  const e = Envelope.safeParse(raw);
  if (!e.success) return null;
  const table = e.data.category.slice(PREFIX.length);
  const time = e.data.time;
  if (table.startsWith('Alert') || table.startsWith('Behavior')) {
    const row = AlertRow.safeParse(e.data.properties);
    return row.success ? { kind: 'alert', table, time, row: row.data } : null;
  }
  if (ACTIVITY_TABLE.test(table)) {
    const row = ActivityRow.safeParse(e.data.properties);
    return row.success ? { kind: 'activity', table, time, row: row.data } : null;
  }
  if (!table.startsWith('Device')) return null;
  const row = DeviceRow.safeParse(e.data.properties);
  return row.success ? { kind: 'device', table, time, row: row.data } : null;
}

/** The pipeline's event.category for a Device* table (null: no source/destination mapping at all). */
function categoryOf(table: string): string | null {
  const t = table.toLowerCase();
  if (t.includes('devicelogonevents')) return 'authentication';
  if (t.includes('deviceevents') || t.includes('deviceinfo')) return 'host';
  if (t.includes('devicefileevents') || t.includes('devicefilecertificateinfo')) return 'file';
  if (t.includes('deviceprocessevents')) return 'process';
  if (t.includes('deviceimageloadevents')) return 'library';
  if (t.includes('devicenetworkevents') || t.includes('devicenetworkinfo')) return 'network';
  if (t.includes('deviceregistryevents')) return 'registry';
  return null;
}

/** The last non-empty of the values, as a run of `set … ignore_empty_value` processors leaves the field. */
const lastOf = (...values: Array<string | undefined>): string | undefined =>
  values.filter((v): v is string => v !== undefined).pop();

/**
 * Source and destination as the pipeline sets them: a logon's remote address is its source; a connection's
 * `AdditionalFields.direction` (In/Out) decides which end is local; without one the local address is the source
 * and the remote the destination; a file event's request source address wins over the local one.
 */
function endpoints(category: string | null, row: DeviceRow): { src?: string; dst?: string } {
  if (category === null) return {};
  const direction = Direction.parse(decoded(row.AdditionalFields) ?? {}).direction;
  const auth = category === 'authentication';
  const network = category === 'network';
  const src = lastOf(
    auth ? row.RemoteIP : undefined,
    network && direction === 'In' ? row.RemoteIP : undefined,
    !auth && direction === undefined ? row.LocalIP : undefined,
    network && direction === 'Out' ? row.LocalIP : undefined,
    category === 'file' ? row.RequestSourceIP : undefined,
  );
  const dst = lastOf(
    network && direction === 'Out' ? row.RemoteIP : undefined,
    !auth && direction === undefined ? row.RemoteIP : undefined,
    network && direction === 'In' ? row.LocalIP : undefined,
  );
  return { src, dst };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Microsoft 365 Defender advanced hunting record');
  if (r.kind === 'alert') return parseAlertRow(r.table, r.time, r.row);
  return r.kind === 'activity'
    ? parseActivityRow(r.table, r.time, r.row)
    : parseDeviceRow(r.table, r.time, r.row);
}

/**
 * The identity, cloud app, cloud, e-mail and message pipelines: the client's address is related (a query's
 * target is the destination, a mail's sending server the source); the account, its display name and id are
 * users; e-mail parties are users whole (a Teams message's sender also by name); the device and the account's
 * domain are hosts, and so are a sender's and a URL's domain, which these pipelines relate.
 */
function parseActivityRow(
  table: string,
  time: string | undefined,
  row: ActivityRow,
): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(row.SenderIPv4);
  obs.srcIp(row.SenderIPv6);
  obs.dstIp(row.DestinationIPAddress);
  obs.ip(row.IPAddress);
  obs.user(row.AccountName ?? row.AccountDisplayName);
  obs.user(row.AccountId);
  for (const address of [row.SenderFromAddress, row.RecipientEmailAddress, row.SenderEmailAddress]) {
    obs.email(address);
    if (address && table.startsWith('Message')) obs.user(localPart(address));
    obs.user(address);
  }
  obs.host(row.DeviceName?.toLowerCase());
  obs.host(row.AccountDomain);
  for (const domain of [row.SenderFromDomain, row.UrlDomain]) {
    obs.host(domain);
    obs.domain(domain);
  }
  obs.url(row.Url);
  obs.hash(row.SHA256);
  const what = row.ActionType ?? row.OperationName ?? row.QueryTarget ?? row.Application ?? row.Subject;
  // A mail or message Defender found a threat in (`ThreatTypes: Phish, Malware`) is a detection.
  const threat = row.ThreatTypes?.trim();
  return parserAlert(m365DefenderEventParser.name, 'm365_defender.event', obs, {
    title: `${what ? `${table}: ${what}` : table}${threat ? ` (${threat})` : ''}`,
    severity: threat ? 'medium' : 'info',
    observedAt: toIsoTime(row.Timestamp ?? time),
    ruleId: row.ActionType ? `${table}:${row.ActionType}` : table,
  });
}

/**
 * The alert pipeline: the evidence's address is the source (the remote one; Elastic's current output takes the
 * local one when there is no remote) and every address is related; host.name is the device name lower-cased,
 * related.hosts adds the account's domain and the device id; the account name and object id are users.
 */
function parseAlertRow(table: string, time: string | undefined, row: AlertRow): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(row.RemoteIP ?? row.LocalIP);
  obs.ip(row.LocalIP);
  obs.user(row.AccountName);
  obs.user(row.AccountObjectId);
  obs.host(row.DeviceName?.toLowerCase());
  obs.host(row.AccountDomain);
  obs.host(row.DeviceId);
  obs.hash(row.SHA1);
  obs.hash(row.SHA256);
  if (row.RemoteUrl) {
    obs.url(row.RemoteUrl);
    obs.domain(urlHostname(row.RemoteUrl) ?? row.RemoteUrl);
  }
  return parserAlert(m365DefenderEventParser.name, 'm365_defender.event', obs, {
    title: row.Title ?? `${table}${row.Category ? ` ${row.Category}` : ''}`,
    severity: mapSeverity(row.Severity) ?? 'medium',
    observedAt: toIsoTime(row.Timestamp ?? time),
    ruleId: row.AlertId ?? null,
  });
}

function parseDeviceRow(
  table: string,
  time: string | undefined,
  row: DeviceRow,
): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder(false);
  const { src, dst } = endpoints(categoryOf(table), row);

  // related.ip: file origin, source, destination, public address, DHCP servers (in that order).
  obs.ip(row.FileOriginIP);
  obs.srcIp(src);
  obs.ip(src);
  obs.dstIp(dst);
  obs.ip(dst);
  obs.ip(row.PublicIP);
  obs.ip(row.IPv4Dhcp);
  obs.ip(row.IPv6Dhcp);

  // user.name: the request account over the row's account; related.user adds logged-on users and the
  // initiating process's account.
  obs.user(lastOf(row.AccountName, row.RequestAccountName));
  for (const u of LoggedOnUsers.parse(decoded(row.LoggedOnUsers) ?? [])) obs.user(u.UserName);
  obs.user(row.InitiatingProcessAccountName);

  // host.name is the device name lower-cased; related.hosts the device id, that name, the user's and the
  // initiating process's account domains.
  obs.host(row.DeviceName?.toLowerCase());
  obs.host(row.DeviceId);
  obs.host(lastOf(row.RequestAccountDomain, row.AccountDomain));
  obs.host(row.InitiatingProcessAccountDomain);

  if (row.RemoteUrl) {
    obs.url(row.RemoteUrl);
    obs.domain(urlHostname(row.RemoteUrl) ?? row.RemoteUrl);
  }
  for (const h of [row.MD5, row.SHA1, row.SHA256, row.InitiatingProcessMD5, row.InitiatingProcessSHA1])
    obs.hash(h);
  obs.hash(row.InitiatingProcessSHA256);

  const what = row.ActionType ? `${table} ${row.ActionType}` : table;
  const on = row.DeviceName ?? row.DeviceId;
  return parserAlert(m365DefenderEventParser.name, 'm365_defender.event', obs, {
    title: on ? `${what} on ${on}` : what,
    severity: 'info',
    observedAt: toIsoTime(row.Timestamp ?? time),
    ruleId: row.ActionType ? `${table}:${row.ActionType}` : table,
  });
}

export const m365DefenderEventParser: Parser = {
  name: 'm365_defender.event',
  claims: { keys: ['category'], text: false },
  // The pipeline keeps a connection's remote URL out of related.hosts.
  domainsInRelatedHosts: false,
  detect: detectorOf(read),
  parse,
};
