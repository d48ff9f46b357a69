// The control API over HTTP (acting as a person), the exact bytes and signatures of deliveries, the
// 3-second delivery timeout, and response_url limits (5 uses, 30 minutes).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SEED_IDS } from '../../src/sandbox/emulator.js';
import { RESPONSE_URL_TTL_MS } from '../../src/sandbox/response-urls.js';
import { SIGNING_SECRET, startEmulator, startRecorder, type RunningEmulator } from './support.js';

let clock = Date.now();
let sandbox: RunningEmulator;
let app: Awaited<ReturnType<typeof startRecorder>>;

async function control(
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.base}/sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: z.record(z.string(), z.unknown()).parse(await response.json()) };
}

beforeEach(async () => {
  clock = Date.now();
  sandbox = await startEmulator({ now: () => clock });
  app = await startRecorder();
  sandbox.emulator.setRequestUrl(app.url);
});
afterEach(async () => {
  await app.stop();
  await sandbox.emulator.close();
});

describe('deliveries', () => {
  it('send a slash command as Slack does: exact form Content-Type, Slack’s fields, a valid v0 signature', async () => {
    const { status, json } = await control('command', {
      user: 'alice',
      channel: '#vigil-alerts',
      command: '/vigil',
      text: 'status 7',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, status: 200 });
    const request = app.requests[0];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const timestamp = String(request?.headers['x-slack-request-timestamp']);
    expect(Number(timestamp)).toBe(Math.floor(clock / 1000));
    const expected = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${request?.body}`).digest('hex')}`;
    expect(request?.headers['x-slack-signature']).toBe(expected);
    const form = new URLSearchParams(request?.body);
    expect([...form.keys()]).toEqual([
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_id',
      'user_name',
      'command',
      'text',
      'api_app_id',
      'is_enterprise_install',
      'response_url',
      'trigger_id',
    ]);
    expect(form.get('user_id')).toBe(SEED_IDS.users.alice);
    expect(form.get('channel_name')).toBe('vigil-alerts');
    expect(form.get('text')).toBe('status 7');
    expect(form.get('response_url')).toMatch(new RegExp(`^${sandbox.base}/sandbox/response/[0-9a-f]+$`));
  });

  it('send another app’s message as an Events API event_callback in JSON', async () => {
    await control('post', { bot: 'splunk', channel: 'vigil-alerts', text: 'ALERT: brute force' });
    const request = app.requests[0];
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      type: 'event_callback',
      team_id: SEED_IDS.team,
      api_app_id: SEED_IDS.app,
      event_id: expect.stringMatching(/^Ev/),
      authorizations: [{ user_id: SEED_IDS.botUser, is_bot: true }],
      event: {
        type: 'message',
        subtype: 'bot_message',
        username: 'splunk',
        text: 'ALERT: brute force',
        channel: SEED_IDS.channels.alerts,
        channel_type: 'channel',
      },
    });
  });

  it('give up after 3 seconds when the app does not answer, and record the failure', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    sandbox.emulator.setRequestUrl(`http://127.0.0.1:${address.port}/slack/events`);
    const started = Date.now();
    const result = await sandbox.emulator.command({
      user: 'alice',
      channel: 'vigil-alerts',
      command: '/vigil',
      text: '',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(result).toMatchObject({ status: 0, error: 'operation_timeout' });
    expect(sandbox.emulator.workspace.deliveries()).toMatchObject([
      { kind: 'slash_command', error: 'operation_timeout' },
    ]);
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

describe('input checks', () => {
  it('answers 400 with a code and a sentence for a body that is missing fields', async () => {
    const { status, json } = await control('command', { channel: '#vigil-alerts', command: '/vigil' });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      ok: false,
      error: 'invalid_input',
      message: expect.stringContaining('user'),
    });
  });

  it('names the known people when asked to act as someone who does not exist', async () => {
    const { status, json } = await control('command', {
      user: 'mallory',
      channel: '#vigil-alerts',
      command: '/vigil',
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      ok: false,
      error: 'user_not_found',
      message: expect.stringContaining('alice, bob, carol'),
    });
  });

  it('refuses a body that is not JSON, an unknown endpoint, and a Host that is not loopback', async () => {
    expect((await control('post', '{nope')).json).toMatchObject({ ok: false, error: 'invalid_json' });
    expect((await control('teleport', {})).status).toBe(404);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${sandbox.base}/sandbox/views?user=alice`,
        { headers: { host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('reading what only a person sees', () => {
  it('lists a person’s ephemerals and open modals', async () => {
    await sandbox.client.chat.postEphemeral({
      channel: SEED_IDS.channels.alerts,
      user: SEED_IDS.users.bob,
      text: 'psst',
    });
    expect((await control('ephemerals?user=bob')).json).toMatchObject({
      ok: true,
      ephemerals: [{ text: 'psst' }],
    });
    expect((await control('views?user=bob')).json).toEqual({ ok: true, views: [] });
  });
});

describe('response_url', () => {
  async function responseUrl(): Promise<string> {
    await sandbox.emulator.command({
      user: 'carol',
      channel: '#vigil-approvers',
      command: '/vigil',
      text: '',
    });
    return new URLSearchParams(app.requests.at(-1)?.body).get('response_url') ?? '';
  }
  const say = (url: string, text: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });

  it('takes 5 posts, each an ephemeral for the person, and answers the 6th with 404 used_url', async () => {
    const url = await responseUrl();
    for (let i = 1; i <= 5; i += 1) expect((await say(url, `update ${i}`)).status).toBe(200);
    const sixth = await say(url, 'update 6');
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(sandbox.emulator.workspace.ephemerals('carol').map((e) => e.text)).toEqual([
      'update 1',
      'update 2',
      'update 3',
      'update 4',
      'update 5',
    ]);
  });

  it('expires 30 minutes after it was issued with 404 expired_url', async () => {
    const url = await responseUrl();
    clock += RESPONSE_URL_TTL_MS + 1;
    const late = await say(url, 'too late');
    expect(late.status).toBe(404);
    expect(await late.json()).toEqual({ ok: false, error: 'expired_url' });
  });
});
