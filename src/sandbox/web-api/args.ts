// Reading Web API arguments the way Slack does: query string, form fields (non-strings JSON-encoded, as
// @slack/web-api sends them) or a JSON body; zod-parsed per method into typed values.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { parseJson, readBody } from '../http-io.js';
import { ApiError, invalidArguments } from './api-error.js';

export type ApiArgs = Record<string, unknown>;

export interface ApiRequest {
  args: ApiArgs;
  /** The token from `Authorization: Bearer …` or, for form and query requests, the `token` argument. */
  token: string | undefined;
}

export async function readApiRequest(req: IncomingMessage, url: URL): Promise<ApiRequest> {
  const args: ApiArgs = Object.fromEntries(url.searchParams);
  const raw = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (contentType === 'application/json') {
    const body = raw === '' ? {} : parseJson(raw);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('invalid_json');
    // Slack reads the token of a JSON request from the Authorization header only.
    return { args: { ...args, ...Object.fromEntries(Object.entries(body)) }, token: bearer };
  }
  if (raw !== '') Object.assign(args, Object.fromEntries(new URLSearchParams(raw)));
  return { args, token: bearer ?? (typeof args.token === 'string' ? args.token : undefined) };
}

/** Parses arguments with a method's schema; failures answer `invalid_arguments` with JSON pointers. */
export function parseArgs<S extends z.ZodType>(schema: S, args: ApiArgs): z.infer<S> {
  const result = schema.safeParse(args);
  if (!result.success) {
    throw invalidArguments(
      result.error.issues.map((i) => `[ERROR] ${i.message} [json-pointer:/${i.path.map(String).join('/')}]`),
    );
  }
  return result.data;
}

/** A string argument (numbers sent in JSON bodies are accepted and turned into strings). */
export const Str = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .optional();

/** An integer argument, sent as `"20"` by form clients or `20` in JSON. */
export const Int = z.preprocess(
  (v) => (v === undefined || v === '' ? undefined : typeof v === 'string' ? Number(v) : v),
  z.number().int().optional(),
);

/** A boolean flag: `true`, `"true"` or `"1"`. */
export const Flag = z.preprocess((v) => v === true || v === 'true' || v === '1' || v === 1, z.boolean());

/** An argument that form clients send as a JSON string and JSON clients send as a value. */
export function jsonArg(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  const parsed = parseJson(value);
  return parsed === undefined ? { ok: false } : { ok: true, value: parsed };
}
