import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { CaseRunner, type IntakePressure } from '../../src/services/case-runner.js';

/** Intake pressure a test switches by hand. */
function pressure(isBusy: boolean): IntakePressure & { isBusy: boolean } {
  return {
    isBusy,
    busy() {
      return this.isBusy;
    },
  };
}

/** Lets every pending callback of this turn run (the runner's hand-offs are promises and immediates). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CaseRunner', () => {
  it('goes on with a case’s later jobs when recording a failed job fails too, and rejects nothing', async () => {
    const runner = new CaseRunner(createLogger('silent'), () => {
      throw new Error('database is locked');
    });
    const ran: string[] = [];
    const failed = runner.enqueue(1, 'failing', () => Promise.reject(new Error('boom')));
    const next = runner.enqueue(1, 'next', async () => {
      ran.push('next');
    });
    await expect(failed).resolves.toBeUndefined();
    await next;
    expect(ran).toEqual(['next']);
  });

  it('holds a background job that got its slot after intake turned busy, and runs it once intake is quiet', async () => {
    const intake = pressure(false);
    const runner = new CaseRunner(createLogger('silent'), () => undefined, {
      maxConcurrent: 1,
      pressure: intake,
      maxDeferMs: 60_000,
    });
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));

    const first = runner.enqueue(1, 'first', async () => {
      log.push('first');
      started();
      await gate;
    });
    // Queued in a quiet moment: it passes the intake check and waits for the only slot.
    const second = runner.enqueue(2, 'second', async () => {
      log.push('second');
    });
    await firstStarted;

    intake.isBusy = true;
    release();
    await first;
    for (let i = 0; i < 5; i += 1) await turn();
    expect(log).toEqual(['first']);

    intake.isBusy = false;
    await second;
    expect(log).toEqual(['first', 'second']);
  });

  it('runs background jobs whose wait is used up one at a time while intake stays busy, all at once after', async () => {
    const intake = pressure(true);
    const runner = new CaseRunner(createLogger('silent'), () => undefined, {
      maxConcurrent: 4,
      pressure: intake,
      maxDeferMs: 0,
    });
    const running: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const oneStarted = new Promise<void>((resolve) => (started = resolve));
    const jobs = [1, 2, 3].map((caseId) =>
      runner.enqueue(caseId, 'start', async () => {
        running.push(caseId);
        started();
        await gate;
      }),
    );
    await oneStarted;
    for (let i = 0; i < 5; i += 1) await turn();
    expect(running).toHaveLength(1);

    intake.isBusy = false;
    await new Promise<void>((resolve) => {
      const check = () => (running.length === 3 ? resolve() : setImmediate(check));
      check();
    });
    release();
    await Promise.all(jobs);
    expect([...running].sort()).toEqual([1, 2, 3]);
  });

  it('runs other cases’ jobs while a job waits aside, keeps the case’s own later job behind it, and takes a slot back', async () => {
    const runner = new CaseRunner(createLogger('silent'), () => undefined, { maxConcurrent: 1 });
    const log: string[] = [];
    let answer: (value: string) => void = () => undefined;
    const model = new Promise<string>((resolve) => (answer = resolve));
    const first = runner.enqueue(1, 'triage', async () => {
      log.push(`model said ${await runner.aside(() => model)}`);
    });
    const later = runner.enqueue(1, 'update', async () => void log.push('case 1 later'));
    const other = runner.enqueue(2, 'triage', async () => void log.push('case 2'));
    await other;
    expect(log).toEqual(['case 2']);
    answer('ok');
    await Promise.all([first, later]);
    expect(log).toEqual(['case 2', 'model said ok', 'case 1 later']);
    // Outside a job, aside just runs the work.
    expect(await runner.aside(async () => 'direct')).toBe('direct');
  });

  it('never holds back a job a person is waiting for', async () => {
    const runner = new CaseRunner(createLogger('silent'), () => undefined, {
      pressure: { busy: () => true },
      maxDeferMs: 60_000,
    });
    const log: string[] = [];
    await runner.enqueue(1, 'resume', async () => void log.push('resume'), 'interactive');
    expect(log).toEqual(['resume']);
  });
  it('keeps hundreds of jobs waiting for a burst to pass on one timer, and runs them all once intake is quiet', async () => {
    const intake = pressure(true);
    const runner = new CaseRunner(createLogger('silent'), () => undefined, {
      maxConcurrent: 4,
      pressure: intake,
      maxDeferMs: 60_000,
    });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const ran: number[] = [];
    const jobs = Array.from({ length: 300 }, (_, i) =>
      runner.enqueue(i + 1, 'start', async () => {
        ran.push(i + 1);
      }),
    );
    for (let i = 0; i < 5; i += 1) await turn();
    expect(ran).toEqual([]);
    expect(timers() - before).toBeLessThanOrEqual(1);

    intake.isBusy = false;
    await Promise.all(jobs);
    expect(ran).toHaveLength(300);
    expect(timers()).toBe(before);
  });
  it('gives the next free slot to a job a person waits for, then to background jobs by severity, in order within each', async () => {
    const runner = new CaseRunner(createLogger('silent'), () => undefined, { maxConcurrent: 1 });
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const busy = runner.enqueue(1, 'busy', () => gate);
    await turn();
    // A backlog queued while the only slot is taken: low first, then others; a click's resume last of all.
    const jobs = [
      runner.enqueue(2, 'low-1', async () => void log.push('low-1'), { severity: 'low' }),
      runner.enqueue(3, 'medium', async () => void log.push('medium'), 'background'),
      runner.enqueue(4, 'critical', async () => void log.push('critical'), { severity: 'critical' }),
      runner.enqueue(5, 'low-2', async () => void log.push('low-2'), { severity: 'low' }),
      runner.enqueue(6, 'high', async () => void log.push('high'), { severity: 'high' }),
      runner.enqueue(7, 'resume', async () => void log.push('resume'), 'interactive'),
    ];
    await turn();
    release();
    await Promise.all([busy, ...jobs]);
    expect(log).toEqual(['resume', 'critical', 'high', 'medium', 'low-1', 'low-2']);
  });
});
