// request-approval: records the approval (bound to the proposal by hash) and shows the card. It runs before
// the interrupt, in its own node, so a resume never repeats it.
import { requestApproval } from '../../lib/request-approval.js';
import { offboardHash } from '../binding.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeRequestApproval(deps: OffboardingDeps) {
  return async (state: OffboardingStateValue): Promise<OffboardingUpdate> => {
    const { proposal, gate } = state;
    if (!proposal || !gate) throw new Error('request-approval reached without a proposal');
    const hash = offboardHash(proposal, state.caseId, deps.workflowVersion, gate.policyHash);
    const approvalId = await requestApproval(deps, {
      caseId: state.caseId,
      requestedBy: state.requestedBy,
      proposal,
      gate,
      actionHash: hash,
    });
    return { approvalId };
  };
}
