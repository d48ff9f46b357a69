// Resuming a workflow that waits on an approval: the value it is resumed with, built from the approval row
// that holds the decision, what becomes of a decision given under an older version of the workflow, and of one
// to be carried out while policy.yml is invalid (it waits for the fix).
import type { ApprovalRow, ApprovalsRepository } from '../../db/repositories/approvals.js';
import { mention, mentionsOf } from '../../graphs/lib/mention.js';
import { rebind } from '../../graphs/triage/action-binding.js';
import type { ApprovalResume } from '../../graphs/triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import { ConfigError } from '../errors.js';

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

export interface SupersedeDeps {
  approvals: ApprovalsRepository;
  audit: AuditSink;
  notifier: Pick<CaseNotifier, 'approvalChanged' | 'threadNote'>;
  /** The hash of the policy in force, read now; throws while policy.yml is invalid (nothing is carried out). */
  policyHash: () => string;
  /**
   * Approvals waiting for policy.yml to be fixed (shared by the workflows; the expiry sweep resumes them once
   * it is): their threads were told.
   */
  held: Set<string>;
}

/**
 * Whether an approved decision must wait because policy.yml is invalid: nothing is carried out under rules that
 * cannot be read, and the case is not failed for it either. The first time, the wait is audited and the thread
 * told; once the file is fixed, the expiry sweep resumes it (TriageService.resumeHeld) and it goes on through
 * supersedeIfStale like any other.
 */
export async function heldForPolicy(deps: SupersedeDeps, approval: ApprovalRow): Promise<boolean> {
  if (approval.status !== 'approved') return false;
  try {
    deps.policyHash();
    deps.held.delete(approval.id);
    return false;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (deps.held.has(approval.id)) return true;
    deps.held.add(approval.id);
    deps.audit.append({
      type: 'approval.held',
      actor: 'vigil',
      caseId: approval.caseId,
      data: { approvalId: approval.id, reason: error.message },
    });
    // The wait is audited; telling the thread is best effort (Slack may be out too), and the decision waits
    // either way, to be resumed by the sweep.
    await deps.notifier
      .threadNote(approval.caseId, {
        kind: 'result',
        title: 'Approval waiting',
        text: `${mention(approval.decidedBy ?? 'someone')} approved \`${approval.action}\` on \`${approval.target}\`, but policy.yml is invalid, so nothing is carried out until the file is fixed; then it goes on by itself (under the fixed policy: if that changed the rules, a new card follows).`,
        mentions: mentionsOf([approval.decidedBy]),
      })
      .catch(() => undefined);
    return true;
  }
}

/**
 * An approval is carried out only under what it was given for. One given under another policy than the one in
 * force (policy.yml changed after the click, before the run went on: a restart, or a queue) or under an older
 * version of its workflow (Vigil was upgraded) does not bind what would now be done: it is superseded (stale,
 * audited with who approved, its card re-rendered) and the thread is told, so the resumed run goes back
 * through the policy gate, which posts a new card, runs it or refuses it under the rules in force. Returns the
 * approval as it now stands; denials and expiries stand as they are.
 */
export async function supersedeIfStale(
  deps: SupersedeDeps,
  approval: ApprovalRow,
  workflowVersion: string,
): Promise<ApprovalRow> {
  if (approval.status !== 'approved') return approval;
  const inForce = deps.policyHash();
  const policyChanged = inForce !== approval.policyHash;
  if (!policyChanged && rebind(approval, workflowVersion) === approval.actionHash) return approval;
  const change = policyChanged ? 'policy.yml changed' : `Vigil was upgraded (now ${workflowVersion})`;
  const stale = deps.approvals.supersedeApproved(
    approval.id,
    `${change} after it was approved and before it was carried out.`,
  );
  if (!stale) return deps.approvals.get(approval.id) ?? approval;
  const approvedBy = deps.approvals.approvers(approval.id);
  deps.audit.append({
    type: 'approval.stale',
    actor: 'vigil',
    caseId: approval.caseId,
    data: policyChanged
      ? { approvalId: approval.id, shownUnder: approval.policyHash, inForce, approvedBy }
      : { approvalId: approval.id, workflowChanged: true, workflowVersion, approvedBy },
  });
  await deps.notifier.approvalChanged(approval.id);
  await deps.notifier.threadNote(approval.caseId, {
    kind: 'result',
    title: 'Approval superseded',
    text: `${policyChanged ? 'The policy changed' : 'Vigil was upgraded'} after ${mention(approval.decidedBy ?? 'someone')} approved \`${approval.action}\` on \`${approval.target}\` and before it was carried out, so nothing was done. It goes through the policy in force again: if a new card follows, decide there.`,
    mentions: mentionsOf([approval.decidedBy]),
  });
  return stale;
}
