// Record shapes the Slack emulator keeps in memory. They follow Slack's own object shapes
// (users.info, conversations.info, message and view objects) so the Web API can return them as they are.

/** A JSON object whose contents have not been checked beyond "it is an object". */
export type JsonObject = Record<string, unknown>;

export interface Team {
  id: string;
  name: string;
  domain: string;
}

/** The app under test as Slack knows it: its app id, its bot id and its bot user. */
export interface BotIdentity {
  appId: string;
  botId: string;
  userId: string;
  name: string;
}

/** A `users.info` user object. */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  color: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: {
    title: string;
    real_name: string;
    real_name_normalized: string;
    display_name: string;
    display_name_normalized: string;
    email?: string;
    team: string;
    bot_id?: string;
    api_app_id?: string;
  };
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  updated: number;
}

/** A public channel or a DM with the bot. */
export interface Channel {
  id: string;
  name: string;
  is_im: boolean;
  created: number;
  creator: string;
  topic: string;
  purpose: string;
  /** Member user ids (for a DM: the person and the bot). */
  members: string[];
  /** For a DM: the person the bot talks to. */
  user?: string;
  /** A private channel: to the bot it does not exist unless the bot is a member. */
  is_private?: boolean;
}

/** A user group (Slack calls them subteams; ids start with `S`). */
export interface UserGroup {
  id: string;
  team_id: string;
  /** The `@handle` people mention, e.g. `soc-responders`. */
  handle: string;
  name: string;
  description: string;
  users: string[];
  date_create: number;
}

/** A message as `conversations.history` returns it, plus the channel it lives in. */
export interface SlackMessage {
  type: 'message';
  /** Not part of Slack's message object; stripped by the Web API, kept here for tests and events. */
  channel: string;
  ts: string;
  text: string;
  team: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  username?: string;
  client_msg_id?: string;
  bot_profile?: {
    id: string;
    app_id: string;
    name: string;
    team_id: string;
    deleted: boolean;
    updated: number;
  };
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: JsonObject;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
}

/** Where an ephemeral message came from. */
export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'command_response';

/** A message only one person sees. Slack keeps no history of these; the emulator does, for tests. */
export interface EphemeralMessage {
  user: string;
  channel: string;
  ts: string;
  text: string;
  blocks?: JsonObject[];
  thread_ts?: string;
  source: EphemeralSource;
}

/** A modal or Home tab view object as `views.open` / `views.publish` return it. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject;
  close?: JsonObject;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** A view event: which person's screen, and the view. */
export interface ViewEvent {
  user: string;
  view: SlackView;
}

export interface MessageChange {
  channel: string;
  previous: SlackMessage;
  message: SlackMessage;
}

/** One request the emulator sent to the app, and how it went. */
export interface DeliveryRecord {
  kind: 'slash_command' | 'block_actions' | 'view_submission' | 'event_callback';
  /** HTTP status the app answered, or 0 when it did not answer. */
  status: number;
  /** Why the delivery failed (`operation_timeout`, `dispatch_failed`, `http_error_<status>`), if it did. */
  error?: string;
  at: number;
}

/** What the emulator emits, by event name. */
export interface WorkspaceEvents {
  message: SlackMessage;
  message_changed: MessageChange;
  message_deleted: SlackMessage;
  ephemeral: EphemeralMessage;
  view_opened: ViewEvent;
  view_updated: ViewEvent;
  view_closed: ViewEvent;
  home_published: ViewEvent;
  delivery: DeliveryRecord;
}
export type WorkspaceEventName = keyof WorkspaceEvents;
