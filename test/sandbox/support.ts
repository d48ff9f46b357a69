// Test support for the Slack emulator: a standalone emulator with a real @slack/web-api client, a real
// Bolt app on an HTTPReceiver, and a bare recording endpoint standing in for an app.
import http from 'node:http';
import { App, HTTPReceiver, LogLevel as BoltLogLevel } from '@slack/bolt';
import { ErrorCode, LogLevel, WebClient, type Logger, type WebAPIPlatformError } from '@slack/web-api';
import { pino } from 'pino';
import { z } from 'zod';
import {
  createSlackEmulator,
  type SlackEmulator,
  type SlackEmulatorOptions,
} from '../../src/sandbox/emulator.js';

export const BOT_TOKEN = 'xoxb-sandbox-test-token';
export const SIGNING_SECRET = 'sandbox-test-signing-secret';

/** A Web API / Bolt logger that keeps test output clean (Slack errors are asserted, not printed). */
export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export interface RunningEmulator {
  emulator: SlackEmulator;
  base: string;
  client: WebClient;
}

export async function startEmulator(options: Partial<SlackEmulatorOptions> = {}): Promise<RunningEmulator> {
  const emulator = createSlackEmulator({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logger: pino({ level: 'silent' }),
    ...options,
  });
  const base = await emulator.listen(0);
  return { emulator, base, client: webClient(base) };
}

export function webClient(base: string, token = BOT_TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: `${base}/api/`,
    retryConfig: { retries: 0 },
    logger: quietLogger,
  });
}

function urlOf(server: http.Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}/slack/events`;
}

export interface RunningApp {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/** A real Bolt app on an HTTPReceiver, its Web API client pointed at the emulator. */
export async function startBoltApp(
  base: string,
  register: (app: App) => void,
  signingSecret = SIGNING_SECRET,
): Promise<RunningApp> {
  const receiver = new HTTPReceiver({ signingSecret, processBeforeResponse: true, logger: quietLogger });
  const app = new App({
    token: BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: `${base}/api/`, retryConfig: { retries: 0 } },
    logger: quietLogger,
    logLevel: BoltLogLevel.ERROR,
  });
  register(app);
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  return { app, url: urlOf(server), stop: () => app.stop().then(() => undefined) };
}

export interface Recorded {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A bare endpoint standing in for an app: records each request and answers with `reply`. */
export async function startRecorder(
  reply: (req: Recorded) => { status: number; contentType?: string; body: string } = () => ({
    status: 200,
    body: '',
  }),
): Promise<{ url: string; requests: Recorded[]; stop(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const answer = reply(recorded);
      res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: urlOf(server),
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The JSON `payload` form field of an interaction delivery. */
export function interactionPayload(body: string): Record<string, unknown> {
  const raw = new URLSearchParams(body).get('payload');
  if (raw === null) throw new Error(`not an interaction body: ${body}`);
  return z.record(z.string(), z.unknown()).parse(JSON.parse(raw));
}

function isPlatformError(error: unknown): error is WebAPIPlatformError {
  return (
    error instanceof Error && 'code' in error && error.code === ErrorCode.PlatformError && 'data' in error
  );
}

/** The Slack platform error a WebClient call rejected with; fails when the call succeeded. */
export async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlatformError(error)) throw new Error(`expected a Slack platform error, got ${String(error)}`);
  return error;
}
