// chat.* methods: post (incl. threads and broadcasts), update, delete, ephemeral and permalinks,
// with Slack's documented errors.
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import type { Workspace } from '../workspace.js';
import type { Channel, JsonObject, SlackMessage } from '../workspace-types.js';
import { ApiError } from './api-error.js';
import { Flag, jsonArg, parseArgs, Str, type ApiArgs } from './args.js';
import { readMessageContent } from './message-content.js';
import { toApiMessage } from './render.js';

const MessageArgs = z.object({
  channel: Str,
  text: Str,
  blocks: z.unknown().optional(),
  attachments: z.unknown().optional(),
  metadata: z.unknown().optional(),
});

/** A channel the bot may post in: a channel id or name, a DM id, or a user id (the DM with that user). */
export function resolvePostChannel(workspace: Workspace, ref: string | undefined): Channel {
  if (!ref) throw new ApiError('channel_not_found');
  const user = /^[UW]/.test(ref) ? workspace.findUser(ref) : undefined;
  if (user) {
    if (user.id === workspace.bot.userId) throw new ApiError('channel_not_found');
    return workspace.dmWith(user.id);
  }
  const channel = workspace.findChannelForBot(ref);
  if (!channel) throw new ApiError('channel_not_found');
  if (!channel.members.includes(workspace.bot.userId)) throw new ApiError('not_in_channel');
  return channel;
}

function readMetadata(raw: unknown): JsonObject | undefined {
  if (raw === undefined || raw === '') return undefined;
  const decoded = jsonArg(raw);
  const parsed = decoded.ok
    ? z
        .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) })
        .safeParse(decoded.value)
    : undefined;
  if (!parsed?.success) throw new ApiError('invalid_metadata_format');
  return parsed.data;
}

function botMessage(workspace: Workspace, channel: string, ts: string | undefined): SlackMessage {
  const message = ts === undefined ? undefined : workspace.findMessage(channel, ts);
  if (!message) throw new ApiError('message_not_found');
  return message;
}

function postMessage(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(MessageArgs.extend({ thread_ts: Str, reply_broadcast: Flag }), args);
  const channel = resolvePostChannel(workspace, a.channel);
  const content = readMessageContent(a, true);
  const metadata = readMetadata(a.metadata);
  let threadTs: string | undefined;
  if (a.thread_ts) {
    const parent = workspace.findMessage(channel.id, a.thread_ts);
    if (!parent) throw new ApiError('thread_not_found');
    threadTs = parent.thread_ts ?? parent.ts;
  }
  const message = workspace.addMessage({
    channel: channel.id,
    ...workspace.botAuthor(),
    ...content,
    text: content.text ?? '',
    ...(metadata ? { metadata } : {}),
    ...(threadTs === undefined ? {} : { thread_ts: threadTs, reply_broadcast: a.reply_broadcast }),
  });
  return { channel: channel.id, ts: message.ts, message: toApiMessage(message) };
}

function update(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(MessageArgs.extend({ ts: Str }), args);
  const channel = workspace.findChannel(a.channel ?? '');
  if (!channel) throw new ApiError('channel_not_found');
  const message = botMessage(workspace, channel.id, a.ts);
  if (message.bot_id !== workspace.bot.botId) throw new ApiError('cant_update_message');
  const content = readMessageContent(a, false);
  if (content.text === undefined && content.blocks === undefined && content.attachments === undefined) {
    throw new ApiError('no_text');
  }
  const metadata = readMetadata(a.metadata);
  const updated = workspace.updateMessage(channel.id, message.ts, {
    ...content,
    ...(metadata ? { metadata } : {}),
    edited: { user: workspace.bot.userId, ts: workspace.ids.nextTs() },
  });
  return { channel: channel.id, ts: updated.ts, text: updated.text, message: toApiMessage(updated) };
}

function remove(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ channel: Str, ts: Str }), args);
  const channel = workspace.findChannel(a.channel ?? '');
  if (!channel) throw new ApiError('channel_not_found');
  const message = botMessage(workspace, channel.id, a.ts);
  if (message.bot_id !== workspace.bot.botId) throw new ApiError('cant_delete_message');
  workspace.deleteMessage(channel.id, message.ts);
  return { channel: channel.id, ts: message.ts };
}

function postEphemeral(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(MessageArgs.extend({ user: Str, thread_ts: Str }), args);
  const user = workspace.findUser(a.user ?? '');
  if (!user) throw new ApiError('user_not_found');
  const channel = resolvePostChannel(workspace, a.channel);
  if (!channel.members.includes(user.id)) throw new ApiError('user_not_in_channel');
  const content = readMessageContent(a, true);
  const ephemeral = workspace.addEphemeral({
    user: user.id,
    channel: channel.id,
    text: content.text ?? '',
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}),
    source: 'chat.postEphemeral',
  });
  return { message_ts: ephemeral.ts };
}

function getPermalink(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ channel: Str, message_ts: Str }), args);
  const channel = workspace.findChannel(a.channel ?? '');
  if (!channel) throw new ApiError('channel_not_found');
  const message = botMessage(workspace, channel.id, a.message_ts);
  const base = `https://${workspace.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return {
    channel: channel.id,
    permalink: inThread ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base,
  };
}

export const chatMethods = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': remove,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
