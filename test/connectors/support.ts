// What connector contract tests share: a runtime whose sleeps return at once (and are recorded), a fixed
// clock, a fixed jitter, and a real pino logger writing into memory so tests can read every logged object.
import { pino } from 'pino';
import { expect } from 'vitest';
import { ConnectorError } from '../../connectors/connector-error.js';
import type { ConnectorDeps } from '../../connectors/runtime.js';

export const NOW = new Date('2025-03-01T12:00:00.000Z');

export interface TestRuntime {
  deps: ConnectorDeps;
  /** Every wait the connector asked for, in milliseconds. */
  sleeps: number[];
  /** Every log line written, as JSON text. */
  logs: string[];
}

export function testRuntime(overrides: ConnectorDeps = {}): TestRuntime {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  return {
    sleeps,
    logs,
    deps: {
      sleep: async (ms) => void sleeps.push(ms),
      now: () => NOW,
      random: () => 0.5,
      logger,
      timeoutMs: 2_000,
      ...overrides,
    },
  };
}

/** The ConnectorError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function connectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

/** Fails if any secret appears in the error (message, cause chain) or in any log line. */
export function expectNoSecrets(secrets: readonly string[], error: unknown, logs: readonly string[]): void {
  const texts = [...logs];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    texts.push(current.message, JSON.stringify(current));
  }
  for (const secret of secrets) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

/** The decoded JSON body of a recorded request. */
export function bodyOf(request: { body: string } | undefined): unknown {
  expect(request).toBeDefined();
  return JSON.parse(request?.body ?? 'null') as unknown;
}
