// Runs case work in the background, one job at a time per case (two jobs for one case never interleave)
// and at most `maxConcurrent` cases at once. Background jobs also yield to intake while it is busy (for at
// most `maxDeferMs`), so an alert burst is captured first and triaged right after; jobs a person is
// waiting for (a resume after a click) never wait for intake, and take the next free slot before any background
// job; background jobs take slots by their case's severity. A job waiting on something outside Vigil (a model
// call) gives its slot up meanwhile (`aside`). `drain()` waits for everything queued.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Severity } from '../../graphs/agents/extraction/contract.js';
import type { Logger } from '../logger.js';

export type JobErrorHandler = (caseId: number, error: unknown) => Promise<void> | void;

/** Says whether intake is busy right now. */
export interface IntakePressure {
  busy(): boolean;
}

export interface CaseRunnerOptions {
  maxConcurrent?: number;
  pressure?: IntakePressure;
  /** Longest a background job waits for intake to calm down. */
  maxDeferMs?: number;
}

/**
 * Who gets the next free slot: a job a person waits for (`interactive`), then background jobs by the severity
 * of their case (a critical alert's triage goes before a backlog of low ones), first come first served within
 * each. `background` alone ranks as medium.
 */
export type JobPriority = 'interactive' | 'background' | { severity: Severity };

const RANK: Record<Severity | 'interactive', number> = {
  interactive: 0,
  critical: 1,
  high: 2,
  medium: 3,
  low: 4,
  info: 5,
};

const rankOf = (priority: JobPriority): number =>
  priority === 'interactive'
    ? RANK.interactive
    : priority === 'background'
      ? RANK.medium
      : RANK[priority.severity];

/** The job running in this async context: its rank, and whether it holds its slot right now. */
interface RunningJob {
  rank: number;
  holding: boolean;
}

interface CalmWaiter {
  deadline: number;
  /** Past its deadline: may also go when no overdue job runs. */
  overdue: boolean;
  resolve: () => void;
}

export class CaseRunner {
  private readonly tails = new Map<number, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly current = new AsyncLocalStorage<RunningJob>();
  private running = 0;
  /** Background jobs running past their wait while intake is still busy (at most one). */
  private overdue = 0;
  /** Jobs waiting for a slot, one queue per rank (see JobPriority). */
  private readonly waiting: Array<Array<() => void>> = Array.from({ length: RANK.info + 1 }, () => []);
  /** Jobs waiting for intake to calm down, each until its deadline; one timer looks for all of them. */
  private calmWaiters: CalmWaiter[] = [];
  private calmTimer: NodeJS.Timeout | undefined;
  /** The earliest deadline among the waiters, and how many of them wait for the overdue slot. */
  private earliestDeadline = Number.POSITIVE_INFINITY;
  private overdueWaiters = 0;

  private readonly maxConcurrent: number;
  private readonly maxDeferMs: number;
  private pressure: IntakePressure | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly onError: JobErrorHandler,
    options: CaseRunnerOptions = {},
  ) {
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.maxDeferMs = options.maxDeferMs ?? 5_000;
    this.pressure = options.pressure;
  }

  /** Connects intake once it exists (it needs the runner too). */
  yieldTo(pressure: IntakePressure): void {
    this.pressure = pressure;
  }

  /** Queues `job` behind the case's earlier jobs; the returned promise settles when it has run. */
  enqueue(
    caseId: number,
    label: string,
    job: () => Promise<void>,
    priority: JobPriority = 'background',
  ): Promise<void> {
    const previous = this.tails.get(caseId) ?? Promise.resolve();
    const run = previous.then(async () => {
      const overdue = await this.admit(priority);
      try {
        await this.current.run({ rank: rankOf(priority), holding: true }, job);
      } catch (error) {
        this.logger.error({ err: error, caseId, job: label }, 'case job failed');
        // A failing error handler (the store busy, say) must not reject the chain: the case's later jobs
        // would be skipped, and the rejection, unhandled, would stop the process.
        try {
          await this.onError(caseId, error);
        } catch (handlerError) {
          this.logger.error({ err: handlerError, caseId, job: label }, 'recording a failed case job failed');
        }
      } finally {
        if (overdue) this.overdue -= 1;
        this.release();
      }
    });
    this.tails.set(caseId, run);
    this.inflight.add(run);
    void run.finally(() => {
      this.inflight.delete(run);
      if (this.tails.get(caseId) === run) this.tails.delete(caseId);
    });
    return run;
  }

  /**
   * Runs `work` (a wait on something outside Vigil, such as a model call) without the slot of the job that calls
   * it: other cases' jobs run meanwhile, this case's later jobs still wait for this one, and the job takes a slot
   * again, at its rank, before it goes on. Called outside a job, it just runs `work`.
   */
  async aside<T>(work: () => Promise<T>): Promise<T> {
    const job = this.current.getStore();
    if (!job?.holding) return work();
    job.holding = false;
    this.release();
    try {
      return await work();
    } finally {
      await this.slot(job.rank);
      job.holding = true;
    }
  }

  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Takes a slot; a background job first waits while intake is busy and looks again once it holds the slot
   * (many jobs pass one quiet moment together; those that get a slot later must not run into the next burst).
   * Once its wait is used up it runs even though intake is still busy, but only one such job runs at a time,
   * so a long burst keeps most of the CPU. Returns whether the job runs as that overdue one.
   */
  private async admit(priority: JobPriority): Promise<boolean> {
    const rank = rankOf(priority);
    if (priority === 'interactive') {
      await this.slot(rank);
      return false;
    }
    const deadline = Date.now() + this.maxDeferMs;
    for (;;) {
      await this.yieldToIntake(deadline);
      await this.slot(rank);
      if (!this.pressure?.busy()) return false;
      if (Date.now() >= deadline && this.overdue === 0) {
        this.overdue += 1;
        return true;
      }
      this.release();
      if (Date.now() >= deadline) await this.untilOverdueFree();
    }
  }

  /**
   * Waits while intake is busy, until `deadline` at the latest. However many jobs wait, one 10 ms timer looks
   * for all of them (a burst can leave hundreds of new cases waiting).
   */
  private yieldToIntake(deadline: number): Promise<void> {
    if (!this.pressure?.busy() || Date.now() >= deadline) return Promise.resolve();
    return this.waitForCalm({ deadline, overdue: false });
  }

  /** Waits, past its deadline, until intake calms down or no overdue job runs. */
  private untilOverdueFree(): Promise<void> {
    return this.waitForCalm({ deadline: Number.POSITIVE_INFINITY, overdue: true });
  }

  private waitForCalm(waiter: Omit<CalmWaiter, 'resolve'>): Promise<void> {
    return new Promise((resolve) => {
      this.calmWaiters.push({ ...waiter, resolve });
      this.earliestDeadline = Math.min(this.earliestDeadline, waiter.deadline);
      if (waiter.overdue) this.overdueWaiters += 1;
      this.calmTimer ??= setInterval(() => this.checkCalm(), 10);
    });
  }

  private checkCalm(): void {
    const calm = !this.pressure?.busy();
    const now = Date.now();
    // Through a burst this runs every 10 ms with hundreds waiting: nobody goes unless intake is calm, a
    // deadline has passed, or the overdue slot is free for someone waiting for it.
    if (!calm && now < this.earliestDeadline && !(this.overdueWaiters > 0 && this.overdue === 0)) return;
    let overdueFree = this.overdue === 0;
    const due: CalmWaiter[] = [];
    this.calmWaiters = this.calmWaiters.filter((w) => {
      // One job past its deadline at a time tries for the overdue slot.
      const go = calm || now >= w.deadline || (w.overdue && overdueFree);
      if (go && w.overdue) overdueFree = false;
      if (go) due.push(w);
      return !go;
    });
    this.earliestDeadline = Number.POSITIVE_INFINITY;
    this.overdueWaiters = 0;
    for (const w of this.calmWaiters) {
      if (w.deadline < this.earliestDeadline) this.earliestDeadline = w.deadline;
      if (w.overdue) this.overdueWaiters += 1;
    }
    if (this.calmWaiters.length === 0) {
      clearInterval(this.calmTimer);
      this.calmTimer = undefined;
    }
    for (const w of due) w.resolve();
  }

  private slot(rank: number): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running += 1;
      return Promise.resolve();
    }
    const queue = this.waiting[rank];
    if (!queue) throw new Error(`no slot queue for rank ${rank}`);
    return new Promise((resolve) => queue.push(resolve));
  }

  /** Hands the slot to the first waiter of the most urgent rank, or frees it. */
  private release(): void {
    const next = this.waiting.find((queue) => queue.length > 0)?.shift();
    if (next) next();
    else this.running -= 1;
  }
}
