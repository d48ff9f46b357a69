// An offboarding whose run never began is started by the next process: the first is killed while Slack
// stalls on the case's first message (the case and its `offboarding.requested` row are stored, the run has
// no checkpoint yet); the second finds the case on start-up and runs it to its approval card.
// Slack mode against the sandbox workspace running on its own.
import { afterEach, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { hasButton, tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
const processes: VigilProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await emulator?.close();
  emulator = undefined;
});

it('starts, after a restart, an offboarding whose case was opened but whose run never began', async () => {
  const slack = await startProcessSlack((created) => (emulator = created));
  const env = { ...slack.env, VIGIL_DATA_DIR: tempDataDir() };
  const first = await startVigilProcess(env);
  processes.push(first);
  // Slack stalls on the case's root message: the run would start once it is posted.
  slack.emulator.faults.hold({ method: 'chat.postMessage', match: {}, times: 1 });
  const res = await fetch(`${first.url}/hr/offboard`, {
    method: 'POST',
    headers: { authorization: `Bearer ${slack.hrToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'victor@vigil-sandbox.test' }),
  });
  expect(await res.json()).toEqual({ ok: true, case: 'VIG-1' });
  await slack.emulator.faults.whenHeld();
  expect(await first.stop('SIGKILL')).toBeNull();
  slack.emulator.faults.clear();

  const second = await startVigilProcess(env);
  processes.push(second);
  const card = await slack.emulator.workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
  expect(card.text).toContain('victor@vigil-sandbox.test');
});
