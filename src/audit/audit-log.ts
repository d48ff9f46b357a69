// The tamper-evident audit log: one row per fact, each row's hash covering its content and the previous
// row's hash. Appends take SQLite's write lock, so concurrent writers (even other processes) keep one chain.
import type BetterSqlite3 from 'better-sqlite3';
import { canonicalJson, sha256 } from '../../graphs/lib/digest.js';
import type { AuditAnchor } from './anchor.js';

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
  /** `lastRow` is 0 and `lastHash` the genesis hash when the log is empty. */
  | { ok: true; rows: number; lastRow: number; lastHash: string }
  | { ok: false; rows: number; brokenAt: number; reason: string };

export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  // The canonical JSON of an array of strings, numbers and null is its JSON.
  return sha256(JSON.stringify([row.prevHash, row.id, row.at, row.caseId, row.type, row.actor, row.data]));
}

/** A fact with the time it happened, waiting for (or being given) its row. */
interface Entry {
  fact: AuditFact;
  at: string;
}

export class AuditLog {
  private readonly last: BetterSqlite3.Statement<[], { id: number; hash: string }>;
  private readonly insert: BetterSqlite3.Statement<[AuditRow]>;
  private readonly appendTx: (entries: readonly Entry[]) => AuditRow[];
  /** Facts recorded but not yet written, in order; the next append or flush writes them first. */
  private recorded: Entry[] = [];
  private flushScheduled = false;

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
    const appendRows = (entries: readonly Entry[]): AuditRow[] => {
      const previous = this.last.get();
      let id = previous?.id ?? 0;
      let prevHash = previous?.hash ?? GENESIS_HASH;
      return entries.map(({ fact, at }) => {
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
    this.appendTx = (entries) => (sqlite.inTransaction ? appendRows(entries) : tx.immediate(entries));
  }

  /**
   * Appends a fact and commits it (with every fact recorded before it) before returning: for facts that come
   * before an effect or stand for a decision, so the record is durable before anything acts on it.
   */
  append(fact: AuditFact): AuditRow {
    const rows = this.write([{ fact, at: this.clock().toISOString() }]);
    const row = rows[rows.length - 1];
    if (!row) throw new Error('the audit log appended nothing');
    return row;
  }

  /** Appends several facts in order, in one step (one read of the chain's tail, one transaction). */
  appendAll(facts: readonly AuditFact[]): AuditRow[] {
    if (!facts.length) return [];
    const at = this.clock().toISOString();
    return this.write(facts.map((fact) => ({ fact, at }))).slice(-facts.length);
  }

  /**
   * Records a fact about a computation (a node's digests, a classification, a lookup): it takes its place in
   * the chain, with the time it happened, when the next fact is appended or at the end of this turn of the
   * event loop, whichever comes first, so a run's facts share a few commits instead of one each. A process
   * killed in between loses only facts of a run that `reconcile` runs again, never one an effect followed:
   * effects are preceded by an `append`, which commits everything recorded before it.
   */
  record(fact: AuditFact): void {
    this.recorded.push({ fact, at: this.clock().toISOString() });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A write that fails here keeps the facts; the next append or flush retries them and reports the error.
      try {
        this.flush();
      } catch {
        /* retried by the next append or flush */
      }
    });
  }

  /** Commits every recorded fact now (before reading the log, and when a run ends). */
  flush(): void {
    if (this.recorded.length) this.write([]);
  }

  /**
   * Writes the recorded facts, then `entries`, in one transaction; the recorded ones stay queued on failure.
   * Inside a caller's transaction (which may yet roll back) only `entries` are written.
   */
  private write(entries: readonly Entry[]): AuditRow[] {
    if (!this.recorded.length || this.sqlite.inTransaction) return this.appendTx(entries);
    const pending = this.recorded;
    this.recorded = [];
    try {
      return this.appendTx(entries.length ? [...pending, ...entries] : pending);
    } catch (error) {
      this.recorded = [...pending, ...this.recorded];
      throw error;
    }
  }

  /**
   * The chain's head as committed: the last row's id and hash, undefined while the log is empty. Facts
   * `record`ed but not yet flushed are not in it (they are committed by the end of this event-loop turn), so
   * the head read never writes and always names a row that is in the database.
   */
  head(): AuditAnchor | undefined {
    const last = this.last.get();
    return last ? { row: last.id, hash: last.hash } : undefined;
  }

  /**
   * Re-checks every row's hash and link, and names the first row that does not match. Each anchor's row must
   * then be there with the anchor's hash: a missing row means rows were removed, another hash that the log
   * was rewritten at or before that row (and the chain recomputed after it). Synchronous: for the command line.
   */
  verify(anchors: readonly AuditAnchor[] = []): VerifyResult {
    this.flush();
    const check = new ChainCheck(anchors);
    for (const row of this.sqlite.prepare<[], AuditRow>(`${SELECT_ROWS} ORDER BY id`).iterate()) {
      const broken = check.row(row);
      if (broken) return broken;
    }
    return check.result();
  }

  /**
   * The same check for a running Vigil, whose event loop must keep answering webhooks and clicks: rows are read
   * and hashed a page at a time, each page in its own turn of the event loop, up to the head as it was when the
   * check began. Checks asked for while one runs without anchors share it.
   */
  verifyInTurns(anchors: readonly AuditAnchor[] = []): Promise<VerifyResult> {
    if (anchors.length) return this.checkInTurns(anchors);
    this.running ??= this.checkInTurns([]).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private running: Promise<VerifyResult> | undefined;

  private async checkInTurns(anchors: readonly AuditAnchor[]): Promise<VerifyResult> {
    this.flush();
    const head = this.head()?.row ?? 0;
    const page = this.sqlite.prepare<[number, number, number], AuditRow>(
      `${SELECT_ROWS} WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`,
    );
    const check = new ChainCheck(anchors);
    for (let after = 0; after < head;) {
      const rows = page.all(after, head, ROWS_PER_TURN);
      for (const row of rows) {
        const broken = check.row(row);
        if (broken) return broken;
      }
      const last = rows[rows.length - 1];
      if (!last) break;
      after = last.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return check.result();
  }

  /** The case's rows in order that `keep` accepts, read one at a time (a case can hold a million rows). */
  forCase(caseId: number, keep: (row: AuditRow) => boolean = () => true): AuditRow[] {
    this.flush();
    const kept: AuditRow[] = [];
    const rows = this.sqlite.prepare<[number], AuditRow>(`${SELECT_ROWS} WHERE case_id = ? ORDER BY id`);
    for (const row of rows.iterate(caseId)) if (keep(row)) kept.push(row);
    return kept;
  }
}

const SELECT_ROWS =
  'SELECT id, at, case_id AS caseId, type, actor, data, prev_hash AS prevHash, hash FROM audit_events';

/** Rows a check in turns hashes before it lets the event loop go round (about 20 ms of work). */
const ROWS_PER_TURN = 5_000;

/** The chain check over rows fed to it in order, with the anchors each row must match. */
class ChainCheck {
  private readonly anchored = new Map<number, string[]>();
  private expectedPrev = GENESIS_HASH;
  private lastRow = 0;
  private count = 0;

  constructor(anchors: readonly AuditAnchor[]) {
    for (const { row, hash } of anchors) this.anchored.set(row, [...(this.anchored.get(row) ?? []), hash]);
  }

  /** Checks the next row; the failure when it breaks the chain or an anchor. */
  row(row: AuditRow): VerifyResult | undefined {
    this.count += 1;
    const broken = (reason: string): VerifyResult => ({
      ok: false,
      rows: this.count,
      brokenAt: row.id,
      reason,
    });
    if (row.prevHash !== this.expectedPrev) return broken('its prev_hash does not match the row before it');
    if (rowHash(row) !== row.hash) return broken('its content does not match its hash');
    const other = this.anchored.get(row.id)?.find((hash) => hash !== row.hash);
    if (other !== undefined) {
      return broken(
        `its hash is ${row.hash}, not the anchored ${other}, so the log was rewritten at or before this row`,
      );
    }
    this.anchored.delete(row.id);
    this.expectedPrev = row.hash;
    this.lastRow = row.id;
    return undefined;
  }

  /** The outcome once every row was fed: an anchor whose row never came is a failure. */
  result(): VerifyResult {
    const { count, lastRow } = this;
    const missing = Math.min(...this.anchored.keys());
    if (Number.isFinite(missing)) {
      return {
        ok: false,
        rows: count,
        brokenAt: missing,
        reason:
          missing <= lastRow
            ? `the anchored row is missing, though the log goes on to row ${lastRow}, so rows were removed or renumbered`
            : `the anchored row is missing; ${lastRow ? `the log ends at row ${lastRow}` : 'the log is empty'}, so rows were removed`,
      };
    }
    return { ok: true, rows: count, lastRow, lastHash: this.expectedPrev };
  }
}
