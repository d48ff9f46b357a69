// Raw alerts: stored verbatim first, then marked normalised or unparsed.
import { asc, count, desc, eq } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { alerts } from '../schema.js';

export type AlertRow = typeof alerts.$inferSelect;

export class AlertsRepository {
  constructor(private readonly orm: Orm) {}

  insert(row: typeof alerts.$inferInsert): AlertRow {
    return this.orm.insert(alerts).values(row).returning().get();
  }

  get(id: string): AlertRow | undefined {
    return this.orm.select().from(alerts).where(eq(alerts.id, id)).get();
  }

  attachToCase(id: string, caseId: number, relation: 'opened' | 'repeat' | 'linked' = 'opened'): void {
    this.orm.update(alerts).set({ caseId, relation }).where(eq(alerts.id, id)).run();
  }

  /** Records the normalised alert and its fingerprint. */
  recordNormalized(id: string, normalized: string, fingerprint: string): void {
    this.orm
      .update(alerts)
      .set({ status: 'normalized', normalized, fingerprint, error: null })
      .where(eq(alerts.id, id))
      .run();
  }

  /** How many alerts a case holds, by relation. */
  countForCase(caseId: number): { repeat: number; linked: number; total: number } {
    const rows = this.orm
      .select({ relation: alerts.relation, n: count() })
      .from(alerts)
      .where(eq(alerts.caseId, caseId))
      .groupBy(alerts.relation)
      .all();
    const of = (relation: string) => rows.find((r) => r.relation === relation)?.n ?? 0;
    return { repeat: of('repeat'), linked: of('linked'), total: rows.reduce((sum, r) => sum + r.n, 0) };
  }

  markNormalized(id: string, normalized: string): void {
    this.orm
      .update(alerts)
      .set({ status: 'normalized', normalized, error: null })
      .where(eq(alerts.id, id))
      .run();
  }

  markUnparsed(id: string, error: string): void {
    this.orm.update(alerts).set({ status: 'unparsed', error }).where(eq(alerts.id, id)).run();
  }

  /** The alert that opened the case. */
  firstForCase(caseId: number): AlertRow | undefined {
    return this.orm
      .select()
      .from(alerts)
      .where(eq(alerts.caseId, caseId))
      .orderBy(asc(alerts.receivedAt))
      .limit(1)
      .get();
  }

  /** Payloads Vigil could not read, newest first, for analysts to look at. */
  listUnparsed(limit = 50): AlertRow[] {
    return this.orm
      .select()
      .from(alerts)
      .where(eq(alerts.status, 'unparsed'))
      .orderBy(desc(alerts.receivedAt))
      .limit(limit)
      .all();
  }
}
