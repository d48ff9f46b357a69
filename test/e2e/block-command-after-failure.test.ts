// /vigil block after the firewall refused the block: the first request's case ended `failed`, and nothing will try
// it again, so asking again for the address opens a new request instead of pointing at that case.
import { afterEach, describe, expect, it } from 'vitest';
import { startPanOsStub } from '../../src/lab/vendors/pan-os-stub.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

async function vigil(user: string, text: string): Promise<string> {
  const before = t.emulator.workspace.ephemerals(user).length;
  await t.emulator.command({ user, channel: channels.alerts, command: '/vigil', text });
  const answer = await t.emulator.workspace.waitFor(
    'ephemeral',
    (e) =>
      e.user === t.emulator.workspace.user(user).id &&
      t.emulator.workspace.ephemerals(user).indexOf(e) >= before,
  );
  return answer.text;
}

describe('/vigil block after the firewall refused the first block', () => {
  it('lets a person ask again once the first request case failed, and blocks the address', async () => {
    const firewall = await startPanOsStub();
    try {
      t = await startLocalVigil({ env: { PANOS_URL: firewall.url, PANOS_API_KEY: firewall.state.apiKey } });
      const ip = '203.0.113.44';
      expect(await vigil('alice', `block ${ip}`)).toMatch(/^Opened .*VIG-1/);
      const card = await t.approvalCard();
      // The firewall refuses the block (its API key lost rights for a moment): the action fails.
      firewall.state.fail({ status: 403, path: '/api/', times: 10 });
      await t.approveAndFinish(card, 'bob');
      const row = () =>
        t.vigil.db.sqlite.prepare('SELECT status FROM cases WHERE id = 1').get() as { status: string };
      expect(row().status).toBe('failed');
      expect(firewall.state.registered.has(ip)).toBe(false);

      // The firewall is fixed; the analyst asks again for the same address.
      const again = await vigil('alice', `block ${ip}`);
      // Expected: a new request (nothing is blocking the address and nothing will retry VIG-1).
      expect(again).not.toMatch(/already asks for/);
      expect(again).toMatch(/^Opened .*VIG-2/);
    } finally {
      await firewall.close();
    }
  });
});
