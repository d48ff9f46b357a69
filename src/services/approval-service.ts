// Human decisions on approvals: separation of duties, approver membership at click time, a conditional
// claim so exactly one decision wins, the card locked at once, then the waiting run resumed.
import type { ApprovalRow, ApprovalsRepository } from '../../db/repositories/approvals.js';
import { Approvers } from '../../graphs/triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import { AlreadyDecidedError, InvalidInputError, NotAuthorizedError, NotFoundError } from '../errors.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { TriageService } from './triage-service.js';

export interface ApprovalServiceDeps {
  approvals: ApprovalsRepository;
  directory: ApproverDirectory;
  audit: AuditSink;
  notifier: CaseNotifier;
  triage: TriageService;
  clock: () => Date;
}

export interface Decision {
  approvalId: string;
  userId: string;
  decision: 'approved' | 'denied';
  reason?: string | null;
}

export class ApprovalService {
  constructor(private readonly deps: ApprovalServiceDeps) {}

  /** Throws (and audits the refusal) unless `userId` may decide this approval now. */
  async authorize(approvalId: string, userId: string, attempted: 'approve' | 'deny'): Promise<ApprovalRow> {
    const approval = this.deps.approvals.get(approvalId);
    if (!approval)
      throw new NotFoundError(`Approval ${approvalId} does not exist; it may belong to another Vigil.`);
    if (approval.status !== 'pending') throw alreadyDecided(approval);
    const refuse = (reason: string, message: string): never => {
      this.deps.audit.append({
        type: 'approval.refused',
        actor: userId,
        caseId: approval.caseId,
        data: { approvalId, attempted, reason },
      });
      throw new NotAuthorizedError(message);
    };
    if (userId === approval.requestedBy) {
      refuse(
        'self-approval',
        'You brought this alert in, so someone else must decide on its actions (separation of duties).',
      );
    }
    const approvers = Approvers.parse(JSON.parse(approval.approvers));
    if (!(await this.deps.directory.isApprover(userId, approvers))) {
      refuse(
        'not-an-approver',
        `Only ${this.deps.directory.describe(approvers)} may decide this. Ask one of them.`,
      );
    }
    return approval;
  }

  /** Records the decision if it is the first; locks the card; queues the resume. */
  async decide({ approvalId, userId, decision, reason = null }: Decision): Promise<ApprovalRow> {
    const trimmed = reason?.trim() || null;
    if (decision === 'denied' && !trimmed)
      throw new InvalidInputError('Say why you deny it: a reason is required.');
    const approval = await this.authorize(approvalId, userId, decision === 'approved' ? 'approve' : 'deny');
    const decided = this.deps.approvals.decide(approvalId, {
      status: decision,
      decidedBy: userId,
      decidedAt: this.deps.clock().toISOString(),
      reason: trimmed,
    });
    if (!decided) {
      const now = this.deps.approvals.get(approvalId);
      throw now ? alreadyDecided(now) : new NotFoundError(`Approval ${approvalId} does not exist.`);
    }
    this.deps.audit.append({
      type: 'approval.decided',
      actor: userId,
      caseId: approval.caseId,
      data: {
        approvalId,
        decision,
        reason: trimmed,
        actionHash: decided.actionHash,
        policyHash: decided.policyHash,
      },
    });
    await this.deps.notifier.approvalChanged(approvalId);
    void this.deps.triage.resume(decided);
    return decided;
  }
}

function alreadyDecided(approval: ApprovalRow): AlreadyDecidedError {
  const who = approval.decidedBy ? ` by <@${approval.decidedBy}>` : '';
  return new AlreadyDecidedError(`This request was already ${approval.status}${who}; nothing more to do.`);
}
