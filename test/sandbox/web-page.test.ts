// The emulator's routes for the sandbox page: the page and its assets (loopback only, strict CSP), what a
// person sees (`GET /sandbox/state`), live updates (`/sandbox/stream`), closing modals, forwarding sample
// and pasted alerts to the app's intake, and refusing requests a foreign web page makes.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SEED_IDS } from '../../src/sandbox/emulator.js';
import { buildView } from '../../src/sandbox/view-records.js';
import { compareTs } from '../../src/sandbox/web/page-state.js';
import { STORM_SIZE } from '../../src/sandbox/web/samples.js';
import { startEmulator, startRecorder, type RunningEmulator } from './support.js';

const { users, channels } = SEED_IDS;
const Json = z.record(z.string(), z.unknown());

let sandbox: RunningEmulator;
let intake: Awaited<ReturnType<typeof startRecorder>>;

beforeEach(async () => {
  sandbox = await startEmulator();
  intake = await startRecorder(() => ({
    status: 202,
    contentType: 'application/json',
    body: JSON.stringify({ ok: true, alerts: [{ id: 'alr_1', case: 'VIG-7' }] }),
  }));
});
afterEach(async () => {
  await intake.stop();
  await sandbox.emulator.close();
});

async function call(
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.base}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, json: Json.parse(await response.json()) };
}

/** A raw request, to send a Host header fetch will not let us set. */
function rawGet(path: string, host: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const url = new URL(path, sandbox.base);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      },
    );
    req.on('error', reject);
  });
}

describe('the page and its assets', () => {
  it('serves the page with a strict Content-Security-Policy, and its script, styles and icon locally', async () => {
    const page = await fetch(`${sandbox.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const text = await page.text();
    expect(text).toContain('<script type="module" src="/sandbox/ui/app.js"></script>');
    expect(text).not.toMatch(/https?:\/\/(?!localhost)/);
    for (const [asset, type] of [
      ['app.js', 'text/javascript'],
      ['app.css', 'text/css'],
      ['favicon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await fetch(`${sandbox.base}/sandbox/ui/${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
    }
  });

  it('serves nothing outside its list of assets, and nothing to a Host that is not loopback', async () => {
    expect((await fetch(`${sandbox.base}/sandbox/ui/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${sandbox.base}/sandbox/ui/index.html.bak`)).status).toBe(404);
    expect((await rawGet('/', 'vigil.example.com')).status).toBe(403);
    expect((await rawGet('/sandbox/ui/app.js', 'evil.test:80')).status).toBe(403);
  });

  it('refuses control requests a page from another origin sends, and accepts its own', async () => {
    const click = { user: 'alice', channel: channels.alerts, ts: '1.0', action_id: 'x' };
    const foreign = await call('/sandbox/click', { body: click, headers: { origin: 'https://evil.test' } });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toMatchObject({ ok: false, error: 'not_local' });
    const alerts = await call('/sandbox/alerts', { body: { sample: 'messy' }, headers: { origin: 'null' } });
    expect(alerts.status).toBe(403);
    const own = await call('/sandbox/click', { body: click, headers: { origin: sandbox.base } });
    expect(own.json).toMatchObject({ ok: false, error: 'message_not_found' });
  });
});

describe('GET /sandbox/state', () => {
  it('shows a person their channels, the open channel and thread with their own ephemerals in place', async () => {
    const { workspace } = sandbox.emulator;
    const root = workspace.addMessage({
      channel: channels.alerts,
      ...workspace.botAuthor(),
      text: 'VIG-1 <b>root</b>',
    });
    const reply = workspace.addMessage({
      channel: channels.alerts,
      ...workspace.botAuthor(),
      text: 'card',
      thread_ts: root.ts,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'for <@U0BOB00001>' } }],
    });
    workspace.addEphemeral({
      user: users.victor,
      channel: channels.alerts,
      text: 'refused',
      thread_ts: root.ts,
      source: 'chat.postEphemeral',
    });
    workspace.addEphemeral({
      user: users.alice,
      channel: channels.alerts,
      text: 'help text',
      source: 'command_response',
    });

    const victor = await call(`/sandbox/state?user=victor&channel=vigil-alerts&thread=${root.ts}`);
    expect(victor.status).toBe(200);
    expect(victor.json).toMatchObject({ ok: true, me: { id: users.victor, groups: [] } });
    const state = z
      .object({
        channels: z.array(z.object({ id: z.string(), latest: z.string() })),
        channel: z.object({
          items: z.array(z.object({ key: z.string(), html: z.string(), reply_count: z.number() })),
        }),
        thread: z.object({
          items: z.array(z.object({ key: z.string(), kind: z.string(), html: z.string() })),
        }),
      })
      .parse(victor.json);
    // Victor is not in #vigil-approvers; his DM with the app is listed.
    expect(state.channels.map((c) => c.id)).toEqual([channels.alerts, 'D0VICTOR01']);
    expect(state.channels[0]?.latest).toBe(reply.ts);
    // Alice's ephemeral is hers alone; Victor's is in the thread, after the card.
    expect(state.channel.items.map((i) => i.key)).toEqual([`m:${root.ts}`]);
    expect(state.channel.items[0]?.reply_count).toBe(1);
    expect(state.channel.items[0]?.html).toContain('VIG-1 &lt;b&gt;root&lt;/b&gt;');
    expect(state.channel.items[0]?.html).toContain('1 reply');
    expect(state.thread.items.map((i) => i.kind)).toEqual(['message', 'message', 'ephemeral']);
    expect(state.thread.items[1]?.html).toContain('@bob');
    expect(state.thread.items[2]?.html).toContain('Only visible to you');

    const alice = await call('/sandbox/state?user=alice&channel=vigil-alerts');
    expect(JSON.stringify(alice.json)).toContain('help text');
    expect(JSON.stringify(alice.json)).not.toContain('refused');
    const hidden = await call('/sandbox/state?user=victor&channel=vigil-approvers');
    expect(hidden.json.channel).toBeUndefined();
  });

  it('shows the modal on top of the person’s stack, and POST /sandbox/close closes it', async () => {
    const { workspace } = sandbox.emulator;
    const view = workspace.openModal(
      users.carol,
      buildView(workspace, {
        type: 'modal',
        title: { type: 'plain_text', text: 'Deny action' },
        submit: { type: 'plain_text', text: 'Deny' },
        blocks: [
          {
            type: 'input',
            block_id: 'b',
            label: { type: 'plain_text', text: 'Reason' },
            element: { type: 'plain_text_input', action_id: 'a' },
          },
        ],
      }),
    );
    const state = await call('/sandbox/state?user=carol');
    expect(state.json.modal).toMatchObject({
      id: view.id,
      title: 'Deny action',
      submit: 'Deny',
      close: 'Cancel',
    });
    expect(JSON.stringify(state.json.modal)).toContain('data-action-id=\\"a\\"');

    const wrong = await call('/sandbox/close', { body: { user: 'carol', view_id: 'V999' } });
    expect(wrong.json).toMatchObject({ ok: false, error: 'view_not_found' });
    const closed = await call('/sandbox/close', { body: { user: 'carol', view_id: view.id } });
    expect(closed.json).toMatchObject({ ok: true, views: [] });
    expect(workspace.views(users.carol)).toEqual([]);
  });

  it('orders Slack timestamps exactly', () => {
    expect(compareTs('1700000000.000010', '1700000000.000009')).toBeGreaterThan(0);
    expect(compareTs('1699999999.999999', '1700000000.000000')).toBeLessThan(0);
    expect(compareTs('1700000000.5', '1700000000.500000')).toBe(0);
  });
});

describe('GET /sandbox/stream', () => {
  it('tells a person’s page what changed: messages for everyone, ephemerals and views only for them', async () => {
    const controller = new AbortController();
    const response = await fetch(`${sandbox.base}/sandbox/stream?user=alice`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no stream body');
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<{ event: string; data: unknown }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(chunk)?.[1];
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (event) return { event, data: JSON.parse(data ?? 'null') };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextEvent()).toMatchObject({ event: 'ready' });

    const { workspace } = sandbox.emulator;
    workspace.addEphemeral({
      user: users.bob,
      channel: channels.alerts,
      text: 'for bob',
      source: 'chat.postEphemeral',
    });
    const message = workspace.addMessage({ channel: channels.alerts, user: users.carol, text: 'hello' });
    expect(await nextEvent()).toEqual({
      event: 'message',
      data: { channel: channels.alerts, ts: message.ts },
    });
    const mine = workspace.addEphemeral({
      user: users.alice,
      channel: channels.alerts,
      text: 'for alice',
      source: 'chat.postEphemeral',
    });
    expect(await nextEvent()).toEqual({
      event: 'ephemeral',
      data: { channel: channels.alerts, ts: mine.ts },
    });
    workspace.updateMessage(channels.alerts, message.ts, { text: 'edited' });
    expect(await nextEvent()).toMatchObject({ event: 'message_changed', data: { ts: message.ts } });
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it('needs a person', async () => {
    expect((await fetch(`${sandbox.base}/sandbox/stream?user=vigil`)).status).toBe(400);
    expect((await fetch(`${sandbox.base}/sandbox/stream`)).status).toBe(400);
  });
});

describe('POST /sandbox/alerts', () => {
  it('says so when the emulator does not know the app’s intake', async () => {
    const { status, json } = await call('/sandbox/alerts', { body: { sample: 'network-indicator' } });
    expect(status).toBe(400);
    expect(json).toMatchObject({ ok: false, error: 'no_intake' });
  });

  it('forwards a sample to the intake with the bearer token, server side, and answers the case keys', async () => {
    sandbox.emulator.setIntake({ url: intake.url, token: 'intake-token-123' });
    const { status, json } = await call('/sandbox/alerts', { body: { sample: 'network-indicator' } });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, sent: 1, cases: ['VIG-7'], results: [{ status: 202 }] });
    expect(JSON.stringify(json)).not.toContain('intake-token-123');
    const request = intake.requests[0];
    expect(request?.headers.authorization).toBe('Bearer intake-token-123');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ event_type: 'alert', src_ip: '203.0.113.7' });

    // The next send of the same sample is a new alert (another source address).
    await call('/sandbox/alerts', { body: { sample: 'network-indicator' } });
    expect(JSON.parse(intake.requests[1]?.body ?? '{}')).toMatchObject({ src_ip: '203.0.113.8' });
  });

  it('sends the duplicate storm as identical requests, and a pasted payload as it is', async () => {
    sandbox.emulator.setIntake({ url: intake.url, token: 't' });
    const storm = await call('/sandbox/alerts', { body: { sample: 'duplicate-storm' } });
    expect(storm.json).toMatchObject({ sent: STORM_SIZE, cases: ['VIG-7'] });
    expect(new Set(intake.requests.map((r) => r.body)).size).toBe(1);
    expect(intake.requests).toHaveLength(STORM_SIZE);

    await call('/sandbox/alerts', {
      body: { body: 'Mar 1 10:00:00 fw1 DENY src=192.0.2.1', contentType: 'text/plain' },
    });
    expect(intake.requests.at(-1)).toMatchObject({ body: 'Mar 1 10:00:00 fw1 DENY src=192.0.2.1' });
    expect(intake.requests.at(-1)?.headers['content-type']).toBe('text/plain');
  });

  it('refuses an unknown sample, an empty body, both or neither, and a content type that is not one', async () => {
    sandbox.emulator.setIntake({ url: intake.url, token: 't' });
    for (const body of [
      { sample: 'nope' },
      { body: '' },
      {},
      { sample: 'messy', body: '{}' },
      { body: '{}', contentType: 'text/plain\r\nx-evil: 1' },
    ]) {
      const { status, json } = await call('/sandbox/alerts', { body });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json).toMatchObject({ ok: false, error: 'invalid_input' });
    }
    expect(intake.requests).toHaveLength(0);
  });

  it('lists the samples for the menu', async () => {
    const { json } = await call('/sandbox/samples');
    const ids = z.object({ samples: z.array(z.object({ id: z.string(), label: z.string() })) }).parse(json);
    expect(ids.samples.map((s) => s.id)).toEqual([
      'network-indicator',
      'suspicious-login',
      'endpoint-malware',
      'critical-ticket',
      'messy',
      'duplicate-storm',
    ]);
  });
});
