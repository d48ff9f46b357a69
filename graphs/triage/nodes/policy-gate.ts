// policy-gate: asks policy.yml whether the proposal runs automatically, needs approval, or may not run.
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makePolicyGate(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    if (!state.proposal) return { gate: null };
    const gate = deps.policy.evaluate(state.proposal.kind);
    const at = deps.clock().toISOString();
    deps.cases.update(state.caseId, { triagedAt: deps.cases.get(state.caseId)?.triagedAt ?? at }, at);
    deps.audit.append({
      type: 'policy.decided',
      actor: 'policy',
      caseId: state.caseId,
      data: { proposalId: state.proposal.id, ...gate },
    });
    return { gate };
  };
}
