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

/** The most recent open case seen with one entity: an index seek on (kind, value, last_seen_at). */
const ONE_ENTITY = `SELECT e.case_id AS caseId, e.kind AS kind, e.value AS value, e.last_seen_at AS seenAt
  FROM case_entities e JOIN cases c ON c.id = e.case_id
  WHERE e.kind = ? AND e.value = ? AND e.last_seen_at >= ?
    AND c.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})
  ORDER BY e.last_seen_at DESC LIMIT 1`;

/** Alerts with up to this many entities are looked up with one seek per entity. */
const SEEKS = 16;

export class CaseEntitiesRepository {
  private readonly upsert: BetterSqlite3.Statement<[number, string, string, string]>;
  private readonly findShared: BetterSqlite3.Statement<[string, string, string], SharedEntity>;
  /** Statements seeking 1…SEEKS entities at once (prepared when first needed). */
  private readonly seeks = new Map<number, BetterSqlite3.Statement<string[], SharedEntity>>();

  constructor(private readonly sqlite: BetterSqlite3.Database) {
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
    if (entities.length > SEEKS)
      return this.findShared.get(JSON.stringify(entities), since, JSON.stringify(OPEN_STATUSES));
    return this.seek(entities.length).get(...entities.flatMap((e) => [e.kind, e.value, since]));
  }

  /** One index seek per entity, the most recent hit of all: about twice as fast as the JSON set query. */
  private seek(count: number): BetterSqlite3.Statement<string[], SharedEntity> {
    let statement = this.seeks.get(count);
    if (!statement) {
      const parts = Array.from({ length: count }, () => `SELECT * FROM (${ONE_ENTITY})`);
      statement = this.sqlite.prepare<string[], SharedEntity>(
        `SELECT caseId, kind, value FROM (${parts.join(' UNION ALL ')}) ORDER BY seenAt DESC LIMIT 1`,
      );
      this.seeks.set(count, statement);
    }
    return statement;
  }
}
