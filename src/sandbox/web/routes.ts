// The sandbox page's own routes: `/` (the page), `/sandbox/ui/<asset>` (its script, styles and icon, all
// local: no CDN) and `/sandbox/stream` (live updates). Loopback only, with a strict Content-Security-Policy.
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { isLoopbackHost } from '../http-io.js';
import { openStream } from './stream.js';

/** Scripts and styles only from this origin, no inline code, no plugins, no framing, no form posts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

const ASSET_DIR = new URL('./assets/', import.meta.url);

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

async function sendFile(
  res: ServerResponse,
  name: string,
  contentType: string,
  head: boolean,
): Promise<void> {
  const data = await fs.readFile(new URL(name, ASSET_DIR));
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': data.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(name === 'index.html'
      ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' }
      : {}),
  });
  res.end(head ? undefined : data);
}

/** True for the paths this module serves. */
export function isPagePath(path: string): boolean {
  return (
    path === '/' || path === '/index.html' || path.startsWith('/sandbox/ui/') || path === '/sandbox/stream'
  );
}

export async function handlePage(
  ctx: EmulatorContext,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLoopbackHost(req)) {
    return sendText(res, 403, 'The sandbox page is only served to localhost / 127.0.0.1.');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, `Use GET ${path}.`);
  const head = req.method === 'HEAD';
  if (path === '/' || path === '/index.html')
    return sendFile(res, 'index.html', 'text/html; charset=utf-8', head);
  if (path === '/sandbox/stream') {
    const user = ctx.workspace.findUser(url.searchParams.get('user') ?? '');
    if (!user || user.is_bot) return sendText(res, 400, 'Say who is watching: /sandbox/stream?user=alice');
    return openStream(ctx.workspace, user.id, req, res);
  }
  const name = path.slice('/sandbox/ui/'.length);
  const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!type) return sendText(res, 404, `No asset ${name}.`);
  return sendFile(res, name, type, head);
}
