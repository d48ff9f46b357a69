// response_urls handed out with slash commands and message interactions: `<base>/sandbox/response/<id>`,
// good for 5 posts within 30 minutes, posting as the bot (ephemeral, in_channel, replace or delete original).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { EmulatorContext } from './context.js';
import { parseJson, readBody, sendJson } from './http-io.js';
import { SandboxError } from './sandbox-error.js';
import { randomHex } from './slack-ids.js';
import { ApiError } from './web-api/api-error.js';
import { readMessageContent } from './web-api/message-content.js';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

/** Who acted where, and on which message, when the response_url was issued. */
export interface ResponseTarget {
  user: string;
  channel: string;
  /** The message the interaction came from: what `replace_original` / `delete_original` act on. */
  original?: { ts: string; ephemeral: boolean };
}

type ResponseUrlUse = { ok: true; target: ResponseTarget } | { ok: false; error: 'used_url' | 'expired_url' };

const BoolLike = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true');

const ResponseBody = z.object({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  attachments: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: BoolLike.optional(),
  delete_original: BoolLike.optional(),
  thread_ts: z.string().optional(),
});

const DAY_MS = 24 * 3600 * 1000;

export class ResponseUrlRegistry {
  private readonly urls = new Map<string, { target: ResponseTarget; issuedAt: number; uses: number }>();

  constructor(private readonly now: () => number) {}

  issue(baseUrl: string, target: ResponseTarget): string {
    const id = randomHex(16);
    // Forgotten a day after they expire (then `invalid_url`), so a sandbox running for weeks does not keep them all.
    for (const [old, entry] of this.urls) {
      if (this.now() - entry.issuedAt <= RESPONSE_URL_TTL_MS + DAY_MS) break;
      this.urls.delete(old);
    }
    this.urls.set(id, { target, issuedAt: this.now(), uses: 0 });
    return `${baseUrl}/sandbox/response/${id}`;
  }

  /** Counts one use; undefined when the id was never issued. */
  use(id: string): ResponseUrlUse | undefined {
    const entry = this.urls.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.issuedAt > RESPONSE_URL_TTL_MS) return { ok: false, error: 'expired_url' };
    if (entry.uses >= RESPONSE_URL_MAX_USES) return { ok: false, error: 'used_url' };
    entry.uses += 1;
    return { ok: true, target: entry.target };
  }
}

/** Handles `POST <base>/sandbox/response/<id>` as Slack handles a response_url post. */
export async function handleResponseUrl(
  ctx: EmulatorContext,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
  const use = ctx.responseUrls.use(id);
  if (!use) return sendJson(res, 404, { ok: false, error: 'invalid_url' });
  if (!use.ok) return sendJson(res, 404, { ok: false, error: use.error });
  const parsed = ResponseBody.safeParse(parseJson(await readBody(req)));
  if (!parsed.success) return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
  try {
    respond(ctx, use.target, parsed.data);
    sendJson(res, 200, { ok: true });
  } catch (error) {
    if (error instanceof ApiError)
      return sendJson(res, 400, { ok: false, error: error.error, ...error.extra });
    if (error instanceof SandboxError)
      return sendJson(res, 400, { ok: false, error: error.code, message: error.message });
    throw error;
  }
}

function respond(ctx: EmulatorContext, target: ResponseTarget, body: z.infer<typeof ResponseBody>): void {
  const { workspace } = ctx;
  const { original } = target;
  if (body.delete_original) {
    if (original?.ephemeral) workspace.deleteEphemeral(target.user, original.ts);
    else if (original && workspace.findMessage(target.channel, original.ts)) {
      workspace.deleteMessage(target.channel, original.ts);
    }
    return;
  }
  const content = readMessageContent(body, true);
  const text = content.text ?? '';
  if (body.replace_original && original) {
    if (original.ephemeral) {
      workspace.replaceEphemeral(target.user, original.ts, {
        text,
        ...(content.blocks ? { blocks: content.blocks } : {}),
      });
    } else {
      workspace.updateMessage(target.channel, original.ts, { text, blocks: content.blocks ?? [] });
    }
    return;
  }
  if (body.response_type === 'in_channel') {
    workspace.addMessage({
      channel: target.channel,
      ...workspace.botAuthor(),
      ...content,
      text,
      ...(body.thread_ts === undefined ? {} : { thread_ts: body.thread_ts }),
    });
    return;
  }
  workspace.addEphemeral({
    user: target.user,
    channel: target.channel,
    text,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(body.thread_ts === undefined ? {} : { thread_ts: body.thread_ts }),
    source: 'response_url',
  });
}
