// The transport under Slack's WebClient, driven through a real WebClient against a local server that answers
// as Slack's Web API does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ErrorCode,
  LogLevel,
  WebClient,
  type WebAPIHTTPError,
  type WebAPIRateLimitedError,
} from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { webApiFetch } from '../../src/slack/web-api-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function slack(answer: (seen: Seen, res: http.ServerResponse) => void): Promise<string> {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      answer(
        {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        },
        res,
      ),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

const client = (url: string, options: { timeout?: number; rejectRateLimitedCalls?: boolean } = {}) =>
  new WebClient('xoxb-test-token', {
    slackApiUrl: url,
    fetch: webApiFetch,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });

describe('webApiFetch under WebClient', () => {
  it('posts the method call as a form with the bearer token and returns Slack’s JSON with its scopes', async () => {
    const seen: Seen[] = [];
    const url = await slack((request, res) => {
      seen.push(request);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'x-oauth-scopes': 'chat:write, commands',
      });
      res.end(JSON.stringify({ ok: true, channel: 'C0ALERTS01', ts: '1700000000.000100' }));
    });

    const result = await client(url).chat.postMessage({
      channel: 'C0ALERTS01',
      text: 'Blocked 203.0.113.7 — ünïcode kept',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Blocked*' } }],
    });

    expect(result).toMatchObject({ ok: true, channel: 'C0ALERTS01', ts: '1700000000.000100' });
    expect(result.response_metadata?.scopes).toEqual(['chat:write', 'commands']);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/chat.postMessage');
    expect(request?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request?.body);
    expect(form.get('text')).toBe('Blocked 203.0.113.7 — ünïcode kept');
    expect(JSON.parse(form.get('blocks') ?? '[]')).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Blocked*' } },
    ]);
    expect(Number(request?.headers['content-length'])).toBe(Buffer.byteLength(request?.body ?? ''));
  });

  it('hands WebClient the Retry-After of a 429, so rate limits are seen as Slack sends them', async () => {
    const url = await slack((_, res) => {
      res.writeHead(429, { 'retry-after': '7' }).end();
    });

    const error = await client(url, { rejectRateLimitedCalls: true })
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);

    expect((error as WebAPIRateLimitedError).code).toBe(ErrorCode.RateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
  });

  it('reports a non-200 answer with its status and body', async () => {
    const url = await slack((_, res) => {
      res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/plain' }).end('down for maintenance');
    });

    const error = await client(url)
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);

    expect((error as WebAPIHTTPError).code).toBe(ErrorCode.HTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(503);
    expect((error as WebAPIHTTPError).body).toBe('down for maintenance');
    expect((error as WebAPIHTTPError).headers['content-type']).toBe('text/plain');
  });

  it('gives up at the client’s timeout and closes the connection', async () => {
    let closed: () => void = () => {};
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const url = await slack((_, res) => {
      // Never answers; the request's socket closing is what the test waits for.
      res.on('close', closed);
    });

    const error = await client(url, { timeout: 50 })
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);

    expect((error as { code?: string }).code).toBe(ErrorCode.RequestError);
    expect(String((error as Error).message)).toMatch(/abort|timeout/i);
    await connectionClosed;
  });

  it('fails a call whose answer is cut off half way, rather than waiting for ever', async () => {
    const url = await slack((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":tr');
      setImmediate(() => res.socket?.destroy());
    });

    const error = await client(url)
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);

    expect((error as { code?: string }).code).toBe(ErrorCode.RequestError);
  });

  it('follows no redirect', async () => {
    const url = await slack((_, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    });

    const error = await client(url)
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);

    expect((error as { code?: string }).code).toBe(ErrorCode.RequestError);
    expect(String((error as Error).message)).toMatch(/redirect/);
  });

  it('sends a FormData body (a file upload) through the global fetch, multipart and all', async () => {
    const seen: Seen[] = [];
    const url = await slack((request, res) => {
      seen.push(request);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const form = new FormData();
    form.append('file', new Blob(['{"case":"VIG-1"}']), 'evidence.json');

    const response = await webApiFetch(`${url}upload`, { method: 'POST', body: form });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]?.body).toContain('filename="evidence.json"');
  });
});
