// Identity provider events recorded before Vigil answers the delivery, and what became of each: the record
// that lets a restart finish an event whose person was not read or onboarded yet.
import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { idpEvents } from '../schema.js';

export type IdpEventRow = typeof idpEvents.$inferSelect;

/** An event as a delivery names it. */
export interface NewIdpEvent {
  id: string;
  login: string;
  displayName: string | null;
  source: string;
}

export class IdpEventsRepository {
  constructor(private readonly orm: Orm) {}

  /** Records the events not recorded already (a redelivery is not); returns how many were new. */
  record(events: NewIdpEvent[], at: string): number {
    if (!events.length) return 0;
    return this.orm
      .insert(idpEvents)
      .values(events.map((e) => ({ ...e, status: 'pending', receivedAt: at, updatedAt: at })))
      .onConflictDoNothing()
      .run().changes;
  }

  get(id: string): IdpEventRow | undefined {
    return this.orm.select().from(idpEvents).where(eq(idpEvents.id, id)).get();
  }

  /** Events still to be worked off, oldest first, leaving out those in hand (`except`). */
  pending(except: string[], limit = 500): IdpEventRow[] {
    return this.orm
      .select()
      .from(idpEvents)
      .where(and(eq(idpEvents.status, 'pending'), notInArray(idpEvents.id, except)))
      .orderBy(asc(idpEvents.receivedAt), asc(idpEvents.id))
      .limit(limit)
      .all();
  }

  /** The event's person was onboarded (a case opened or joined), or refused for `reason` (audited). */
  settle(
    id: string,
    outcome: { status: 'done'; caseId: number } | { status: 'refused'; reason: string },
    at: string,
  ): void {
    this.orm
      .update(idpEvents)
      .set(
        outcome.status === 'done'
          ? { status: 'done', caseId: outcome.caseId, error: null, updatedAt: at }
          : { status: 'refused', error: outcome.reason, updatedAt: at },
      )
      .where(eq(idpEvents.id, id))
      .run();
  }

  /** An attempt did not get through; after `maxAttempts` the event is marked failed. Returns the new row. */
  attemptFailed(id: string, error: string, maxAttempts: number, at: string): IdpEventRow | undefined {
    return this.orm
      .update(idpEvents)
      .set({
        attempts: sql`${idpEvents.attempts} + 1`,
        status: sql`CASE WHEN ${idpEvents.attempts} + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
        error,
        updatedAt: at,
      })
      .where(eq(idpEvents.id, id))
      .returning()
      .get();
  }
}
