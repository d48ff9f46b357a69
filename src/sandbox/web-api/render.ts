// Web API shapes of the emulator's records: messages without the emulator's `channel` field, and
// conversation objects as conversations.info / conversations.list return them.
import type { Workspace } from '../workspace.js';
import type { Channel, SlackMessage, UserGroup } from '../workspace-types.js';

export function toApiMessage(message: SlackMessage): Omit<SlackMessage, 'channel'> {
  const { channel: _channel, ...rest } = message;
  return rest;
}

export function renderChannel(workspace: Workspace, channel: Channel): Record<string, unknown> {
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private,
    is_group: channel.is_private === true,
    is_im: false,
    is_mpim: false,
    is_private: channel.is_private === true,
    created: channel.created,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: workspace.team.id,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [workspace.team.id],
    is_member: channel.members.includes(workspace.bot.userId),
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
    previous_names: [],
    num_members: channel.members.length,
  };
}

export function renderUserGroup(group: UserGroup, includeUsers: boolean): Record<string, unknown> {
  return {
    id: group.id,
    team_id: group.team_id,
    is_usergroup: true,
    is_subteam: true,
    name: group.name,
    description: group.description,
    handle: group.handle,
    is_external: false,
    date_create: group.date_create,
    date_update: group.date_create,
    date_delete: 0,
    auto_type: null,
    auto_provision: false,
    enterprise_subteam_id: '',
    created_by: group.users[0] ?? '',
    updated_by: group.users[0] ?? '',
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    user_count: group.users.length,
    channel_count: 0,
    ...(includeUsers ? { users: [...group.users] } : {}),
  };
}
