// Action attempts: recorded as `pending` before the connector is called, keyed by an idempotency key.
import { and, asc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../client.js';
import { actions } from '../schema.js';

export type ActionRow = typeof actions.$inferSelect;

export class ActionsRepository {
  // Every executed action runs these: prepared once instead of built per call.
  private readonly insertPending;
  private readonly byKeyQuery;
  private readonly running;
  private readonly done;

  constructor(private readonly orm: Orm) {
    const p = sql.placeholder;
    this.insertPending = orm
      .insert(actions)
      .values({
        id: p('id'),
        idempotencyKey: p('idempotencyKey'),
        caseId: p('caseId'),
        approvalId: p('approvalId'),
        kind: p('kind'),
        target: p('target'),
        request: p('request'),
        status: 'pending',
        result: p('result'),
        error: p('error'),
        expiresAt: p('expiresAt'),
        revertedAt: p('revertedAt'),
        revertedBy: p('revertedBy'),
        createdAt: p('createdAt'),
        updatedAt: p('createdAt'),
      })
      .onConflictDoNothing()
      .prepare();
    this.byKeyQuery = orm
      .select()
      .from(actions)
      .where(eq(actions.idempotencyKey, p('idempotencyKey')))
      .prepare();
    this.running = orm
      .update(actions)
      .set({ status: 'running', updatedAt: sql`${p('at')}` })
      .where(eq(actions.id, p('id')))
      .prepare();
    this.done = orm
      .update(actions)
      .set({
        status: 'done',
        result: sql`${p('result')}`,
        error: null,
        updatedAt: sql`${p('at')}`,
        foundInPlace: sql`${p('foundInPlace')}`,
      })
      .where(eq(actions.id, p('id')))
      .prepare();
  }

  /** Records the attempt unless its idempotency key is already known; returns the stored row either way. */
  claim(row: Omit<typeof actions.$inferInsert, 'status' | 'updatedAt'>): ActionRow {
    this.insertPending.run({
      approvalId: null,
      result: null,
      error: null,
      expiresAt: null,
      revertedAt: null,
      revertedBy: null,
      ...row,
    });
    const stored = this.byKey(row.idempotencyKey);
    if (!stored) throw new Error(`action ${row.idempotencyKey} vanished between insert and read`);
    return stored;
  }

  byKey(idempotencyKey: string): ActionRow | undefined {
    return this.byKeyQuery.get({ idempotencyKey });
  }

  markRunning(id: string, at: string): void {
    this.running.run({ id, at });
  }

  /** Records the result; `foundInPlace` when the effect was there before, put there by someone other than Vigil. */
  markDone(id: string, result: string, at: string, foundInPlace = false): void {
    this.done.run({ id, result, at, foundInPlace: foundInPlace ? 1 : null });
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

  /** Marks a claimed roll-back as gone through. */
  confirmRevert(id: string, at: string): void {
    this.orm.update(actions).set({ revertDoneAt: at, updatedAt: at }).where(eq(actions.id, id)).run();
  }

  /** Roll-backs claimed at or before `claimedBy` that never went through (cut off by a crash). */
  listUnconfirmedReverts(claimedBy: string): ActionRow[] {
    return this.orm
      .select()
      .from(actions)
      .where(
        and(
          sql`${actions.revertedAt} IS NOT NULL AND ${actions.revertDoneAt} IS NULL`,
          lte(actions.revertedAt, claimedBy),
        ),
      )
      .all();
  }

  /** Gives a claimed roll-back back when the connector call failed, so it can be tried again. */
  releaseRevert(id: string, at: string): void {
    this.orm
      .update(actions)
      .set({ revertedAt: null, revertedBy: null, updatedAt: at })
      .where(eq(actions.id, id))
      .run();
  }

  /**
   * Other actions still holding the same containment in force at `now`: the same kind on the same subject (what
   * the vendor acts on, so two spellings of one account or host are one), done, not rolled back, and not lapsed.
   * Rolling one action back must not lift what another case still holds.
   */
  othersHolding(action: Pick<ActionRow, 'id' | 'kind' | 'target' | 'request'>, now: string): ActionRow[] {
    return this.orm
      .select()
      .from(actions)
      .where(
        and(
          sameContainment(action),
          eq(actions.status, 'done'),
          isNull(actions.revertedAt),
          or(isNull(actions.expiresAt), gt(actions.expiresAt, now)),
        ),
      )
      .orderBy(asc(actions.createdAt))
      .all();
  }

  /**
   * Whether another action of Vigil's put this one's containment in place, or may have, and has not been rolled
   * back at the vendor: done ones (lapsed included: their roll-back may still be to come) that applied it, and
   * ones still pending or running (another case's call in flight when the vendor said "already applied").
   */
  placedByVigil(action: Pick<ActionRow, 'id' | 'kind' | 'target' | 'request'>): boolean {
    const row = this.orm
      .select({ id: actions.id })
      .from(actions)
      .where(
        and(
          sameContainment(action),
          inArray(actions.status, ['pending', 'running', 'done']),
          isNull(actions.revertDoneAt),
          or(isNull(actions.foundInPlace), eq(actions.foundInPlace, false)),
        ),
      )
      .limit(1)
      .get();
    return row !== undefined;
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

/** The identity provider's user id, the EDR's host id, or (for an address) the target: what the vendor acts on. */
const SUBJECT = sql`coalesce(json_extract(${actions.request}, '$.userId'), json_extract(${actions.request}, '$.hostId'), lower(${actions.target}))`;
const Subject = z.object({ userId: z.string().optional(), hostId: z.string().optional() });

/** Other actions of the same kind on the same subject as `action`. */
function sameContainment(action: Pick<ActionRow, 'id' | 'kind' | 'target' | 'request'>) {
  const parsed = Subject.safeParse(JSON.parse(action.request));
  const subject =
    (parsed.success && (parsed.data.userId ?? parsed.data.hostId)) || action.target.toLowerCase();
  return and(eq(actions.kind, action.kind), sql`${SUBJECT} = ${subject}`, ne(actions.id, action.id));
}
