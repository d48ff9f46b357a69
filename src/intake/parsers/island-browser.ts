// Island Enterprise Browser API and SIEM-export records (audit, admin actions, devices, compromised credentials,
// users; camelCase or snake_case keys): addresses, users and machines as Elastic's `island_browser` pipelines map
// them to source.ip, related.ip, user.name/related.user and host.name/related.hosts; URL sites as domains.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'island_browser';

const IslandRecord = z.object({
  tenantId: TextField,
  id: TextField,
  timestamp: TextField,
  createdDate: TextField,
  updatedDate: TextField,
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
  // admin actions
  actionType: TextField,
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

type Stream = 'audit' | 'admin_actions' | 'device' | 'compromised_credential' | 'user';

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

function read(raw: unknown): { stream: Stream; e: IslandRecord } | null {
  if (!isObject(raw)) return null;
  if (!('tenantId' in raw) && !('tenant_id' in raw)) return null;
  const e = IslandRecord.parse(camelKeys(raw));
  if (!e.tenantId) return null;
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

function severityOf(stream: Stream, e: IslandRecord): Severity {
  if (stream === 'audit' && e.verdict && /block|deny|den/i.test(e.verdict)) return 'medium';
  if (stream === 'admin_actions') return 'low';
  if (stream === 'user' && e.userStatus?.startsWith('Blocked')) return 'medium';
  if (stream === 'compromised_credential') return e.status === 'Resolved' ? 'low' : 'high';
  return 'info';
}

function titleOf(stream: Stream, e: IslandRecord): string {
  switch (stream) {
    case 'audit':
      return `Island browser ${e.type ?? 'event'}${e.verdict ? ` (${e.verdict})` : ''} by ${e.userName ?? e.email ?? 'unknown user'}`;
    case 'admin_actions':
      return `Island admin action: ${e.actionType ?? ''} ${e.entityType ?? ''}${e.entityName ? ` ${e.entityName}` : ''} by ${e.email ?? 'unknown admin'}`;
    case 'device':
      return `Island device ${e.machineName ?? e.machineId ?? e.id ?? ''}${e.status ? ` (${e.status})` : ''}`;
    case 'compromised_credential':
      return `Island compromised credential: ${e.email ?? e.username ?? ''}${e.breachSource ? ` in ${e.breachSource}` : ''}`;
    case 'user':
      return `Island user ${e.email ?? e.id ?? ''}${e.userStatus ? ` (${e.userStatus})` : ''}`;
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not an Island Enterprise Browser record');
  const { stream, e } = r;
  const obs = new ObservablesBuilder();
  if (stream === 'audit') {
    // user.name first, then related.user in pipeline order: email, OS user, user id, user name.
    obs.user(e.userName);
    obs.user(e.email);
    obs.user(e.osUserName);
    obs.user(e.userId);
    obs.user(e.userName);
    // host.name, then related.hosts: device id, machine id, machine name.
    obs.host(e.machineName);
    obs.host(e.deviceId);
    obs.host(e.machineId);
    // related.ip: the public (NAT) address, then the source address.
    obs.ip(bareIndicatorIp(e.publicIp) ?? undefined);
    obs.srcIp(bareIndicatorIp(e.sourceIp) ?? undefined);
    obs.domain(urlHostname(e.topLevelUrl));
  } else if (stream === 'admin_actions') {
    if (e.email?.includes('@')) obs.user(e.email);
    obs.user(e.userId);
    obs.srcIp(bareIndicatorIp(e.sourceIp) ?? undefined);
  } else if (stream === 'device') {
    // user.name, then related.user: email, OS user, user id, user name.
    obs.user(e.userName);
    obs.user(e.email);
    obs.user(e.osUserName);
    obs.user(e.userId);
    // host.name, then related.hosts: device id, machine id, machine name.
    obs.host(e.machineName);
    obs.host(e.id);
    obs.host(e.machineId);
    // related.ip only (host.ip): the external address, then the internal one.
    obs.ip(bareIndicatorIp(e.externalIpAddress) ?? undefined);
    obs.ip(bareIndicatorIp(e.internalIpAddress) ?? undefined);
  } else if (stream === 'compromised_credential') {
    obs.user(e.username);
    obs.user(e.email);
    obs.domain(e.impactedDomain);
  } else {
    obs.user(e.firstName);
    obs.user(e.email);
    obs.user(e.userId);
  }
  return parserAlert(NAME, `island_browser.${stream}`, obs, {
    title: titleOf(stream, e).replace(/\s+/g, ' ').trim(),
    severity: severityOf(stream, e),
    observedAt: toIsoTime(e.timestamp ?? e.lastSeen ?? e.updatedDate ?? e.createdDate),
    ruleId:
      stream === 'audit'
        ? (e.ruleId ?? e.ruleName ?? e.type)
        : stream === 'admin_actions'
          ? e.actionType
          : null,
  });
}

export const islandBrowserParser: Parser = { name: NAME, detect, parse, domainsInRelatedHosts: false };
