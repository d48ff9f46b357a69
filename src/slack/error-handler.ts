// The one Slack error handler: known errors are shown to the person who caused them, ephemerally, in
// plain words; unknown ones are logged with a correlation id that the person is given.
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { asVigilError } from '../errors.js';
import { escapeKeepingReferences } from './blocks/mrkdwn.js';
import type { Logger } from '../logger.js';

/** The parts of any Slack request body that say who caused it and where they are. */
const Origin = z.object({
  user_id: z.string().optional(),
  channel_id: z.string().optional(),
  response_url: z.string().url().optional(),
  user: z.object({ id: z.string() }).optional(),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ thread_ts: z.string().optional(), message_ts: z.string().optional() }).optional(),
  message: z.object({ thread_ts: z.string().optional() }).optional(),
});

const Surface = z.object({ channel: z.string(), threadTs: z.string().optional() });

/** Bolt's extended error handler arguments (enabled with `extendedErrorHandler: true`). */
interface HandlerArgs {
  error: Error;
  context: Record<string, unknown>;
  body: unknown;
}

export function registerErrorHandler(app: App, logger: Logger): void {
  app.error(async ({ error, context, body }: HandlerArgs) => {
    const known = asVigilError(error);
    const reference = randomUUID().slice(0, 8);
    if (known) logger.info({ code: known.code, reference }, known.message);
    else logger.error({ err: error, reference }, 'unhandled error in a Slack listener');
    // A known error's message can quote what came in (a JSON parser's snippet of the body, the command typed):
    // escaped, so nothing in it becomes a broadcast or a link.
    const text = known
      ? `:warning: ${escapeKeepingReferences(known.message)}`
      : `:warning: Something went wrong inside Vigil (reference ${reference}). It has been logged; try again, and tell your Vigil admins if it keeps happening.`;

    const origin = Origin.safeParse(body);
    if (!origin.success) return;
    const o = origin.data;
    const user = o.user_id ?? o.user?.id;
    if (!user) return;
    const hinted = Surface.safeParse(context.errorSurface);
    const channel = hinted.success ? hinted.data.channel : (o.channel_id ?? o.channel?.id);
    const threadTs = hinted.success ? hinted.data.threadTs : (o.message?.thread_ts ?? o.container?.thread_ts);
    // Ephemeral where it happened first; a person who is not a member of that channel (they left it after the
    // card was posted, or are previewing a public channel) gets user_not_in_channel there, so then the request's
    // response_url, and last a message in their DM with Vigil. Only when every way fails are they not told.
    const ways: Array<[string, () => Promise<unknown>]> = [];
    if (channel) {
      ways.push([
        'ephemeral',
        () =>
          app.client.chat.postEphemeral({
            channel,
            user,
            text,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          }),
      ]);
    }
    if (o.response_url) {
      const url = o.response_url;
      ways.push(['response_url', () => respond(url, text)]);
    }
    ways.push(['direct message', () => app.client.chat.postMessage({ channel: user, text })]);
    const failures: string[] = [];
    for (const [way, show] of ways) {
      try {
        await show();
        if (failures.length) logger.info({ reference, failures }, `error shown to the user by ${way}`);
        return;
      } catch (showError) {
        failures.push(`${way}: ${showError instanceof Error ? showError.message : String(showError)}`);
      }
    }
    logger.warn({ reference, failures }, 'could not show an error to the user by any way');
  });
}

/** Posts to a slash command's or an interaction's response_url, as Slack documents; throws unless it took it. */
async function respond(url: string, text: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
}
