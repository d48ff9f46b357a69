// Small node:http helpers shared by the emulator's endpoints: read a bounded body, answer JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxError } from './sandbox-error.js';

/** Slack caps request bodies well below this; it only guards the sandbox against runaway clients. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SandboxError('invalid_input', 'Request body is larger than 5 MB.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Parses JSON, answering undefined (not throwing) for text that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isLoopbackName(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

/** True when the request's Host header names the loopback interface (guards against DNS rebinding). */
export function isLoopbackHost(req: IncomingMessage): boolean {
  return isLoopbackName((req.headers.host ?? '').toLowerCase().replace(/:\d+$/, ''));
}

/**
 * True when a browser sent the request from a page of another site (its `Origin` is not loopback): a web
 * page the person happens to visit must not be able to act in the sandbox (cross-site request forgery).
 * Scripts and the app send no Origin and are not affected.
 */
export function isForeignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return !isLoopbackName(new URL(origin).hostname.toLowerCase());
  } catch {
    return true;
  }
}
