// The ECS-style view of an alert's indicators that `vigil extract` prints and the corpus evaluation scores.
// ECS `related.hosts` holds every host identifier seen, domain names included, so `hosts` here is the alert's
// hosts followed by its domains; the Alert itself keeps them apart (a host can be isolated, a domain blocked).
import type { Alert } from '../../graphs/agents/extraction/contract.js';

export interface EcsIndicators {
  src_ips: string[];
  dst_ips: string[];
  ips: string[];
  users: string[];
  hosts: string[];
}

export function ecsIndicators(alert: Alert): EcsIndicators {
  const o = alert.observables;
  const seen = new Set<string>();
  const hosts = [...o.hosts, ...o.domains].filter((h) => {
    const key = h.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { src_ips: o.srcIps, dst_ips: o.dstIps, ips: o.ips, users: o.users, hosts };
}
