// Zscaler Private Access LSS JSON records (user activity, user status, App Connector status, browser
// access and admin audit logs), mapped to indicators as Elastic's zscaler_zpa pipelines do.
import { z } from 'zod';
import { canonicalIp } from '../ip.js';
import { lostDigits, ObservablesBuilder } from '../observables-builder.js';
import { asctimeUtc, toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

type Stream = 'user_activity' | 'user_status' | 'app_connector_status' | 'browser_access' | 'audit';

const Fields = z.record(z.string(), z.unknown());
type Fields = z.infer<typeof Fields>;

const has = (e: object, ...keys: string[]): boolean => keys.some((k) => k in e);
const hasAll = (e: object, ...keys: string[]): boolean => keys.every((k) => k in e);

/** The LSS log type a record belongs to, judged by its field names; null when it is none. */
function streamOf(e: object): Stream | null {
  if (hasAll(e, 'AuditOperationType', 'ObjectType') && has(e, 'ModifiedBy', 'AuditNewValue', 'AuditOldValue'))
    return 'audit';
  if (!('LogTimestamp' in e)) return null;
  if (
    has(e, 'ClientPublicIp', 'NameID') &&
    has(e, 'ConnectionID', 'Exporter', 'TimestampRequestReceiveStart')
  )
    return 'browser_access';
  if (
    has(e, 'ClientPublicIP', 'ConnectorZEN', 'ClientZEN') &&
    has(e, 'ConnectionID', 'AppGroup', 'ConnectorIP')
  )
    return 'user_activity';
  if (has(e, 'Connector', 'ConnectorGroup') && has(e, 'SessionStatus', 'DefRouteGW', 'PrimaryDNSResolver'))
    return 'app_connector_status';
  if (hasAll(e, 'SessionStatus', 'Username') && has(e, 'ZEN', 'PublicIP', 'ClientType')) return 'user_status';
  return null;
}

interface LssRecord {
  stream: Stream;
  event: Fields;
}

function asRecord(raw: unknown): LssRecord | null {
  if (!isObject(raw)) return null;
  // Field names first (cheap; every JSON alert passes through here), then the schema.
  const stream = streamOf(raw);
  const parsed = stream ? Fields.safeParse(raw) : null;
  return stream && parsed?.success ? { stream, event: parsed.data } : null;
}

function detect(raw: unknown): boolean {
  return asRecord(raw) !== null;
}

/** A field's text (numbers as written), or null when absent or empty. */
function field(e: Fields, key: string): string | null {
  const v = e[key];
  // An id past 2^53 written as a bare number (`"ModifiedBy": 288263728720249833`) lost digits when parsed.
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && !lostDigits(v) ? String(v) : null;
  return s ? s : null;
}

/** A user as Elastic splits it: an e-mail's local part as `user.name`, the address as `user.email`. */
function login(obs: ObservablesBuilder, value: string | null): void {
  if (!value) return;
  const at = value.indexOf('@');
  if (at > 0) {
    obs.user(value.slice(0, at));
    obs.email(value);
  }
  obs.user(value);
}

function userActivity(e: Fields, obs: ObservablesBuilder): string {
  // Elastic keeps ClientPublicIP as client.ip and ServerIP as server.ip (no source/destination):
  // related.ip is client, application host (when an address), server, client private, connector.
  login(obs, field(e, 'Username'));
  obs.ip(bareIndicatorIp(field(e, 'ClientPublicIP')));
  const host = field(e, 'Host');
  // An address is host.ip (related); a name is host.domain in ECS and goes to related.hosts.
  if (host && canonicalIp(host) === null) obs.host(host);
  else obs.ip(bareIndicatorIp(host));
  obs.ip(bareIndicatorIp(field(e, 'ServerIP')));
  obs.ip(bareIndicatorIp(field(e, 'ClientPrivateIP')));
  obs.ip(bareIndicatorIp(field(e, 'ConnectorIP')));
  // The Service Edges (ZENs) that carried the client's and the connector's sides.
  obs.host(field(e, 'ClientZEN'));
  obs.host(field(e, 'ConnectorZEN'));
  return `Zscaler ZPA ${field(e, 'ConnectionStatus') ?? 'connection'} ${field(e, 'Username') ?? ''} to ${
    field(e, 'Application') ?? host ?? '?'
  }`;
}

function userStatus(e: Fields, obs: ObservablesBuilder): string {
  // Hostname is host.hostname only (not host.name or related.hosts), so it is no indicator here.
  login(obs, field(e, 'Username'));
  obs.ip(bareIndicatorIp(field(e, 'PublicIP')));
  obs.ip(bareIndicatorIp(field(e, 'PrivateIP')));
  return `Zscaler ZPA user ${field(e, 'Username') ?? '?'} ${field(e, 'SessionStatus') ?? ''}`;
}

function appConnectorStatus(e: Fields, obs: ObservablesBuilder): string {
  // The connector is the observer: its gateway (client.nat.ip), public, private and DNS resolver
  // addresses are related only.
  obs.ip(bareIndicatorIp(field(e, 'DefRouteGW')));
  obs.ip(bareIndicatorIp(field(e, 'PublicIP')));
  obs.ip(bareIndicatorIp(field(e, 'PrivateIP')));
  obs.ip(bareIndicatorIp(field(e, 'PrimaryDNSResolver')));
  return `Zscaler ZPA App Connector ${field(e, 'Connector') ?? '?'} ${field(e, 'SessionStatus') ?? ''}`;
}

function browserAccess(e: Fields, obs: ObservablesBuilder): string {
  // NameID is user.name as written: this pipeline does not split an address into name and domain.
  const nameId = field(e, 'NameID');
  obs.user(nameId);
  obs.email(nameId);
  obs.ip(bareIndicatorIp(field(e, 'ClientPublicIp')));
  obs.ip(bareIndicatorIp(field(e, 'ClientPrivateIp')));
  // The application's host is server.address and the URL's domain (not related.hosts).
  const host = field(e, 'Host');
  const protocol = field(e, 'Protocol');
  const path = field(e, 'URL');
  if (host && canonicalIp(host) === null) obs.domain(host);
  if (host && protocol && path) obs.url(`${protocol.toLowerCase()}://${host.toLowerCase()}${path}`);
  return `Zscaler ZPA browser access ${field(e, 'Method') ?? ''} ${host ?? ''}${path ?? ''} ${
    field(e, 'StatusCode') ?? ''
  }`;
}

/** An audit value: a JSON object, possibly written as a JSON string. */
function auditValue(value: unknown): Fields | null {
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      const parsed = Fields.safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  const parsed = Fields.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function audit(e: Fields, obs: ObservablesBuilder): string {
  const operation = field(e, 'AuditOperationType') ?? '';
  const objectType = (field(e, 'ObjectType') ?? '').toLowerCase();
  const op = operation.toLowerCase();
  const values = auditValue(
    op === 'delete' || op === 'sign out' ? e['AuditOldValue'] : op ? e['AuditNewValue'] : undefined,
  );
  // The administrator (User) is user.name, the numeric ModifiedBy id is related.user too.
  obs.user(field(e, 'User'));
  obs.user(field(e, 'ModifiedBy'));
  if (values && objectType === 'authentication') {
    // remoteIP may list several addresses (`a, b`): each is client.ip and related.ip.
    for (const part of (field(values, 'remoteIP') ?? '').split(',')) obs.ip(bareIndicatorIp(part));
  } else if (values && objectType === 'server') {
    obs.ip(bareIndicatorIp(field(values, 'domainOrIpAddress')));
  }
  return `Zscaler ZPA audit ${operation} ${field(e, 'ObjectType') ?? ''} ${field(e, 'ObjectName') ?? ''}`;
}

const MAPPERS: { [S in Stream]: (e: Fields, obs: ObservablesBuilder) => string } = {
  user_activity: userActivity,
  user_status: userStatus,
  app_connector_status: appConnectorStatus,
  browser_access: browserAccess,
  audit,
};

function severityOf(stream: Stream, e: Fields): 'low' | 'info' {
  if (stream === 'audit') return /failure/i.test(field(e, 'AuditOperationType') ?? '') ? 'low' : 'info';
  const status = field(e, 'SessionStatus') ?? field(e, 'ConnectionStatus') ?? '';
  return /fail|error|den(y|ied)|reject/i.test(status) ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asRecord(raw);
  if (!rec) throw new Error('not a Zscaler ZPA LSS record');
  const e = rec.event;
  const obs = new ObservablesBuilder();
  const title = MAPPERS[rec.stream](e, obs).replace(/\s+/g, ' ').trim();
  return parserAlert('zscaler_zpa', `zscaler_zpa.${rec.stream}`, obs, {
    title,
    severity: severityOf(rec.stream, e),
    observedAt:
      rec.stream === 'audit'
        ? toIsoTime(field(e, 'ModifiedTime') ?? field(e, 'CreationTime'))
        : asctimeUtc(field(e, 'LogTimestamp')),
    ruleId:
      rec.stream === 'audit'
        ? field(e, 'AuditOperationType')
        : (field(e, 'Policy') ?? field(e, 'SessionStatus') ?? field(e, 'ConnectionStatus')),
  });
}

export const zscalerZpaParser: Parser = {
  name: 'zscaler_zpa',
  claims: { keys: ['AuditOperationType', 'LogTimestamp'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
