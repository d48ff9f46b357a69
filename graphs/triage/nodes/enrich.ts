// enrich: the enrichment role. Looks the alert's addresses up in GeoIP and threat intelligence, its hosts in
// the EDR (asset context and tags) and its users in the identity provider, and keeps every answer as a fact
// with its source, time and query (the evidence bundle; the thread shows it in the investigation note).
import { digest } from '../../lib/digest.js';
import { lookupSubjects } from '../investigation.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makeEnrich(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { ips, hosts, users } = lookupSubjects(state.alert);
    if (!ips.length && !hosts.length && !users.length) return { evidence: [] };
    const found = await Promise.all([
      deps.enricher.enrichIps(ips, state.caseId),
      deps.enricher.enrichHosts(hosts, state.caseId),
      deps.enricher.enrichUsers(users, state.caseId),
    ]);
    const evidence = found.flat();
    if (!evidence.length) return { evidence };
    deps.audit.record({
      type: 'evidence.collected',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        facts: evidence.length,
        sources: [...new Set(evidence.map((f) => f.source))],
        digest: digest(evidence),
      },
    });
    return { evidence };
  };
}
