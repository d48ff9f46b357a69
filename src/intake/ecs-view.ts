// The ECS-style view of an alert's indicators that `vigil extract` prints and the corpus evaluation scores.
// ECS `related.hosts` usually holds domain names too, so `hosts` here is the alert's hosts followed by its
// domains, unless the parser that read it says its vendor's pipeline keeps them out (`domainsInRelatedHosts`).
// The Alert itself keeps hosts and domains apart throughout.
import type { Alert } from '../../graphs/agents/extraction/contract.js';
import { parsers } from './parsers/index.js';

export interface EcsIndicators {
  src_ips: string[];
  dst_ips: string[];
  ips: string[];
  users: string[];
  hosts: string[];
}

/**
 * For each parser whose vendors keep domain names out of related.hosts (`recognizedBy`), the formats it reads
 * whose pipelines relate them after all.
 */
const DOMAINS_APART = new Map<string, readonly string[]>(
  parsers.flatMap((p) => {
    const rule = p.domainsInRelatedHosts;
    if (rule === false) return [[`parser:${p.name}`, []]];
    return Array.isArray(rule) ? [[`parser:${p.name}`, rule]] : [];
  }),
);

const domainsApart = (alert: Alert): boolean => {
  const relatedIn = DOMAINS_APART.get(alert.recognizedBy);
  return relatedIn !== undefined && !relatedIn.includes(alert.format);
};

export function ecsIndicators(alert: Alert): EcsIndicators {
  const o = alert.observables;
  const seen = new Set<string>();
  const hosts = [...o.hosts, ...(domainsApart(alert) ? [] : o.domains)].filter((h) => {
    const key = h.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { src_ips: o.srcIps, dst_ips: o.dstIps, ips: o.ips, users: o.users, hosts };
}
