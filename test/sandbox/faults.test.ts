// Fault injection in the sandbox Web API (`/sandbox/faults`): a held call is neither performed nor answered
// until released; cleared, or abandoned by its client, it is dropped and never performed; bad rules get a
// clear error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SEED_IDS } from '../../src/sandbox/emulator.js';
import { BOT_TOKEN, startEmulator, type RunningEmulator } from './support.js';

let sandbox: RunningEmulator;
beforeEach(async () => {
  sandbox = await startEmulator();
});
afterEach(async () => {
  await sandbox.emulator.close();
});

const Json = z.record(z.string(), z.unknown());

async function faults(method: 'GET' | 'POST' | 'DELETE', path = 'faults', body?: unknown) {
  const res = await fetch(`${sandbox.base}/sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: Json.parse(await res.json()) };
}

function update(ts: string, text: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${sandbox.base}/api/chat.update`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: SEED_IDS.channels.alerts, ts, text }),
    ...(signal ? { signal } : {}),
  });
}

async function post(text: string): Promise<string> {
  const sent = await sandbox.client.chat.postMessage({ channel: SEED_IDS.channels.alerts, text });
  if (!sent.ts) throw new Error('no ts');
  return sent.ts;
}

const textOf = (ts: string) => sandbox.emulator.workspace.findMessage(SEED_IDS.channels.alerts, ts)?.text;

describe('sandbox faults', () => {
  it('holds the matching chat.update unperformed and unanswered until released, and lets other calls through', async () => {
    const held = await post('card');
    const other = await post('other');
    const added = await faults('POST', 'faults', { method: 'chat.update', match: { ts: held } });
    expect(added).toMatchObject({
      status: 200,
      json: { ok: true, rules: [{ method: 'chat.update', times: 1 }] },
    });

    const answer = update(held, 'locked');
    await sandbox.emulator.faults.whenHeld();
    expect((await update(other, 'changed')).status).toBe(200);
    expect(textOf(other)).toBe('changed');
    expect(textOf(held)).toBe('card');
    expect((await faults('GET')).json).toMatchObject({
      held: [{ method: 'chat.update', args: { ts: held, text: 'locked' } }],
      rules: [],
    });

    expect((await faults('POST', 'faults/release')).json).toEqual({ ok: true, released: 1 });
    expect(await (await answer).json()).toMatchObject({ ok: true, ts: held });
    expect(textOf(held)).toBe('locked');
    // The rule held one call only.
    expect((await update(held, 'again')).status).toBe(200);
    expect(textOf(held)).toBe('again');
  });

  it('drops a held call when the faults are cleared or its client goes away: it is never performed', async () => {
    const ts = await post('card');
    await faults('POST', 'faults', { method: 'chat.update', match: { ts }, times: 2 });

    const cleared = update(ts, 'first').then(
      () => 'answered',
      () => 'connection closed',
    );
    await sandbox.emulator.faults.whenHeld();
    expect((await faults('DELETE')).json).toEqual({ ok: true, dropped: 1 });
    expect(await cleared).toBe('connection closed');

    await faults('POST', 'faults', { method: 'chat.update', match: { ts } });
    const gone = new AbortController();
    const abandoned = update(ts, 'second', gone.signal).catch(() => 'aborted');
    await sandbox.emulator.faults.whenHeld();
    gone.abort();
    expect(await abandoned).toBe('aborted');
    await expect.poll(async () => (await faults('GET')).json.held).toEqual([]);
    expect(sandbox.emulator.faults.release()).toBe(0);
    expect(textOf(ts)).toBe('card');
  });

  it('answers a rule it cannot use with what was wrong', async () => {
    const bad = await faults('POST', 'faults', { method: 'update the card' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, error: 'invalid_input' });
    expect(String(bad.json.message)).toContain('method must be a Web API method such as chat.update');
    const wrongVerb = await faults('GET', 'faults/release');
    expect(wrongVerb).toMatchObject({ status: 405, json: { error: 'method_not_allowed' } });
  });
});
