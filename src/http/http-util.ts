// Small HTTP helpers: bounded body reading (answering 413 over the limit), constant-time token checks (a
// bearer token answering 401), JSON answers with a code and a sentence.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body exceeds ${limit} bytes`);
  }
}

/** Reads the whole body, refusing (and draining) anything over `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Constant-time comparison of a presented secret with the expected one. */
export function secretMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The secret in `Authorization: Bearer <secret>`, or the password of `Authorization: Basic …`. */
export function presentedSecret(req: IncomingMessage, allowBasic = false): string | undefined {
  // The scheme, then the credentials after the white space that follows it (read by index: `^Bearer\s+(.+)$`
  // backtracked over a long run of white space).
  const header = (req.headers.authorization ?? '').trim();
  const space = header.search(/\s/);
  if (space < 1) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space).trim();
  if (!credentials) return undefined;
  if (scheme === 'bearer') return credentials;
  if (allowBasic && scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** An error answer: a machine-readable code and a sentence that says what was wrong and what to do. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="vigil"' } : {};
  // Refused before the body was read (or part way through it): the connection ends with the answer, so a
  // client that keeps sending (slowly, or far past the limit) is not kept connected until Node's timeout.
  if (status === 401 || status === 413) headers.connection = 'close';
  sendJson(res, status, { ok: false, code, message, ...extra }, headers);
}

/** A route's bearer token: the value of `variable`, sent by `sender`; undefined when the route is off. */
export interface BearerToken {
  token: string | undefined;
  variable: string;
  /** Who is meant to send it, for the answer that says how to turn the route on ("your HR system"). */
  sender: string;
}

/**
 * Whether the request may go on. If the route has no token it is off: 404 `not_enabled`, naming the variable
 * that turns it on. If the request does not carry the token as a bearer: 401, naming the variable. Either
 * way the body is drained unread.
 */
export function bearerAllowed(req: IncomingMessage, res: ServerResponse, bearer: BearerToken): boolean {
  if (bearer.token !== undefined && secretMatches(presentedSecret(req), bearer.token)) return true;
  req.resume();
  if (bearer.token === undefined) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    sendError(
      res,
      404,
      'not_enabled',
      `${req.method} ${path} is off: set ${bearer.variable} to a random secret of at least 24 characters and have ${bearer.sender} send it as "Authorization: Bearer <${bearer.variable}>".`,
    );
  } else {
    sendError(res, 401, 'unauthorized', `Send the token as "Authorization: Bearer <${bearer.variable}>".`);
  }
  return false;
}

/**
 * The whole body, or undefined once a body over `limit` bytes has been answered with 413 and
 * `tooLarge` (what to send instead).
 */
export async function readBodyOr413(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  tooLarge: string,
): Promise<Buffer | undefined> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendError(res, 413, 'payload_too_large', tooLarge);
      return undefined;
    }
    throw error;
  }
}
