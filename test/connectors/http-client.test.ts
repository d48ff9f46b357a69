// The shared request helper on its own, against a bare local server: Retry-After forms, backoff limits,
// parsing failures, credential refresh on 401, redirects, transport errors, query encoding and logging.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '../../connectors/connector-error.js';
import { HttpClient, type AuthProvider, type HttpCall } from '../../connectors/http/http-client.js';
import { collectPages, nextLink } from '../../connectors/http/paginate.js';
import { scrub } from '../../connectors/http/redact.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../connectors/http/retry.js';
import { descendants, parseXml } from '../../connectors/http/xml.js';
import { runtimeFrom } from '../../connectors/runtime.js';
import {
  startStubServer,
  StubState,
  type Reply,
  type RunningStub,
} from '../../src/lab/vendors/stub-server.js';
import { connectorError, NOW, testRuntime, type TestRuntime } from './support.js';

/** A server that answers every request with the next queued reply, or 200 {"ok":true}. */
class EchoState extends StubState {
  replies: Reply[] = [];
}

const Ok = z.object({ ok: z.literal(true) });
const get: HttpCall<{ ok: true }> = {
  operation: 'read thing',
  method: 'GET',
  path: '/thing',
  idempotent: true,
  schema: Ok,
};

let server: RunningStub<EchoState>;
let runtime: TestRuntime;
beforeEach(async () => {
  runtime = testRuntime();
  server = await startStubServer({
    state: new EchoState(() => NOW),
    errorReply: (status) => ({ status, json: { error: 'failed' } }),
    handle: (request) =>
      server.state.replies.shift() ?? { status: 200, json: { ok: true, path: request.path } },
  });
});
afterEach(() => server.close());

function client(options: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  return new HttpClient({
    vendor: 'test',
    baseUrl: `${server.url}/api/v1`,
    runtime: runtimeFrom(runtime.deps),
    timeoutMs: 2000,
    ...options,
  });
}

describe('retries and waits', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW.getTime() + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW.getTime() - 30_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('waits until the HTTP date a 503 names before retrying', async () => {
    const at = new Date(NOW.getTime() + 4_000).toUTCString();
    server.state.replies.push({
      status: 503,
      headers: { 'retry-after': at },
      json: { error: 'maintenance' },
    });
    await client().request(get);
    expect(runtime.sleeps).toEqual([4_000]);
  });

  it('grows the backoff ceiling exponentially up to the maximum, with the jitter drawn below it', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) =>
      backoffDelay(attempt, DEFAULT_RETRY, () => 0.999_999),
    );
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it('honours a configured number of attempts', async () => {
    server.state.fail({ status: 500, times: 10 });
    await connectorError(client({ retry: { maxAttempts: 5 } }).request(get));
    expect(server.state.requests).toHaveLength(5);
    expect(runtime.sleeps).toEqual([250, 500, 1000, 2000]);
  });

  it('retries a refused connection for idempotent calls and reports network when it persists', async () => {
    const closed = client({ baseUrl: 'http://127.0.0.1:9' });
    const error = await connectorError(closed.request(get));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(runtime.sleeps).toHaveLength(2);
  });

  it('logs each retry as a warning with the wait, and each attempt at debug level without headers', async () => {
    server.state.fail({ status: 502 });
    await client({ auth: { headers: async () => ({ authorization: 'Bearer very-secret-token' }) } }).request(
      get,
    );
    const lines = runtime.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l.msg === 'vendor call')).toHaveLength(2);
    expect(lines.find((l) => l.msg === 'vendor call failed; retrying')).toMatchObject({
      vendor: 'test',
      operation: 'read thing',
      attempt: 1,
      code: 'server_error',
      delayMs: 250,
    });
    expect(runtime.logs.join('\n')).not.toContain('very-secret-token');
  });
});

describe('answers', () => {
  it('maps a 2xx answer that does not match the schema to invalid_response naming the field, without retrying', async () => {
    server.state.replies.push({ status: 200, json: { ok: 'yes' } });
    const error = await connectorError(client().request(get));
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 });
    expect(error.message).toContain('unexpected shape at ok');
    expect(server.state.requests).toHaveLength(1);
  });

  it('maps a 2xx answer that is not JSON to invalid_response', async () => {
    server.state.replies.push({ status: 200, text: '<html>login page</html>' });
    expect((await connectorError(client().request(get))).code).toBe('invalid_response');
  });

  it('does not follow a redirect (credentials could go elsewhere) and says to check the base URL', async () => {
    server.state.replies.push({ status: 302, headers: { location: 'https://elsewhere.example/' } });
    const error = await connectorError(client().request(get));
    expect(error).toMatchObject({ code: 'bad_request', status: 302 });
    expect(error.message).toContain('check the base URL');
  });

  it('treats an empty 204 body as undefined', async () => {
    server.state.replies.push({ status: 204 });
    const { status, data } = await client().request({ ...get, schema: z.undefined() });
    expect([status, data]).toEqual([204, undefined]);
  });
});

describe('credentials', () => {
  it('asks the auth provider for fresh credentials once after a 401, then succeeds', async () => {
    let generation = 1;
    const auth: AuthProvider = {
      headers: async () => ({ authorization: `Bearer token-${generation}` }),
      invalidate: () => {
        generation += 1;
      },
    };
    server.state.replies.push({ status: 401, json: { error: 'expired' } });
    await client({ auth }).request({ ...get, idempotent: false });
    expect(server.state.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('gives up with unauthorized when fresh credentials are refused too', async () => {
    const auth: AuthProvider = {
      headers: async () => ({ authorization: 'Bearer x' }),
      invalidate: () => undefined,
    };
    server.state.fail({ status: 401, times: 5 });
    expect((await connectorError(client({ auth }).request(get))).code).toBe('unauthorized');
    expect(server.state.requests).toHaveLength(2);
  });

  it('does not retry again a failure the credential provider’s own call already retried', async () => {
    const auth: AuthProvider = {
      headers: async () => {
        throw new ConnectorError({
          vendor: 'test',
          operation: 'obtain access token',
          code: 'server_error',
          status: 503,
        });
      },
    };
    const error = await connectorError(client({ auth }).request(get));
    expect(error).toMatchObject({ operation: 'obtain access token', code: 'server_error' });
    expect(runtime.sleeps).toEqual([]);
    expect(server.state.requests).toHaveLength(0);
  });

  it('sends the idempotency key in the vendor’s header when it has one', async () => {
    await client({ idempotencyHeader: 'idempotency-key' }).request({ ...get, idempotencyKey: 'act_1' });
    expect(server.state.requests[0]?.headers['idempotency-key']).toBe('act_1');
  });
});

describe('URLs', () => {
  it('joins paths under the base path and encodes query values, keeping OData’s $ names', async () => {
    await client().request({
      ...get,
      query: { $filter: "name eq 'a b'", tag: ['x', 'y'], skip: undefined, n: 2 },
    });
    const [request] = server.state.requests;
    expect(request?.path).toBe('/api/v1/thing');
    expect(request?.query.getAll('tag')).toEqual(['x', 'y']);
    expect(request?.query.get('$filter')).toBe("name eq 'a b'");
    expect(request?.query.has('skip')).toBe(false);
  });

  it('follows an absolute next link on the same host, and refuses one on another host', async () => {
    await client().request({ ...get, path: `${server.url}/api/v1/thing?page=2` });
    expect(server.state.requests[0]?.query.get('page')).toBe('2');
    const error = await connectorError(client().request({ ...get, path: 'https://evil.example/thing' }));
    expect(error.code).toBe('invalid_response');
  });
});

describe('helpers', () => {
  it('finds rel="next" in a Link header among other relations', () => {
    const header =
      '<https://x.okta.com/api/v1/logs?after=1>; rel="self", <https://x.okta.com/api/v1/logs?after=2>; rel="next"';
    expect(nextLink(header)).toBe('https://x.okta.com/api/v1/logs?after=2');
    expect(nextLink('<https://x/a>; rel="self"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('stops paging at the last page, an empty page, a repeated cursor or the page limit', async () => {
    const pages: Record<number, { items: number[]; next: number | undefined }> = {
      0: { items: [1, 2], next: 1 },
      1: { items: [3], next: 0 },
    };
    expect(await collectPages(0, async (c) => pages[c] ?? { items: [], next: undefined })).toEqual([1, 2, 3]);
    const endless = async (c: number) => ({ items: [c], next: c + 1 });
    expect(await collectPages(0, endless, { maxPages: 4 })).toEqual([0, 1, 2, 3]);
    expect(await collectPages(0, endless, { maxItems: 2 })).toEqual([0, 1]);
  });

  it('scrubs configured secrets, credential-shaped text and each line of a multi-line key', () => {
    const text =
      'token=abc123456 Bearer eyJhbGciOi.x.y secret s3cr3t-value and line PRIVATEKEYLINE-0123456789';
    const out = scrub(text, ['s3cr3t-value', 'HEADER\nPRIVATEKEYLINE-0123456789\nFOOTER']);
    expect(out).toBe('token=abc123456 Bearer [redacted] secret [redacted] and line [redacted]');
    expect(scrub('x'.repeat(400), [])).toHaveLength(301);
  });

  it('parses XML with attributes in either quote style, entities and CDATA, and rejects broken documents', () => {
    const doc = parseXml(
      `<?xml version="1.0"?><response status = 'error' code="7"><msg><line>a &amp; b</line><line><![CDATA[<raw>]]></line></msg><entry ip="1.2.3.4" message="x"/></response>`,
    );
    expect(doc.attributes).toEqual({ status: 'error', code: '7' });
    expect(descendants(doc, 'line').map((l) => l.text)).toEqual(['a & b', '<raw>']);
    expect(descendants(doc, 'entry')[0]?.attributes.ip).toBe('1.2.3.4');
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
    expect(() => parseXml('<a></a> < b')).toThrow();
  });
});
