// Runs case work in the background, one job at a time per case, so listeners never wait for a graph run
// and two jobs for one case never interleave. `drain()` waits for everything in flight (shutdown, tests).
import type { Logger } from '../logger.js';

export type JobErrorHandler = (caseId: number, error: unknown) => Promise<void> | void;

export class CaseRunner {
  private readonly tails = new Map<number, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly onError: JobErrorHandler,
  ) {}

  /** Queues `job` behind the case's earlier jobs; the returned promise settles when it has run. */
  enqueue(caseId: number, label: string, job: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(caseId) ?? Promise.resolve();
    const run = previous.then(async () => {
      try {
        await job();
      } catch (error) {
        this.logger.error({ err: error, caseId, job: label }, 'case job failed');
        await this.onError(caseId, error);
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

  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }
}
