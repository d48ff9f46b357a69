// policy-gate: asks policy.yml whether the proposal runs automatically, needs approval, or may not run.
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makePolicyGate(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    if (!state.proposal) return { gate: null };
    const gate = deps.policy.evaluate(state.proposal.kind);
    deps.audit.append({
      type: 'policy.decided',
      actor: 'policy',
      caseId: state.caseId,
      data: { proposalId: state.proposal.id, ...gate },
    });
    return { gate };
  };
}
