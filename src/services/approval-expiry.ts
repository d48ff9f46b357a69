// Approvals nobody decided in time: escalated once to the next tier (with a reminder in the thread) or
// expired, as policy says. Runs on a timer and at start-up; claims are conditional, so replicas agree. Each
// sweep also posts again the cards Slack did not take (an outage longer than the client's retries), so a
// request is never left pending where nobody can see it, and renders again the cards and case messages whose
// update Slack refused, so a decided card does not keep live buttons. At start-up it first makes the cards and
// threads a stop left behind the store agree with it again (an escalation recorded but not yet shown or told).
import { z } from 'zod';
import type { ApprovalRow, ApprovalsRepository } from '../../db/repositories/approvals.js';
import { referencesIn } from '../../graphs/lib/mention.js';
import { Approvers, OnExpiry } from '../../graphs/triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import type { Logger } from '../logger.js';
import type { ApprovalRouter } from './approval-router.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { TriageService } from './triage-service.js';
import { runEvery } from './periodic.js';

const Expiry = z.intersection(OnExpiry, z.object({ afterSeconds: z.number().nullable() }));

export interface ApprovalExpiryDeps {
  approvals: ApprovalsRepository;
  directory: ApproverDirectory;
  audit: AuditSink;
  notifier: CaseNotifier;
  /** The workflow each approval belongs to, which an expired approval's run is resumed in. */
  workflows: ApprovalRouter;
  triage: Pick<TriageService, 'repostMissingCards' | 'resumeHeld'>;
  /** Renders again the case messages and cards whose last update Slack refused, and queues thread notes still owed. */
  resync?: () => Promise<void>;
  clock: () => Date;
  logger: Logger;
}

export class ApprovalExpiry {
  private halt: (() => void) | undefined;

  constructor(private readonly deps: ApprovalExpiryDeps) {}

  start(everyMs: number): void {
    this.halt = runEvery(everyMs, () => this.sweep(), this.deps.logger, 'approval expiry sweep');
  }

  stop(): void {
    this.halt?.();
  }

  /**
   * At start-up, before the first sweep: renders again the pending cards a stop may have left showing less than
   * the store (an escalation or a vote recorded, the card's update never sent), and tells the threads of
   * escalations recorded before the stop but never told (the note is looked for first, so it is posted once).
   */
  async reconcile(): Promise<void> {
    const { approvals, notifier } = this.deps;
    for (const approval of approvals.listPendingChanged()) await notifier.approvalChanged(approval.id);
    await this.tellUntold();
  }

  /** Tells the escalations still waiting whose note never reached the thread (looked for first: posted once). */
  private async tellUntold(): Promise<void> {
    for (const approval of this.deps.approvals.listEscalationUntold()) {
      await this.tellEscalated(approval, Approvers.parse(JSON.parse(approval.approvers)), true);
    }
  }

  /**
   * Says in the thread who the escalated approval now waits for, mentioning the next tier (a user group by its
   * id) so its members are notified, and records it told once the note is in the thread (one Slack refused is
   * told by a later sweep).
   */
  private async tellEscalated(approval: ApprovalRow, to: Approvers, lookFirst: boolean): Promise<void> {
    const who = await this.deps.directory.reference(to);
    const posted = await this.deps.notifier.threadNote(approval.caseId, {
      kind: 'triage',
      title: 'Escalated',
      text: `Nobody decided ${approval.action} ${approval.target} in time, so it now waits for ${who}.`,
      mentions: referencesIn(who),
      once: { key: `escalated:${approval.id}`, lookFirst },
    });
    if (posted) this.deps.approvals.markEscalationTold(approval.id, this.deps.clock().toISOString());
  }

  /** Escalates or expires every pending approval whose time ran out; returns how many it handled. */
  async sweep(): Promise<number> {
    const { approvals, audit, notifier, clock } = this.deps;
    const now = clock();
    const due = approvals.listDue(now.toISOString());
    for (const approval of due) {
      const expiry = Expiry.safeParse(JSON.parse(approval.expiry ?? '{"kind":"deny","afterSeconds":null}'));
      const rule = expiry.success ? expiry.data : { kind: 'deny' as const, afterSeconds: null };
      if (rule.kind === 'escalate' && approval.escalations === 0) {
        const until = rule.afterSeconds
          ? new Date(now.getTime() + rule.afterSeconds * 1000).toISOString()
          : null;
        if (!approvals.escalate(approval.id, JSON.stringify(rule.approvers), until)) continue;
        audit.append({
          type: 'approval.escalated',
          actor: 'vigil',
          caseId: approval.caseId,
          data: { approvalId: approval.id, to: rule.approvers, expiresAt: until },
        });
        await notifier.approvalChanged(approval.id);
        await this.tellEscalated(approval, rule.approvers, false);
        continue;
      }
      const expired = approvals.decide(approval.id, {
        status: 'expired',
        decidedBy: 'vigil',
        decidedAt: now.toISOString(),
        reason: null,
      });
      if (!expired) continue;
      audit.append({
        type: 'approval.expired',
        actor: 'vigil',
        caseId: approval.caseId,
        data: { approvalId: approval.id },
      });
      await notifier.approvalChanged(approval.id);
      void this.deps.workflows.workflowOf(expired).resume(expired);
    }
    // An escalation whose note Slack refused (this sweep's or an earlier one's) is told once Slack takes it.
    await this.tellUntold();
    this.deps.triage.repostMissingCards(now);
    this.deps.triage.resumeHeld();
    await this.deps.resync?.();
    return due.length;
  }
}
