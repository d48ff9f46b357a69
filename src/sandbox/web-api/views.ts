// views.* methods: open and push (need a fresh trigger_id from one of the emulator's deliveries),
// update (by view_id or external_id, optional hash) and publish (a person's Home tab).
import { z } from 'zod';
import { slackErrorMessages, validateView } from '../block-kit-limits.js';
import type { EmulatorContext } from '../context.js';
import { buildView, ViewPayload } from '../view-records.js';
import { MAX_VIEW_STACK } from '../workspace.js';
import { ApiError, invalidArguments } from './api-error.js';
import { jsonArg, parseArgs, Str, type ApiArgs } from './args.js';
import { withGeneratedIds } from './message-content.js';

/** Decodes and checks a `view` argument of the given type; answers `invalid_arguments` as Slack does. */
export function readView(raw: unknown, type: 'modal' | 'home'): ViewPayload {
  const decoded = jsonArg(raw);
  if (raw === undefined || !decoded.ok)
    throw invalidArguments(['[ERROR] must provide a view object [json-pointer:/view]']);
  const issues = validateView(decoded.value);
  if (issues.length > 0) throw invalidArguments(slackErrorMessages(issues));
  const parsed = ViewPayload.safeParse(decoded.value);
  if (!parsed.success) throw invalidArguments(['[ERROR] must provide a view object [json-pointer:/view]']);
  if (parsed.data.type !== type)
    throw invalidArguments([`[ERROR] must be ${type} [json-pointer:/view/type]`]);
  return { ...parsed.data, blocks: withGeneratedIds(parsed.data.blocks) };
}

function assertUniqueExternalId(ctx: EmulatorContext, payload: ViewPayload, ownId?: string): void {
  if (!payload.external_id) return;
  const holder = ctx.workspace.locateView({ external_id: payload.external_id });
  if (holder && holder.view.id !== ownId) throw new ApiError('duplicate_external_id');
}

function exchangeTrigger(ctx: EmulatorContext, triggerId: string | undefined): string {
  if (!triggerId)
    throw invalidArguments(['[ERROR] missing required field: trigger_id [json-pointer:/trigger_id]']);
  const exchange = ctx.triggers.exchange(triggerId);
  if (!exchange.ok) throw new ApiError(exchange.error);
  return exchange.user;
}

const OpenArgs = z.object({ trigger_id: Str, view: z.unknown().optional() });

function open(args: ApiArgs, ctx: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(OpenArgs, args);
  const payload = readView(a.view, 'modal');
  assertUniqueExternalId(ctx, payload);
  const user = exchangeTrigger(ctx, a.trigger_id);
  return { view: ctx.workspace.openModal(user, buildView(ctx.workspace, payload)) };
}

function push(args: ApiArgs, ctx: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(OpenArgs, args);
  const payload = readView(a.view, 'modal');
  assertUniqueExternalId(ctx, payload);
  const user = exchangeTrigger(ctx, a.trigger_id);
  const stack = ctx.workspace.views(user);
  const top = stack[stack.length - 1];
  if (!top)
    throw invalidArguments([
      '[ERROR] no modal is open for the user of this trigger_id [json-pointer:/trigger_id]',
    ]);
  if (stack.length >= MAX_VIEW_STACK) throw new ApiError('push_limit_reached');
  const view = buildView(ctx.workspace, payload, {
    root_view_id: stack[0]?.id ?? top.id,
    previous_view_id: top.id,
  });
  return { view: ctx.workspace.pushModal(user, view) };
}

function update(args: ApiArgs, ctx: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(
    z.object({ view_id: Str, external_id: Str, hash: Str, view: z.unknown().optional() }),
    args,
  );
  if (!a.view_id && !a.external_id) {
    throw invalidArguments(['[ERROR] must provide view_id or external_id [json-pointer:/view_id]']);
  }
  const found = ctx.workspace.locateView({
    ...(a.view_id ? { view_id: a.view_id } : {}),
    ...(a.external_id ? { external_id: a.external_id } : {}),
  });
  if (!found) throw new ApiError('not_found');
  if (a.hash && a.hash !== found.view.hash) throw new ApiError('hash_conflict');
  const payload = readView(a.view, found.view.type);
  assertUniqueExternalId(ctx, payload, found.view.id);
  const view = buildView(ctx.workspace, payload, {
    id: found.view.id,
    root_view_id: found.view.root_view_id,
    previous_view_id: found.view.previous_view_id,
  });
  return { view: ctx.workspace.replaceView(found.user, view) };
}

function publish(args: ApiArgs, ctx: EmulatorContext): Record<string, unknown> {
  const a = parseArgs(z.object({ user_id: Str, hash: Str, view: z.unknown().optional() }), args);
  const user = ctx.workspace.findUser(a.user_id ?? '');
  if (!user || user.id !== a.user_id) throw new ApiError('user_not_found');
  const payload = readView(a.view, 'home');
  const current = ctx.workspace.home(user.id);
  if (a.hash && current && a.hash !== current.hash) throw new ApiError('hash_conflict');
  assertUniqueExternalId(ctx, payload, current?.id);
  const view = buildView(ctx.workspace, payload, current ? { id: current.id } : {});
  return { view: ctx.workspace.publishHome(user.id, view) };
}

export const viewsMethods = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
