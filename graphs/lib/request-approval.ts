// Records an approval (bound to the proposal by its action hash) and shows its card: the work every
// workflow's request-approval node does before its interrupt. Idempotent, so a re-run finds the same row.
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import type { CasesRepository } from '../../db/repositories/cases.js';
import { approvalIdFor } from '../triage/action-binding.js';
import type { ApprovalDetails, GateDecision } from '../triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../triage/ports.js';
import { canonicalJson } from './digest.js';

export interface ApprovalRequestDeps {
  clock: () => Date;
  approvals: ApprovalsRepository;
  cases: CasesRepository;
  audit: AuditSink;
  notifier: CaseNotifier;
}

export interface ApprovalRequest {
  caseId: number;
  requestedBy: string;
  proposal: { id: string; kind: string; target: string; parameters: unknown; rationale: string };
  gate: GateDecision;
  /** The hash binding the approval to exactly this action (see action-binding.ts). */
  actionHash: string;
  /** What else the card shows (confidence, environment, blast radius, reversibility, tier, evidence). */
  details?: ApprovalDetails;
}

/**
 * A pending card for the same action on the same target that is bound to something else (its parameters
 * changed when the run was repeated, e.g. after a crash) is superseded: marked stale, audited and re-rendered.
 * No run waits on it any more, so it is marked resumed too.
 */
async function supersedeOthers(deps: ApprovalRequestDeps, request: ApprovalRequest, id: string, at: string) {
  const { caseId, proposal } = request;
  for (const other of deps.approvals.pendingFor(caseId, proposal.kind, proposal.target)) {
    if (other.id === id) continue;
    const stale = deps.approvals.decide(other.id, {
      status: 'stale',
      decidedBy: 'vigil',
      decidedAt: at,
      reason: 'what it would do changed after this card was posted',
    });
    if (!stale) continue;
    deps.approvals.markResumed(other.id, at);
    deps.audit.append({
      type: 'approval.stale',
      actor: 'vigil',
      caseId,
      data: { approvalId: other.id, boundTo: other.actionHash, now: request.actionHash, supersededBy: id },
    });
    await deps.notifier.approvalChanged(other.id);
  }
}

/**
 * The card's id. A re-run finds the row it made before; a card superseded earlier under the very same binding (a
 * policy changed and then put back, an upgrade rolled back) is never taken again, since no decision can be made
 * on it: the next id of the series is.
 */
function issueId(
  approvals: ApprovalsRepository,
  caseId: number,
  proposalId: string,
  actionHash: string,
): string {
  for (let issue = 0; ; issue += 1) {
    const id = approvalIdFor(caseId, proposalId, actionHash, issue);
    if (approvals.get(id)?.status !== 'stale') return id;
  }
}

/** Returns the approval id; throws if policy named no approvers (the gate should not have routed here). */
export async function requestApproval(deps: ApprovalRequestDeps, request: ApprovalRequest): Promise<string> {
  const { caseId, proposal, gate, actionHash } = request;
  if (!gate.approvers) throw new Error('request-approval reached without approvers');
  const at = deps.clock().toISOString();
  const id = issueId(deps.approvals, caseId, proposal.id, actionHash);
  await supersedeOthers(deps, request, id, at);
  const { created } = deps.approvals.request({
    id,
    caseId,
    action: proposal.kind,
    target: proposal.target,
    parameters: canonicalJson(proposal.parameters),
    rationale: proposal.rationale,
    actionHash,
    policyHash: gate.policyHash,
    approvers: JSON.stringify(gate.approvers),
    requestedBy: request.requestedBy,
    requestedAt: at,
    quorum: gate.quorum,
    expiresAt: gate.expiresInSeconds
      ? new Date(deps.clock().getTime() + gate.expiresInSeconds * 1000).toISOString()
      : null,
    expiry: JSON.stringify({ ...gate.onExpiry, afterSeconds: gate.expiresInSeconds }),
    details: request.details ? canonicalJson(request.details) : null,
  });
  if (created) {
    deps.audit.append({
      type: 'approval.requested',
      actor: 'vigil',
      caseId,
      data: {
        approvalId: id,
        actionHash,
        policyHash: gate.policyHash,
        approvers: gate.approvers,
        quorum: gate.quorum,
        expiresInSeconds: gate.expiresInSeconds,
      },
    });
  }
  deps.cases.update(caseId, { status: 'awaiting_approval' }, at);
  await deps.notifier.approvalChanged(id);
  await deps.notifier.caseUpdated(caseId);
  return id;
}
