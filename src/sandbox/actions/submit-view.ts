// A person fills in and submits the modal on top of their stack: Slack's `view_submission` payload, then
// the app's `response_action` (errors keep it open; update, push and clear are honoured; else it closes).
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { isRecord, slackErrorMessages, validateView } from '../block-kit-limits.js';
import { deliver, FORM_CONTENT_TYPE, type DeliveryResult } from '../delivery/deliver.js';
import { interactionBody, teamRef, userRef } from '../delivery/payloads.js';
import { SandboxError } from '../sandbox-error.js';
import { withGeneratedIds } from '../web-api/message-content.js';
import { buildView, ViewPayload } from '../view-records.js';
import { MAX_VIEW_STACK } from '../workspace.js';
import type { JsonObject, SlackView } from '../workspace-types.js';

export interface SubmitViewInput {
  /** Id (`U…`) or name (`alice`). */
  user: string;
  view_id: string;
  /** What the person typed or chose: `{ [block_id]: { [action_id]: value } }`; lists comma-separated. */
  values: Record<string, Record<string, string>>;
}

const SubmissionAck = z.object({
  response_action: z.enum(['errors', 'update', 'push', 'clear']),
  errors: z.record(z.string(), z.string()).optional(),
  view: z.unknown().optional(),
});

function options(element: JsonObject): JsonObject[] {
  return Array.isArray(element.options) ? element.options.filter(isRecord) : [];
}

/** The state Slack reports for one input element, given what the person entered (undefined: left empty). */
function stateEntry(ctx: EmulatorContext, element: JsonObject, raw: string | undefined): JsonObject {
  const type = String(element.type);
  const list = raw === undefined || raw === '' ? [] : raw.split(',').map((v) => v.trim());
  const option = (value: string): JsonObject => {
    const found = options(element).find((o) => o.value === value);
    if (!found)
      throw new SandboxError('invalid_input', `"${value}" is not an option of ${String(element.action_id)}.`);
    return found;
  };
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: raw ? option(raw) : null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: list.map(option) };
    case 'users_select':
      return { type, selected_user: raw ? ctx.workspace.user(raw).id : null };
    case 'multi_users_select':
      return { type, selected_users: list.map((u) => ctx.workspace.user(u).id) };
    case 'conversations_select':
      return { type, selected_conversation: raw ? ctx.workspace.channel(raw).id : null };
    case 'channels_select':
      return { type, selected_channel: raw ? ctx.workspace.channel(raw).id : null };
    case 'datepicker':
      return { type, selected_date: raw ?? null };
    case 'timepicker':
      return { type, selected_time: raw ?? null };
    default:
      return { type, value: raw ?? null };
  }
}

/** Builds `state.values` from the view's input blocks; refuses values for inputs the view does not have. */
function stateValues(
  ctx: EmulatorContext,
  view: SlackView,
  values: SubmitViewInput['values'],
): SlackView['state']['values'] {
  const state: SlackView['state']['values'] = {};
  const known = new Set<string>();
  for (const block of view.blocks) {
    const element = block.element;
    if (block.type !== 'input' || !isRecord(element) || typeof block.block_id !== 'string') continue;
    const actionId = String(element.action_id);
    known.add(`${block.block_id}/${actionId}`);
    const raw = values[block.block_id]?.[actionId];
    if ((raw === undefined || raw === '') && block.optional !== true) {
      throw new SandboxError(
        'invalid_input',
        `Input ${block.block_id}/${actionId} (block_id/action_id) is required in this modal; give it a value.`,
      );
    }
    state[block.block_id] = { [actionId]: stateEntry(ctx, element, raw) };
  }
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const actionId of Object.keys(byAction)) {
      if (!known.has(`${blockId}/${actionId}`)) {
        const inputs = [...known].join(', ') || 'none';
        throw new SandboxError(
          'invalid_input',
          `The modal has no input ${blockId}/${actionId}; its inputs (block_id/action_id) are: ${inputs}.`,
        );
      }
    }
  }
  return state;
}

/** Reads a view the app returned in its ack; undefined when Slack would refuse it. */
function ackView(raw: unknown): ViewPayload | undefined {
  if (validateView(raw).length > 0) return undefined;
  const parsed = ViewPayload.safeParse(raw);
  return parsed.success && parsed.data.type === 'modal'
    ? { ...parsed.data, blocks: withGeneratedIds(parsed.data.blocks) }
    : undefined;
}

export async function runSubmitView(ctx: EmulatorContext, input: SubmitViewInput): Promise<DeliveryResult> {
  const { workspace } = ctx;
  const user = workspace.user(input.user);
  const stack = workspace.views(user.id);
  const current = stack.at(-1);
  if (current?.id !== input.view_id) {
    const open = stack.map((v) => `${v.id} (${v.callback_id || 'no callback_id'})`).join(', ') || 'none';
    throw new SandboxError(
      'view_not_found',
      `${input.view_id} is not the modal on top of ${user.name}'s screen, the only one that can be submitted; open modals, root first: ${open}.`,
    );
  }
  const view: SlackView = { ...current, state: { values: stateValues(ctx, current, input.values) } };
  const payload: JsonObject = {
    type: 'view_submission',
    team: teamRef(ctx),
    user: userRef(user),
    api_app_id: workspace.bot.appId,
    token: ctx.verificationToken,
    trigger_id: ctx.triggers.issue(user.id),
    view,
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  };
  const result = await deliver(ctx, 'view_submission', interactionBody(payload), FORM_CONTENT_TYPE);
  if (result.error !== undefined) return { ...result, view: current };

  // An empty ack (or JSON without response_action) closes the modal.
  const ack =
    isRecord(result.body) && 'response_action' in result.body
      ? SubmissionAck.safeParse(result.body)
      : undefined;
  if (ack === undefined && typeof result.body === 'string' && result.body !== '') {
    return { ...result, error: 'invalid_response', view: current };
  }
  if (ack && !ack.success) return { ...result, error: 'invalid_response', view: current };
  const action = ack?.data;
  switch (action?.response_action) {
    case 'errors':
      return { ...result, view: current };
    case 'clear':
      workspace.closeModals(user.id);
      return result;
    case 'update':
    case 'push': {
      const next = ackView(action.view);
      if (!next) {
        const messages = slackErrorMessages(validateView(action.view));
        ctx.logger.warn({ messages }, 'view_submission ack carried an invalid view');
        return { ...result, error: 'invalid_view', view: current };
      }
      if (action.response_action === 'update') {
        const updated = buildView(workspace, next, {
          id: current.id,
          root_view_id: current.root_view_id,
          previous_view_id: current.previous_view_id,
        });
        return { ...result, view: workspace.replaceView(user.id, updated) };
      }
      if (stack.length >= MAX_VIEW_STACK) return { ...result, error: 'push_limit_reached', view: current };
      const pushed = buildView(workspace, next, {
        root_view_id: stack[0]?.id ?? current.id,
        previous_view_id: current.id,
      });
      return { ...result, view: workspace.pushModal(user.id, pushed) };
    }
    default: {
      workspace.popModal(user.id);
      const top = workspace.views(user.id).at(-1);
      return top ? { ...result, view: top } : result;
    }
  }
}
