// CaseUpdates' throttle: its "forget the case" timer must not delete a newer entry with lines still waiting.
// A timer can fire early against Date.now (a long synchronous intake batch stalls the event loop, and Node
// schedules timers from the loop's cached time), simulated here by skewing `now` for one call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseRunner } from '../../src/services/case-runner.js';
import { CaseUpdates } from '../../src/services/case-updates.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CaseUpdates during a storm', () => {
  it('posts every linked alert line even when a stalled event loop made one flush fire early', async () => {
    const notes: string[] = [];
    const notifier = {
      caseUpdated: async () => {},
      threadNote: async (_caseId: number, note: { text: string }) => {
        notes.push(note.text);
        return true;
      },
    };
    const runner = { enqueue: async (_id: number, _label: string, job: () => Promise<void>) => job() };
    let skew = 0;
    const updates = new CaseUpdates(
      notifier as never,
      runner as unknown as CaseRunner,
      1000,
      () => Date.now() + skew,
    );

    updates.changed(1); // a repeat: first render at once
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(99);
    skew = 550; // a repeat handled at the end of a 550 ms synchronous batch
    updates.changed(1);
    skew = 0;
    await vi.advanceTimersByTimeAsync(1000); // to t=1100
    updates.linked(1, 'Mailbox rule created (high), shares user jdoe · alr_A');
    await vi.advanceTimersByTimeAsync(100); // t=1200
    updates.linked(1, 'Impossible travel (high), shares user jdoe · alr_B');
    await vi.advanceTimersByTimeAsync(5000);

    const posted = notes.join('\n');
    expect(posted).toContain('alr_A');
    expect(posted).toContain('alr_B');
  });
});

describe('CaseUpdates and the notes intake owes', () => {
  it('queues again a note still owed only when no update of that case is telling it, and records the case told', async () => {
    const notes: string[] = [];
    let failNext = true;
    const notifier = {
      caseUpdated: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('the store was busy');
        }
      },
      threadNote: async (_caseId: number, note: { title: string; text: string }) => {
        notes.push(`${note.title}: ${note.text}`);
        return true;
      },
    };
    const runner = {
      enqueue: (_id: number, _label: string, job: () => Promise<void>) => job().catch(() => undefined),
    };
    const owedNote = {
      caseId: 1,
      title: 'Seen again after it was resolved',
      lines: ['came back · alr_1'],
      more: 0,
    };
    const told = new Map<number, number>();
    const owed = {
      lastId: () => 7,
      toldThrough: (caseId: number, id: number) => void told.set(caseId, id),
      listOwed: () => ((told.get(1) ?? 0) < 7 ? [owedNote] : []),
    };
    const updates = new CaseUpdates(notifier as never, runner as unknown as CaseRunner, 1000, Date.now, owed);

    updates.noted(1, owedNote.title, owedNote.lines[0] ?? '');
    expect(updates.resendOwed()).toBe(0); // waiting for the case's next flush: not queued twice
    await vi.advanceTimersByTimeAsync(1); // its update job fails before the note is posted
    expect(notes).toEqual([]);
    expect(told.size).toBe(0);

    expect(updates.resendOwed()).toBe(1); // the sweep: still owed, and nothing is telling it
    await vi.advanceTimersByTimeAsync(1000);
    expect(notes).toEqual(['Seen again after it was resolved: came back · alr_1']);
    expect(told.get(1)).toBe(7);
    expect(updates.resendOwed()).toBe(0);
  });
});
