// propose: picks the response action for the case (block the alert's source IP), before any approval.
import { isBlockable } from '../../lib/ip-scope.js';
import type { ProposedAction } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/** What threat intelligence said about the address, for the rationale people read on the card. */
function reputation(ip: string, state: TriageStateValue): string {
  const bad = state.evidence.filter(
    (f) => f.subject === `ip ${ip}` && (f.fact.verdict === 'malicious' || f.fact.verdict === 'suspicious'),
  );
  return bad.map((f) => ` ${f.source} lists it as ${String(f.fact.verdict)}.`).join('');
}

export function makePropose(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const alert = state.alert;
    const ip = alert?.observables.srcIps.find(isBlockable);
    if (!alert || !ip) {
      deps.audit.append({
        type: 'proposal.none',
        actor: 'vigil',
        caseId: state.caseId,
        data: { reason: 'the alert names no blockable source IP' },
      });
      const at = deps.clock().toISOString();
      deps.cases.update(state.caseId, { triagedAt: deps.cases.get(state.caseId)?.triagedAt ?? at }, at);
      return { proposal: null };
    }
    const proposal: ProposedAction = {
      id: `block_ip:${ip}`,
      kind: 'block_ip',
      target: ip,
      parameters: { ip },
      rationale: `${ip} is the source of "${alert.title}" (severity ${alert.severity}).${reputation(ip, state)}`,
    };
    deps.audit.append({ type: 'proposal.made', actor: 'vigil', caseId: state.caseId, data: { proposal } });
    return { proposal };
  };
}
