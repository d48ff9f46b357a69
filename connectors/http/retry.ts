// Retries with exponential backoff and full jitter, for idempotent calls only, honouring the wait a vendor
// asks for (Retry-After in seconds or as an HTTP date, or the vendor's own rate-limit header).
import { ConnectorError } from '../connector-error.js';
import type { ConnectorRuntime } from '../runtime.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A vendor asking for a longer wait than this is not retried: the caller gets `rate_limited` at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Full jitter: a random wait between 0 and the exponential ceiling for this attempt (1-based). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** A header holding the UTC epoch second when the limit resets (Okta, Falcon), as milliseconds from `now`. */
export function epochSecondsHeader(name: string): (headers: Headers, now: Date) => number | undefined {
  return (headers, now) => {
    const value = headers.get(name);
    if (value === null || !/^\d+$/.test(value)) return undefined;
    return Math.max(0, Number(value) * 1000 - now.getTime());
  };
}

export interface RetryContext {
  vendor: string;
  operation: string;
  /** Only idempotent calls are made again; anything else fails on its first error. */
  idempotent: boolean;
  policy: RetryPolicy;
  runtime: Pick<ConnectorRuntime, 'sleep' | 'random' | 'logger'>;
}

/** Runs `attempt` until it succeeds, fails for good, or runs out of attempts. Only ConnectorErrors are retried. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, context: RetryContext): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      const wait = retryDelay(error, n, context);
      if (wait === undefined) throw error;
      const { code, status } = error;
      context.runtime.logger.warn(
        { vendor: context.vendor, operation: context.operation, attempt: n, code, status, delayMs: wait },
        'vendor call failed; retrying',
      );
      await context.runtime.sleep(wait);
    }
  }
}

function retryDelay(error: ConnectorError, attempt: number, context: RetryContext): number | undefined {
  const { policy, idempotent } = context;
  if (!error.retryable || !idempotent) return undefined;
  // A failure of another operation (the token request behind this call) was retried where it happened.
  if (error.operation !== context.operation) return undefined;
  if (attempt >= policy.maxAttempts) return undefined;
  if (error.retryAfterMs !== null) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  return backoffDelay(attempt, policy, context.runtime.random);
}
