// The contract every HTTP vendor connector keeps, run against its local stub: refused credentials,
// retries of idempotent calls only, Retry-After (or the vendor's own header) honoured, timeouts, and no
// secret in any error or log line. Each vendor's test file adds its own request-shape checks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedRequest, RunningStub, StubState } from '../../src/lab/vendors/stub-server.js';
import { connectorError, expectNoSecrets, testRuntime, type TestRuntime } from './support.js';

export interface VendorCall<C> {
  call(connector: C): Promise<unknown>;
  method: string;
  path: string | RegExp;
}

export interface Started<S extends StubState, C> {
  stub: RunningStub<S>;
  connector: C;
  /** Every credential configured: none may appear in an error or a log line. */
  secrets: string[];
  /** Text every issued access token starts with: no token may appear in an error or a log line either. */
  tokenPrefix?: string;
}

export interface ContractSpec<S extends StubState, C> {
  vendor: string;
  start(runtime: TestRuntime): Promise<Started<S, C>>;
  /** An idempotent call (a lookup) and the request it makes. */
  read: VendorCall<C>;
  /** A call that must not be repeated, when the vendor has one. */
  write?: VendorCall<C>;
  /** Makes the stub refuse the connector's credentials. */
  refuseCredentials(state: S): void;
  /**
   * Whether the vendor answers 429 when rate limiting (default true). Salesforce answers 403
   * REQUEST_LIMIT_EXCEEDED instead; its own tests cover that.
   */
  answers429?: boolean;
  /** Wraps text in the vendor's error body, for vendors whose clients only read their own format (AWS XML). */
  errorBody?: (message: string) => unknown;
}

export function describeVendorContract<S extends StubState, C>(spec: ContractSpec<S, C>): void {
  describe(`${spec.vendor}: the shared connector contract`, () => {
    let runtime: TestRuntime;
    let started: Started<S, C>;
    const start = async (r: TestRuntime) => {
      runtime = r;
      started = await spec.start(runtime);
    };
    beforeEach(() => start(testRuntime()));
    afterEach(() => started.stub.close());
    const calls = (v: VendorCall<C>) => started.stub.state.received(v.method, v.path).length;
    const credentials = () => [...started.secrets, ...(started.tokenPrefix ? [started.tokenPrefix] : [])];

    it('maps refused credentials to unauthorized and puts no secret in the error or the logs', async () => {
      spec.refuseCredentials(started.stub.state);
      const error = await connectorError(spec.read.call(started.connector));
      expect(error).toMatchObject({ vendor: spec.vendor, code: 'unauthorized', retryable: false });
      expectNoSecrets(credentials(), error, runtime.logs);
    });

    it('retries a 5xx on an idempotent call with jittered exponential backoff, then succeeds', async () => {
      started.stub.state.fail({ status: 503, times: 2, method: spec.read.method, path: spec.read.path });
      await spec.read.call(started.connector);
      expect(calls(spec.read)).toBe(3);
      // random() is 0.5: half of 500 ms, then half of 1000 ms.
      expect(runtime.sleeps).toEqual([250, 500]);
    });

    it('stops after three attempts and reports server_error as retryable', async () => {
      started.stub.state.fail({ status: 500, times: 5, method: spec.read.method, path: spec.read.path });
      const error = await connectorError(spec.read.call(started.connector));
      expect(error).toMatchObject({ code: 'server_error', status: 500, retryable: true });
      expect(calls(spec.read)).toBe(3);
    });

    const it429 = (name: string, test: () => Promise<void>) => {
      if (spec.answers429 !== false) it(name, test);
    };

    it429(
      'honours the wait a 429 asks for (Retry-After or the vendor’s own header) before retrying',
      async () => {
        started.stub.state.fail({
          status: 429,
          method: spec.read.method,
          path: spec.read.path,
          retryAfterSeconds: 7,
        });
        await spec.read.call(started.connector);
        expect(runtime.sleeps).toEqual([7_000]);
        expect(calls(spec.read)).toBe(2);
      },
    );

    it429(
      'does not retry when the vendor asks for a longer wait than a minute, and says how long',
      async () => {
        started.stub.state.fail({
          status: 429,
          method: spec.read.method,
          path: spec.read.path,
          retryAfterSeconds: 600,
        });
        const error = await connectorError(spec.read.call(started.connector));
        expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 600_000 });
        expect(runtime.sleeps).toEqual([]);
      },
    );

    if (spec.write) {
      const write = spec.write;
      it('never repeats a non-idempotent call after a 5xx', async () => {
        started.stub.state.fail({ status: 502, method: write.method, path: write.path });
        const error = await connectorError(write.call(started.connector));
        expect(error).toMatchObject({ code: 'server_error', status: 502 });
        expect(calls(write)).toBe(1);
        expect(runtime.sleeps).toEqual([]);
      });

      it429('never repeats a non-idempotent call after a 429, but reports the wait', async () => {
        started.stub.state.fail({
          status: 429,
          method: write.method,
          path: write.path,
          retryAfterSeconds: 3,
        });
        const error = await connectorError(write.call(started.connector));
        expect(error).toMatchObject({ code: 'rate_limited', retryable: true });
        expect(error.retryAfterMs).toBe(3_000);
        expect(calls(write)).toBe(1);
      });
    }

    it('maps a call that gets no answer to timeout', async () => {
      await started.stub.close();
      await start(testRuntime({ timeoutMs: 50, maxAttempts: 1 }));
      started.stub.state.fail({ status: 200, hang: true, method: spec.read.method, path: spec.read.path });
      const error = await connectorError(spec.read.call(started.connector));
      expect(error).toMatchObject({ code: 'timeout', retryable: true, status: null });
    });

    it('keeps credentials the vendor echoes back (the request’s own headers) out of the error message', async () => {
      const echo = (request: RecordedRequest) => {
        const text = `refused: ${started.secrets.join(' ')} ${JSON.stringify(request.headers)} ${request.query.toString()}`;
        return spec.errorBody ? spec.errorBody(text) : text;
      };
      started.stub.state.fail({
        status: 400,
        times: 3,
        method: spec.read.method,
        path: spec.read.path,
        body: echo,
      });
      const error = await connectorError(spec.read.call(started.connector));
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain('[redacted]');
      expectNoSecrets(credentials(), error, runtime.logs);
    });
  });
}
