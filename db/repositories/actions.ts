// Action attempts: recorded as `pending` before the connector is called, keyed by an idempotency key.
import { eq } from 'drizzle-orm';
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

  forCase(caseId: number): ActionRow[] {
    return this.orm.select().from(actions).where(eq(actions.caseId, caseId)).all();
  }
}
