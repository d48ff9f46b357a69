// Raw alerts: stored verbatim first, then marked normalised or unparsed.
import type BetterSqlite3 from 'better-sqlite3';
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { alerts } from '../schema.js';

export type AlertRow = typeof alerts.$inferSelect;

/** One alert as intake files it: stored, read (or not), and attached to its case, in one row. */
export interface FiledAlert {
  id: string;
  source: string;
  submittedBy: string;
  contentType: string | null;
  raw: Buffer;
  rawSha256: string;
  status: 'received' | 'normalized' | 'unparsed';
  error: string | null;
  normalized: string | null;
  fingerprint: string | null;
  caseId: number | null;
  relation: 'opened' | 'repeat' | 'linked' | null;
  receivedAt: string;
}

export class AlertsRepository {
  private readonly insertStatement: BetterSqlite3.Statement<[FiledAlert]>;
  /** Read on every render of a case message and every triage run: prepared once. */
  private readonly byId;
  private readonly firstOfCase;
  private readonly countsOfCase;

  constructor(
    private readonly orm: Orm,
    sqlite: BetterSqlite3.Database,
  ) {
    // Intake's hot path: one prepared statement, no query building per alert.
    this.insertStatement = sqlite.prepare(
      `INSERT INTO alerts (id, source, submitted_by, content_type, raw, raw_sha256, status, error, normalized, fingerprint, case_id, relation, received_at)
       VALUES (@id, @source, @submittedBy, @contentType, @raw, @rawSha256, @status, @error, @normalized, @fingerprint, @caseId, @relation, @receivedAt)`,
    );
    this.byId = orm
      .select()
      .from(alerts)
      .where(eq(alerts.id, sql.placeholder('id')))
      .prepare();
    this.firstOfCase = orm
      .select()
      .from(alerts)
      .where(eq(alerts.caseId, sql.placeholder('caseId')))
      .orderBy(asc(alerts.receivedAt))
      .limit(1)
      .prepare();
    this.countsOfCase = orm
      .select({ relation: alerts.relation, n: count() })
      .from(alerts)
      .where(eq(alerts.caseId, sql.placeholder('caseId')))
      .groupBy(alerts.relation)
      .prepare();
  }

  insert(row: FiledAlert): void {
    this.insertStatement.run(row);
  }

  get(id: string): AlertRow | undefined {
    return this.byId.get({ id });
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
    const rows = this.countsOfCase.all({ caseId });
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
    return this.firstOfCase.get({ caseId });
  }

  /** Payloads Vigil could not read, newest first, for analysts to look at. */
  listUnparsed(limit = 50): AlertRow[] {
    return this.unparsed(limit).all();
  }

  /** The SQL `listUnparsed` runs, for checking its plan. */
  listUnparsedQuery(limit = 50): { sql: string; params: unknown[] } {
    return this.unparsed(limit).toSQL();
  }

  private unparsed(limit: number) {
    return (
      this.orm
        .select()
        .from(alerts)
        // Stated as the partial index states it, so SQLite reads that index (a bound parameter would not match).
        .where(sql`${alerts.status} = 'unparsed'`)
        .orderBy(desc(alerts.receivedAt))
        .limit(limit)
    );
  }
}
