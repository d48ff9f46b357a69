// Alerts posted in the alerts channel while Vigil was down are not lost: Slack could not deliver them, so
// Vigil reads them from the channel's history when it starts again (thread replies and its own messages are
// not alerts), and a message it already took in is not taken twice. Slack mode against the emulator as Slack.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { until } from '../support/until.js';
import { afterEach, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { hasButton, tempDataDir } from '../fakes/local-vigil.js';
import { injectSlackFaults } from '../fakes/slack-faults.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
let vigil: VigilProcess | undefined;
let starting: ChildProcess | undefined;
afterEach(async () => {
  await vigil?.stop();
  if (starting && starting.exitCode === null && starting.signalCode === null) {
    const exited = new Promise((resolve) => starting?.once('exit', resolve));
    starting.kill('SIGTERM');
    await exited;
  }
  await emulator?.close();
  vigil = emulator = starting = undefined;
});

/** The alerts taken in from the channel, oldest first, as stored. */
function takenFromChannel(dataDir: string): string[] {
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
}

it('takes in, after a restart, the alerts posted in the channel while Vigil was down, once each', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const dataDir = tempDataDir();
  const env = { ...slack.env, VIGIL_DATA_DIR: dataDir, VIGIL_LAB: 'off', LOG_LEVEL: 'info' };
  const taken = () => takenFromChannel(dataDir);

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

it('takes in, after a restart, an alert posted in the channel while Vigil was down, though another message arrived live while it was still starting', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const dataDir = tempDataDir();
  const env = { ...slack.env, VIGIL_DATA_DIR: dataDir, VIGIL_LAB: 'off' };
  const calls = injectSlackFaults(slack.emulator).calls;
  const taken = () => takenFromChannel(dataDir);
  const { workspace } = slack.emulator;

  vigil = await startVigilProcess(env);
  const res = await fetch(`${vigil.url}/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.VIGIL_INTAKE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Beaconing to known C2',
      severity: 'critical',
      source_ip: '198.51.100.77',
    }),
  });
  expect(res.status).toBe(202);
  const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
  await workspace.waitFor('message_changed', (c) => c.message.text.includes('awaiting approval'));
  const before = await slack.emulator.post({
    bot: 'siem',
    channel: 'vigil-alerts',
    text: 'src=203.0.113.201 msg=before',
  });
  expect(before.status).toBe(200);
  await until(() => taken().length === 1);
  expect(await vigil.stop()).toBe(0);
  vigil = undefined;

  // Down: the SIEM posts an alert Slack cannot deliver (it is in the channel's history).
  const missed = await slack.emulator.post({
    bot: 'siem',
    channel: 'vigil-alerts',
    text: 'src=203.0.113.202 msg=missed',
  });
  expect(missed.status).not.toBe(200);
  // Down long enough for the pending card to be overdue: the start-up sweep escalates it, and Slack is slow to
  // take that card's update (held here), as any start-up Slack or vendor call can be.
  const db = new BetterSqlite3(path.join(dataDir, 'vigil.db'));
  db.exec("UPDATE approvals SET expires_at = '2000-01-01T00:00:00.000Z' WHERE status = 'pending'");
  db.close();
  slack.emulator.faults.hold({ method: 'chat.update', match: { ts: card.ts }, times: 1 });
  starting = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  await slack.emulator.faults.whenHeld();

  // Meanwhile, Vigil's Slack endpoint already answers: the SIEM's next alert arrives live and is taken in.
  const live = await slack.emulator.post({
    bot: 'siem',
    channel: 'vigil-alerts',
    text: 'src=203.0.113.203 msg=live',
  });
  expect(live.status).toBe(200);
  await until(() => taken().length === 2);

  // Slack answers; start-up goes on to read the channel's history, from the newest message taken in before
  // this process started, so the missed one is in what it reads (and the live one is not taken twice).
  slack.emulator.faults.release();
  await until(() => calls.some((c) => c.method === 'conversations.history'));
  const history = calls.find((c) => c.method === 'conversations.history');
  expect(String(history?.args.oldest)).toBe(before.message?.ts);
  await until(() => taken().length === 3);
  expect(taken()).toEqual([
    'src=203.0.113.201 msg=before',
    'src=203.0.113.203 msg=live',
    'src=203.0.113.202 msg=missed',
  ]);
});
