// A person clicks a button (or picks a menu option) in a message, an ephemeral message or their Home tab:
// the emulator finds that element in what the person can see and sends Slack's `block_actions` payload.
import type { EmulatorContext } from '../context.js';
import { isRecord } from '../block-kit-limits.js';
import { deliver, FORM_CONTENT_TYPE, type DeliveryResult } from '../delivery/deliver.js';
import { channelName, interactionBody, teamRef, userRef } from '../delivery/payloads.js';
import type { ResponseTarget } from '../response-urls.js';
import { SandboxError } from '../sandbox-error.js';
import { toApiMessage } from '../web-api/render.js';
import type { JsonObject, SlackUser } from '../workspace-types.js';

export interface ClickInput {
  /** Id (`U…`) or name (`alice`). */
  user: string;
  /** The message's channel (id or name); omit it, or say `home`, to click in the person's Home tab. */
  channel?: string;
  /** The message's ts (a top-level message, a thread reply or one of the person's ephemerals). */
  ts?: string;
  action_id: string;
  /** A button's value, to pick one of several buttons sharing an action_id; or the option to choose in a menu. */
  value?: string;
}

interface Found {
  element: JsonObject;
  blockId: string;
}

/** Elements with this action_id, in block order. */
function findElements(blocks: JsonObject[], actionId: string): Found[] {
  return blocks.flatMap((block) => {
    const candidates = Array.isArray(block.elements)
      ? block.elements
      : [block.accessory, block.element].filter((e) => e !== undefined);
    return candidates
      .filter((el): el is JsonObject => isRecord(el) && el.action_id === actionId)
      .map((element) => ({ element, blockId: typeof block.block_id === 'string' ? block.block_id : '' }));
  });
}

function describe(blocks: JsonObject[]): string {
  const ids = blocks.flatMap((b) =>
    (Array.isArray(b.elements) ? b.elements : [b.accessory, b.element]).flatMap((e) =>
      isRecord(e) && typeof e.action_id === 'string'
        ? [`${e.action_id}${typeof e.value === 'string' ? `=${e.value}` : ''}`]
        : [],
    ),
  );
  return ids.length === 0 ? 'it has no interactive elements' : `it has: ${ids.join(', ')}`;
}

/** The `actions[0]` entry Slack sends for this element. */
function actionEntry(ctx: EmulatorContext, found: Found, value: string | undefined): JsonObject {
  const { element, blockId } = found;
  const base = { action_id: element.action_id, block_id: blockId, action_ts: ctx.workspace.ids.nextTs() };
  const type = element.type;
  if (type === 'button') {
    return {
      ...base,
      text: element.text,
      ...(element.value === undefined ? {} : { value: element.value }),
      type: 'button',
      ...(element.style === undefined ? {} : { style: element.style }),
    };
  }
  if (type === 'static_select' || type === 'overflow' || type === 'radio_buttons') {
    const options = Array.isArray(element.options) ? element.options.filter(isRecord) : [];
    const selected = options.find((o) => o.value === value);
    if (!selected) {
      const values = options.map((o) => String(o.value)).join(', ');
      throw new SandboxError(
        'invalid_input',
        `Choose an option of "${String(element.action_id)}" with value: one of ${values}.`,
      );
    }
    return { ...base, type, selected_option: selected };
  }
  if (type === 'users_select') {
    return { ...base, type, selected_user: ctx.workspace.user(value ?? '').id };
  }
  throw new SandboxError(
    'invalid_input',
    `The sandbox clicks buttons and picks options of static_select, overflow, radio_buttons and users_select; "${String(type)}" is not supported.`,
  );
}

function pick(candidates: Found[], input: ClickInput, where: string, blocks: JsonObject[]): Found {
  const matching = candidates.filter(
    (c) => input.value === undefined || c.element.type !== 'button' || c.element.value === input.value,
  );
  const found = matching[0];
  if (!found) {
    const wanted = input.value === undefined ? input.action_id : `${input.action_id}=${input.value}`;
    throw new SandboxError(
      'action_not_found',
      `There is no "${wanted}" to click in ${where}; ${describe(blocks)}.`,
    );
  }
  return found;
}

export async function runClick(ctx: EmulatorContext, input: ClickInput): Promise<DeliveryResult> {
  const { workspace } = ctx;
  const user = workspace.user(input.user);
  const payload =
    input.channel === undefined || input.channel === 'home'
      ? homePayload(ctx, user, input)
      : messagePayload(ctx, user, input);
  return deliver(ctx, 'block_actions', interactionBody(payload), FORM_CONTENT_TYPE);
}

function common(ctx: EmulatorContext, user: SlackUser): JsonObject {
  return {
    type: 'block_actions',
    user: userRef(user),
    api_app_id: ctx.workspace.bot.appId,
    token: ctx.verificationToken,
    trigger_id: ctx.triggers.issue(user.id),
    team: teamRef(ctx),
    enterprise: null,
    is_enterprise_install: false,
  };
}

function homePayload(ctx: EmulatorContext, user: SlackUser, input: ClickInput): JsonObject {
  const view = ctx.workspace.home(user.id);
  if (!view)
    throw new SandboxError(
      'view_not_found',
      `${user.name} has no Home tab published; the app must call views.publish first.`,
    );
  const found = pick(
    findElements(view.blocks, input.action_id),
    input,
    `${user.name}'s Home tab`,
    view.blocks,
  );
  return {
    ...common(ctx, user),
    container: { type: 'view', view_id: view.id },
    view,
    state: view.state,
    actions: [actionEntry(ctx, found, input.value)],
  };
}

function messagePayload(ctx: EmulatorContext, user: SlackUser, input: ClickInput): JsonObject {
  const { workspace } = ctx;
  const channel = workspace.channel(input.channel ?? '');
  const ts = input.ts ?? '';
  const message = workspace.findMessage(channel.id, ts);
  const ephemeral = message
    ? undefined
    : workspace.ephemerals(user.id).find((e) => e.channel === channel.id && e.ts === ts);
  if (!message && !ephemeral) {
    throw new SandboxError(
      'message_not_found',
      `No message ${ts} in #${channel.name} that ${user.name} can see; use a ts from chat.postMessage, conversations.history or the ephemerals list.`,
    );
  }
  const blocks = message?.blocks ?? ephemeral?.blocks ?? [];
  const found = pick(findElements(blocks, input.action_id), input, `message ${ts}`, blocks);
  const threadTs = message?.thread_ts ?? ephemeral?.thread_ts;
  const target: ResponseTarget = {
    user: user.id,
    channel: channel.id,
    original: { ts, ephemeral: !message },
  };
  return {
    ...common(ctx, user),
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: channel.id,
      is_ephemeral: !message,
      ...(threadTs === undefined || threadTs === ts ? {} : { thread_ts: threadTs }),
    },
    channel: { id: channel.id, name: channelName(channel) },
    // Slack sends the message with the payload, except for ephemeral messages, which it does not keep.
    ...(message ? { message: toApiMessage(message) } : {}),
    state: { values: {} },
    response_url: ctx.responseUrls.issue(ctx.baseUrl(), target),
    actions: [actionEntry(ctx, found, input.value)],
  };
}
