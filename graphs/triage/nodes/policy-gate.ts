// policy-gate: asks policy.yml whether the proposal runs automatically, needs approval, or may not run, given
// the case's environment, the validation confidence and its exceptions. A proposal it forbids is filed as an
// outcome here (why not is in the gate decision) and the run moves on. It decides only under the policy the
// case was validated under: when policy.yml has changed since, it decides nothing and the case is validated
// and proposed for again first (revalidate), so a decision never carries the hash of rules it did not apply.
import { fileOutcome } from '../outcome.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makePolicyGate(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    if (!state.proposal) return { gate: null };
    const validation = state.validation;
    const gate = deps.policy.evaluate(state.proposal.kind, {
      environment: state.proposal.environment,
      confidence: state.proposal.confidence,
      exceptions: validation?.exceptions.length ?? 0,
    });
    if (gate.policyHash !== state.validatedUnder) return { gate: null, validatedUnder: null };
    const at = deps.clock().toISOString();
    deps.cases.update(state.caseId, { triagedAt: deps.cases.get(state.caseId)?.triagedAt ?? at }, at);
    deps.audit.record({
      type: 'policy.decided',
      actor: 'policy',
      caseId: state.caseId,
      data: {
        proposalId: state.proposal.id,
        environment: state.proposal.environment,
        confidence: state.proposal.confidence,
        ...gate,
      },
    });
    // A forbidden proposal goes no further: its outcome is filed here and the run moves on.
    return gate.mode === 'forbidden' ? fileOutcome(state, { gate, execution: null }) : { gate };
  };
}
