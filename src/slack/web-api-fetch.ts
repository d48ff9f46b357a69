// The HTTP transport under Slack's WebClient: node:http(s) on Node's keep-alive agents instead of the global
// fetch. Every Web API call is a small form POST answered with JSON; fetch's streams and abort plumbing cost
// about twice the CPU of the request itself (measured: 1.05 vs 0.57 ms per call on loopback). Anything that is
// not a plain form POST (file uploads send FormData) goes to the global fetch unchanged. It relies on
// @slack/web-api's `fetch` option as 8.2.0 defines it (pinned in package.json): re-run
// test/slack/web-api-fetch.test.ts when upgrading it.
import http from 'node:http';
import https from 'node:https';
import type { FetchFunction } from '@slack/web-api';

type FetchInit = Parameters<FetchFunction>[1];
/** The response shape WebClient reads (the package exports the function type, not this one). */
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

export const webApiFetch: FetchFunction = (url, init) => {
  const body = init?.body;
  if (body !== undefined && typeof body !== 'string') return globalThis.fetch(url, init);
  return request(new URL(url), init, body);
};

function request(url: URL, init: FetchInit, body: string | undefined): Promise<FetchResponse> {
  const signal = init?.signal;
  return new Promise<FetchResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      reject(new TypeError(`fetch: unsupported protocol ${url.protocol}`));
      return;
    }
    const headers: Record<string, string | number> = { ...init?.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = transport.request(url, { method: init?.method ?? 'GET', headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && init?.redirect !== 'manual') {
        // Slack's API never redirects a method call; follow no redirect, as the client asks (redirect: 'error').
        res.resume();
        finish();
        reject(
          new TypeError(`fetch: ${url.href} answered ${status}, a redirect, and redirects are not followed`),
        );
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        finish();
        reject(error);
      });
      res.on('end', () => {
        finish();
        resolve(responseOf(url, status, res.statusMessage ?? '', res.headers, Buffer.concat(chunks)));
      });
      // Cut off mid-answer (aborted, or the server went away): never leave the call waiting.
      res.on('close', () => {
        if (res.complete) return;
        finish();
        reject(
          signal?.aborted
            ? abortReason(signal)
            : new Error(`fetch: ${url.href} closed before its answer ended`),
        );
      });
    });
    const onAbort = () => req.destroy(abortReason(signal));
    const finish = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      finish();
      reject(error);
    });
    req.end(body);
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

function responseOf(
  url: URL,
  status: number,
  statusText: string,
  raw: http.IncomingHttpHeaders,
  bytes: Buffer,
): FetchResponse {
  const header = (name: string): string | null => {
    const value = raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url: url.href,
    headers: {
      get: header,
      *entries() {
        for (const name of Object.keys(raw)) {
          const value = header(name);
          if (value !== null) yield [name, value];
        }
      },
    },
    arrayBuffer: () => Promise.resolve(new Uint8Array(bytes).buffer),
    text: () => Promise.resolve(bytes.toString('utf8')),
    json: () => Promise.resolve<unknown>(JSON.parse(bytes.toString('utf8'))),
  };
}
