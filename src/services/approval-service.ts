// Human decisions on approvals: separation of duties, approver membership at click time, the policy in force
// and the workflow version re-checked (a card made stale by a policy change or an upgrade is refused and
// re-issued), quorum counted over distinct people, a conditional claim so exactly one decision wins, the card
// re-rendered at once, then the waiting run resumed.
import { z } from 'zod';
import type { ApprovalRow, ApprovalsRepository } from '../../db/repositories/approvals.js';
import { rebind } from '../../graphs/triage/action-binding.js';
import { Approvers } from '../../graphs/triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import {
  AlreadyDecidedError,
  InvalidInputError,
  NotAuthorizedError,
  NotFoundError,
  StaleApprovalError,
} from '../errors.js';
import type { PolicyStore } from '../policy/policy-store.js';
import type { ApprovalRouter } from './approval-router.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { OwnAccountCheck } from './own-account.js';

export interface ApprovalServiceDeps {
  approvals: ApprovalsRepository;
  directory: ApproverDirectory;
  policy: PolicyStore;
  audit: AuditSink;
  notifier: CaseNotifier;
  /** The workflow each approval belongs to: its version as this Vigil runs it, and its resume. */
  workflows: ApprovalRouter;
  /** Whether an action is on the clicker's own account (their Slack e-mail, asked at click time). */
  ownAccount: Pick<OwnAccountCheck, 'isOwn'>;
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
    const now = this.deps.clock().toISOString();
    if (approval.expiresAt && approval.expiresAt <= now) {
      refuse('expired', 'This request has expired, so it can no longer be decided; nothing was done.');
    }
    const refusal = await this.refusalOf(approval, userId, (approvers) =>
      this.deps.directory.isApprover(userId, approvers),
    );
    if (refusal) refuse(refusal.reason, refusal.message);
    await this.refuseIfStale(approval, userId);
    return approval;
  }

  /**
   * Whether `userId` may decide this approval, by the rules a click is held to (not its requester, not its subject
   * nor the owner of the account it acts on, in its approver group), without auditing anything: for views such as
   * App Home. `isApprover` lets a view share one group lookup among many approvals.
   */
  async mayDecide(
    approval: ApprovalRow,
    userId: string,
    isApprover: (approvers: Approvers) => Promise<boolean> = (approvers) =>
      this.deps.directory.isApprover(userId, approvers),
  ): Promise<boolean> {
    return (await this.refusalOf(approval, userId, isApprover)) === undefined;
  }

  /** The first rule about the person that refuses them this approval (its audit reason and their message), if any. */
  private async refusalOf(
    approval: ApprovalRow,
    userId: string,
    isApprover: (approvers: Approvers) => Promise<boolean>,
  ): Promise<{ reason: string; message: string } | undefined> {
    if (userId === approval.requestedBy) {
      return {
        reason: 'self-approval',
        message:
          'You brought this alert in, so someone else must decide on its actions (separation of duties).',
      };
    }
    if (
      isSubject(approval, userId) ||
      (await this.deps.ownAccount.isOwn(userId, approval.action, approval.target))
    ) {
      return {
        reason: 'subject',
        message:
          'This request is about your own account, so someone else must decide it (separation of duties).',
      };
    }
    const approvers = Approvers.parse(JSON.parse(approval.approvers));
    if (!(await isApprover(approvers))) {
      return {
        reason: 'not-an-approver',
        message: `Only ${this.deps.directory.describe(approvers)} may decide this. Ask one of them.`,
      };
    }
    return undefined;
  }

  /**
   * Records a vote and, once the quorum of distinct approvers is reached (or on a denial), the decision;
   * re-renders the card; queues the resume. Returns the approval as it now stands.
   */
  async decide({ approvalId, userId, decision, reason = null }: Decision): Promise<ApprovalRow> {
    const trimmed = reason?.trim() || null;
    if (decision === 'denied' && !trimmed)
      throw new InvalidInputError('Say why you deny it: a reason is required.');
    const attempted = decision === 'approved' ? 'approve' : 'deny';
    const approval = await this.authorize(approvalId, userId, attempted);
    // From here to the decision nothing waits, so no sweep or other click of this process comes between.
    const at = this.deps.clock().toISOString();
    this.refuseIfChangedSince(approval, userId, attempted, at);
    const round = approval.escalations;
    const { approvals, audit } = this.deps;

    if (decision === 'approved') {
      if (!approvals.vote(approvalId, userId, 'approve', at, round)) {
        audit.append({
          type: 'approval.refused',
          actor: userId,
          caseId: approval.caseId,
          data: { approvalId, attempted: 'approve', reason: 'repeat-vote' },
        });
        const so = approvals.approvers(approvalId).length;
        throw new AlreadyDecidedError(
          `You already approved this. It needs ${approval.quorum} different people (${so} so far); ask another approver.`,
        );
      }
      const votes = approvals.approvers(approvalId).length;
      audit.append({
        type: 'approval.vote',
        actor: userId,
        caseId: approval.caseId,
        data: { approvalId, votes, quorum: approval.quorum },
      });
      if (votes < approval.quorum) {
        await this.deps.notifier.approvalChanged(approvalId);
        return approval;
      }
    } else {
      approvals.vote(approvalId, userId, 'deny', at, round);
    }

    // Conditional on the round and the deadline too: another replica may have escalated or expired it.
    const decided = approvals.decide(
      approvalId,
      { status: decision, decidedBy: userId, decidedAt: at, reason: trimmed },
      { round },
    );
    if (!decided) {
      const now = approvals.get(approvalId);
      throw now ? alreadyDecided(now) : new NotFoundError(`Approval ${approvalId} does not exist.`);
    }
    audit.append({
      type: 'approval.decided',
      actor: userId,
      caseId: approval.caseId,
      data: {
        approvalId,
        decision,
        reason: trimmed,
        approvers: approvals.approvers(approvalId),
        actionHash: decided.actionHash,
        policyHash: decided.policyHash,
      },
    });
    await this.deps.notifier.approvalChanged(approvalId);
    void this.deps.workflows.workflowOf(decided).resume(decided);
    return decided;
  }

  /**
   * The click was authorised, but while its membership lookup ran the request may have passed its deadline or
   * moved to the next tier (the expiry sweep): it is then refused (audited), not recorded.
   */
  private refuseIfChangedSince(authorised: ApprovalRow, userId: string, attempted: string, at: string): void {
    const now = this.deps.approvals.get(authorised.id);
    if (!now || now.status !== 'pending')
      throw now ? alreadyDecided(now) : new NotFoundError(`Approval ${authorised.id} does not exist.`);
    const expired = now.expiresAt !== null && now.expiresAt <= at;
    if (!expired && now.escalations === authorised.escalations) return;
    this.deps.audit.append({
      type: 'approval.refused',
      actor: userId,
      caseId: now.caseId,
      data: { approvalId: now.id, attempted, reason: expired ? 'expired' : 'escalated' },
    });
    throw new NotAuthorizedError(
      expired
        ? 'This request expired while your click was checked, so it can no longer be decided; nothing was done.'
        : `This request moved to ${this.deps.directory.describe(Approvers.parse(JSON.parse(now.approvers)))} while your click was checked (it was not decided in time); nothing was done.`,
    );
  }

  /**
   * A card shown under another policy than the one in force, or under another version of its workflow (Vigil
   * was upgraded while it waited), is superseded: marked stale (once), audited, re-rendered, and its run sent
   * back through the policy gate, which posts a new card. The person is told.
   */
  private async refuseIfStale(approval: ApprovalRow, userId: string): Promise<void> {
    const current = this.deps.policy.current();
    const policyChanged = current.hash !== approval.policyHash;
    const workflowVersion = this.deps.workflows.workflowOf(approval).version;
    const workflowChanged = !policyChanged && rebind(approval, workflowVersion) !== approval.actionHash;
    if (!policyChanged && !workflowChanged) return;
    const at = this.deps.clock().toISOString();
    const stale = this.deps.approvals.decide(approval.id, {
      status: 'stale',
      decidedBy: 'vigil',
      decidedAt: at,
      reason: null,
    });
    if (stale) {
      this.deps.audit.append({
        type: 'approval.stale',
        actor: userId,
        caseId: approval.caseId,
        data: policyChanged
          ? { approvalId: approval.id, shownUnder: approval.policyHash, inForce: current.hash }
          : { approvalId: approval.id, workflowChanged: true, workflowVersion },
      });
      await this.deps.notifier.approvalChanged(approval.id);
      void this.deps.workflows.workflowOf(stale).resume(stale);
    }
    throw new StaleApprovalError(
      policyChanged
        ? 'The policy changed after this card was posted, so it was not acted on. A new card under the current policy follows in the thread; decide there.'
        : 'Vigil was upgraded after this card was posted (its workflow changed), so it was not acted on. A new card follows in the thread; decide there.',
    );
  }
}

/** The Slack accounts an approval's parameters name as its subject (an offboarding's person). */
const SubjectParameters = z.object({
  slackAccountId: z.string().nullish(),
  slackUserId: z.string().nullish(),
});

/** Whether the clicker is the person the action is about (an offboarding's Slack account is their user id). */
function isSubject(approval: ApprovalRow, userId: string): boolean {
  const parameters = SubjectParameters.parse(JSON.parse(approval.parameters));
  return parameters.slackAccountId === userId || parameters.slackUserId === userId;
}

function alreadyDecided(approval: ApprovalRow): AlreadyDecidedError {
  const who = approval.decidedBy && approval.decidedBy !== 'vigil' ? ` by <@${approval.decidedBy}>` : '';
  const what: Record<string, string> = {
    approved: 'already approved',
    denied: 'already denied',
    expired: 'expired',
    stale: 'superseded by a newer card',
  };
  return new AlreadyDecidedError(
    `This request was ${what[approval.status] ?? approval.status}${who}; nothing more to do here.`,
  );
}
