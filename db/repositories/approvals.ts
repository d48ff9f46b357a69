// Approvals. A decision is claimed with a conditional update, so double clicks, Slack retries and several
// replicas resolve to exactly one decision.
import { and, asc, eq, exists, gt, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { approvalVotes, approvals } from '../schema.js';

export type ApprovalRow = typeof approvals.$inferSelect;
export type NewApproval = Omit<typeof approvals.$inferInsert, 'status'>;

export class ApprovalsRepository {
  constructor(private readonly orm: Orm) {}

  /** Inserts a pending approval unless one with this id exists; returns the stored row and whether it is new. */
  request(row: NewApproval): { approval: ApprovalRow; created: boolean } {
    const inserted = this.orm
      .insert(approvals)
      .values({ ...row, status: 'pending' })
      .onConflictDoNothing()
      .returning()
      .get();
    if (inserted) return { approval: inserted, created: true };
    const existing = this.get(row.id);
    if (!existing) throw new Error(`approval ${row.id} vanished between insert and read`);
    return { approval: existing, created: false };
  }

  get(id: string): ApprovalRow | undefined {
    return this.orm.select().from(approvals).where(eq(approvals.id, id)).get();
  }

  /**
   * Records one person's vote in `round` (the approval's escalations when they clicked); false when that
   * person already voted in this round. A vote from an earlier round is replaced: it no longer counts.
   */
  vote(approvalId: string, userId: string, vote: 'approve' | 'deny', at: string, round: number): boolean {
    const stored = this.orm
      .insert(approvalVotes)
      .values({ approvalId, userId, vote, at, round })
      .onConflictDoUpdate({
        target: [approvalVotes.approvalId, approvalVotes.userId],
        set: { vote, at, round },
        setWhere: lt(approvalVotes.round, round),
      })
      .returning()
      .get();
    return stored !== undefined;
  }

  /** Who approved in the approval's current round (before an escalation: the first tier), in order. */
  approvers(approvalId: string): string[] {
    return this.orm
      .select({ userId: approvalVotes.userId })
      .from(approvalVotes)
      .innerJoin(
        approvals,
        and(eq(approvals.id, approvalVotes.approvalId), eq(approvals.escalations, approvalVotes.round)),
      )
      .where(and(eq(approvalVotes.approvalId, approvalId), eq(approvalVotes.vote, 'approve')))
      .orderBy(asc(approvalVotes.at))
      .all()
      .map((v) => v.userId);
  }

  /** Pending approvals whose time ran out at `now`. */
  listDue(now: string): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(and(eq(approvals.status, 'pending'), lte(approvals.expiresAt, now)))
      .all();
  }

  /** Hands a pending approval to the next tier once; false if it was decided or escalated meanwhile. */
  escalate(id: string, approvers: string, expiresAt: string | null): boolean {
    const row = this.orm
      .update(approvals)
      .set({ approvers, expiresAt, escalations: sql`${approvals.escalations} + 1` })
      .where(and(eq(approvals.id, id), eq(approvals.status, 'pending'), eq(approvals.escalations, 0)))
      .returning({ id: approvals.id })
      .get();
    return row !== undefined;
  }

  /**
   * Records the decision only if the approval is still pending (and, for a person's decision, still in the
   * round they were authorised in and not past its deadline at `decidedAt`); returns the decided row, or
   * undefined if it was lost.
   */
  decide(
    id: string,
    decision: {
      status: 'approved' | 'denied' | 'expired' | 'stale';
      decidedBy: string;
      decidedAt: string;
      reason: string | null;
    },
    authorisedIn?: { round: number },
  ): ApprovalRow | undefined {
    return this.orm
      .update(approvals)
      .set(decision)
      .where(
        and(
          eq(approvals.id, id),
          eq(approvals.status, 'pending'),
          authorisedIn
            ? and(
                eq(approvals.escalations, authorisedIn.round),
                or(isNull(approvals.expiresAt), gt(approvals.expiresAt, decision.decidedAt)),
              )
            : undefined,
        ),
      )
      .returning()
      .get();
  }

  /**
   * Supersedes an approval that was approved but never acted on (its run not yet resumed): marked stale with
   * why, keeping who approved and when. Undefined when it is not in that state (acted on, or decided otherwise).
   */
  supersedeApproved(id: string, reason: string): ApprovalRow | undefined {
    return this.orm
      .update(approvals)
      .set({ status: 'stale', reason })
      .where(and(eq(approvals.id, id), eq(approvals.status, 'approved'), isNull(approvals.resumedAt)))
      .returning()
      .get();
  }

  setCard(id: string, channelId: string, cardTs: string): void {
    this.orm.update(approvals).set({ channelId, cardTs }).where(eq(approvals.id, id)).run();
  }

  markResumed(id: string, at: string): void {
    this.orm.update(approvals).set({ resumedAt: at }).where(eq(approvals.id, id)).run();
  }

  /** Pending approvals of a case for this action on this target. */
  pendingFor(caseId: number, action: string, target: string): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(
        and(
          eq(approvals.caseId, caseId),
          eq(approvals.action, action),
          eq(approvals.target, target),
          eq(approvals.status, 'pending'),
        ),
      )
      .all();
  }

  listPending(): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(eq(approvals.status, 'pending'))
      .orderBy(asc(approvals.requestedAt))
      .all();
  }

  /** Decided approvals whose waiting graph has not been resumed to the end (a crash came in between). */
  listDecidedNotResumed(): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(and(ne(approvals.status, 'pending'), isNull(approvals.resumedAt)))
      .all();
  }

  /** Records that the escalation's thread note was posted. */
  markEscalationTold(id: string, at: string): void {
    this.orm.update(approvals).set({ escalationToldAt: at }).where(eq(approvals.id, id)).run();
  }

  /** Pending approvals escalated whose thread was never told (a stop came between the escalation and its note). */
  listEscalationUntold(): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(
        and(
          eq(approvals.status, 'pending'),
          gt(approvals.escalations, 0),
          isNull(approvals.escalationToldAt),
        ),
      )
      .all();
  }

  /**
   * Pending approvals whose card may show less than the store after a stop: escalated, or with a vote recorded
   * (the card re-rendered after either may not have reached Slack).
   */
  listPendingChanged(): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(
        and(
          eq(approvals.status, 'pending'),
          or(
            gt(approvals.escalations, 0),
            exists(
              this.orm
                .select({ one: sql`1` })
                .from(approvalVotes)
                .where(eq(approvalVotes.approvalId, approvals.id)),
            ),
          ),
        ),
      )
      .all();
  }

  /** Pending approvals whose card never reached Slack. */
  listWithoutCard(): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(and(eq(approvals.status, 'pending'), isNull(approvals.cardTs)))
      .all();
  }

  forCase(caseId: number): ApprovalRow[] {
    return this.orm
      .select()
      .from(approvals)
      .where(eq(approvals.caseId, caseId))
      .orderBy(asc(approvals.requestedAt))
      .all();
  }
}
