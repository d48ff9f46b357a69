// A pending approval survives a restart: the first process stops while the run waits at its interrupt;
// a second process on the same data directory takes the click and finishes the run. Slack mode, HTTP
// receiver, against the sandbox workspace running on its own as if it were Slack.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from '../../src/sandbox/emulator.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { hasButton, tempDataDir } from '../fakes/local-vigil.js';
import { freePort, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
const processes: VigilProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await emulator?.close();
});

describe('restart', () => {
  it('lets a new process on the same data directory take the click and finish the run', async () => {
    const botToken = `xoxb-test-${randomBytes(8).toString('hex')}`;
    const signingSecret = randomBytes(16).toString('hex');
    const intakeToken = randomBytes(24).toString('hex');
    emulator = createSlackEmulator({ botToken, signingSecret });
    const slackApi = await emulator.listen(0);
    const port = await freePort();
    emulator.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
    const env = {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${slackApi}/api/`,
      VIGIL_INTAKE_TOKEN: intakeToken,
      VIGIL_DATA_DIR: tempDataDir(),
      PORT: String(port),
    };
    const { workspace } = emulator;

    const first = await startVigilProcess(env);
    processes.push(first);
    const res = await fetch(`${first.url}/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${intakeToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Beaconing to known C2',
        severity: 'critical',
        source_ip: '198.51.100.77',
      }),
    });
    expect(res.status).toBe(202);
    const card = await workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    await workspace.waitFor('message_changed', (c) => c.message.text.includes('awaiting approval'));
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startVigilProcess(env);
    processes.push(second);
    const click = await emulator.click({
      user: 'bob',
      channel: SEED_IDS.channels.alerts,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    expect(click.status).toBe(200);
    await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.ts && c.message.text.startsWith('Approved'),
    );
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:'),
    );

    const edl = await fetch(`${second.url}/edl/ip-blocklist.txt`, {
      headers: { authorization: `Bearer ${intakeToken}` },
    });
    expect(await edl.text()).toBe('198.51.100.77\n');
  });
});
