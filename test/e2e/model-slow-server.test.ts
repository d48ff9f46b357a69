// A model server that accepts requests and does not answer (an overloaded Ollama, a provider incident, a proxy
// holding connections) holds up no other case work: model calls wait outside the case slots, end at
// VIGIL_MODEL_TIMEOUT without a retry, and after failures in a row the model is skipped for a while (audited). Each
// micro-agent (extraction, and the timeline notes of a closing case) is guarded on its own.
// Real Vigil, real ChatOpenAI, against a local server that records each chat request and never answers it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

interface HangingModel {
  baseUrl: string;
  /** Resolves once `n` chat requests have arrived. */
  received(n: number): Promise<void>;
  /** How many chat requests have arrived. */
  count(): number;
  close(): Promise<void>;
}

async function startHangingModel(): Promise<HangingModel> {
  let count = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = http.createServer((req) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      for (const w of waiters.filter((w) => count >= w.n)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    count: () => count,
    received: (n) =>
      count >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let t: LocalVigil | undefined;
let model: HangingModel | undefined;
afterEach(async () => {
  await model?.close();
  await t?.stop();
  t = undefined;
  model = undefined;
});

const suricata = {
  timestamp: '2026-11-24T10:00:00.000000+0000',
  flow_id: 1400000000001,
  event_type: 'alert',
  src_ip: '203.0.113.7',
  src_port: 41000,
  dest_ip: '10.20.4.17',
  dest_port: 22,
  proto: 'TCP',
  alert: {
    action: 'allowed',
    signature_id: 2001219,
    signature: 'ET SCAN Potential SSH Scan',
    category: 'Attempted Information Leak',
    severity: 1,
  },
};

it('triages a known-format alert promptly while the model server hangs on four unrecognised ones', async () => {
  model = await startHangingModel();
  t = await startLocalVigil({ env: { OPENAI_API_KEY: 'sk-test-hanging', OPENAI_BASE_URL: model.baseUrl } });
  // Four payloads no parser knows, each its own case (nothing in common).
  for (let n = 0; n < 4; n += 1) {
    const posted = await t.postAlert(
      JSON.stringify({ title: `App anomaly ${n}`, peer: `203.0.113.${20 + n}` }),
    );
    expect(posted.status).toBe(202);
  }
  await model.received(4);
  // A Suricata alert, read by its parser: it never needs the model.
  const started = Date.now();
  expect((await t.postAlert(JSON.stringify(suricata))).status).toBe(202);
  const note = await t.emulator.workspace
    .waitFor('message', (m) => m.text.startsWith('Investigation') && m.text.includes('SSH Scan'), 10_000)
    .then(
      () => `investigation note after ${Date.now() - started} ms`,
      () => `no investigation note within ${Date.now() - started} ms`,
    );
  expect(note).toMatch(/^investigation note after/);
}, 60_000);

/** The audit rows of one type, parsed. */
const rows = (v: LocalVigil, type: string) =>
  (
    v.vigil.db.sqlite.prepare('SELECT data FROM audit_events WHERE type = ? ORDER BY id').all(type) as Array<{
      data: string;
    }>
  ).map((r) => JSON.parse(r.data) as { agent: string; error: string });

it('gives up on a hanging model server at VIGIL_MODEL_TIMEOUT, without a retry, and keeps the heuristic reading', async () => {
  model = await startHangingModel();
  t = await startLocalVigil({
    env: { OPENAI_API_KEY: 'sk-test-hanging', OPENAI_BASE_URL: model.baseUrl, VIGIL_MODEL_TIMEOUT: '1s' },
  });
  const started = Date.now();
  expect((await t.postAlert(JSON.stringify({ title: 'App anomaly', peer: '203.0.113.20' }))).status).toBe(
    202,
  );
  await t.vigil.drain();
  expect(Date.now() - started).toBeLessThan(5_000);
  // One extraction call, then (the case closing with nothing to approve) one for its analyst notes: neither retried.
  expect(model.count()).toBe(2);
  expect(rows(t, 'model.failed').map((r) => [r.agent, r.error])).toEqual([
    ['extraction', 'gpt-4o-mini did not answer within 1 s'],
    ['timeline', 'gpt-4o-mini did not answer within 1 s'],
  ]);
  expect(rows(t, 'alert.normalized')).toHaveLength(1);
}, 20_000);

it('skips the model, audited, after three failures in a row, and still triages with the heuristic', async () => {
  model = await startHangingModel();
  t = await startLocalVigil({
    env: { OPENAI_API_KEY: 'sk-test-hanging', OPENAI_BASE_URL: model.baseUrl, VIGIL_MODEL_TIMEOUT: '1s' },
  });
  for (let n = 0; n < 3; n += 1) {
    await t.postAlert(JSON.stringify({ title: `App anomaly ${n}`, peer: `203.0.113.${20 + n}` }));
  }
  await t.vigil.drain();
  const failed = rows(t, 'model.failed');
  expect(failed.filter((r) => r.agent === 'extraction')).toHaveLength(3);
  expect(failed.filter((r) => r.agent === 'timeline')).toHaveLength(3);
  await t.postAlert(JSON.stringify({ title: 'App anomaly 3', peer: '203.0.113.23' }));
  await t.vigil.drain();
  // Three calls of each agent; the fourth case asks neither.
  expect(model.count()).toBe(6);
  expect(rows(t, 'model.skipped').map((r) => [r.agent, r.error])).toEqual([
    ['extraction', expect.stringMatching(/^gpt-4o-mini failed 3 times in a row: not asked until /)],
    ['timeline', expect.stringMatching(/^gpt-4o-mini failed 3 times in a row: not asked until /)],
  ]);
  expect(rows(t, 'alert.normalized')).toHaveLength(4);
}, 20_000);
