// What makes two alerts "the same" (fingerprint) and what they are about (entities, for linking).
import type { Entity } from '../../db/repositories/case-entities.js';
import { type Alert, subjectUsers, UNRECOGNISED_TITLE } from '../../graphs/agents/extraction/contract.js';
import { digest } from '../../graphs/lib/digest.js';
import { isBlockable } from '../../graphs/lib/ip-scope.js';

const norm = (values: string[]): string[] => [...new Set(values.map((v) => v.toLowerCase()))].sort();

/**
 * Format, rule (or title when there is no rule) and the key entities: repeats of one alert share it. The key
 * entities are its source and destination addresses, its subject users and its hosts; an alert that names none
 * of those (an IOC hit from a tool Vigil has no parser for, an address it could give no role) is about the
 * indicators it does name, so those tell it apart instead: each attacker address or file hash its own case. An
 * alert Vigil could not name (no rule, the fallback title) that names nothing at all says nothing that would
 * make two of them the same, so only the same bytes (`rawDigest`) are a repeat of it. A person's request
 * (`/vigil block`) is the same as another request for the same action on the same address, and never an alert.
 */
export function fingerprintOf(alert: Alert, rawDigest: string): string {
  const o = alert.observables;
  const users = subjectUsers(o);
  const keyless = !o.srcIps.length && !o.dstIps.length && !users.length && !o.hosts.length;
  const indicators = keyless
    ? {
        ips: norm(o.ips),
        domains: norm(o.domains),
        urls: norm(o.urls),
        hashes: norm(o.hashes),
        emails: norm(o.emails),
      }
    : {};
  const anonymous =
    alert.ruleId === null &&
    alert.title === UNRECOGNISED_TITLE &&
    Object.values(o).every((list) => !list?.length);
  return digest({
    format: alert.format,
    rule: alert.ruleId ?? alert.title,
    src: norm(o.srcIps),
    dst: norm(o.dstIps),
    users: norm(users),
    hosts: norm(o.hosts),
    ...indicators,
    ...(anonymous ? { raw: rawDigest } : {}),
    // A person's request is never the same as an alert, whatever the alert names: only another request is.
    ...(alert.request ? { request: alert.request.action } : {}),
  });
}

/**
 * A bare number or UUID is some vendor's internal id (a user id of -1, a numeric asset id): two alerts from
 * different tools that share one say nothing about sharing a person or a machine.
 */
const ID_LIKE = /^-?\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const namesSomething = (value: string): boolean => value.length > 1 && !ID_LIKE.test(value);

/**
 * Accounts every machine has (Windows' built-in principals, Unix's root and service users): the same name on two
 * machines is two accounts, so two alerts that share only one say nothing about sharing a person. Named with
 * its domain as an address (`administrator@corp.example`) it is one account, and still links.
 */
const GENERIC_USERS: ReadonlySet<string> = new Set([
  'system',
  'local system',
  'localsystem',
  'local service',
  'localservice',
  'network service',
  'networkservice',
  'anonymous logon',
  'anonymous',
  'administrator',
  'admin',
  'guest',
  'defaultaccount',
  'iusr',
  'root',
  'nobody',
  'daemon',
  'www-data',
  'sa',
]);

/** Host names every machine answers to, or that name a workgroup rather than a machine. */
const GENERIC_HOSTS: ReadonlySet<string> = new Set([
  'localhost',
  'localhost.localdomain',
  'localdomain',
  'ip6-localhost',
  'ip6-loopback',
  'workgroup',
]);

/**
 * Entities worth linking on: real addresses (not loopback, broadcast…), user and host names (not bare ids, nor
 * names every machine has).
 */
export function entitiesOf(alert: Alert): Entity[] {
  const o = alert.observables;
  const ips = norm([...o.srcIps, ...o.dstIps, ...o.ips]).filter(isBlockable);
  return [
    ...ips.map((value) => ({ kind: 'ip' as const, value })),
    ...norm(subjectUsers(o))
      .filter((user) => namesSomething(user) && !GENERIC_USERS.has(user))
      .map((value) => ({ kind: 'user' as const, value })),
    ...norm(o.hosts)
      .filter((host) => namesSomething(host) && !GENERIC_HOSTS.has(host))
      .map((value) => ({ kind: 'host' as const, value })),
  ].slice(0, 64);
}

/**
 * The entities an alert may be linked to an open case by: not addresses inside the organisation's own networks
 * (an egress proxy, a NAT gateway or a resolver is in every other alert, and would tie unrelated attacks
 * together); they stay recorded on the case, and an internal machine links by its host name instead.
 */
export const linkKeys = (entities: Entity[], ipInternal: (ip: string) => boolean): Entity[] =>
  entities.filter((e) => e.kind !== 'ip' || !ipInternal(e.value));
