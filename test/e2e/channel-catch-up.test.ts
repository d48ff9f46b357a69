// Alerts posted in the alerts channel while Vigil was down are not lost: Slack could not deliver them, so
// Vigil reads them from the channel's history when it starts again (thread replies and its own messages are
// not alerts), and a message it already took in is not taken twice. Slack mode against the emulator as Slack.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { until } from '../support/until.js';
import { afterEach, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
let vigil: VigilProcess | undefined;
afterEach(async () => {
  await vigil?.stop();
  await emulator?.close();
  vigil = emulator = undefined;
});

it('takes in, after a restart, the alerts posted in the channel while Vigil was down, once each', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const dataDir = tempDataDir();
  const env = { ...slack.env, VIGIL_DATA_DIR: dataDir, VIGIL_LAB: 'off', LOG_LEVEL: 'info' };
  const taken = () => {
    const db = new BetterSqlite3(path.join(dataDir, 'vigil.db'), { readonly: true });
    try {
      return db
        .prepare(
          "SELECT CAST(raw AS TEXT) AS raw FROM alerts WHERE source = 'slack:message' ORDER BY received_at",
        )
        .all()
        .map((row) => (row as { raw: string }).raw);
    } finally {
      db.close();
    }
  };

  vigil = await startVigilProcess(env);
  const first = await slack.emulator.post({
    bot: 'siem',
    channel: 'vigil-alerts',
    text: 'src=203.0.113.201 msg=first',
  });
  expect(first.status).toBe(200);
  await until(() => taken().length === 1);
  expect(await vigil.stop()).toBe(0);

  // Vigil is down: Slack cannot deliver these, but they are in the channel.
  const missed = await slack.emulator.post({
    bot: 'siem',
    channel: 'vigil-alerts',
    text: 'src=203.0.113.202 msg=missed',
  });
  expect(missed.status).not.toBe(200);
  await slack.emulator.post({
    user: 'alice',
    channel: 'vigil-alerts',
    text: 'src=203.0.113.203 msg=also missed',
  });
  await slack.emulator.post({
    user: 'bob',
    channel: 'vigil-alerts',
    thread_ts: missed.message?.ts,
    text: 'looking at src=198.51.100.9',
  });

  vigil = await startVigilProcess(env);
  await until(() => (vigil?.output() ?? '').includes('taken in from history after restart'));
  expect(taken()).toEqual([
    'src=203.0.113.201 msg=first',
    'src=203.0.113.202 msg=missed',
    'src=203.0.113.203 msg=also missed',
  ]);
});
