// Keeps Slack calm during alert storms: a case's root message is re-rendered at most once per interval,
// and alerts linked to it (and other notes intake has for its thread) are announced in one thread note per
// interval instead of one each. What intake owes a thread is also recorded (owed_notes): once told, the case
// records it, and at start-up what a stop left untold is told. Each note is posted once (marked by its content),
// so one a stop cut off after Slack took it is found in the thread, not posted again.
import type { OwedNotesRepository } from '../../db/repositories/owed-notes.js';
import { digest } from '../../graphs/lib/digest.js';
import type { CaseNotifier } from '../../graphs/triage/ports.js';
import type { CaseRunner } from './case-runner.js';

/** Lines listed for one title; the rest are counted. */
interface Lines {
  lines: string[];
  more: number;
}

interface Pending {
  lastFlush: number;
  timer: NodeJS.Timeout | undefined;
  linked: Lines;
  /** Other notes for the thread, by title. */
  notes: Map<string, Lines>;
  /**
   * Whether lines waiting here were resent as still owed: an earlier attempt, or the process before a stop, may
   * have posted them, so their notes are looked for first.
   */
  lookFirst: boolean;
}

/** How many lines a note lists; the rest are counted ("…and 4 more"). */
export const LISTED_LINES = 10;

export class CaseUpdates {
  private readonly pending = new Map<number, Pending>();
  /** Cases with an update job carrying notes queued or running, and how many. */
  private readonly inFlight = new Map<number, number>();

  constructor(
    private readonly notifier: CaseNotifier,
    private readonly runner: CaseRunner,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    /** Where intake records what it owes threads; a case told records through which row. */
    private readonly owed?: Pick<OwedNotesRepository, 'lastId' | 'toldThrough' | 'listOwed'>,
  ) {}

  /**
   * Tells, with the next flush of each case, the notes still owed that this process is not telling already: at
   * start-up those a stop left, and on the sweep's timer those whose update job failed. Returns how many.
   */
  resendOwed(): number {
    const owed = (this.owed?.listOwed() ?? []).filter((note) => !this.telling(note.caseId));
    for (const note of owed) {
      this.entry(note.caseId).lookFirst = true;
      this.add(note.caseId, note.title, note.lines, note.more);
    }
    return owed.length;
  }

  /** Whether the case has notes waiting for its next flush, or an update job with notes not yet finished. */
  private telling(caseId: number): boolean {
    const entry = this.pending.get(caseId);
    return Boolean(entry?.linked.lines.length || entry?.notes.size || this.inFlight.has(caseId));
  }

  /** The case changed (a repeat arrived): re-render its root message soon, at most once per interval. */
  changed(caseId: number): void {
    const entry = this.entry(caseId);
    if (entry.timer) return;
    const wait = Math.max(0, entry.lastFlush + this.intervalMs - this.now());
    entry.timer = setTimeout(() => this.flush(caseId), wait);
    entry.timer.unref();
  }

  /** An alert was linked to the case: mention it in the thread with the next flush. */
  linked(caseId: number, line: string): void {
    this.add(caseId, null, [line], 0);
  }

  /** A note for the case's thread under `title` (lines with one title share one message), with the next flush. */
  noted(caseId: number, title: string, line: string): void {
    this.add(caseId, title, [line], 0);
  }

  /** Lines for the case's thread (linked alerts when `title` is null), and how many more not listed. */
  private add(caseId: number, title: string | null, lines: readonly string[], more: number): void {
    const entry = this.entry(caseId);
    let kept = entry.linked;
    if (title !== null) {
      kept = entry.notes.get(title) ?? { lines: [], more: 0 };
      entry.notes.set(title, kept);
    }
    const room = Math.max(0, LISTED_LINES - kept.lines.length);
    kept.lines.push(...lines.slice(0, room));
    kept.more += more + Math.max(0, lines.length - room);
    this.changed(caseId);
  }

  /** Sends everything still waiting (on shutdown); the runner's drain then waits for it. */
  flushAll(): void {
    for (const [caseId, entry] of this.pending) if (entry.timer) this.flush(caseId);
  }

  private flush(caseId: number): void {
    const entry = this.entry(caseId);
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.lastFlush = this.now();
    const linked = entry.linked;
    entry.linked = { lines: [], more: 0 };
    const notes = [...entry.notes];
    entry.notes.clear();
    const lookFirst = entry.lookFirst;
    entry.lookFirst = false;
    // Every batch committed so far announced its lines before this: told, the case is told through its row.
    const through = linked.lines.length || notes.length ? this.owed?.lastId() : undefined;
    // Forget the case once a quiet interval has passed: an absent entry throttles like an old one (unless a
    // newer entry took its place meanwhile).
    setTimeout(() => {
      if (
        !entry.timer &&
        !entry.linked.lines.length &&
        !entry.notes.size &&
        this.pending.get(caseId) === entry
      )
        this.pending.delete(caseId);
    }, this.intervalMs).unref();
    if (through !== undefined) this.inFlight.set(caseId, (this.inFlight.get(caseId) ?? 0) + 1);
    void this.runner
      .enqueue(caseId, 'case-update', () => this.tell(caseId, linked, notes, through, lookFirst))
      .finally(() => {
        if (through === undefined) return;
        const left = (this.inFlight.get(caseId) ?? 1) - 1;
        if (left > 0) this.inFlight.set(caseId, left);
        else this.inFlight.delete(caseId);
      });
  }

  /**
   * The case's update job: its root message rendered, then its notes posted and recorded told. A note is marked
   * by its case, title and lines (its alert ids among them), so the same note posted again is found instead.
   */
  private async tell(
    caseId: number,
    linked: Lines,
    notes: ReadonlyArray<[string, Lines]>,
    through: number | undefined,
    lookFirst: boolean,
  ): Promise<void> {
    await this.notifier.caseUpdated(caseId);
    const note = (title: string, text: string) =>
      this.notifier.threadNote(caseId, {
        kind: 'triage',
        title,
        text,
        once: { key: `owed:${digest({ caseId, title, text })}`, lookFirst },
      });
    // Recorded told only once every note is in the thread: one Slack refused stays owed, for the sweep to send.
    let told = true;
    const count = linked.lines.length + linked.more;
    if (count) {
      told = await note(
        count === 1 ? 'Related alert linked' : `${count} related alerts linked`,
        listed(linked),
      );
    }
    for (const [title, lines] of notes) told = (await note(title, listed(lines))) && told;
    if (through !== undefined && told) this.owed?.toldThrough(caseId, through);
  }

  private entry(caseId: number): Pending {
    let entry = this.pending.get(caseId);
    if (!entry) {
      entry = {
        lastFlush: Number.NEGATIVE_INFINITY,
        timer: undefined,
        linked: { lines: [], more: 0 },
        notes: new Map(),
        lookFirst: false,
      };
      this.pending.set(caseId, entry);
    }
    return entry;
  }
}

/** A note's lines as listed: the first ones, and how many more. */
function listed({ lines, more }: Lines): string {
  return lines.join('\n') + (more ? `\n…and ${more} more` : '');
}
