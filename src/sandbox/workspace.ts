// In-memory state of the sandbox workspace (people, channels, messages, threads, ephemerals, views)
// and the events tests wait on instead of sleeping.
import { EventEmitter } from 'node:events';
import { SandboxError } from './sandbox-error.js';
import type { WorkspaceSeed } from './seed.js';
import { SlackIdSource } from './slack-ids.js';
import type {
  BotIdentity,
  Channel,
  EphemeralMessage,
  DeliveryRecord,
  SlackMessage,
  SlackUser,
  SlackView,
  Team,
  UserGroup,
  ViewEvent,
  WorkspaceEventName,
  WorkspaceEvents,
} from './workspace-types.js';

type EventArgs = { [K in WorkspaceEventName]: [WorkspaceEvents[K]] };

/** Fields of a new message; `thread_ts` must name an existing top-level message of the channel. */
export type NewMessage = Omit<SlackMessage, 'type' | 'ts' | 'team' | 'reply_count' | 'reply_users'> & {
  reply_broadcast?: boolean;
};

export type MessagePatch = Partial<
  Pick<SlackMessage, 'text' | 'blocks' | 'attachments' | 'metadata' | 'edited'>
>;

/** Modal stacks hold the root view and at most two pushed views. */
export const MAX_VIEW_STACK = 3;

/** Items of each workspace event kept in memory (every event is emitted; only the newest are kept to look back on). */
export const EVENTS_KEPT = 5_000;

function isTopLevel(m: SlackMessage): boolean {
  return m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast';
}

function author(m: SlackMessage): string {
  return m.user ?? m.bot_id ?? 'unknown';
}

/** The same emitter, typed without its event map. */
function asPlainEmitter(emitter: EventEmitter): EventEmitter {
  return emitter;
}

function summary(item: unknown): string {
  const text = JSON.stringify(item) ?? String(item);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

export class Workspace extends EventEmitter<EventArgs> {
  readonly team: Team;
  readonly bot: BotIdentity;
  readonly ids: SlackIdSource;
  private readonly userList: SlackUser[] = [];
  private readonly channelList: Channel[] = [];
  private readonly groupList: UserGroup[];
  private readonly byChannel = new Map<string, SlackMessage[]>();
  private readonly ephemeralsByUser = new Map<string, EphemeralMessage[]>();
  private readonly modalStacks = new Map<string, SlackView[]>();
  private readonly homeViews = new Map<string, SlackView>();
  private readonly externalBots = new Map<string, string>();
  /** Everything emitted, by event name: waitFor looks here first. */
  private readonly log: { [K in WorkspaceEventName]: WorkspaceEvents[K][] } = {
    message: [],
    message_changed: [],
    message_deleted: [],
    ephemeral: [],
    view_opened: [],
    view_updated: [],
    view_closed: [],
    home_published: [],
    delivery: [],
  };

  constructor(
    seed: WorkspaceSeed,
    readonly now: () => number,
  ) {
    super();
    this.team = seed.team;
    this.bot = seed.bot;
    this.ids = new SlackIdSource(now);
    const created = Math.floor(now() / 1000);
    const person = (
      id: string,
      name: string,
      realName: string,
      title: string,
      email?: string,
    ): SlackUser => ({
      id,
      team_id: seed.team.id,
      name,
      deleted: false,
      color: '9f69e7',
      real_name: realName,
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      profile: {
        title,
        real_name: realName,
        real_name_normalized: realName,
        display_name: name,
        display_name_normalized: name,
        ...(email === undefined ? {} : { email }),
        team: seed.team.id,
      },
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      updated: created,
    });
    for (const u of seed.users)
      this.userList.push({
        ...person(u.id, u.name, u.realName, u.title, u.email),
        tz: u.tz ?? 'Europe/London',
      });
    const botUser = person(seed.bot.userId, seed.bot.name, seed.bot.name, '');
    this.userList.push({
      ...botUser,
      is_bot: true,
      profile: { ...botUser.profile, bot_id: seed.bot.botId, api_app_id: seed.bot.appId },
    });
    for (const c of seed.channels) {
      this.channelList.push({
        id: c.id,
        name: c.name,
        is_im: false,
        created,
        creator: seed.users[0]?.id ?? seed.bot.userId,
        topic: '',
        purpose: c.purpose,
        members: [...c.members],
        ...(c.private ? { is_private: true } : {}),
      });
    }
    this.groupList = seed.userGroups.map((g) => ({
      ...g,
      users: [...g.users],
      team_id: seed.team.id,
      date_create: created,
    }));
  }

  // ---- people, channels, groups -------------------------------------------------------------

  /** A user by id (`U…`) or name (`alice`, `@alice`), or undefined. */
  findUser(ref: string): SlackUser | undefined {
    const key = ref.replace(/^@/, '');
    return (
      this.userList.find((u) => u.id === key) ??
      this.userList.find((u) => u.name.toLowerCase() === key.toLowerCase())
    );
  }

  /** A user by id or name; throws `user_not_found`. */
  user(ref: string): SlackUser {
    const found = this.findUser(ref);
    if (!found) {
      throw new SandboxError(
        'user_not_found',
        `No user "${ref}" in the sandbox workspace; use an id or one of: ${this.userList.map((u) => u.name).join(', ')}.`,
      );
    }
    return found;
  }

  users(): SlackUser[] {
    return [...this.userList];
  }

  /** A channel by id (`C…`, `D…`) or name (with or without `#`), or undefined. */
  findChannel(ref: string): Channel | undefined {
    const key = ref.replace(/^#/, '');
    const found =
      this.channelList.find((c) => c.id === key) ?? this.channelList.find((c) => !c.is_im && c.name === key);
    if (found || !key.startsWith('D')) return found;
    // Every person has a DM with the app, whether or not anyone has used it yet.
    const person = this.userList.find((u) => !u.is_bot && `D${u.id.slice(1)}` === key);
    return person ? this.dmWith(person.id) : undefined;
  }

  /** A channel as the bot's Web API calls see it: a private channel the bot is not in does not exist. */
  findChannelForBot(ref: string): Channel | undefined {
    const found = this.findChannel(ref);
    return found?.is_private && !found.members.includes(this.bot.userId) ? undefined : found;
  }

  /** A channel by id or name; throws `channel_not_found`. */
  channel(ref: string): Channel {
    const found = this.findChannel(ref);
    if (!found) {
      const names = this.channelList.filter((c) => !c.is_im).map((c) => `#${c.name}`);
      throw new SandboxError(
        'channel_not_found',
        `No channel "${ref}" in the sandbox workspace; use an id or one of: ${names.join(', ')}.`,
      );
    }
    return found;
  }

  channels(): Channel[] {
    return [...this.channelList];
  }

  /** The DM between a person and the bot, created on first use (`U0ALICE001` → `D0ALICE001`). */
  dmWith(userId: string): Channel {
    const existing = this.channelList.find((c) => c.is_im && c.user === userId);
    if (existing) return existing;
    const dm: Channel = {
      id: `D${userId.slice(1)}`,
      name: userId,
      is_im: true,
      created: Math.floor(this.now() / 1000),
      creator: userId,
      topic: '',
      purpose: '',
      members: [userId, this.bot.userId],
      user: userId,
    };
    this.channelList.push(dm);
    return dm;
  }

  userGroups(): UserGroup[] {
    return [...this.groupList];
  }

  /** A user group by id (`S…`) or handle (`soc-senior`, `@soc-senior`), or undefined. */
  findUserGroup(ref: string): UserGroup | undefined {
    const key = ref.replace(/^@/, '');
    return this.groupList.find((g) => g.id === key || g.handle === key);
  }

  /** A stable bot id for another app posting into the workspace, by its name. */
  externalBotId(name: string): string {
    const existing = this.externalBots.get(name);
    if (existing) return existing;
    const id = this.ids.next('B');
    this.externalBots.set(name, id);
    return id;
  }

  /** The author fields of a message the app posts (bot user, bot id, app id, bot profile). */
  botAuthor(): Pick<SlackMessage, 'user' | 'bot_id' | 'app_id' | 'bot_profile'> {
    const { appId, botId, userId, name } = this.bot;
    return {
      user: userId,
      bot_id: botId,
      app_id: appId,
      bot_profile: { id: botId, app_id: appId, name, team_id: this.team.id, deleted: false, updated: 0 },
    };
  }

  // ---- messages -----------------------------------------------------------------------------

  /** Top-level messages of a channel (and thread replies broadcast to it), oldest first. */
  messages(channelRef: string): SlackMessage[] {
    return this.all(this.channel(channelRef).id).filter(isTopLevel);
  }

  /** The parent message then its replies, oldest first; empty when there is no such message. */
  thread(channelRef: string, ts: string): SlackMessage[] {
    const list = this.all(this.channel(channelRef).id);
    const parent = list.find((m) => m.ts === ts);
    if (!parent) return [];
    return [parent, ...list.filter((m) => m.thread_ts === ts && m.ts !== ts)];
  }

  /** A message (top-level or reply) by channel and ts. */
  findMessage(channelRef: string, ts: string): SlackMessage | undefined {
    const channel = this.findChannel(channelRef);
    return channel ? this.all(channel.id).find((m) => m.ts === ts) : undefined;
  }

  addMessage(input: NewMessage): SlackMessage {
    const { reply_broadcast: broadcast, ...fields } = input;
    const list = this.all(input.channel);
    const message: SlackMessage = { type: 'message', ...fields, ts: this.ids.nextTs(), team: this.team.id };
    if (input.thread_ts !== undefined) {
      const index = list.findIndex((m) => m.ts === input.thread_ts && isTopLevel(m));
      const parent = list[index];
      if (!parent)
        throw new SandboxError('thread_not_found', `No message ${input.thread_ts} in ${input.channel}.`);
      message.parent_user_id = author(parent);
      if (broadcast) message.subtype = 'thread_broadcast';
      const replyUsers = [...new Set([...(parent.reply_users ?? []), author(message)])];
      list[index] = {
        ...parent,
        thread_ts: parent.ts,
        reply_count: (parent.reply_count ?? 0) + 1,
        reply_users: replyUsers,
        reply_users_count: replyUsers.length,
        latest_reply: message.ts,
      };
    }
    list.push(message);
    this.publish('message', message);
    return message;
  }

  updateMessage(channel: string, ts: string, patch: MessagePatch): SlackMessage {
    const list = this.all(channel);
    const index = list.findIndex((m) => m.ts === ts);
    const previous = list[index];
    if (!previous) throw new SandboxError('message_not_found', `No message ${ts} in ${channel}.`);
    const message: SlackMessage = { ...previous, ...patch };
    list[index] = message;
    this.publish('message_changed', { channel, previous, message });
    return message;
  }

  deleteMessage(channel: string, ts: string): SlackMessage {
    const list = this.all(channel);
    const index = list.findIndex((m) => m.ts === ts);
    const message = list[index];
    if (!message) throw new SandboxError('message_not_found', `No message ${ts} in ${channel}.`);
    list.splice(index, 1);
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const parentIndex = list.findIndex((m) => m.ts === message.thread_ts);
      const parent = list[parentIndex];
      if (parent) list[parentIndex] = { ...parent, reply_count: Math.max(0, (parent.reply_count ?? 1) - 1) };
    }
    this.publish('message_deleted', message);
    return message;
  }

  private all(channelId: string): SlackMessage[] {
    let list = this.byChannel.get(channelId);
    if (!list) {
      list = [];
      this.byChannel.set(channelId, list);
    }
    return list;
  }

  // ---- ephemerals ---------------------------------------------------------------------------

  ephemerals(userRef: string): EphemeralMessage[] {
    return [...(this.ephemeralsByUser.get(this.user(userRef).id) ?? [])];
  }

  addEphemeral(input: Omit<EphemeralMessage, 'ts'>): EphemeralMessage {
    const ephemeral: EphemeralMessage = { ...input, ts: this.ids.nextTs() };
    const list = this.ephemeralsByUser.get(input.user) ?? [];
    list.push(ephemeral);
    this.ephemeralsByUser.set(input.user, list);
    this.publish('ephemeral', ephemeral);
    return ephemeral;
  }

  /** Replaces an ephemeral in place (same ts), as `replace_original` does; emits `ephemeral` again. */
  replaceEphemeral(
    user: string,
    ts: string,
    patch: Pick<EphemeralMessage, 'text' | 'blocks'>,
  ): EphemeralMessage {
    const list = this.ephemeralsByUser.get(user) ?? [];
    const index = list.findIndex((e) => e.ts === ts);
    const previous = list[index];
    if (!previous) throw new SandboxError('message_not_found', `No ephemeral ${ts} for ${user}.`);
    const ephemeral: EphemeralMessage = { ...previous, ...patch };
    list[index] = ephemeral;
    this.publish('ephemeral', ephemeral);
    return ephemeral;
  }

  deleteEphemeral(user: string, ts: string): void {
    const list = this.ephemeralsByUser.get(user) ?? [];
    this.ephemeralsByUser.set(
      user,
      list.filter((e) => e.ts !== ts),
    );
  }

  // ---- views --------------------------------------------------------------------------------

  /** The user's open modal stack, root first. */
  views(userRef: string): SlackView[] {
    return [...(this.modalStacks.get(this.user(userRef).id) ?? [])];
  }

  /** The user's published Home tab, if any. */
  home(userRef: string): SlackView | undefined {
    return this.homeViews.get(this.user(userRef).id);
  }

  /** Where a view is shown, by view id or external id. */
  locateView(ref: {
    view_id?: string;
    external_id?: string;
  }): (ViewEvent & { surface: 'modal' | 'home' }) | undefined {
    const matches = (v: SlackView): boolean =>
      (ref.view_id !== undefined && v.id === ref.view_id) ||
      (ref.external_id !== undefined && ref.external_id !== '' && v.external_id === ref.external_id);
    for (const [user, stack] of this.modalStacks) {
      const view = stack.find(matches);
      if (view) return { user, view, surface: 'modal' };
    }
    for (const [user, view] of this.homeViews) {
      if (matches(view)) return { user, view, surface: 'home' };
    }
    return undefined;
  }

  /** Opens a modal as the root of a new stack, replacing whatever the user had open. */
  openModal(user: string, view: SlackView): SlackView {
    this.closeModals(user);
    this.modalStacks.set(user, [view]);
    this.publish('view_opened', { user, view });
    return view;
  }

  pushModal(user: string, view: SlackView): SlackView {
    const stack = this.modalStacks.get(user) ?? [];
    stack.push(view);
    this.modalStacks.set(user, stack);
    this.publish('view_opened', { user, view });
    return view;
  }

  /** Replaces a view in place (modal or Home), keeping its id. */
  replaceView(user: string, view: SlackView): SlackView {
    const stack = this.modalStacks.get(user) ?? [];
    const index = stack.findIndex((v) => v.id === view.id);
    if (index >= 0) stack[index] = view;
    else if (this.homeViews.get(user)?.id === view.id) this.homeViews.set(user, view);
    else throw new SandboxError('view_not_found', `No view ${view.id} for ${user}.`);
    this.publish('view_updated', { user, view });
    return view;
  }

  /** Closes the top modal of the user's stack (the one just submitted). */
  popModal(user: string): void {
    const view = this.modalStacks.get(user)?.pop();
    if (view) this.publish('view_closed', { user, view });
  }

  closeModals(user: string): void {
    const stack = this.modalStacks.get(user) ?? [];
    this.modalStacks.delete(user);
    for (const view of stack.reverse()) this.publish('view_closed', { user, view });
  }

  publishHome(user: string, view: SlackView): SlackView {
    this.homeViews.set(user, view);
    this.publish('home_published', { user, view });
    return view;
  }

  // ---- deliveries ---------------------------------------------------------------------------

  recordDelivery(record: DeliveryRecord): void {
    this.publish('delivery', record);
  }

  deliveries(): DeliveryRecord[] {
    return [...this.log.delivery];
  }

  /** What was emitted under one event name (the newest EVENTS_KEPT at least), oldest first. */
  events<K extends WorkspaceEventName>(event: K): WorkspaceEvents[K][] {
    const logged: WorkspaceEvents[K][] = this.log[event];
    return [...logged];
  }

  private publish<K extends WorkspaceEventName>(event: K, item: WorkspaceEvents[K]): void {
    const logged: WorkspaceEvents[K][] = this.log[event];
    logged.push(item);
    // The newest EVENTS_KEPT of each event are kept (what tests wait on, and the page's history); a sandbox that
    // runs for weeks, its case messages re-rendered every few seconds in a storm, would otherwise keep them all.
    if (logged.length > EVENTS_KEPT * 1.25) logged.splice(0, logged.length - EVENTS_KEPT);
    asPlainEmitter(this).emit(event, item);
  }

  // ---- waiting ------------------------------------------------------------------------------

  /**
   * Resolves with the first matching item of `event`, whether it was emitted before the call (the
   * workspace keeps the newest EVENTS_KEPT of each) or after. Rejects after `timeoutMs` with the last items it saw, so a
   * failing test says what happened instead.
   */
  waitFor<K extends WorkspaceEventName>(
    event: K,
    predicate: (item: WorkspaceEvents[K]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<WorkspaceEvents[K]> {
    const logged: WorkspaceEvents[K][] = this.log[event];
    const present = [...logged];
    const existing = present.find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    // The typed emitter cannot relate a generic K to its listener type; subscribe through the plain view.
    const emitter = asPlainEmitter(this);
    return new Promise((resolve, reject) => {
      const seen: WorkspaceEvents[K][] = [...present];
      const listener = (item: WorkspaceEvents[K]): void => {
        if (!predicate(item)) {
          seen.push(item);
          return;
        }
        clearTimeout(timer);
        emitter.off(event, listener);
        resolve(item);
      };
      const timer = setTimeout(() => {
        emitter.off(event, listener);
        const last = seen.slice(-5).map(summary);
        reject(
          new SandboxError(
            'wait_timeout',
            `waitFor('${event}') found no matching item within ${timeoutMs} ms. ` +
              (last.length === 0
                ? 'None were seen at all.'
                : `Last ${last.length} seen:\n${last.join('\n')}`),
          ),
        );
      }, timeoutMs);
      emitter.on(event, listener);
    });
  }
}
