// The audit head written to the log: at start-up and shutdown always, on the timer only when it moved, and
// an error line when it went back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditAnchor } from '../../src/audit/anchor.js';
import { AUDIT_HEAD_INTERVAL_MS, AuditHeadAnchors } from '../../src/audit/head-anchors.js';

const hash = (c: string) => c.repeat(64);

/** A head the test moves, and a logger that keeps what it was given. */
function harness(start: AuditAnchor | undefined) {
  let head = start;
  const info: { fields: unknown; msg: string }[] = [];
  const error: { fields: unknown; msg: string }[] = [];
  const anchors = new AuditHeadAnchors({
    audit: { head: () => head },
    logger: {
      info: (fields: unknown, msg: string) => void info.push({ fields, msg }),
      error: (fields: unknown, msg: string) => void error.push({ fields, msg }),
    },
  });
  return { anchors, info, error, move: (next: AuditAnchor | undefined) => (head = next) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('audit head anchors', () => {
  it('logs the head at start-up, on a tick only once it moved, and at shutdown whether or not it moved', () => {
    const { anchors, info, move } = harness({ row: 10, hash: hash('a') });
    anchors.anchor();
    expect(info).toEqual([{ fields: { row: 10, hash: hash('a') }, msg: 'audit head' }]);
    anchors.tick();
    expect(info).toHaveLength(1);
    move({ row: 12, hash: hash('b') });
    anchors.tick();
    anchors.tick();
    expect(info.map((l) => l.fields)).toEqual([
      { row: 10, hash: hash('a') },
      { row: 12, hash: hash('b') },
    ]);
    anchors.anchor();
    expect(info.map((l) => l.fields)).toEqual([
      { row: 10, hash: hash('a') },
      { row: 12, hash: hash('b') },
      { row: 12, hash: hash('b') },
    ]);
  });

  it('writes nothing while the log is empty', () => {
    const { anchors, info, error } = harness(undefined);
    anchors.anchor();
    anchors.tick();
    expect([...info, ...error]).toEqual([]);
  });

  it('says so at once when the head went back: fewer rows, the same row with another hash, or none', () => {
    const { anchors, info, error, move } = harness({ row: 10, hash: hash('a') });
    anchors.anchor();
    move({ row: 8, hash: hash('c') });
    anchors.tick();
    expect(info.at(-1)?.fields).toEqual({ row: 8, hash: hash('c') });
    expect(error).toEqual([
      {
        fields: { row: 8, hash: hash('c'), previous: { row: 10, hash: hash('a') } },
        msg: 'audit head went back: rows were removed or rewritten since the last audit head line',
      },
    ]);
    move({ row: 8, hash: hash('d') });
    anchors.tick();
    move(undefined);
    anchors.tick();
    expect(error.map((l) => l.fields)).toEqual([
      { row: 8, hash: hash('c'), previous: { row: 10, hash: hash('a') } },
      { row: 8, hash: hash('d'), previous: { row: 8, hash: hash('c') } },
      { row: 0, hash: null, previous: { row: 8, hash: hash('d') } },
    ]);
    move({ row: 9, hash: hash('e') });
    anchors.tick();
    expect(error).toHaveLength(3);
  });

  it('logs a failed read instead of throwing, so shutdown goes on', () => {
    const error: unknown[] = [];
    const anchors = new AuditHeadAnchors({
      audit: {
        head: () => {
          throw new Error('database is locked');
        },
      },
      logger: { info: () => undefined, error: (fields: unknown) => void error.push(fields) },
    });
    expect(() => anchors.anchor()).not.toThrow();
    expect(error).toEqual([{ err: new Error('database is locked') }]);
  });

  it('ticks every 15 minutes until stopped', () => {
    vi.useFakeTimers();
    const { anchors, info, move } = harness({ row: 1, hash: hash('a') });
    anchors.start(AUDIT_HEAD_INTERVAL_MS);
    expect(AUDIT_HEAD_INTERVAL_MS).toBe(15 * 60_000);
    vi.advanceTimersByTime(AUDIT_HEAD_INTERVAL_MS);
    expect(info.map((l) => l.fields)).toEqual([{ row: 1, hash: hash('a') }]);
    move({ row: 2, hash: hash('b') });
    vi.advanceTimersByTime(AUDIT_HEAD_INTERVAL_MS - 1);
    expect(info).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(info).toHaveLength(2);
    anchors.stop();
    move({ row: 3, hash: hash('c') });
    vi.advanceTimersByTime(10 * AUDIT_HEAD_INTERVAL_MS);
    expect(info).toHaveLength(2);
  });

  it('does not keep the process alive with its timer', () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const { anchors } = harness({ row: 1, hash: hash('a') });
    const before = timers();
    anchors.start(AUDIT_HEAD_INTERVAL_MS);
    try {
      expect(timers()).toBe(before);
    } finally {
      anchors.stop();
    }
  });
});
