// The plumbing every vendor stub shares: a real node:http server on 127.0.0.1, a record of the requests it
// received, and failures a test (or a lab operator) can inject: any status with the vendor's own error
// body, rate limiting with the vendor's wait header, no answer at all, or an answer held back after the
// vendor acted (the caller crashes or times out not knowing the change was made).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** A non-JSON body (XML, plain text). */
  text?: string;
}

export interface Failure {
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  method?: string;
  /** The path it applies to: exact, or a pattern. Every path when absent. */
  path?: string | RegExp;
  /** For 429 and 503: the wait the vendor asks for, in the vendor's own header. */
  retryAfterSeconds?: number;
  /** A body instead of the vendor's usual error body for this status (or made from the request). */
  body?: unknown;
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
}

/** Which request to hold: method, path (exact or pattern) and any other test on the request. */
export interface HoldRule {
  method?: string;
  path?: string | RegExp;
  where?: (request: RecordedRequest) => boolean;
}

/** A held answer: the vendor has performed the request; its answer waits until released. */
export interface HeldAnswer {
  /** Resolves with the request once it arrived and was performed. */
  arrived: Promise<RecordedRequest>;
  /** Sends the answer (lost if the caller has gone away meanwhile). */
  release(): void;
}

/** What a stub knows: the requests it received and the failures still to inject. Vendor stubs extend it. */
export class StubState {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: Array<Failure & { left: number }> = [];
  private readonly holds: Array<{
    rule: HoldRule;
    taken: boolean;
    arrive: (request: RecordedRequest) => void;
    released: Promise<void>;
  }> = [];

  constructor(readonly now: () => Date = () => new Date()) {}

  /** Makes the next matching request(s) fail. */
  fail(failure: Failure): void {
    this.failures.push({ ...failure, left: failure.times ?? 1 });
  }

  /** Holds the answer to the next matching request after performing it, until `release()`. */
  hold(rule: HoldRule): HeldAnswer {
    let arrive: (request: RecordedRequest) => void = () => undefined;
    let release: () => void = () => undefined;
    const arrived = new Promise<RecordedRequest>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ rule, taken: false, arrive, released });
    return { arrived, release };
  }

  /** The hold for this request, if any (consumed): resolves when its answer may be sent. */
  takeHold(request: RecordedRequest): Promise<void> | undefined {
    const hold = this.holds.find(
      (h) =>
        !h.taken &&
        (!h.rule.method || h.rule.method === request.method) &&
        matches(request.path, h.rule.path) &&
        (!h.rule.where || h.rule.where(request)),
    );
    if (!hold) return undefined;
    hold.taken = true;
    hold.arrive(request);
    return hold.released;
  }

  /** Requests received, optionally only those with this method and path (exact or pattern). */
  received(method?: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (!method || r.method === method) && matches(r.path, path));
  }

  /** The failure to inject for this request, if any (consumed). */
  takeFailure(request: RecordedRequest): Failure | undefined {
    const failure = this.failures.find(
      (f) => f.left > 0 && (!f.method || f.method === request.method) && matches(request.path, f.path),
    );
    if (failure) failure.left -= 1;
    return failure;
  }
}

function matches(path: string, pattern: string | RegExp | undefined): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? path === pattern : pattern.test(path);
}

export interface VendorStub<S extends StubState> {
  state: S;
  /** The vendor's error answer for a status, with the vendor's error body. */
  errorReply(status: number, message: string): Reply;
  /** The headers a rate-limited answer carries (default: Retry-After in seconds). */
  rateLimitHeaders?(seconds: number, now: Date): Record<string, string>;
  handle(request: RecordedRequest): Reply | Promise<Reply>;
}

export interface RunningStub<S extends StubState> {
  /** Base URL, e.g. http://127.0.0.1:54321 */
  url: string;
  state: S;
  close(): Promise<void>;
}

export interface StubServerOptions {
  port?: number;
  host?: string;
  /** The stub's clock (rate-limit reset times, token lifetimes); the real one by default. */
  now?: () => Date;
}

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** Starts the stub's HTTP server (127.0.0.1 and a free port unless told otherwise). */
export async function startStubServer<S extends StubState>(
  stub: VendorStub<S>,
  options: StubServerOptions = {},
): Promise<RunningStub<S>> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      stub.state.requests.push(request);
      void answer(stub, request).then((reply) => {
        if (reply && !res.destroyed) send(res, reply);
      });
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state: stub.state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer<S extends StubState>(
  stub: VendorStub<S>,
  request: RecordedRequest,
): Promise<Reply | undefined> {
  const failure = stub.state.takeFailure(request);
  if (failure?.hang) return undefined;
  if (failure) {
    const reply = stub.errorReply(failure.status, REASONS[failure.status] ?? 'Error');
    const wait =
      failure.retryAfterSeconds === undefined
        ? {}
        : (stub.rateLimitHeaders?.(failure.retryAfterSeconds, stub.state.now()) ?? {
            'retry-after': String(failure.retryAfterSeconds),
          });
    const given: unknown = typeof failure.body === 'function' ? failure.body(request) : failure.body;
    const body: Partial<Reply> =
      given === undefined
        ? {}
        : typeof given === 'string'
          ? { text: given, json: undefined }
          : { json: given, text: undefined };
    return { ...reply, ...body, headers: { ...reply.headers, ...wait } };
  }
  let reply: Reply;
  try {
    reply = await stub.handle(request);
  } catch (error) {
    reply = stub.errorReply(500, error instanceof Error ? error.message : 'stub failure');
  }
  await stub.state.takeHold(request);
  return reply;
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers = { ...reply.headers };
  let body = '';
  if (reply.text !== undefined) body = reply.text;
  else if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

// ---------------------------------------------------------------------------------------------------------
// Helpers vendor stubs share

/** The credential after the scheme in `Authorization: <scheme> <credential>`, if the scheme matches. */
export function credential(request: RecordedRequest, scheme: string): string | undefined {
  const header = request.headers.authorization ?? '';
  const [given, value] = header.split(/\s+/, 2);
  return given?.toLowerCase() === scheme.toLowerCase() ? value : undefined;
}

export function jsonBody(request: RecordedRequest): unknown {
  return request.body === '' ? undefined : (JSON.parse(request.body) as unknown);
}

export function formBody(request: RecordedRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}

/** A path parameter: `/api/v1/users/{id}` with `pattern` `/^\/api\/v1\/users\/([^/]+)$/` gives the decoded id. */
export function pathParam(request: RecordedRequest, pattern: RegExp): string | undefined {
  const match = pattern.exec(request.path);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** The stub's own base URL as the client reached it, for absolute next-page links. */
export function origin(request: RecordedRequest): string {
  return `http://${request.headers.host ?? '127.0.0.1'}`;
}
