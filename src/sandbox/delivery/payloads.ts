// Pieces of the payloads Slack sends apps: user and team references, the Events API envelope, and the two
// body encodings (form fields for slash commands, a `payload` form field of JSON for interactions).
import type { EmulatorContext } from '../context.js';
import type { Channel, JsonObject, SlackUser } from '../workspace-types.js';

export function userRef(user: SlackUser): JsonObject {
  return { id: user.id, username: user.name, name: user.name, team_id: user.team_id };
}

export function teamRef(ctx: EmulatorContext): JsonObject {
  return { id: ctx.workspace.team.id, domain: ctx.workspace.team.domain };
}

/** The channel name Slack puts in payloads: `directmessage` for a DM. */
export function channelName(channel: Channel): string {
  return channel.is_im ? 'directmessage' : channel.name;
}

/** Slash-command body: form fields, in Slack's order. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Interaction body: one form field `payload` holding the JSON payload. */
export function interactionBody(payload: JsonObject): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Wraps an event in Slack's Events API `event_callback` envelope. */
export function eventCallback(ctx: EmulatorContext, event: JsonObject): JsonObject {
  const { workspace } = ctx;
  const eventTime = Math.floor(workspace.now() / 1000);
  return {
    token: ctx.verificationToken,
    team_id: workspace.team.id,
    context_team_id: workspace.team.id,
    context_enterprise_id: null,
    api_app_id: workspace.bot.appId,
    event,
    type: 'event_callback',
    event_id: workspace.ids.next('Ev'),
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: workspace.team.id,
        user_id: workspace.bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
