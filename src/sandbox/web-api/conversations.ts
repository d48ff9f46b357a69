// conversations.* methods: list, info, members, history (newest first, cursor pages), replies (parent
// first) and open (the DM with one person). History and replies show message metadata only when asked
// (`include_all_metadata`), as Slack does.
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { decodeCursor, encodeCursor, tsToMicros } from '../slack-ids.js';
import type { Workspace } from '../workspace.js';
import type { Channel, SlackMessage } from '../workspace-types.js';
import { ApiError, invalidArguments } from './api-error.js';
import { Flag, Int, parseArgs, Str, type ApiArgs } from './args.js';
import { renderChannel, toApiMessage } from './render.js';

export interface Page<T> {
  items: T[];
  /** Empty when this is the last page. */
  nextCursor: string;
}

/** One page of `items`, starting at the item whose key the cursor names. */
export function paginate<T>(
  items: T[],
  key: (item: T) => string,
  kind: string,
  cursor: string | undefined,
  limit: number,
): Page<T> {
  let start = 0;
  if (cursor) {
    const wanted = decodeCursor(kind, cursor);
    start = wanted === undefined ? -1 : items.findIndex((item) => key(item) === wanted);
    if (start < 0) throw new ApiError('invalid_cursor');
  }
  const next = items[start + limit];
  return {
    items: items.slice(start, start + limit),
    nextCursor: next === undefined ? '' : encodeCursor(kind, key(next)),
  };
}

function limitOf(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || value <= 0) return fallback;
  return Math.min(value, max);
}

/** A conversation the bot can read. */
function readable(workspace: Workspace, ref: string | undefined): Channel {
  const channel = workspace.findChannelForBot(ref ?? '');
  if (!channel) throw new ApiError('channel_not_found');
  if (!channel.members.includes(workspace.bot.userId)) throw new ApiError('not_in_channel');
  return channel;
}

const microsOf = (m: SlackMessage): string => String(tsToMicros(m.ts) ?? 0);

/** A message as history and replies show it: its metadata only when `include_all_metadata` asked for it. */
function shown(withMetadata: boolean | undefined): (m: SlackMessage) => Omit<SlackMessage, 'channel'> {
  return (m) => {
    const message = toApiMessage(m);
    if (withMetadata) return message;
    const { metadata: _metadata, ...rest } = message;
    return rest;
  };
}

function list(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ types: Str, cursor: Str, limit: Int, exclude_archived: Flag }), args);
  const types = (a.types ?? 'public_channel').split(',').map((t) => t.trim());
  const channels = workspace
    .channels()
    .filter((c) =>
      c.is_im
        ? types.includes('im')
        : c.is_private
          ? types.includes('private_channel') && c.members.includes(workspace.bot.userId)
          : types.includes('public_channel'),
    );
  const page = paginate(channels, (c) => c.id, 'team', a.cursor, limitOf(a.limit, 100, 1000));
  return {
    channels: page.items.map((c) => renderChannel(workspace, c)),
    response_metadata: { next_cursor: page.nextCursor },
  };
}

function info(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ channel: Str }), args);
  const channel = workspace.findChannelForBot(a.channel ?? '');
  if (!channel) throw new ApiError('channel_not_found');
  return { channel: renderChannel(workspace, channel) };
}

function members(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ channel: Str, cursor: Str, limit: Int }), args);
  const channel = workspace.findChannel(a.channel ?? '');
  if (!channel) throw new ApiError('channel_not_found');
  const page = paginate(channel.members, (id) => id, 'member', a.cursor, limitOf(a.limit, 100, 1000));
  return { members: page.items, response_metadata: { next_cursor: page.nextCursor } };
}

function history(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(
    z.object({
      channel: Str,
      cursor: Str,
      limit: Int,
      latest: Str,
      oldest: Str,
      inclusive: Flag,
      include_all_metadata: Flag,
    }),
    args,
  );
  const channel = readable(workspace, a.channel);
  const latest = a.latest ? tsToMicros(a.latest) : undefined;
  const oldest = a.oldest ? tsToMicros(a.oldest) : undefined;
  if ((a.latest && latest === undefined) || (a.oldest && oldest === undefined))
    throw new ApiError('invalid_ts_latest');
  const inRange = (m: SlackMessage): boolean => {
    const t = tsToMicros(m.ts) ?? 0;
    const belowLatest = latest === undefined || t < latest || (a.inclusive && t === latest);
    const aboveOldest = oldest === undefined || t > oldest || (a.inclusive && t === oldest);
    return belowLatest && aboveOldest;
  };
  const messages = workspace.messages(channel.id).filter(inRange).reverse();
  const page = paginate(messages, microsOf, 'next_ts', a.cursor, limitOf(a.limit, 100, 999));
  return {
    messages: page.items.map(shown(a.include_all_metadata)),
    has_more: page.nextCursor !== '',
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    response_metadata: { next_cursor: page.nextCursor },
  };
}

function replies(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(
    z.object({ channel: Str, ts: Str, cursor: Str, limit: Int, include_all_metadata: Flag }),
    args,
  );
  const channel = readable(workspace, a.channel);
  if (!a.ts) throw invalidArguments(['[ERROR] missing required field: ts [json-pointer:/ts]']);
  const message = workspace.findMessage(channel.id, a.ts);
  if (!message) throw new ApiError('thread_not_found');
  const thread = workspace.thread(channel.id, message.thread_ts ?? message.ts);
  const page = paginate(thread, microsOf, 'next_ts', a.cursor, limitOf(a.limit, 1000, 1000));
  return {
    messages: page.items.map(shown(a.include_all_metadata)),
    has_more: page.nextCursor !== '',
    response_metadata: { next_cursor: page.nextCursor },
  };
}

function open(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ users: Str, channel: Str, return_im: Flag }), args);
  let dm: Channel | undefined;
  if (a.channel) {
    dm = workspace.findChannel(a.channel);
    if (!dm?.is_im) throw new ApiError('channel_not_found');
  } else {
    const ids = (a.users ?? '').split(',').filter((id) => id.trim() !== '');
    if (ids.length === 0) throw new ApiError('users_list_not_supplied');
    if (ids.length > 1) {
      throw invalidArguments(['[ERROR] the sandbox opens DMs with one person only [json-pointer:/users]']);
    }
    const user = workspace.findUser(ids[0]?.trim() ?? '');
    if (!user) throw new ApiError('user_not_found');
    if (user.id === workspace.bot.userId) throw new ApiError('cannot_dm_bot');
    const alreadyOpen = workspace.channels().some((c) => c.is_im && c.user === user.id);
    dm = workspace.dmWith(user.id);
    if (alreadyOpen && !a.return_im) return { no_op: true, already_open: true, channel: { id: dm.id } };
  }
  return { channel: a.return_im ? renderChannel(workspace, dm) : { id: dm.id } };
}

export const conversationsMethods = {
  'conversations.list': list,
  'conversations.info': info,
  'conversations.members': members,
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.open': open,
};
