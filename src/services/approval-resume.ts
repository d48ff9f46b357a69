// The value a waiting workflow is resumed with, built from the approval row that holds the decision.
import type { ApprovalRow } from '../../db/repositories/approvals.js';
import type { ApprovalResume } from '../../graphs/triage/contracts.js';

/** For a decided (not pending) approval: who decided what, when and why. */
export function resumeValueOf(
  approval: ApprovalRow & { status: ApprovalResume['decision'] },
  now: Date,
): ApprovalResume {
  return {
    approvalId: approval.id,
    decision: approval.status,
    decidedBy: approval.decidedBy ?? 'unknown',
    decidedAt: approval.decidedAt ?? now.toISOString(),
    reason: approval.reason,
  };
}

/** Narrows a row to a decided one. */
export const isDecided = (
  approval: ApprovalRow,
): approval is ApprovalRow & { status: ApprovalResume['decision'] } => approval.status !== 'pending';
