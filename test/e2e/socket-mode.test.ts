// Socket Mode against the sandbox as its Slack (SLACK_API_URL): the connection is asked for on that Web API,
// not on slack.com, and a start that cannot connect stops Vigil with one line naming SLACK_APP_TOKEN.
import { afterEach, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

it('opens the Socket Mode connection on SLACK_API_URL, and stops with one line when it cannot', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const started = await startVigilProcess({
    ...slack.env,
    VIGIL_DATA_DIR: tempDataDir(),
    SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-abc',
  }).then(
    () => 'started',
    (error: unknown) => (error as Error).message,
  );
  // The sandbox has no Socket Mode: it answers apps.connections.open itself, so the call went there.
  expect(started).toContain(
    `vigil: SLACK_APP_TOKEN could not open a Socket Mode connection at ${slack.env.SLACK_API_URL}`,
  );
  expect(started).toContain('exited with 1');
  expect(started).not.toMatch(/\n\s+at /);
}, 60_000);
