// request-approval: records the approval (bound to the proposal by hash) and shows the card. It runs before
// the interrupt, in its own node, so a resume never repeats it.
import { requestApproval } from '../../lib/request-approval.js';
import { actionHash } from '../action-binding.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makeRequestApproval(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { proposal, gate } = state;
    if (!proposal || !gate) throw new Error('request-approval reached without a proposal');
    const hash = actionHash({
      proposal,
      caseId: state.caseId,
      workflowVersion: deps.workflowVersion,
      policyHash: gate.policyHash,
    });
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
