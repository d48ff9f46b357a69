// The Slack workspace emulator: Slack's Web API under /api/, signed deliveries to the app's request URL,
// response_urls, a control API under /sandbox/ and a Slack-like web page at / (src/sandbox/web/). Mounted on
// the app's own port (local mode) or standalone on its own port (end-to-end tests).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { runClick, type ClickInput } from './actions/click.js';
import { runCommand, type CommandInput } from './actions/command.js';
import { runOpenHome, type OpenHomeInput } from './actions/open-home.js';
import { runPost, type PostInput } from './actions/post.js';
import { runSubmitView, type SubmitViewInput } from './actions/submit-view.js';
import type { EmulatorContext } from './context.js';
import { handleControl } from './control-api.js';
import type { DeliveryResult } from './delivery/deliver.js';
import { FaultRegistry } from './faults.js';
import { sendJson } from './http-io.js';
import { handleResponseUrl, ResponseUrlRegistry } from './response-urls.js';
import { SandboxError } from './sandbox-error.js';
import { defaultSeed, type WorkspaceSeed } from './seed.js';
import { TriggerRegistry } from './triggers.js';
import { handleWebApi } from './web-api/router.js';
import { AlertForwarder, type IntakeTarget } from './web/alert-forwarder.js';
import { handlePage, isPagePath } from './web/routes.js';
import { Workspace } from './workspace.js';

export type {
  DeliveryResult,
  CommandInput,
  ClickInput,
  SubmitViewInput,
  PostInput,
  OpenHomeInput,
  IntakeTarget,
};
export { SEED_IDS, defaultSeed, type WorkspaceSeed } from './seed.js';
export { Workspace } from './workspace.js';
export { SandboxError } from './sandbox-error.js';

export interface SlackEmulatorOptions {
  /** The xoxb- token the Web API accepts. */
  botToken: string;
  /** Signs every delivery to the app. */
  signingSecret: string;
  /** Where the app listens, e.g. http://127.0.0.1:3000/slack/events; settable later. */
  requestUrl?: string;
  /** Defaults to defaultSeed(). */
  seed?: WorkspaceSeed;
  /** Milliseconds clock for ts values, trigger and response_url expiry, and delivery signatures. */
  now?: () => number;
  /** The emulator's own base URL for the response_urls it issues. Defaults to the standalone listen URL,
   * else the origin of requestUrl (mounted mode: the emulator shares the app's port). */
  baseUrl?: string;
  /** Defaults to a pino logger at `warn`. */
  logger?: Logger;
  /** The app's webhook intake, for the page's "Send sample alert" (`POST /sandbox/alerts`); settable later. */
  intake?: IntakeTarget;
  /**
   * Slash commands the app's manifest registers with `should_escape: true`: their text reaches the app with
   * `@person`, `#channel`, e-mail addresses and links escaped (`<@U…|name>`, `<mailto:…>`), as Slack sends it.
   */
  escapedCommands?: readonly string[];
}

export interface SlackEmulator {
  readonly workspace: Workspace;
  /** Web API calls to hold on purpose (also `POST /sandbox/faults`). */
  readonly faults: FaultRegistry;
  setRequestUrl(url: string): void;
  /** Where `POST /sandbox/alerts` forwards alerts: the app's `POST /alerts` URL and its bearer token. */
  setIntake(target: IntakeTarget): void;
  /** Handles a request if its path is the page (`/`) or under /api/ or /sandbox/; returns false (and does
   * nothing) otherwise. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
  /** Standalone mode: listens on 127.0.0.1:port (0 = any) and resolves to the base URL, e.g. http://127.0.0.1:43123 */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  command(input: CommandInput): Promise<DeliveryResult>;
  click(input: ClickInput): Promise<DeliveryResult>;
  submitView(input: SubmitViewInput): Promise<DeliveryResult>;
  /** Posts a message as a person or another app, then delivers the Events API `message` event. */
  post(input: PostInput): Promise<DeliveryResult>;
  /** Delivers `app_home_opened`. */
  openHome(input: OpenHomeInput): Promise<DeliveryResult>;
}

export function createSlackEmulator(opts: SlackEmulatorOptions): SlackEmulator {
  const now = opts.now ?? Date.now;
  const workspace = new Workspace(opts.seed ?? defaultSeed(), now);
  const logger = opts.logger ?? pino({ name: 'slack-emulator', level: 'warn' });
  let requestUrl = opts.requestUrl;
  let intake = opts.intake;
  let listenUrl: string | undefined;
  let server: http.Server | undefined;

  const faults = new FaultRegistry(now);
  const ctx: EmulatorContext = {
    workspace,
    faults,
    botToken: opts.botToken,
    signingSecret: opts.signingSecret,
    verificationToken: randomBytes(12).toString('hex'),
    logger,
    triggers: new TriggerRegistry(workspace.ids, now),
    responseUrls: new ResponseUrlRegistry(now),
    requestUrl: () => requestUrl,
    baseUrl() {
      const base = opts.baseUrl ?? listenUrl ?? (requestUrl ? new URL(requestUrl).origin : undefined);
      if (!base)
        throw new SandboxError('no_request_url', 'Set requestUrl (or baseUrl) before acting as a person.');
      return base.replace(/\/$/, '');
    },
    alerts: new AlertForwarder(() => intake, now),
    escapedCommands: new Set(opts.escapedCommands ?? []),
  };

  const emulator: SlackEmulator = {
    workspace,
    faults,
    setRequestUrl(url) {
      requestUrl = url;
    },
    setIntake(target) {
      intake = target;
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const page = isPagePath(path);
      if (!page && !path.startsWith('/api/') && !path.startsWith('/sandbox/')) return false;
      // The page answers GET; other methods on `/` are the app's to refuse.
      if (path === '/' && req.method !== 'GET' && req.method !== 'HEAD') return false;
      try {
        if (page) await handlePage(ctx, path, url, req, res);
        else if (path.startsWith('/api/')) await handleWebApi(ctx, path.slice('/api/'.length), url, req, res);
        else if (path.startsWith('/sandbox/response/')) {
          await handleResponseUrl(ctx, path.slice('/sandbox/response/'.length), req, res);
        } else await handleControl(ctx, emulator, path.slice('/sandbox/'.length), url, req, res);
      } catch (error) {
        logger.error({ err: error, path }, 'sandbox request failed');
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
        else res.end();
      }
      return true;
    },
    async listen(port = 0) {
      if (listenUrl) return listenUrl;
      const created = http.createServer((req, res) => {
        void emulator.handle(req, res).then((handled) => {
          if (!handled) sendJson(res, 404, { ok: false, error: 'not_found' });
        });
      });
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(port, '127.0.0.1', () => resolve());
      });
      const address = created.address();
      if (address === null || typeof address === 'string')
        throw new Error('the emulator server has no TCP address');
      server = created;
      listenUrl = `http://127.0.0.1:${address.port}`;
      return listenUrl;
    },
    async close() {
      faults.clear();
      const running = server;
      server = undefined;
      listenUrl = undefined;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        running.closeAllConnections();
      });
    },
    command: (input) => runCommand(ctx, input),
    click: (input) => runClick(ctx, input),
    submitView: (input) => runSubmitView(ctx, input),
    post: (input) => runPost(ctx, input),
    openHome: (input) => runOpenHome(ctx, input),
  };
  return emulator;
}
