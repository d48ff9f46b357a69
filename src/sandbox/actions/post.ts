// A person (or another app) posts a message: it is stored like any message, then delivered to the app as
// an Events API `message` event when the app is in that conversation (message.channels / message.im).
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import { deliver, JSON_CONTENT_TYPE, requireRequestUrl, type DeliveryResult } from '../delivery/deliver.js';
import { eventCallback } from '../delivery/payloads.js';
import { SandboxError } from '../sandbox-error.js';
import { toApiMessage } from '../web-api/render.js';
import type { NewMessage } from '../workspace.js';
import type { JsonObject } from '../workspace-types.js';

export interface PostInput {
  /** The person posting: id (`U…`) or name (`alice`). Give this or `bot`. */
  user?: string;
  /** Another app posting (e.g. `splunk`), as a `bot_message`. Give this or `user`. */
  bot?: string;
  /** Id or name, with or without `#`. */
  channel: string;
  /** May be empty when the message says everything in `attachments` or `blocks`, as many alerting apps post. */
  text: string;
  /** Legacy attachments (incoming webhooks) and Block Kit blocks, as another app posts them. */
  attachments?: JsonObject[];
  blocks?: JsonObject[];
  /** Reply in this thread (the ts of its parent message). */
  thread_ts?: string;
}

export async function runPost(ctx: EmulatorContext, input: PostInput): Promise<DeliveryResult> {
  const { workspace } = ctx;
  if ((input.user === undefined) === (input.bot === undefined)) {
    throw new SandboxError(
      'invalid_input',
      'Give exactly one of user (a person) or bot (another app) to post as.',
    );
  }
  requireRequestUrl(ctx);
  const channel = workspace.channel(input.channel);
  const author: Omit<NewMessage, 'channel' | 'text'> =
    input.user !== undefined
      ? { user: workspace.user(input.user).id, client_msg_id: randomUUID() }
      : {
          subtype: 'bot_message',
          bot_id: workspace.externalBotId(input.bot ?? ''),
          username: input.bot ?? '',
        };
  const parent =
    input.thread_ts === undefined ? undefined : workspace.findMessage(channel.id, input.thread_ts);
  if (input.thread_ts !== undefined && !parent) {
    throw new SandboxError(
      'thread_not_found',
      `No message ${input.thread_ts} in #${channel.name} to reply to.`,
    );
  }
  const message = workspace.addMessage({
    channel: channel.id,
    ...author,
    text: input.text,
    ...(input.attachments ? { attachments: input.attachments } : {}),
    ...(input.blocks ? { blocks: input.blocks } : {}),
    ...(parent ? { thread_ts: parent.thread_ts ?? parent.ts } : {}),
  });
  if (!channel.members.includes(workspace.bot.userId)) {
    return { status: 0, body: null, error: 'app_not_in_channel', message };
  }
  const event = {
    ...toApiMessage(message),
    channel: channel.id,
    event_ts: message.ts,
    channel_type: channel.is_im ? 'im' : channel.is_private ? 'group' : 'channel',
  };
  const result = await deliver(
    ctx,
    'event_callback',
    JSON.stringify(eventCallback(ctx, event)),
    JSON_CONTENT_TYPE,
  );
  return { ...result, message };
}
