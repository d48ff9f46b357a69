// request-approval: records the approval (bound to the proposal by hash) and shows the card. It runs before
// the interrupt, in its own node, so a resume never repeats it.
import { canonicalJson } from '../../lib/digest.js';
import { approvalIdFor } from '../../triage/action-binding.js';
import { offboardHash } from '../binding.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeRequestApproval(deps: OffboardingDeps) {
  return async (state: OffboardingStateValue): Promise<OffboardingUpdate> => {
    const { proposal, gate } = state;
    if (!proposal || !gate?.approvers)
      throw new Error('request-approval reached without a proposal and approvers');
    const at = deps.clock().toISOString();
    const id = approvalIdFor(state.caseId, proposal.id, gate.policyHash);
    const hash = offboardHash(proposal, state.caseId, deps.workflowVersion, gate.policyHash);
    const { created } = deps.approvals.request({
      id,
      caseId: state.caseId,
      action: proposal.kind,
      target: proposal.target,
      parameters: canonicalJson(proposal.parameters),
      rationale: proposal.rationale,
      actionHash: hash,
      policyHash: gate.policyHash,
      approvers: JSON.stringify(gate.approvers),
      requestedBy: state.requestedBy,
      requestedAt: at,
      quorum: gate.quorum,
      expiresAt: gate.expiresInSeconds
        ? new Date(deps.clock().getTime() + gate.expiresInSeconds * 1000).toISOString()
        : null,
      expiry: JSON.stringify({ ...gate.onExpiry, afterSeconds: gate.expiresInSeconds }),
    });
    if (created) {
      deps.audit.append({
        type: 'approval.requested',
        actor: 'vigil',
        caseId: state.caseId,
        data: {
          approvalId: id,
          actionHash: hash,
          policyHash: gate.policyHash,
          approvers: gate.approvers,
          quorum: gate.quorum,
          expiresInSeconds: gate.expiresInSeconds,
        },
      });
    }
    deps.cases.update(state.caseId, { status: 'awaiting_approval' }, at);
    await deps.notifier.approvalChanged(id);
    await deps.notifier.caseUpdated(state.caseId);
    return { approvalId: id };
  };
}
