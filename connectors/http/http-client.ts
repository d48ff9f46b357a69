// The one request helper every HTTP vendor builds on: base URL, auth headers, a timeout per attempt, zod
// parsing of the answer, errors mapped to coded ConnectorErrors (scrubbed of secrets), and retries with
// backoff for idempotent calls only.
import type { z } from 'zod';
import { codeForStatus, ConnectorError, type ConnectorErrorCode } from '../connector-error.js';
import { runtimeFrom, type ConnectorDeps, type ConnectorRuntime } from '../runtime.js';
import { scrub, secretsInHeaders } from './redact.js';
import { DEFAULT_RETRY, parseRetryAfter, withRetries, type RetryPolicy } from './retry.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Supplies credential headers for each request (an API key, or a cached OAuth2 token). */
export interface AuthProvider {
  headers(): Promise<Record<string, string>>;
  /** Forgets a cached credential the vendor refused, so the next `headers()` fetches a fresh one. */
  invalidate?(): void;
}

/** What a vendor's error body says. */
export interface VendorErrorInfo {
  detail?: string | null;
  vendorCode?: string | null;
  /** A more precise code than the HTTP status gives (Salesforce's 403 REQUEST_LIMIT_EXCEEDED is rate_limited). */
  code?: ConnectorErrorCode;
}

export interface HttpClientOptions {
  vendor: string;
  /** Scheme, host and any path prefix (`https://graph.microsoft.com/v1.0`). */
  baseUrl: string;
  auth?: AuthProvider;
  /** Configured secrets (API keys, client secrets) to scrub from anything this client reports. */
  secrets?: readonly string[];
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  runtime: ConnectorRuntime;
  /** Reads the vendor's error body (parsed JSON when it is JSON, else the text). */
  describeError?: (body: unknown, status: number) => VendorErrorInfo;
  /**
   * For vendors that report failures inside 2xx answers (PAN-OS): returns what went wrong, or undefined when
   * the body is a success.
   */
  errorInSuccess?: (body: unknown) => (VendorErrorInfo & { code: ConnectorErrorCode }) | undefined;
  /** The vendor's own rate-limit wait, for vendors that do not send Retry-After. */
  retryAfter?: (headers: Headers, now: Date) => number | undefined;
  /** Header that carries a call's idempotency key, for vendors that honour one. */
  idempotencyHeader?: string;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface HttpCall<T> {
  /** In words, for messages and logs: `suspend user`. */
  operation: string;
  method: HttpMethod;
  /** Relative to the base URL, or an absolute URL on the same origin (a vendor's next-page link). */
  path: string;
  query?: Record<string, QueryValue | readonly string[]>;
  json?: unknown;
  form?: Record<string, string>;
  body?: { text: string; contentType: string };
  headers?: Record<string, string>;
  /** Safe to send twice. Only idempotent calls are retried. */
  idempotent: boolean;
  /** Sent in the vendor's idempotency header when it has one. */
  idempotencyKey?: string;
  /** Parses the body: the JSON value (undefined when empty), or the text when `responseType` is `text`. */
  schema: z.ZodType<T>;
  responseType?: 'json' | 'text';
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class HttpClient {
  readonly vendor: string;
  private readonly base: URL;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: HttpClientOptions) {
    this.vendor = options.vendor;
    this.base = new URL(options.baseUrl);
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Makes the call, retrying idempotent ones; resolves with the parsed body or rejects with a ConnectorError. */
  async request<T>(call: HttpCall<T>): Promise<HttpResponse<T>> {
    const url = this.url(call);
    return withRetries(() => this.attempt(call, url), {
      vendor: this.vendor,
      operation: call.operation,
      idempotent: call.idempotent,
      policy: this.policy,
      runtime: this.options.runtime,
    });
  }

  /** A ConnectorError for this vendor, scrubbed like the client's own. */
  error(operation: string, code: ConnectorErrorCode, detail?: string): ConnectorError {
    return new ConnectorError({
      vendor: this.vendor,
      operation,
      code,
      detail: detail === undefined ? null : scrub(detail, this.options.secrets ?? []),
    });
  }

  private async attempt<T>(call: HttpCall<T>, url: URL): Promise<HttpResponse<T>> {
    const { runtime, auth } = this.options;
    const started = Date.now();
    let response = await this.send(call, url);
    if (response.res.status === 401 && auth?.invalidate) {
      // A cached token may have been revoked or expired early: fetch a new one and try once more. The vendor
      // did not act on a 401, so this is safe for every call.
      auth.invalidate();
      await response.res.body?.cancel();
      response = await this.send(call, url);
    }
    const { res, secrets } = response;
    runtime.logger.debug(
      {
        vendor: this.vendor,
        operation: call.operation,
        method: call.method,
        path: url.pathname,
        status: res.status,
        ms: Date.now() - started,
      },
      'vendor call',
    );
    const text = await this.readBody(call, res, secrets);
    if (res.status >= 300) throw this.failure(call, res, text, secrets);
    const value = this.decode(call, text, secrets);
    const inBody = this.options.errorInSuccess?.(value);
    if (inBody) throw this.toError(call, res.status, inBody, secrets);
    const parsed = call.schema.safeParse(value);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
      throw this.toError(
        call,
        res.status,
        { code: 'invalid_response', detail: `unexpected shape at ${where}` },
        secrets,
      );
    }
    return { status: res.status, headers: res.headers, data: parsed.data };
  }

  private async send(call: HttpCall<unknown>, url: URL): Promise<{ res: Response; secrets: string[] }> {
    const authHeaders = (await this.options.auth?.headers()) ?? {};
    const secrets = [...(this.options.secrets ?? []), ...secretsInHeaders(authHeaders)];
    const headers: Record<string, string> = {
      accept: call.responseType === 'text' ? '*/*' : 'application/json',
      'user-agent': 'vigil-connector',
      ...this.options.headers,
      ...call.headers,
      ...authHeaders,
    };
    if (call.idempotencyKey !== undefined && this.options.idempotencyHeader) {
      headers[this.options.idempotencyHeader] = call.idempotencyKey;
    }
    let body: string | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(call.form).toString();
    } else if (call.body !== undefined) {
      headers['content-type'] = call.body.contentType;
      body = call.body.text;
    }
    try {
      const res = await this.options.runtime.fetch(url, {
        method: call.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      return { res, secrets };
    } catch (error) {
      throw this.transportError(call, error, secrets);
    }
  }

  private async readBody(call: HttpCall<unknown>, res: Response, secrets: string[]): Promise<string> {
    try {
      return await res.text();
    } catch (error) {
      throw this.transportError(call, error, secrets);
    }
  }

  private decode(call: HttpCall<unknown>, text: string, secrets: string[]): unknown {
    if (call.responseType === 'text') return text;
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConnectorError({
        vendor: this.vendor,
        operation: call.operation,
        code: 'invalid_response',
        detail: scrub(`not JSON: ${text}`, secrets),
        cause: error,
      });
    }
  }

  private failure(call: HttpCall<unknown>, res: Response, text: string, secrets: string[]): ConnectorError {
    if (res.status < 400) {
      const detail = `redirected (${res.status}); check the base URL`;
      return this.toError(call, res.status, { code: 'bad_request', detail }, secrets);
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Not JSON: the vendor's describeError gets the text.
    }
    const info = this.options.describeError?.(body, res.status) ?? { detail: text };
    const retryAfterMs =
      res.status === 429 || res.status === 503
        ? (parseRetryAfter(res.headers.get('retry-after'), this.options.runtime.now()) ??
          this.options.retryAfter?.(res.headers, this.options.runtime.now()))
        : undefined;
    return this.toError(call, res.status, info, secrets, retryAfterMs);
  }

  private toError(
    call: HttpCall<unknown>,
    status: number,
    info: VendorErrorInfo,
    secrets: string[],
    retryAfterMs?: number,
  ): ConnectorError {
    return new ConnectorError({
      vendor: this.vendor,
      operation: call.operation,
      status,
      code: info.code ?? codeForStatus(status),
      vendorCode: info.vendorCode ?? null,
      detail: info.detail ? scrub(info.detail, secrets) : null,
      retryAfterMs: retryAfterMs ?? null,
    });
  }

  private transportError(call: HttpCall<unknown>, error: unknown, secrets: string[]): ConnectorError {
    const name = error instanceof Error ? error.name : '';
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return new ConnectorError({
      vendor: this.vendor,
      operation: call.operation,
      code: timedOut ? 'timeout' : 'network',
      detail: timedOut
        ? `no answer within ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
        : scrub(reason, secrets),
      cause: error,
    });
  }

  private url(call: HttpCall<unknown>): URL {
    const absolute = /^https?:\/\//i.test(call.path);
    const url = absolute
      ? new URL(call.path)
      : new URL(`${this.base.pathname.replace(/\/$/, '')}${call.path}`, this.base.origin);
    if (url.origin !== this.base.origin) {
      throw this.error(
        call.operation,
        'invalid_response',
        `refused to follow a link to another host (${url.host})`,
      );
    }
    const pairs = Object.entries(call.query ?? {}).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string | number | boolean => v !== undefined && v !== null)
        .map((v) => `${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(String(v))}`),
    );
    if (pairs.length) url.search = [url.search.replace(/^\?/, ''), ...pairs].filter(Boolean).join('&');
    return url;
  }
}

/** A vendor's client with the caller's runtime, timeout and attempt limit. */
export function createHttpClient(
  deps: ConnectorDeps,
  options: Omit<HttpClientOptions, 'runtime' | 'timeoutMs' | 'retry'>,
): HttpClient {
  return new HttpClient({
    ...options,
    runtime: runtimeFrom(deps),
    timeoutMs: deps.timeoutMs,
    retry: deps.maxAttempts === undefined ? {} : { maxAttempts: deps.maxAttempts },
  });
}

/** Credentials that never change (an API key or token), sent as the given headers. */
export function staticAuth(headers: Record<string, string>): AuthProvider {
  return { headers: async () => headers };
}

/**
 * A `describeError` from the vendor's error-body schema: what `read` makes of a body that matches, and the
 * text itself for one that does not (an HTML error page, a plain-text 401).
 */
export function errorBody<T>(
  schema: z.ZodType<T>,
  read: (body: T, status: number) => VendorErrorInfo,
): (body: unknown, status: number) => VendorErrorInfo {
  return (body, status) => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return read(parsed.data, status);
    return { detail: typeof body === 'string' ? body : null };
  };
}
