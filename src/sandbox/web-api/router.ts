// The Web API endpoint `/api/<method>`: unknown_method, then the token check (not_authed / invalid_auth),
// then any fault injected for the call (held until released), then the method; every answer HTTP 200 with
// `ok`, as Slack answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context.js';
import { sendJson } from '../http-io.js';
import { SandboxError } from '../sandbox-error.js';
import { ApiError } from './api-error.js';
import { readApiRequest, type ApiArgs } from './args.js';
import { chatMethods } from './chat.js';
import { conversationsMethods } from './conversations.js';
import { usersMethods } from './users.js';
import { viewsMethods } from './views.js';

type ApiMethod = (args: ApiArgs, ctx: EmulatorContext) => Record<string, unknown>;

const METHODS = new Map<string, ApiMethod>(
  Object.entries({ ...chatMethods, ...conversationsMethods, ...usersMethods, ...viewsMethods }),
);

/** The Web API methods the emulator implements. */
export const SUPPORTED_METHODS: readonly string[] = [...METHODS.keys()].sort();

export async function handleWebApi(
  ctx: EmulatorContext,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const impl = METHODS.get(method);
  if (!impl) return sendJson(res, 200, { ok: false, error: 'unknown_method', req_method: method });
  try {
    const { args, token } = await readApiRequest(req, url);
    if (!token) throw new ApiError('not_authed');
    if (token !== ctx.botToken) throw new ApiError('invalid_auth');
    if ((await ctx.faults.gate(method, args, res)) === 'drop') {
      res.destroy();
      return;
    }
    sendJson(res, 200, { ok: true, ...impl(args, ctx) });
  } catch (error) {
    if (error instanceof ApiError)
      return sendJson(res, 200, { ok: false, error: error.error, ...error.extra });
    // A workspace rule the method did not check first (e.g. a thread that vanished) still answers as Slack.
    if (error instanceof SandboxError) return sendJson(res, 200, { ok: false, error: error.code });
    ctx.logger.error({ err: error, method }, 'Web API method failed');
    sendJson(res, 500, { ok: false, error: 'internal_error' });
  }
}
