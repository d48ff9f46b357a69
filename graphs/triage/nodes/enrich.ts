// enrich: the enrichment role. Looks the alert's addresses up in GeoIP and threat intelligence, its hosts in
// the EDR (asset context and tags) and its users in the identity provider, keeps every answer as a fact with
// its source, time and query (the evidence bundle), then shows the findings in the thread.
import { digest } from '../../lib/digest.js';
import { isBlockable } from '../../lib/ip-scope.js';
import type { EvidenceFact } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** At most this many addresses per case are looked up (an alert listing hundreds is a scan, not a story). */
const MAX_IPS = 20;
/** …and this many hosts and users. */
const MAX_ENTITIES = 10;

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

/** One line about a host or user from the EDR or identity provider. */
function entityLine(subject: string, facts: EvidenceFact[]): string | null {
  const fact = facts.find((f) => f.subject === subject);
  if (!fact) return null;
  const f = fact.fact;
  if ('error' in f) return `${subject} · ${fact.source}: lookup failed (${String(f.error)})`;
  if (f.hostId === null || f.userId === null) return `${subject} · ${fact.source}: not found`;
  const parts = subject.startsWith('host ')
    ? [
        typeof f.platform === 'string' ? f.platform : null,
        typeof f.containment === 'string' ? `containment ${f.containment}` : null,
        Array.isArray(f.tags) && f.tags.length ? `tags ${f.tags.join(', ')}` : null,
      ]
    : [typeof f.status === 'string' ? f.status : null];
  return [subject, `${fact.source}: ${parts.filter((p) => p !== null).join(', ') || 'known'}`].join(' · ');
}

export function makeEnrich(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const o = state.alert?.observables;
    const ips = [...new Set([...(o?.srcIps ?? []), ...(o?.dstIps ?? []), ...(o?.ips ?? [])])]
      .filter(isBlockable)
      .slice(0, MAX_IPS);
    const hosts = (o?.hosts ?? []).slice(0, MAX_ENTITIES);
    // Identity providers know people by login, which is often the e-mail address.
    const users = [...new Set([...(o?.users ?? []), ...(o?.emails ?? [])])].slice(0, MAX_ENTITIES);
    if (!ips.length && !hosts.length && !users.length) return { evidence: [] };
    const found = await Promise.all([
      deps.enricher.enrichIps(ips),
      deps.enricher.enrichHosts(hosts),
      deps.enricher.enrichUsers(users),
    ]);
    const evidence = found.flat();
    if (!evidence.length) return { evidence };
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
      text: [
        ...ips.map((ip) => lineFor(ip, evidence)),
        ...[...hosts.map((h) => `host ${h}`), ...users.map((u) => `user ${u}`)]
          .map((subject) => entityLine(subject, evidence))
          .filter((line) => line !== null),
      ].join('\n'),
    });
    return { evidence };
  };
}
