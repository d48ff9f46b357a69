// Housekeeping for what only work in progress needs, hourly and at start-up: the LangGraph checkpoints of cases
// resolved more than a week ago (a finished run is never resumed; the case, its alerts, actions and audit rows
// stay), the Slack event ids deliveries are deduplicated by (a day; taken alerts-channel messages a week), and
// the thread notes intake owed cases once they were told.
// Everything else is kept: README "Data kept" says what grows and how fast.
import type BetterSqlite3 from 'better-sqlite3';
import type { OwedNotesRepository } from '../../db/repositories/owed-notes.js';
import type { SlackEventsRepository } from '../../db/repositories/slack-events.js';
import type { Logger } from '../logger.js';
import { runEvery } from './periodic.js';

export interface RetentionDeps {
  /** Vigil's database (cases). */
  sqlite: BetterSqlite3.Database;
  /** LangGraph's checkpoint database and the saver that deletes a thread from it. */
  checkpoints: BetterSqlite3.Database;
  deleteThread(threadId: string): Promise<void>;
  slackEvents: Pick<SlackEventsRepository, 'forgetBefore'>;
  /** The thread notes intake owed cases, once every case a row names was told. */
  owedNotes?: Pick<OwedNotesRepository, 'forgetTold'>;
  clock: () => Date;
  logger: Logger;
}

const DAY_MS = 24 * 3600 * 1000;
/** How long a resolved case keeps its run's checkpoints. */
export const CHECKPOINT_DAYS = 7;

/** A thread id of any workflow (`VIG-12`, `offboard:VIG-12`, `onboard:VIG-12`) and its case. */
const THREAD = /^(?:(?:offboard|onboard):)?VIG-(\d+)$/;

export class Retention {
  private halt: (() => void) | undefined;

  constructor(private readonly deps: RetentionDeps) {}

  start(everyMs: number): void {
    this.halt = runEvery(everyMs, () => this.sweep(), this.deps.logger, 'retention sweep');
  }

  stop(): void {
    this.halt?.();
  }

  /** Deletes what has outlived its use; returns how many checkpoint threads it deleted. */
  async sweep(): Promise<number> {
    const now = this.deps.clock().getTime();
    this.deps.slackEvents.forgetBefore(
      new Date(now - DAY_MS).toISOString(),
      new Date(now - 7 * DAY_MS).toISOString(),
    );
    this.deps.owedNotes?.forgetTold();
    // LangGraph creates its tables with its first checkpoint.
    const started = this.deps.checkpoints
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'")
      .get();
    const threads = started
      ? this.deps.checkpoints.prepare<[], string>('SELECT DISTINCT thread_id FROM checkpoints').pluck().all()
      : [];
    const resolvedBefore = this.deps.sqlite.prepare<[number, string], number>(
      "SELECT count(*) FROM cases WHERE id = ? AND status = 'resolved' AND closed_at < ?",
    );
    const cutoff = new Date(now - CHECKPOINT_DAYS * DAY_MS).toISOString();
    let deleted = 0;
    for (const thread of threads) {
      const caseId = Number(THREAD.exec(thread)?.[1]);
      if (!Number.isSafeInteger(caseId) || !resolvedBefore.pluck().get(caseId, cutoff)) continue;
      await this.deps.deleteThread(thread);
      deleted += 1;
    }
    if (deleted)
      this.deps.logger.info({ threads: deleted }, 'deleted the checkpoints of cases resolved a week ago');
    return deleted;
  }
}
