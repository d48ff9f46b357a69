// Bolt answers Slack as soon as a listener acknowledges (`processBeforeResponse: false`), and the listener goes on:
// an Approve click is checked against the approver group, refused and audited after its 200 went out. This
// tracks that work, so `drain()` (tests, the reconciler) and shutdown wait for it instead of racing it.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

export class ListenerWork {
  private readonly running = new Set<Promise<void>>();

  /** Global middleware, registered first: holds each request's listener chain until it settles. */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async ({ next }) => {
      const work = next();
      this.running.add(work);
      try {
        await work;
      } finally {
        this.running.delete(work);
      }
    };
  }

  /** Resolves once no listener is running, including any that start while it waits. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
