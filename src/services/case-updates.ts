// Keeps Slack calm during alert storms: a case's root message is re-rendered at most once per interval,
// and alerts linked to it (and other notes intake has for its thread) are announced in one thread note per
// interval instead of one each.
import type { CaseNotifier } from '../../graphs/triage/ports.js';
import type { CaseRunner } from './case-runner.js';

interface Pending {
  lastFlush: number;
  timer: NodeJS.Timeout | undefined;
  linked: string[];
  /** Other notes for the thread, by title. */
  notes: Map<string, string[]>;
}

const LISTED_LINKS = 10;

export class CaseUpdates {
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly notifier: CaseNotifier,
    private readonly runner: CaseRunner,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

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
    this.entry(caseId).linked.push(line);
    this.changed(caseId);
  }

  /** A note for the case's thread under `title` (lines with one title share one message), with the next flush. */
  noted(caseId: number, title: string, line: string): void {
    const entry = this.entry(caseId);
    entry.notes.set(title, [...(entry.notes.get(title) ?? []), line]);
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
    const lines = entry.linked.splice(0);
    const notes = [...entry.notes];
    entry.notes.clear();
    // Forget the case once a quiet interval has passed: an absent entry throttles like an old one (unless a
    // newer entry took its place meanwhile).
    setTimeout(() => {
      if (!entry.timer && !entry.linked.length && !entry.notes.size && this.pending.get(caseId) === entry)
        this.pending.delete(caseId);
    }, this.intervalMs).unref();
    void this.runner.enqueue(caseId, 'case-update', async () => {
      await this.notifier.caseUpdated(caseId);
      if (lines.length) {
        const more = lines.length > LISTED_LINKS ? `\n…and ${lines.length - LISTED_LINKS} more` : '';
        await this.notifier.threadNote(caseId, {
          kind: 'triage',
          title: lines.length === 1 ? 'Related alert linked' : `${lines.length} related alerts linked`,
          text: lines.slice(0, LISTED_LINKS).join('\n') + more,
        });
      }
      for (const [title, noteLines] of notes) {
        const rest = noteLines.length > LISTED_LINKS ? `\n…and ${noteLines.length - LISTED_LINKS} more` : '';
        await this.notifier.threadNote(caseId, {
          kind: 'triage',
          title,
          text: noteLines.slice(0, LISTED_LINKS).join('\n') + rest,
        });
      }
    });
  }

  private entry(caseId: number): Pending {
    let entry = this.pending.get(caseId);
    if (!entry) {
      entry = { lastFlush: Number.NEGATIVE_INFINITY, timer: undefined, linked: [], notes: new Map() };
      this.pending.set(caseId, entry);
    }
    return entry;
  }
}
