// The sandbox control API: scripts act as a person (`POST /sandbox/command|click|submit|post|home|close`),
// read what has no Web API equivalent (`GET /sandbox/ephemerals|views|state?user=`), send alerts to the
// app's intake (`GET /sandbox/samples`, `POST /sandbox/alerts`) and hold Web API calls (`/sandbox/faults`).
// JSON in and out, bodies zod-checked. No authentication: it is local-only, and refuses requests whose Host
// (or browser Origin) is not loopback.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { CommandInput } from './actions/command.js';
import type { ClickInput } from './actions/click.js';
import type { OpenHomeInput } from './actions/open-home.js';
import type { PostInput } from './actions/post.js';
import type { SubmitViewInput } from './actions/submit-view.js';
import type { EmulatorContext } from './context.js';
import type { DeliveryResult } from './delivery/deliver.js';
import { HoldRule } from './faults.js';
import { isForeignOrigin, isLoopbackHost, parseJson, readBody, sendJson } from './http-io.js';
import { SandboxError } from './sandbox-error.js';
import { AlertsBody } from './web/alert-forwarder.js';
import { buildPageState } from './web/page-state.js';

/** What a person can do; the emulator implements these. */
export interface SandboxActions {
  command(input: CommandInput): Promise<DeliveryResult>;
  click(input: ClickInput): Promise<DeliveryResult>;
  submitView(input: SubmitViewInput): Promise<DeliveryResult>;
  post(input: PostInput): Promise<DeliveryResult>;
  openHome(input: OpenHomeInput): Promise<DeliveryResult>;
}

const Ref = (what: string) => z.string({ error: `${what} is required` }).min(1, `${what} is required`);
const User = Ref('user (an id such as U0ALICE001 or a name such as alice)');
const ChannelRef = Ref('channel (an id or a name such as #vigil-alerts)');

export const CommandBody = z.object({
  user: User,
  channel: ChannelRef,
  command: z.string().regex(/^\/\S+$/, 'command must look like "/vigil"'),
  text: z.string().default(''),
});
export const ClickBody = z.object({
  user: User,
  channel: z.string().optional(),
  ts: z.string().optional(),
  action_id: Ref('action_id'),
  value: z.string().optional(),
});
export const SubmitBody = z.object({
  user: User,
  view_id: Ref('view_id (from GET /sandbox/views?user=…)'),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
export const PostBody = z
  .object({
    user: z.string().min(1).optional(),
    bot: z.string().min(1).optional(),
    channel: ChannelRef,
    text: z.string().default(''),
    attachments: z.array(z.record(z.string(), z.unknown())).optional(),
    blocks: z.array(z.record(z.string(), z.unknown())).optional(),
    thread_ts: z.string().optional(),
  })
  .refine((b) => (b.user === undefined) !== (b.bot === undefined), 'give exactly one of user or bot')
  .refine(
    (b) => b.text !== '' || Boolean(b.attachments?.length) || Boolean(b.blocks?.length),
    'text is required (or attachments or blocks)',
  );
export const HomeBody = z.object({ user: User });
export const CloseBody = z.object({ user: User, view_id: Ref('view_id (from GET /sandbox/views?user=…)') });

type Route = (actions: SandboxActions, body: unknown) => Promise<DeliveryResult>;

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const problems = result.error.issues.map((i) =>
      i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    );
    throw new SandboxError('invalid_input', `${problems.join('; ')}.`);
  }
  return result.data;
}

const POST_ROUTES = new Map<string, Route>([
  ['command', (a, body) => a.command(parse(CommandBody, body))],
  ['click', (a, body) => a.click(parse(ClickBody, body))],
  ['submit', (a, body) => a.submitView(parse(SubmitBody, body))],
  ['post', (a, body) => a.post(parse(PostBody, body))],
  ['home', (a, body) => a.openHome(parse(HomeBody, body))],
]);

export async function handleControl(
  ctx: EmulatorContext,
  actions: SandboxActions,
  endpoint: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (!isLoopbackHost(req)) {
      throw new SandboxError(
        'not_local',
        'The sandbox control API only answers requests addressed to localhost / 127.0.0.1.',
      );
    }
    if (isForeignOrigin(req)) {
      throw new SandboxError(
        'not_local',
        'The sandbox control API refuses requests sent by pages from other origins.',
      );
    }
    if (req.method === 'GET' && GET_ENDPOINTS.has(endpoint)) {
      return sendJson(res, 200, readEndpoint(ctx, endpoint, url));
    }
    if (endpoint === 'faults' || endpoint === 'faults/release') {
      return await handleFaults(ctx, endpoint, req, res);
    }
    if (endpoint === 'alerts' || endpoint === 'close') {
      if (req.method !== 'POST') {
        return sendJson(res, 405, {
          ok: false,
          error: 'method_not_allowed',
          message: `Use POST /sandbox/${endpoint}.`,
        });
      }
      const body = parseJson(await readBody(req));
      if (body === undefined)
        throw new SandboxError('invalid_json', 'The request body must be a JSON object.');
      if (endpoint === 'alerts') {
        return sendJson(res, 200, { ok: true, ...(await ctx.alerts.forward(parse(AlertsBody, body))) });
      }
      const close = parse(CloseBody, body);
      closeModal(ctx, close.user, close.view_id);
      return sendJson(res, 200, { ok: true, views: ctx.workspace.views(close.user) });
    }
    const route = POST_ROUTES.get(endpoint);
    if (!route) {
      return sendJson(res, 404, {
        ok: false,
        error: 'unknown_endpoint',
        message: `No /sandbox/${endpoint}; use POST command, click, submit, post, home, close, alerts, faults, faults/release, GET ephemerals, views, state, samples, faults or DELETE faults.`,
      });
    }
    if (req.method !== 'POST') {
      return sendJson(res, 405, {
        ok: false,
        error: 'method_not_allowed',
        message: `Use POST /sandbox/${endpoint}.`,
      });
    }
    const body = parseJson(await readBody(req));
    if (body === undefined) throw new SandboxError('invalid_json', 'The request body must be a JSON object.');
    sendJson(res, 200, { ok: true, ...(await route(actions, body)) });
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    sendJson(res, error.code === 'not_local' ? 403 : 400, {
      ok: false,
      error: error.code,
      message: error.message,
    });
  }
}

/**
 * `GET /sandbox/faults` lists rules and held calls; `POST` adds a hold rule; `DELETE` removes the rules and
 * drops the held calls unperformed; `POST /sandbox/faults/release` performs and answers the held calls.
 */
async function handleFaults(
  ctx: EmulatorContext,
  endpoint: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { faults } = ctx;
  if (endpoint === 'faults/release') {
    if (req.method !== 'POST') {
      return sendJson(res, 405, {
        ok: false,
        error: 'method_not_allowed',
        message: 'Use POST /sandbox/faults/release.',
      });
    }
    return sendJson(res, 200, { ok: true, released: faults.release() });
  }
  if (req.method === 'GET') return sendJson(res, 200, { ok: true, ...faults.list() });
  if (req.method === 'DELETE') return sendJson(res, 200, { ok: true, dropped: faults.clear() });
  if (req.method !== 'POST') {
    return sendJson(res, 405, {
      ok: false,
      error: 'method_not_allowed',
      message: 'Use GET, POST or DELETE /sandbox/faults.',
    });
  }
  const body = parseJson(await readBody(req));
  if (body === undefined) throw new SandboxError('invalid_json', 'The request body must be a JSON object.');
  faults.hold(parse(HoldRule, body));
  sendJson(res, 200, { ok: true, ...faults.list() });
}

const GET_ENDPOINTS = new Set(['ephemerals', 'views', 'state', 'samples']);

/** The read-only endpoints: what one person sees, and the sample alert menu. */
function readEndpoint(ctx: EmulatorContext, endpoint: string, url: URL): Record<string, unknown> {
  const { workspace } = ctx;
  if (endpoint === 'samples') return { ok: true, samples: ctx.alerts.samples() };
  const user = parse(User, url.searchParams.get('user') ?? '');
  if (endpoint === 'ephemerals') return { ok: true, ephemerals: workspace.ephemerals(user) };
  if (endpoint === 'views') return { ok: true, views: workspace.views(user) };
  const channel = url.searchParams.get('channel');
  const thread = url.searchParams.get('thread');
  return {
    ...buildPageState(workspace, {
      user,
      ...(channel ? { channel } : {}),
      ...(thread ? { thread } : {}),
    }),
  };
}

/** The person closes the modal on top of their stack (Slack's Close / Cancel): the one below shows again. */
function closeModal(ctx: EmulatorContext, userRef: string, viewId: string): void {
  const user = ctx.workspace.user(userRef);
  const top = ctx.workspace.views(user.id).at(-1);
  if (top?.id !== viewId) {
    throw new SandboxError(
      'view_not_found',
      `${viewId} is not the modal on top of ${user.name}'s screen, the only one that can be closed.`,
    );
  }
  ctx.workspace.popModal(user.id);
}
