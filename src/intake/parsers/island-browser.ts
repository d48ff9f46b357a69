// Island Enterprise Browser records, from its API (camelCase) or its SIEM export (snake_case, routed by `source`):
// audit, admin actions, devices, compromised credentials and users, with addresses, users and machines as
// Elastic's `island_browser` pipelines map them to source.ip, related.ip, user.name/related.user, related.hosts.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'island_browser';

/**
 * The fields Vigil reads, by their camelCase names. A compromised credential's password or secret is never
 * read, so it can never reach the alert.
 */
const IslandRecord = z.object({
  tenantId: TextField,
  id: TextField,
  timestamp: TextField,
  createdDate: TextField,
  updatedDate: TextField,
  /** The SIEM export's stream: `BrowserAudit` or `AdminAction`. */
  source: TextField,
  auditType: TextField,
  // audit
  type: TextField,
  verdict: TextField,
  verdictReason: TextField,
  clientEventId: TextField,
  deviceId: TextField,
  machineId: TextField,
  machineName: TextField,
  email: TextField,
  osUserName: TextField,
  userId: TextField,
  userName: TextField,
  publicIp: TextField,
  sourceIp: TextField,
  topLevelUrl: TextField,
  ruleId: TextField,
  ruleName: TextField,
  // admin actions (the SIEM export names the action `action`)
  actionType: TextField,
  action: TextField,
  actionDomain: TextField,
  entityType: TextField,
  entityName: TextField,
  // devices
  islandPlatform: TextField,
  browserVersion: TextField,
  lastSeen: TextField,
  externalIpAddress: TextField,
  internalIpAddress: TextField,
  status: TextField,
  // compromised credentials
  breachSource: TextField,
  impactedDomain: TextField,
  username: TextField,
  // users
  firstName: TextField,
  lastName: TextField,
  userStatus: TextField,
  userType: TextField,
  userSource: TextField,
});
type IslandRecord = z.infer<typeof IslandRecord>;

type Stream = 'audit' | 'admin_actions' | 'device' | 'compromised_credential' | 'user' | 'siem_event';

/** The SIEM export's `source` values and the data stream Elastic routes each to. */
const SIEM_SOURCES: ReadonlyMap<string, Stream> = new Map([
  ['BrowserAudit', 'audit'],
  ['AdminAction', 'admin_actions'],
]);

/** Copies snake_case keys to camelCase ones that are absent, as the audit pipeline does for SIEM exports. */
function camelKeys(raw: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(raw)) {
    if (!key.includes('_')) continue;
    const camel = key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    if (!(camel in out)) out[camel] = value;
  }
  return out;
}

/**
 * Keys one of which every record type below needs (either spelling), checked before the schema so that other
 * vendors' records with a tenant id (Azure's, for one) cost a few key lookups.
 */
const GATE_KEYS = [
  'entityType',
  'entity_type',
  'verdict',
  'clientEventId',
  'client_event_id',
  'machineId',
  'machine_id',
  'machineName',
  'machine_name',
  'breachSource',
  'breach_source',
  'userStatus',
  'user_status',
  'userType',
  'user_type',
  'userSource',
  'user_source',
];

function siemSourceOf(raw: object): string {
  const value = 'source' in raw ? raw.source : 'audit_type' in raw ? raw.audit_type : undefined;
  return typeof value === 'string' ? value : '';
}

function siemStream(e: IslandRecord): Stream | null {
  return SIEM_SOURCES.get(e.source ?? e.auditType ?? '') ?? null;
}

function read(raw: unknown): { stream: Stream; e: IslandRecord } | null {
  if (!isObject(raw)) return null;
  const hasTenant = 'tenantId' in raw || 'tenant_id' in raw;
  // Island's records carry the SIEM export's own `source` (or `audit_type`) value, or a tenant id and a key of
  // GATE_KEYS: checked before any key copying or schema work, as many vendors' records carry either.
  const siemSource = SIEM_SOURCES.has(siemSourceOf(raw));
  if (!siemSource && (!hasTenant || !GATE_KEYS.some((k) => k in raw))) return null;
  const e = IslandRecord.parse(camelKeys(raw));
  const siem = siemStream(e);
  if (!e.tenantId) {
    // The SIEM router's own test records carry nothing but the `source` that routes them.
    return siem && !e.id && Object.keys(raw).length <= 3 ? { stream: 'siem_event', e } : null;
  }
  if (siem && e.id) return { stream: siem, e };
  if (e.actionType && e.entityType) return { stream: 'admin_actions', e };
  if (e.id && e.type && (e.verdict || e.clientEventId) && e.timestamp) return { stream: 'audit', e };
  if (e.id && (e.machineId || e.machineName) && (e.islandPlatform || e.browserVersion || e.lastSeen)) {
    return { stream: 'device', e };
  }
  if (e.id && e.breachSource && (e.email || e.username)) return { stream: 'compromised_credential', e };
  if (e.id && e.email && (e.userStatus || e.userType || e.userSource)) return { stream: 'user', e };
  return null;
}

const detect = detectorOf(read);

/**
 * A device's internal addresses: one address, `adapter/address`, or several such joined by `|`
 * (`192.0.2.10 | Ethernet0/198.51.100.20 | Wi-Fi/203.0.113.30`); adapters without an address are skipped.
 */
function internalAddresses(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split('|')
    .map((part) => bareIndicatorIp(part.trim().split('/').pop()))
    .filter((ip): ip is string => ip !== null);
}

function severityOf(stream: Stream, e: IslandRecord): Severity {
  switch (stream) {
    case 'audit':
      if (e.verdict && /^(?:block|isolat)/i.test(e.verdict)) return 'medium';
      return e.verdict && /^warn/i.test(e.verdict) ? 'low' : 'info';
    case 'admin_actions':
      return 'low';
    case 'device':
      return e.status && /^(?:block|suspicious)/i.test(e.status) ? 'medium' : 'info';
    case 'user':
      return e.userStatus && /^block/i.test(e.userStatus) ? 'medium' : 'info';
    case 'compromised_credential':
      return e.status === 'Resolved' ? 'low' : 'high';
    case 'siem_event':
      return 'info';
  }
}

function titleOf(stream: Stream, e: IslandRecord): string {
  switch (stream) {
    case 'audit':
      return `Island browser ${e.type ?? 'event'}${e.verdict ? ` (${e.verdict})` : ''} by ${e.userName ?? e.email ?? 'unknown user'}`;
    case 'admin_actions':
      return `Island admin action: ${e.actionType ?? e.action ?? ''} ${e.entityType ?? ''}${e.entityName ? ` ${e.entityName}` : ''} by ${e.email ?? 'unknown admin'}`;
    case 'device':
      return `Island device ${e.machineName ?? e.machineId ?? e.id ?? ''}${e.status ? ` (${e.status})` : ''}`;
    case 'compromised_credential':
      return `Island compromised credential: ${e.email ?? e.username ?? ''}${e.breachSource ? ` in ${e.breachSource}` : ''}`;
    case 'user':
      return `Island user ${e.email ?? e.id ?? ''}${e.userStatus ? ` (${e.userStatus})` : ''}`;
    case 'siem_event':
      return `Island SIEM event (${e.source ?? e.auditType ?? 'unknown source'})`;
  }
}

function ruleIdOf(stream: Stream, e: IslandRecord): string | null {
  if (stream === 'audit') return e.ruleId ?? e.ruleName ?? e.type ?? null;
  if (stream === 'admin_actions') return e.actionType ?? e.action ?? null;
  return null;
}

/** Adds what every stream's pipeline reads alike: user.name, then related.user in pipeline order. */
function addUsers(
  obs: ObservablesBuilder,
  userName: string | undefined,
  related: (string | undefined)[],
): void {
  obs.user(userName);
  for (const u of related) obs.user(u);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not an Island Enterprise Browser record');
  const { stream, e } = r;
  const obs = new ObservablesBuilder();
  if (e.email?.includes('@')) obs.email(e.email);
  switch (stream) {
    case 'audit':
      addUsers(obs, e.userName, [e.email, e.osUserName, e.userId]);
      // host.name, then related.hosts: device id, machine id, machine name.
      obs.host(e.machineName);
      obs.host(e.deviceId);
      obs.host(e.machineId);
      // related.ip: the public (source NAT) address, then the source address.
      obs.ip(bareIndicatorIp(e.publicIp) ?? undefined);
      obs.srcIp(bareIndicatorIp(e.sourceIp) ?? undefined);
      obs.url(e.topLevelUrl);
      obs.domain(urlHostname(e.topLevelUrl));
      break;
    case 'admin_actions':
      // The e-mail field also names API keys (`API|<key name>`): only an address is a user.
      addUsers(obs, undefined, [e.email?.includes('@') ? e.email : undefined, e.userId]);
      obs.srcIp(bareIndicatorIp(e.sourceIp) ?? undefined);
      break;
    case 'device':
      addUsers(obs, e.userName, [e.email, e.osUserName, e.userId]);
      obs.host(e.machineName);
      obs.host(e.id);
      obs.host(e.machineId);
      // host.ip and related.ip, never source.ip: the external address, then the internal ones.
      obs.ip(bareIndicatorIp(e.externalIpAddress) ?? undefined);
      for (const ip of internalAddresses(e.internalIpAddress)) obs.ip(ip);
      break;
    case 'compromised_credential':
      addUsers(obs, e.username, [e.email]);
      // source.registered_domain, not related.hosts; reported as a domain.
      obs.domain(e.impactedDomain);
      break;
    case 'user':
      // user.name is the first name.
      addUsers(obs, e.firstName, [e.email, e.userId]);
      break;
    case 'siem_event':
      break;
  }
  return parserAlert(NAME, `island_browser.${stream}`, obs, {
    title: titleOf(stream, e).replace(/\s+/g, ' ').trim(),
    severity: severityOf(stream, e),
    observedAt: toIsoTime(e.timestamp ?? e.lastSeen ?? e.updatedDate ?? e.createdDate),
    ruleId: ruleIdOf(stream, e),
  });
}

export const islandBrowserParser: Parser = {
  name: NAME,
  claims: { keys: ['source', 'audit_type', 'tenantId', 'tenant_id'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
