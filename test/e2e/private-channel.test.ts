// A private alerts channel, as most SOCs keep theirs: Vigil, in Slack mode against the emulator as Slack,
// finds it by name among the channels it is in, hears the alerts other tools post there, and works each case in
// its thread; a private channel the bot is not in cannot be used and start-up says so.
import { afterEach, expect, it } from 'vitest';
import { defaultSeed, SEED_IDS, type SlackEmulator } from '../../src/sandbox/emulator.js';
import { hasButton, tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

let emulator: SlackEmulator | undefined;
let vigil: VigilProcess | undefined;
afterEach(async () => {
  await vigil?.stop();
  await emulator?.close();
  vigil = emulator = undefined;
});

/**
 * The default workspace with #vigil-alerts private, a private #soc-leads and a public #general the bot is not
 * in.
 */
function privateSeed() {
  const seed = defaultSeed();
  seed.channels = seed.channels.map((c) => (c.id === SEED_IDS.channels.alerts ? { ...c, private: true } : c));
  seed.channels.push({
    id: 'C0LEADS001',
    name: 'soc-leads',
    purpose: 'Leads only',
    members: [SEED_IDS.users.carol],
    private: true,
  });
  seed.channels.push({
    id: 'C0GENERAL1',
    name: 'general',
    purpose: 'Everyone',
    members: [SEED_IDS.users.alice],
  });
  return seed;
}

it('takes alerts posted in a private alerts channel and works the case in its thread there', async () => {
  const slack = await startProcessSlack((created) => (emulator = created), privateSeed());
  const { workspace } = slack.emulator;
  vigil = await startVigilProcess({
    ...slack.env,
    VIGIL_DATA_DIR: tempDataDir(),
    VIGIL_LAB: 'off',
    VIGIL_ALERTS_CHANNEL: 'vigil-alerts',
  });
  const delivered = await slack.emulator.post({
    bot: 'siem',
    channel: 'vigil-alerts',
    text: 'CEF:0|Acme|IDS|2|500|Exploit attempt|9|src=203.0.113.201 dst=10.9.9.9',
  });
  expect(delivered.status).toBe(200);
  const root = await workspace.waitFor(
    'message',
    (m) => m.channel === SEED_IDS.channels.alerts && m.text.startsWith('VIG-1'),
  );
  const card = await workspace.waitFor(
    'message',
    (m) => m.thread_ts === root.ts && hasButton(m, 'approval.approve'),
  );
  expect(card.channel).toBe(SEED_IDS.channels.alerts);
  expect(card.text).toContain('203.0.113.201');
});

/** What a Vigil process started on `channel` printed before it stopped. */
async function startFailure(channel: string): Promise<string> {
  const slack = await startProcessSlack((created) => (emulator = created), privateSeed());
  return startVigilProcess({
    ...slack.env,
    VIGIL_DATA_DIR: tempDataDir(),
    VIGIL_LAB: 'off',
    VIGIL_ALERTS_CHANNEL: channel,
  }).then(
    async (started) => {
      await started.stop();
      throw new Error('Vigil started');
    },
    (e: unknown) => (e as Error).message,
  );
}

it('refuses at start a private channel the bot is not in, by name or by id, saying to invite it', async () => {
  const byName = await startFailure('soc-leads');
  expect(byName).toContain(
    'vigil: VIGIL_ALERTS_CHANNEL is "soc-leads", which the bot cannot see (a private channel is visible to it only once it is a member): create the channel (public or private), then /invite @vigil in it',
  );
  expect(byName).not.toMatch(/\n\s+at /);
  await emulator?.close();
  const byId = await startFailure('C0LEADS001');
  expect(byId).toContain('vigil: VIGIL_ALERTS_CHANNEL is C0LEADS001, which is no channel the bot can see');
});

it('refuses at start a public channel the app is not in, rather than failing at the first case', async () => {
  const output = await startFailure('C0GENERAL1');
  expect(output).toContain(
    'vigil: VIGIL_ALERTS_CHANNEL is #general, which the app is not in: /invite @vigil in it',
  );
});
