// What makes two alerts "the same" (fingerprint) and what they are about (entities, for linking).
import type { Entity } from '../../db/repositories/case-entities.js';
import { type Alert, subjectUsers, UNRECOGNISED_TITLE } from '../../graphs/agents/extraction/contract.js';
import { digest } from '../../graphs/lib/digest.js';
import { isBlockable } from '../../graphs/lib/ip-scope.js';

const norm = (values: string[]): string[] => [...new Set(values.map((v) => v.toLowerCase()))].sort();

/**
 * Format, rule (or title when there is no rule) and the key entities: repeats of one alert share it. An alert
 * Vigil could not name (no rule, the fallback title) and that names no entity at all says nothing that would
 * make two of them the same, so only the same bytes (`rawDigest`) are a repeat of it.
 */
export function fingerprintOf(alert: Alert, rawDigest: string): string {
  const o = alert.observables;
  const anonymous =
    alert.ruleId === null &&
    alert.title === UNRECOGNISED_TITLE &&
    Object.values(o).every((list) => !list?.length);
  return digest({
    format: alert.format,
    rule: alert.ruleId ?? alert.title,
    src: norm(o.srcIps),
    dst: norm(o.dstIps),
    users: norm(subjectUsers(o)),
    hosts: norm(o.hosts),
    ...(anonymous ? { raw: rawDigest } : {}),
  });
}

/**
 * A bare number or UUID is some vendor's internal id (a user id of -1, a numeric asset id): two alerts from
 * different tools that share one say nothing about sharing a person or a machine.
 */
const ID_LIKE = /^-?\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const namesSomething = (value: string): boolean => value.length > 1 && !ID_LIKE.test(value);

/** Entities worth linking on: real addresses (not loopback, broadcast…), user and host names (not bare ids). */
export function entitiesOf(alert: Alert): Entity[] {
  const o = alert.observables;
  const ips = norm([...o.srcIps, ...o.dstIps, ...o.ips]).filter(isBlockable);
  return [
    ...ips.map((value) => ({ kind: 'ip' as const, value })),
    ...norm(subjectUsers(o))
      .filter(namesSomething)
      .map((value) => ({ kind: 'user' as const, value })),
    ...norm(o.hosts)
      .filter(namesSomething)
      .map((value) => ({ kind: 'host' as const, value })),
  ].slice(0, 64);
}
