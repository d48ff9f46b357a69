// Cases and where their Slack root message lives.
import type BetterSqlite3 from 'better-sqlite3';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../client.js';
import { cases } from '../schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type Workflow = CaseRow['workflow'];

/** Every status a case holds until it is resolved: the cases a restart may have to take up again. */
const UNFINISHED = ['triage', 'awaiting_approval', 'failed'];
/** A case's occurrences after a repeat was counted, with its severity and status then. */
export interface RepeatCount {
  occurrences: number;
  severity: string;
  status: string;
  /** When an alert first came in again after the case was resolved (its thread was told), if one did. */
  seenAfterResolvedAt: string | null;
}

export type CasePatch = Partial<
  Pick<
    CaseRow,
    | 'title'
    | 'severity'
    | 'status'
    | 'summary'
    | 'channelId'
    | 'rootTs'
    | 'evidenceAt'
    | 'triagedAt'
    | 'closedAt'
    | 'seenAfterResolvedAt'
  >
>;

/** A prepared update for one set of patched columns. */
type PreparedUpdate = { get(values: Record<string, unknown>): CaseRow | undefined };

export class CasesRepository {
  private readonly byFingerprint: BetterSqlite3.Statement<[string, string], number>;
  private readonly openByFingerprint: BetterSqlite3.Statement<[string], number>;
  private readonly repeat: BetterSqlite3.Statement<[number, string, number], RepeatCount>;
  /** Every node, render and thread note reads the case: prepared once instead of built per call. */
  private readonly byId;
  /** Intake opens a case for every new alert. */
  private readonly insert;
  /** Updates prepared per set of patched columns (a handful of shapes in practice). */
  private readonly updates = new Map<string, PreparedUpdate>();

  private readonly openCount: BetterSqlite3.Statement<[], number>;
  private readonly reopen: BetterSqlite3.Statement<[string, number]>;

  constructor(
    private readonly orm: Orm,
    sqlite: BetterSqlite3.Database,
  ) {
    // Counted on the open cases' own index: the planner would otherwise count through one holding every case.
    this.openCount = sqlite
      .prepare<[], number>("SELECT count(*) FROM cases INDEXED BY cases_open_idx WHERE status <> 'resolved'")
      .pluck();
    // Every repeat of an alert runs these two: prepared once, plain SQL.
    this.byFingerprint = sqlite
      .prepare<[string, string], number>(
        'SELECT id FROM cases WHERE fingerprint = ? AND last_seen_at >= ? ORDER BY last_seen_at DESC LIMIT 1',
      )
      .pluck();
    this.openByFingerprint = sqlite
      .prepare<[string], number>(
        "SELECT id FROM cases WHERE fingerprint = ? AND status NOT IN ('resolved', 'failed') ORDER BY id DESC LIMIT 1",
      )
      .pluck();
    this.repeat = sqlite.prepare(
      'UPDATE cases SET occurrences = occurrences + ?, last_seen_at = ? WHERE id = ? RETURNING occurrences, severity, status, seen_after_resolved_at AS seenAfterResolvedAt',
    );
    this.reopen = sqlite.prepare(
      "UPDATE cases SET status = 'triage', updated_at = ? WHERE id = ? AND status = 'failed'",
    );
    this.insert = orm
      .insert(cases)
      .values({
        title: sql.placeholder('title'),
        severity: sql.placeholder('severity'),
        status: 'triage',
        workflow: sql.placeholder('workflow'),
        requestedBy: sql.placeholder('requestedBy'),
        fingerprint: sql.placeholder('fingerprint'),
        occurrences: 1,
        lastSeenAt: sql.placeholder('at'),
        createdAt: sql.placeholder('at'),
        updatedAt: sql.placeholder('at'),
      })
      .returning()
      .prepare();
    this.byId = orm
      .select()
      .from(cases)
      .where(eq(cases.id, sql.placeholder('id')))
      .prepare();
  }

  create(row: {
    title: string;
    severity: string;
    requestedBy: string;
    at: string;
    fingerprint?: string | null;
    /** Defaults to `triage` (a case opened by an alert). */
    workflow?: Workflow;
  }): CaseRow {
    return this.insert.get({
      title: row.title,
      workflow: row.workflow ?? 'triage',
      severity: row.severity,
      requestedBy: row.requestedBy,
      fingerprint: row.fingerprint ?? null,
      at: row.at,
    });
  }

  /** The latest case opened by this fingerprint that saw it at or after `since`. */
  findRecentByFingerprint(fingerprint: string, since: string): number | undefined {
    return this.byFingerprint.get(fingerprint, since);
  }

  /**
   * The newest case opened by this fingerprint that is still being worked (neither resolved nor failed), however
   * long ago it was seen: a request whose case failed (the firewall refused the block) may be asked again.
   */
  findOpenByFingerprint(fingerprint: string): number | undefined {
    return this.openByFingerprint.get(fingerprint);
  }

  /** Counts `count` more occurrences of the case's alert, the last seen at `at`; returns the case's count as it now stands. */
  recordRepeat(id: number, at: string, count = 1): RepeatCount | undefined {
    return this.repeat.get(count, at, id);
  }

  get(id: number): CaseRow | undefined {
    return this.byId.get({ id });
  }

  update(id: number, patch: CasePatch, at: string): CaseRow | undefined {
    const values: Record<string, unknown> = { ...patch, updatedAt: at };
    const columns = Object.keys(values).filter((k) => values[k] !== undefined);
    const shape = columns.join(',');
    let prepared = this.updates.get(shape);
    if (!prepared) {
      prepared = this.orm
        .update(cases)
        .set(Object.fromEntries(columns.map((k) => [k, sql.placeholder(k)])))
        .where(eq(cases.id, sql.placeholder('__id')))
        .returning()
        .prepare();
      this.updates.set(shape, prepared);
    }
    return prepared.get({ ...values, __id: id });
  }

  /**
   * Claims a failed case for a Retry: back to `triage` only if it is still `failed`, so two clicks, Slack's
   * retries or two replicas claim it once. Whether this call claimed it.
   */
  reopenFailed(id: number, at: string): boolean {
    return this.reopen.run(at, id).changes === 1;
  }

  /** How many cases are not resolved. */
  countOpen(): number {
    return this.openCount.get() ?? 0;
  }

  listOpen(limit = 20): CaseRow[] {
    return this.orm.select().from(cases).where(OPEN).orderBy(desc(cases.id)).limit(limit).all();
  }

  /**
   * Every case of `workflow` that is not resolved, oldest first and with no limit: what a restart looks through
   * for runs to take up again (an index range on workflow and status, however many cases are resolved).
   */
  listUnfinished(workflow: Workflow): CaseRow[] {
    return this.orm
      .select()
      .from(cases)
      .where(and(eq(cases.workflow, workflow), inArray(cases.status, UNFINISHED)))
      .orderBy(asc(cases.id))
      .all();
  }

  listRecent(limit = 20): CaseRow[] {
    return this.orm.select().from(cases).orderBy(desc(cases.id)).limit(limit).all();
  }
}

/** The id people and LangGraph threads use for a case. */
export const caseKey = (id: number): string => `VIG-${id}`;

/** Parses `VIG-12`, `vig-12` or `12`; undefined when it is neither. */
export function parseCaseKey(text: string): number | undefined {
  const match = /^(?:vig-)?(\d{1,12})$/i.exec(text.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Not resolved, written as the partial index cases_open_idx says it (SQLite uses it only for the same terms). */
const OPEN = sql`${cases.status} <> 'resolved'`;
