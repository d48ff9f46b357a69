// What one person sees in the sandbox page, read-only: their channels, the open channel and thread (with
// their own ephemerals in place), their top modal and their Home tab, each item rendered to safe HTML.
// Served as `GET /sandbox/state?user=…&channel=…&thread=…`.
import { SandboxError } from '../sandbox-error.js';
import type { Workspace } from '../workspace.js';
import type { EphemeralMessage, SlackMessage, SlackUser, SlackView } from '../workspace-types.js';
import { renderAttachments, renderBlocks, type RenderContext } from './blocks.js';
import { EMPTY, html, type SafeHtml } from './html.js';
import { mrkdwn, namesOf, plainString } from './mrkdwn.js';

/** At most this many top-level messages of a channel are sent to the page (the newest). */
export const PAGE_MESSAGE_LIMIT = 200;

export interface PagePerson {
  id: string;
  name: string;
  real_name: string;
  title: string;
  /** Handles of the user groups the person is in, e.g. `soc-responders`. */
  groups: string[];
}

export interface PageChannel {
  id: string;
  /** Channel name without `#`; for a DM, the app's name. */
  name: string;
  is_im: boolean;
  purpose: string;
  /** ts of the newest message or reply, '' when empty: the page marks channels with news. */
  latest: string;
}

/** A message or one of the person's ephemerals, as the page draws it. */
export interface PageItem {
  /** `m:<ts>` for a message, `e:<ts>` for an ephemeral. */
  key: string;
  kind: 'message' | 'ephemeral';
  channel: string;
  ts: string;
  thread_ts?: string;
  reply_count: number;
  /** The plain `text` fallback. */
  text: string;
  html: string;
}

export interface PageView {
  id: string;
  hash: string;
  callback_id: string;
  title: string;
  submit?: string;
  close: string;
  html: string;
}

export interface PageState {
  ok: true;
  /** `domain` names the workspace URL (`https://<domain>.slack.com/`) its permalinks start with. */
  team: { id: string; name: string; domain: string };
  app: { user_id: string; name: string };
  me: PagePerson;
  people: PagePerson[];
  channels: PageChannel[];
  channel?: { id: string; name: string; is_im: boolean; purpose: string; items: PageItem[] };
  thread?: { channel: string; ts: string; items: PageItem[] };
  /** The modal on top of the person's stack. */
  modal?: PageView;
  home?: { id: string; hash: string; html: string };
}

export interface PageQuery {
  user: string;
  channel?: string;
  thread?: string;
}

/** Orders Slack ts strings (`seconds.micros`) without floating-point loss. */
export function compareTs(a: string, b: string): number {
  const [as = '', af = ''] = a.split('.');
  const [bs = '', bf = ''] = b.split('.');
  return Number(as) - Number(bs) || af.padEnd(6, '0').localeCompare(bf.padEnd(6, '0'));
}

function person(workspace: Workspace, user: SlackUser): PagePerson {
  return {
    id: user.id,
    name: user.name,
    real_name: user.real_name,
    title: user.profile.title,
    groups: workspace
      .userGroups()
      .filter((g) => g.users.includes(user.id))
      .map((g) => g.handle),
  };
}

function clock(ts: string, timeZone: string): { short: string; iso: string } {
  const date = new Date(Number(ts.split('.')[0] ?? '0') * 1000);
  return {
    short: new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone }).format(date),
    iso: date.toISOString(),
  };
}

interface Author {
  name: string;
  app: boolean;
  initial: string;
}

function authorOf(workspace: Workspace, message: SlackMessage | EphemeralMessage): Author {
  if ('source' in message) {
    return { name: workspace.bot.name, app: true, initial: workspace.bot.name.slice(0, 1).toUpperCase() };
  }
  const appName = message.bot_profile?.name ?? message.username;
  const user = message.user === undefined ? undefined : workspace.findUser(message.user);
  if (user?.is_bot || (appName !== undefined && message.user === undefined)) {
    const name = user?.is_bot ? workspace.bot.name : (appName ?? 'app');
    return { name, app: true, initial: name.slice(0, 1).toUpperCase() };
  }
  const name = user?.real_name ?? message.user ?? 'someone';
  return { name, app: false, initial: name.slice(0, 1).toUpperCase() };
}

function body(message: SlackMessage | EphemeralMessage, ctx: RenderContext): SafeHtml {
  const blocks = message.blocks ?? [];
  const attachments = 'attachments' in message ? message.attachments : undefined;
  return html`${blocks.length ? renderBlocks(blocks, ctx) : html`<div class="text">${mrkdwn(message.text, ctx.names)}</div>`}
  ${attachments?.length ? renderAttachments(attachments, ctx) : EMPTY}`;
}

function renderItem(
  workspace: Workspace,
  message: SlackMessage | EphemeralMessage,
  ctx: RenderContext,
  inThreadPane: boolean,
): PageItem {
  const ephemeral = 'source' in message;
  const author = authorOf(workspace, message);
  const time = clock(message.ts, ctx.names.timeZone);
  const replies = ephemeral ? 0 : (message.reply_count ?? 0);
  const isTopLevel = ephemeral
    ? message.thread_ts === undefined
    : message.thread_ts === undefined || message.thread_ts === message.ts;
  // Slack marks people's edits; the app's chat.update calls show no "(edited)".
  const edited = !ephemeral && message.edited !== undefined && !author.app;
  const item = html`<article
    class="msg${ephemeral ? ' ephemeral' : ''}"
    data-channel="${message.channel}"
    data-ts="${message.ts}"
    ${ephemeral ? html`data-ephemeral="true"` : ''}
  >
    <div class="avatar${author.app ? ' bot' : ''}" aria-hidden="true">${author.initial}</div>
    <div class="msg-main">
      <div class="msg-meta">
        <span class="author">${author.name}</span>${author.app ? html`<span class="badge">APP</span>` : ''}
        <time datetime="${time.iso}" title="${time.iso}">${time.short}</time>
        ${edited ? html`<span class="edited">(edited)</span>` : ''}
        ${ephemeral ? html`<span class="only-you">Only visible to you</span>` : ''}
      </div>
      <div class="msg-body">${body(message, ctx)}</div>
      ${
        !inThreadPane && isTopLevel && replies > 0
          ? html`<button type="button" class="replies" data-open-thread="${message.ts}">
              ${replies} ${replies === 1 ? 'reply' : 'replies'}
            </button>`
          : EMPTY
      }
    </div>
    ${
      !inThreadPane && isTopLevel && !ephemeral
        ? html`<button
            type="button"
            class="msg-action"
            data-open-thread="${message.ts}"
            title="Reply in thread"
          >
            Reply in thread
          </button>`
        : EMPTY
    }
  </article>`;
  return {
    key: `${ephemeral ? 'e' : 'm'}:${message.ts}`,
    kind: ephemeral ? 'ephemeral' : 'message',
    channel: message.channel,
    ts: message.ts,
    ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
    reply_count: replies,
    text: message.text,
    html: item.toString(),
  };
}

function renderView(view: SlackView, ctx: RenderContext): PageView {
  const submit = plainString(view.submit);
  return {
    id: view.id,
    hash: view.hash,
    callback_id: view.callback_id,
    title: plainString(view.title) || 'Modal',
    ...(submit ? { submit } : {}),
    close: plainString(view.close) || (submit ? 'Cancel' : 'Close'),
    html: renderBlocks(view.blocks, { ...ctx, idPrefix: view.id }).toString(),
  };
}

function latestOf(workspace: Workspace, channelId: string): string {
  return workspace
    .messages(channelId)
    .map((m) => m.latest_reply ?? m.ts)
    .reduce((a, b) => (a === '' || compareTs(b, a) > 0 ? b : a), '');
}

export function buildPageState(workspace: Workspace, query: PageQuery): PageState {
  const me = workspace.user(query.user);
  if (me.is_bot)
    throw new SandboxError('invalid_input', 'The page shows what a person sees; name a person, not the app.');
  const names = namesOf(workspace, me.tz);
  const conversations = workspace.channels().filter((c) => !c.is_im && c.members.includes(me.id));
  const dm = workspace.dmWith(me.id);
  const humans = workspace.users().filter((u) => !u.is_bot && !u.deleted);
  const ctx: RenderContext = {
    names,
    people: humans.map((u) => ({ id: u.id, name: u.real_name })),
    conversations: conversations.map((c) => ({ id: c.id, name: `#${c.name}` })),
    idPrefix: 'page',
  };
  const channels: PageChannel[] = [...conversations, dm].map((c) => ({
    id: c.id,
    name: c.is_im ? workspace.bot.name : c.name,
    is_im: c.is_im,
    purpose: c.purpose,
    latest: latestOf(workspace, c.id),
  }));

  const state: PageState = {
    ok: true,
    team: { id: workspace.team.id, name: workspace.team.name, domain: workspace.team.domain },
    app: { user_id: workspace.bot.userId, name: workspace.bot.name },
    me: person(workspace, me),
    people: humans.map((u) => person(workspace, u)),
    channels,
  };

  const ephemerals = workspace.ephemerals(me.id);
  const channel = query.channel ? workspace.findChannel(query.channel) : undefined;
  const visible = channel && (channel.is_im ? channel.user === me.id : channel.members.includes(me.id));
  if (channel && visible) {
    const items = [
      ...workspace.messages(channel.id).slice(-PAGE_MESSAGE_LIMIT),
      ...ephemerals.filter((e) => e.channel === channel.id && e.thread_ts === undefined),
    ]
      .sort((a, b) => compareTs(a.ts, b.ts))
      .map((m) => renderItem(workspace, m, ctx, false));
    state.channel = {
      id: channel.id,
      name: channel.is_im ? workspace.bot.name : channel.name,
      is_im: channel.is_im,
      purpose: channel.purpose,
      items,
    };
    const thread = query.thread ? workspace.thread(channel.id, query.thread) : [];
    if (query.thread && thread.length > 0) {
      const items = [
        ...thread,
        ...ephemerals.filter((e) => e.channel === channel.id && e.thread_ts === query.thread),
      ]
        .sort((a, b) => compareTs(a.ts, b.ts))
        .map((m) => renderItem(workspace, m, ctx, true));
      state.thread = { channel: channel.id, ts: query.thread, items };
    }
  }

  const modal = workspace.views(me.id).at(-1);
  if (modal) state.modal = renderView(modal, ctx);
  const home = workspace.home(me.id);
  if (home) {
    state.home = { id: home.id, hash: home.hash, html: renderBlocks(home.blocks, ctx).toString() };
  }
  return state;
}
