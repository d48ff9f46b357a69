// Tickets Vigil opened in the tracker, each tied to the alert and case it is for.
import { asc, eq } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { tickets } from '../schema.js';

export type TicketRow = typeof tickets.$inferSelect;

export class TicketsRepository {
  constructor(private readonly orm: Orm) {}

  /** Records the ticket once (a retried run finds the same key). */
  record(row: TicketRow): void {
    this.orm.insert(tickets).values(row).onConflictDoNothing().run();
  }

  forCase(caseId: number): TicketRow[] {
    return this.orm
      .select()
      .from(tickets)
      .where(eq(tickets.caseId, caseId))
      .orderBy(asc(tickets.createdAt))
      .all();
  }

  forAlert(alertId: string): TicketRow[] {
    return this.orm.select().from(tickets).where(eq(tickets.alertId, alertId)).all();
  }
}
