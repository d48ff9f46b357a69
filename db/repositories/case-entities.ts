// The entities each case involves (IPs, users, hosts), so an alert that shares one with an open case
// within the window is linked to it.
import type BetterSqlite3 from 'better-sqlite3';

export interface Entity {
  kind: 'ip' | 'user' | 'host';
  /** Lower-cased. */
  value: string;
}

export interface SharedEntity extends Entity {
  caseId: number;
}

/** Statuses in which a case still takes linked alerts. */
const OPEN_STATUSES = ['triage', 'awaiting_approval'];

export class CaseEntitiesRepository {
  private readonly upsert: BetterSqlite3.Statement<[number, string, string, string]>;
  private readonly findShared: BetterSqlite3.Statement<[string, string, string], SharedEntity>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.upsert = sqlite.prepare(
      `INSERT INTO case_entities (case_id, kind, value, last_seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id, kind, value) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
    );
    this.findShared = sqlite.prepare(
      `SELECT e.case_id AS caseId, e.kind AS kind, e.value AS value
       FROM case_entities e JOIN cases c ON c.id = e.case_id
       WHERE (e.kind, e.value) IN (SELECT json_extract(j.value, '$.kind'), json_extract(j.value, '$.value') FROM json_each(?) j)
         AND e.last_seen_at >= ?
         AND c.status IN (SELECT value FROM json_each(?))
       ORDER BY e.last_seen_at DESC
       LIMIT 1`,
    );
  }

  touch(caseId: number, entities: Entity[], at: string): void {
    for (const entity of entities) this.upsert.run(caseId, entity.kind, entity.value, at);
  }

  /** The open case most recently seen with any of these entities since `since`, and the entity shared. */
  openCaseSharing(entities: Entity[], since: string): SharedEntity | undefined {
    if (!entities.length) return undefined;
    return this.findShared.get(JSON.stringify(entities), since, JSON.stringify(OPEN_STATUSES));
  }
}
