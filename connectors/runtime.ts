// What every connector gets from outside: the HTTP client function, a clock, a sleep, randomness for jitter
// and a logger. Production uses the real ones; tests pass fakes so nothing waits and nothing is random.
import { setTimeout as delay } from 'node:timers/promises';

/** The logging a connector does: structured objects, never secrets (a pino Logger fits). */
export interface ConnectorLogger {
  debug(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface ConnectorRuntime {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** In [0, 1), for backoff jitter. */
  random: () => number;
  logger: ConnectorLogger;
}

/** What a caller may pass to a connector's constructor: any runtime part, and the call limits. */
export interface ConnectorDeps extends Partial<ConnectorRuntime> {
  /** Per-attempt timeout of a vendor call (default 10 s). */
  timeoutMs?: number;
  /** Attempts of an idempotent call, the first included (default 3). */
  maxAttempts?: number;
}

const silent: ConnectorLogger = { debug: () => undefined, warn: () => undefined };

export function runtimeFrom(deps: ConnectorDeps = {}): ConnectorRuntime {
  return {
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
    sleep: deps.sleep ?? ((ms) => delay(ms)),
    now: deps.now ?? (() => new Date()),
    random: deps.random ?? Math.random,
    logger: deps.logger ?? silent,
  };
}
