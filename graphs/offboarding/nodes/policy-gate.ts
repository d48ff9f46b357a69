// policy-gate: asks policy.yml whether offboarding runs automatically, needs approval, or may not run.
import { OFFBOARD_ACTION } from '../contracts.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makePolicyGate(deps: OffboardingDeps) {
  return (state: OffboardingStateValue): OffboardingUpdate => {
    const gate = deps.policy.evaluate(OFFBOARD_ACTION);
    deps.audit.append({
      type: 'policy.decided',
      actor: 'policy',
      caseId: state.caseId,
      data: { proposalId: state.proposal?.id ?? null, ...gate },
    });
    return { gate };
  };
}
