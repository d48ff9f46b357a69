// Turns a view payload an app sent (already checked by block-kit-limits) into the view object Slack
// stores and returns: id, hash, stack links, app and team ids.
import { z } from 'zod';
import { randomHex } from './slack-ids.js';
import type { Workspace } from './workspace.js';
import type { SlackView } from './workspace-types.js';

const JsonRecord = z.record(z.string(), z.unknown());

/** The fields of a view payload the emulator keeps. */
export const ViewPayload = z.object({
  type: z.enum(['modal', 'home']),
  title: JsonRecord.optional(),
  submit: JsonRecord.optional(),
  close: JsonRecord.optional(),
  blocks: z.array(JsonRecord),
  private_metadata: z.string().optional(),
  callback_id: z.string().optional(),
  external_id: z.string().optional(),
  clear_on_close: z.boolean().optional(),
  notify_on_close: z.boolean().optional(),
});
export type ViewPayload = z.infer<typeof ViewPayload>;

/** Where the view sits: its id (kept on update), and its stack links. */
export interface ViewPlacement {
  id?: string;
  root_view_id?: string | null;
  previous_view_id?: string | null;
}

export function buildView(
  workspace: Workspace,
  payload: ViewPayload,
  placement: ViewPlacement = {},
): SlackView {
  const id = placement.id ?? workspace.ids.next('V');
  return {
    id,
    team_id: workspace.team.id,
    type: payload.type,
    ...(payload.title === undefined ? {} : { title: payload.title }),
    ...(payload.submit === undefined ? {} : { submit: payload.submit }),
    ...(payload.close === undefined ? {} : { close: payload.close }),
    blocks: payload.blocks,
    private_metadata: payload.private_metadata ?? '',
    callback_id: payload.callback_id ?? '',
    external_id: payload.external_id ?? '',
    state: { values: {} },
    hash: `${Math.floor(workspace.now() / 1000)}.${randomHex(4)}`,
    clear_on_close: payload.clear_on_close ?? false,
    notify_on_close: payload.notify_on_close ?? false,
    root_view_id:
      placement.root_view_id === undefined ? (payload.type === 'modal' ? id : null) : placement.root_view_id,
    previous_view_id: placement.previous_view_id ?? null,
    app_id: workspace.bot.appId,
    app_installed_team_id: workspace.team.id,
    bot_id: workspace.bot.botId,
  };
}
