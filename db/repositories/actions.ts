// Action attempts: recorded as `pending` before the connector is called, keyed by an idempotency key.
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { actions } from '../schema.js';

export type ActionRow = typeof actions.$inferSelect;

export class ActionsRepository {
  constructor(private readonly orm: Orm) {}

  /** Records the attempt unless its idempotency key is already known; returns the stored row either way. */
  claim(row: Omit<typeof actions.$inferInsert, 'status' | 'updatedAt'>): ActionRow {
    this.orm
      .insert(actions)
      .values({ ...row, status: 'pending', updatedAt: row.createdAt })
      .onConflictDoNothing()
      .run();
    const stored = this.byKey(row.idempotencyKey);
    if (!stored) throw new Error(`action ${row.idempotencyKey} vanished between insert and read`);
    return stored;
  }

  byKey(idempotencyKey: string): ActionRow | undefined {
    return this.orm.select().from(actions).where(eq(actions.idempotencyKey, idempotencyKey)).get();
  }

  markRunning(id: string, at: string): void {
    this.orm.update(actions).set({ status: 'running', updatedAt: at }).where(eq(actions.id, id)).run();
  }

  markDone(id: string, result: string, at: string): void {
    this.orm
      .update(actions)
      .set({ status: 'done', result, error: null, updatedAt: at })
      .where(eq(actions.id, id))
      .run();
  }

  markFailed(id: string, error: string, at: string): void {
    this.orm.update(actions).set({ status: 'failed', error, updatedAt: at }).where(eq(actions.id, id)).run();
  }

  get(id: string): ActionRow | undefined {
    return this.orm.select().from(actions).where(eq(actions.id, id)).get();
  }

  /** Claims the roll-back of a done action (once, across clicks, timers and replicas). */
  claimRevert(id: string, by: string, at: string): ActionRow | undefined {
    return this.orm
      .update(actions)
      .set({ revertedAt: at, revertedBy: by, updatedAt: at })
      .where(and(eq(actions.id, id), eq(actions.status, 'done'), isNull(actions.revertedAt)))
      .returning()
      .get();
  }

  /** Gives a claimed roll-back back when the connector call failed, so it can be tried again. */
  releaseRevert(id: string, at: string): void {
    this.orm
      .update(actions)
      .set({ revertedAt: null, revertedBy: null, updatedAt: at })
      .where(eq(actions.id, id))
      .run();
  }

  /** Done actions whose time ran out at `now` and that are not rolled back yet. */
  listLapsed(now: string): ActionRow[] {
    return this.orm
      .select()
      .from(actions)
      .where(and(eq(actions.status, 'done'), isNull(actions.revertedAt), lte(actions.expiresAt, now)))
      .all();
  }

  /**
   * Claims a retry of a failed action: back to `pending` only if it is still `failed`, so two retries of
   * one action resolve to one. Returns whether this call won.
   */
  reopenFailed(idempotencyKey: string, at: string): boolean {
    const row = this.orm
      .update(actions)
      .set({ status: 'pending', updatedAt: at })
      .where(and(eq(actions.idempotencyKey, idempotencyKey), eq(actions.status, 'failed')))
      .returning({ id: actions.id })
      .get();
    return row !== undefined;
  }

  forCase(caseId: number): ActionRow[] {
    return this.orm.select().from(actions).where(eq(actions.caseId, caseId)).all();
  }
}
