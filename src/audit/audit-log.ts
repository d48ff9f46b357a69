// The tamper-evident audit log: one row per fact, each row's hash covering its content and the previous
// row's hash. Appends take SQLite's write lock, so concurrent writers (even other processes) keep one chain.
import type BetterSqlite3 from 'better-sqlite3';
import { canonicalJson, sha256 } from '../../graphs/lib/digest.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFact {
  type: string;
  /** Who did it: a Slack user id, `vigil`, `webhook`, or a connector name. */
  actor: string;
  caseId?: number | null;
  data?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  caseId: number | null;
  type: string;
  actor: string;
  data: string;
  prevHash: string;
  hash: string;
}

export type VerifyResult =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; brokenAt: number; reason: string };

export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256(canonicalJson([row.prevHash, row.id, row.at, row.caseId, row.type, row.actor, row.data]));
}

export class AuditLog {
  private readonly last: BetterSqlite3.Statement<[], { id: number; hash: string }>;
  private readonly insert: BetterSqlite3.Statement<[AuditRow]>;
  private readonly appendTx: (facts: readonly AuditFact[], at: string) => AuditRow[];

  constructor(
    /** The database the log lives in (read by the evidence pack). */
    readonly sqlite: BetterSqlite3.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.last = sqlite.prepare('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1');
    this.insert = sqlite.prepare(
      `INSERT INTO audit_events (id, at, case_id, type, actor, data, prev_hash, hash)
       VALUES (@id, @at, @caseId, @type, @actor, @data, @prevHash, @hash)`,
    );
    // The chain's tail is read once per append call, under the write lock, and carried across its facts.
    const appendRows = (facts: readonly AuditFact[], at: string): AuditRow[] => {
      const previous = this.last.get();
      let id = previous?.id ?? 0;
      let prevHash = previous?.hash ?? GENESIS_HASH;
      return facts.map((fact) => {
        id += 1;
        const base = {
          id,
          at,
          caseId: fact.caseId ?? null,
          type: fact.type,
          actor: fact.actor,
          data: canonicalJson(fact.data ?? {}),
          prevHash,
        };
        const row: AuditRow = { ...base, hash: rowHash(base) };
        this.insert.run(row);
        prevHash = row.hash;
        return row;
      });
    };
    const tx = sqlite.transaction(appendRows);
    // Inside a caller's transaction (intake's batch) the write lock is already held: append directly
    // rather than through a savepoint.
    this.appendTx = (facts, at) => (sqlite.inTransaction ? appendRows(facts, at) : tx.immediate(facts, at));
  }

  append(fact: AuditFact): AuditRow {
    const [row] = this.appendTx([fact], this.clock().toISOString());
    if (!row) throw new Error('the audit log appended nothing');
    return row;
  }

  /** Appends several facts in order, in one step (one read of the chain's tail, one transaction). */
  appendAll(facts: readonly AuditFact[]): AuditRow[] {
    return facts.length ? this.appendTx(facts, this.clock().toISOString()) : [];
  }

  /** Re-checks every row's hash and link, and names the first row that does not match. */
  verify(): VerifyResult {
    const rows = this.sqlite
      .prepare<[], AuditRow>(
        'SELECT id, at, case_id AS caseId, type, actor, data, prev_hash AS prevHash, hash FROM audit_events ORDER BY id',
      )
      .iterate();
    let expectedPrev = GENESIS_HASH;
    let count = 0;
    for (const row of rows) {
      count += 1;
      if (row.prevHash !== expectedPrev) {
        return {
          ok: false,
          rows: count,
          brokenAt: row.id,
          reason: 'its prev_hash does not match the row before it',
        };
      }
      if (rowHash(row) !== row.hash) {
        return { ok: false, rows: count, brokenAt: row.id, reason: 'its content does not match its hash' };
      }
      expectedPrev = row.hash;
    }
    return { ok: true, rows: count, lastHash: expectedPrev };
  }

  forCase(caseId: number): AuditRow[] {
    return this.sqlite
      .prepare<[number], AuditRow>(
        `SELECT id, at, case_id AS caseId, type, actor, data, prev_hash AS prevHash, hash
         FROM audit_events WHERE case_id = ? ORDER BY id`,
      )
      .all(caseId);
  }
}
