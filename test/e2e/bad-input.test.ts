// Bad input gets a clear error on the right surface and loses nothing; bad credentials get 401.
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalSecrets } from '../../src/local-secrets.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { captureLogs } from '../fakes/log-capture.js';

let t: LocalVigil;
const logs = captureLogs(40);
beforeAll(async () => {
  t = await startLocalVigil({ overrides: { logger: logs.logger } });
});
afterAll(async () => {
  await t.stop();
});

const storedAlert = (id: unknown) =>
  t.vigil.db.sqlite.prepare('SELECT status, error, raw FROM alerts WHERE id = ?').get(id) as
    { status: string; error: string; raw: Buffer } | undefined;

describe('bad input', () => {
  it('answers invalid JSON on /alerts with 400 naming the problem, and keeps the body as an unparsed alert', async () => {
    const body = '{"title": "half an alert", ';
    const res = await t.postAlert(body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      ok: false,
      code: 'unparseable',
      alertId: expect.stringMatching(/^alr_/),
    });
    expect(String(res.json.message)).toMatch(/not valid JSON.*stored as alr_\w+ \(status unparsed\)/);
    const row = storedAlert(res.json.alertId);
    expect(row?.status).toBe('unparsed');
    expect(row?.raw.toString('utf8')).toBe(body);
  });

  it('keeps bytes that are not UTF-8 exactly as they arrived', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    const res = await fetch(`${t.vigil.url}/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.vigil.intakeToken}` },
      body: bytes,
    });
    const json = (await res.json()) as { alertId: string };
    expect(res.status).toBe(400);
    expect(storedAlert(json.alertId)?.raw.equals(bytes)).toBe(true);
  });

  it('answers a JSON array of things that are not alerts with 400 naming the first bad element', async () => {
    const res = await t.postAlert('[1, 2]');
    expect(res.status).toBe(400);
    expect(String(res.json.message)).toContain('Element 0 of the array is a number');
    expect(res.json.alertIds).toHaveLength(2);
  });

  it('answers an empty JSON array with 400 saying so, and stores the body it names', async () => {
    const res = await t.postAlert('[]');
    expect(res.status).toBe(400);
    expect(String(res.json.message)).toMatch(/empty JSON array.*stored as alr_\w+ \(status unparsed\)/);
    expect(storedAlert(res.json.alertId)?.raw.toString('utf8')).toBe('[]');
  });

  it('refuses a wrong or missing intake token with 401 and stores nothing', async () => {
    const before = (t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
    expect((await t.postAlert('{}', { authorization: 'Bearer wrong-token' })).status).toBe(401);
    const bare = await fetch(`${t.vigil.url}/alerts`, { method: 'POST', body: '{}' });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('Authorization: Bearer'),
    });
    expect((t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n).toBe(
      before,
    );
  });

  it('ends the connection with a refusal, so a sender that keeps trickling a body is not kept connected', async () => {
    const { port } = new URL(t.vigil.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"ti',
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    // Still sending, a byte at a time, after the answer: the server closes its side regardless.
    const trickle = setInterval(() => socket.writable && socket.write('x'), 20);
    await once(socket, 'close');
    clearInterval(trickle);
    expect(answer).toMatch(/^HTTP\/1\.1 401 .*\r\n[\s\S]*connection: close\r\n/i);
  });

  it('reads gzip, deflate and br bodies, refuses other encodings and broken ones, and keeps each body', async () => {
    const send = async (body: Buffer, encoding: string) => {
      const res = await fetch(`${t.vigil.url}/alerts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.vigil.intakeToken}`,
          'content-type': 'application/json',
          'content-encoding': encoding,
        },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const alert = (ip: string) => Buffer.from(JSON.stringify({ title: 'Compressed', src_ip: ip }));
    for (const [encoding, pack] of [
      ['gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ] as const) {
      const res = await send(pack(alert('198.51.100.61')), encoding);
      expect(res.status, encoding).toBe(202);
      const [accepted] = res.json.alerts as Array<{ id: string }>;
      expect(storedAlert(accepted?.id)?.raw.toString('utf8')).toBe(alert('198.51.100.61').toString('utf8'));
    }
    const zstd = await send(alert('198.51.100.62'), 'zstd');
    expect(zstd.status).toBe(415);
    expect(String(zstd.json.message)).toMatch(/does not read zstd-encoded bodies.*stored as alr_\w+/);
    expect(storedAlert(zstd.json.alertId)?.status).toBe('unparsed');
    const broken = await send(Buffer.from('not gzip at all'), 'gzip');
    expect(broken.status).toBe(400);
    expect(String(broken.json.message)).toContain('marked gzip but does not decompress');
    expect(storedAlert(broken.json.alertId)?.raw.toString('utf8')).toBe('not gzip at all');
    // 2 MiB of zeros compresses to about 2 KiB: decompressed, it is over the 1 MiB limit.
    const bomb = await send(zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024)), 'gzip');
    expect(bomb.status).toBe(413);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await t.postAlert(JSON.stringify({ title: 'x'.repeat(1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ code: 'payload_too_large' });
  });

  it('answers a GET on the Slack request URL with 405 itself, without handing it to Bolt', async () => {
    const res = await fetch(`${t.vigil.url}/slack/events`, {
      headers: { authorization: 'Bearer supersecretvalue123', cookie: 'session=topsecretcookie' },
    });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ ok: false, code: 'method_not_allowed' });
  });

  it('protects the EDL with its token', async () => {
    expect((await fetch(`${t.vigil.url}/edl/ip-blocklist.txt`)).status).toBe(401);
    const basic = Buffer.from(`panos:${t.vigil.edlToken}`).toString('base64');
    expect(
      (await fetch(`${t.vigil.url}/edl/ip-blocklist.txt`, { headers: { authorization: `Basic ${basic}` } }))
        .status,
    ).toBe(200);
  });

  it('answers invalid JSON in /triage with an ephemeral error to that person only, and stores the text', async () => {
    const { workspace } = t.emulator;
    await t.emulator.command({
      user: 'bob',
      channel: SEED_IDS.channels.alerts,
      command: '/triage',
      text: '{"title": "ssh brute force", ',
    });
    const error = await workspace.waitFor(
      'ephemeral',
      (e) => e.user === SEED_IDS.users.bob && e.text.includes('not valid JSON'),
    );
    expect(error.text).toMatch(/stored as alr_\w+ \(status unparsed\)/);
    const id = /stored as (alr_\w+)/.exec(error.text)?.[1];
    expect(storedAlert(id)).toMatchObject({ status: 'unparsed' });
    expect(storedAlert(id)?.raw.toString()).toBe('{"title": "ssh brute force",');
  });

  it('explains /triage usage when it is given nothing', async () => {
    await t.emulator.command({
      user: 'carol',
      channel: SEED_IDS.channels.alerts,
      command: '/triage',
      text: '',
    });
    await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === SEED_IDS.users.carol && e.text.includes('Usage: /triage'),
    );
  });
});

describe('Slack request signatures', () => {
  const command = new URLSearchParams({
    command: '/vigil',
    text: 'help',
    user_id: SEED_IDS.users.bob,
    channel_id: SEED_IDS.channels.alerts,
    team_id: SEED_IDS.team,
  }).toString();
  const sign = (secret: string, timestamp: number, body: string) =>
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const send = (signature: string, timestamp: number) =>
    fetch(`${t.vigil.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-signature': signature,
        'x-slack-request-timestamp': String(timestamp),
      },
      body: command,
    });

  it('answers a request signed with the wrong secret with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await send(sign('not-the-signing-secret', now, command), now)).status).toBe(401);
  });

  it('answers a correctly signed request dated more than five minutes ahead with 401, command, interaction or event alike', async () => {
    const secret = loadOrCreateLocalSecrets(t.dataDir).signingSecret;
    const ahead = Math.floor(Date.now() / 1000) + 60 * 60;
    const interaction = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: SEED_IDS.users.bob },
        team: { id: SEED_IDS.team },
        actions: [],
      }),
    }).toString();
    const event = JSON.stringify({
      token: 'x',
      team_id: SEED_IDS.team,
      api_app_id: SEED_IDS.app,
      type: 'event_callback',
      event_id: 'Ev0FUTURE0001',
      event_time: ahead,
      event: { type: 'app_mention', user: SEED_IDS.users.bob, text: 'hi', ts: '1.1', channel: 'C1' },
    });
    const signed = (body: string, contentType: string, timestamp: number) =>
      fetch(`${t.vigil.url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-signature': sign(secret, timestamp, body),
          'x-slack-request-timestamp': String(timestamp),
        },
        body,
      });
    const form = 'application/x-www-form-urlencoded';
    const statuses = [
      (await signed(command, form, ahead)).status,
      (await signed(interaction, form, ahead)).status,
      (await signed(event, 'application/json', ahead)).status,
    ];
    expect(statuses).toEqual([401, 401, 401]);
    const refusals = logs.lines.filter((l) => l.msg.includes('x-slack-request-timestamp'));
    expect(refusals).toHaveLength(3);
    expect(JSON.stringify(refusals)).not.toContain(secret);
    // A sender whose clock runs a few minutes fast is still heard, as Slack's own check allows.
    const skewed = Math.floor(Date.now() / 1000) + 4 * 60;
    expect((await signed(command, form, skewed)).status).toBe(200);
  });

  it('answers a correctly signed request replayed after more than five minutes with 401', async () => {
    const secret = loadOrCreateLocalSecrets(t.dataDir).signingSecret;
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await send(sign(secret, old, command), old)).status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await send(sign(secret, now, command), now)).status).toBe(200);
  });
});
