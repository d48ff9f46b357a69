// enrich: looks the alert's addresses up in GeoIP and threat intelligence and keeps every answer as a fact
// with its source, time and query (the evidence bundle), then shows the findings in the thread.
import { digest } from '../../lib/digest.js';
import { isBlockable } from '../../lib/ip-scope.js';
import type { EvidenceFact } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** At most this many addresses per case are looked up (an alert listing hundreds is a scan, not a story). */
const MAX_IPS = 20;

function lineFor(ip: string, facts: EvidenceFact[]): string {
  const about = facts.filter((f) => f.subject === `ip ${ip}`);
  const place = about.find((f) => 'country' in f.fact);
  const where = place
    ? [place.fact.country, place.fact.city].filter((v) => typeof v === 'string').join(', ')
    : '';
  const verdicts = about
    .filter((f) => 'verdict' in f.fact)
    .map((f) => {
      const threats =
        Array.isArray(f.fact.threats) && f.fact.threats.length ? ` (${f.fact.threats.join(', ')})` : '';
      return `${f.source}: ${String(f.fact.verdict)}${threats}`;
    });
  return [ip, where || 'location unknown', ...verdicts].join(' · ');
}

export function makeEnrich(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const o = state.alert?.observables;
    const ips = [...new Set([...(o?.srcIps ?? []), ...(o?.dstIps ?? []), ...(o?.ips ?? [])])]
      .filter(isBlockable)
      .slice(0, MAX_IPS);
    if (!ips.length) return { evidence: [] };
    const evidence = await deps.enricher.enrichIps(ips);
    deps.audit.append({
      type: 'evidence.collected',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        facts: evidence.length,
        sources: [...new Set(evidence.map((f) => f.source))],
        digest: digest(evidence),
      },
    });
    await deps.notifier.threadNote(state.caseId, {
      kind: 'triage',
      title: 'Evidence',
      text: ips.map((ip) => lineFor(ip, evidence)).join('\n'),
    });
    return { evidence };
  };
}
