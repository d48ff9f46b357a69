// A sweep run every so often in the background: the timer does not keep the process alive, and a sweep that
// fails is logged and tried again at the next tick.
import type { Logger } from '../logger.js';

/** Runs `sweep` every `everyMs`; returns what stops it. */
export function runEvery(
  everyMs: number,
  sweep: () => Promise<unknown>,
  logger: Pick<Logger, 'error'>,
  what: string,
): () => void {
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
