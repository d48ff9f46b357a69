// Who is who: auth.test, users.info / list / lookupByEmail, usergroups.list and usergroups.users.list.
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { ApiError } from './api-error.js';
import { Flag, Int, parseArgs, Str, type ApiArgs } from './args.js';
import { paginate } from './conversations.js';
import { renderUserGroup } from './render.js';

function authTest(_args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const { team, bot } = workspace;
  return {
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  };
}

function info(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ user: Str }), args);
  const user = a.user ? workspace.findUser(a.user) : undefined;
  if (!user || user.id !== a.user) throw new ApiError('user_not_found');
  return { user };
}

function list(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ cursor: Str, limit: Int }), args);
  const users = workspace.users();
  const limit = a.limit !== undefined && a.limit > 0 ? Math.min(a.limit, 1000) : users.length;
  const page = paginate(users, (u) => u.id, 'user', a.cursor, limit);
  return {
    members: page.items,
    cache_ts: Math.floor(workspace.now() / 1000),
    response_metadata: { next_cursor: page.nextCursor },
  };
}

function lookupByEmail(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ email: Str }), args);
  const email = a.email?.toLowerCase();
  const user = workspace.users().find((u) => email !== undefined && u.profile.email?.toLowerCase() === email);
  if (!user) throw new ApiError('users_not_found');
  return { user };
}

function userGroupsList(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ include_users: Flag }), args);
  return { usergroups: workspace.userGroups().map((g) => renderUserGroup(g, a.include_users)) };
}

function userGroupUsers(args: ApiArgs, { workspace }: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ usergroup: Str }), args);
  const group = workspace.userGroups().find((g) => g.id === a.usergroup);
  if (!group) throw new ApiError('no_such_subteam');
  return { users: [...group.users] };
}

export const usersMethods = {
  'auth.test': authTest,
  'users.info': info,
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
  'usergroups.list': userGroupsList,
  'usergroups.users.list': userGroupUsers,
};
