// The ECS-style view of an alert's indicators that `vigil extract` prints and the corpus evaluation scores.
// ECS `related.hosts` often holds domain names too, so for an alert read by key names (the extractor and the
// CEF, LEEF and syslog family parsers) `hosts` here is its hosts followed by its domains. A vendor parser maps
// hosts as that vendor's ECS pipeline does, so its domains stay out. The Alert keeps the two apart throughout.
import type { Alert } from '../../graphs/agents/extraction/contract.js';

export interface EcsIndicators {
  src_ips: string[];
  dst_ips: string[];
  ips: string[];
  users: string[];
  hosts: string[];
}

/** Parsers for one vendor's format, as opposed to the families read by key names. */
const VENDOR_PARSER = /^parser:(?!(?:syslog|cef|leef)$)/;

export function ecsIndicators(alert: Alert): EcsIndicators {
  const o = alert.observables;
  const seen = new Set<string>();
  const hosts = [...o.hosts, ...(VENDOR_PARSER.test(alert.recognizedBy) ? [] : o.domains)].filter((h) => {
    const key = h.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { src_ips: o.srcIps, dst_ips: o.dstIps, ips: o.ips, users: o.users, hosts };
}
