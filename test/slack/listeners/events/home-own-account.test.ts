// App Home's "Waiting for you" is the list of approvals the viewer may decide. Nobody may decide their own
// offboarding (README, Approvals: "nor may anyone decide one about their own account"), and the click is refused;
// but Home counts only "approver and not the requester", so the one senior approver is told their own offboarding
// waits for them, while in fact it waits for someone else (and, with nobody else in @soc-senior, for escalation).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_IDS } from '../../../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../../../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
  await t.emulator.command({
    user: 'alice',
    channel: channels.alerts,
    command: '/vigil',
    text: 'offboard @carol',
  });
  await t.emulator.workspace.waitFor(
    'message',
    (m) => m.text.includes('Offboard') && JSON.stringify(m.blocks ?? []).includes('approval.approve'),
  );
  await t.vigil.drain();
});
afterAll(async () => {
  await t.stop();
});

it('does not list a person’s own offboarding under "Waiting for you"', async () => {
  await t.emulator.openHome({ user: 'carol' });
  const home = await t.emulator.workspace.waitFor('home_published', (v) => v.user === users.carol);
  const sections = (home.view.blocks as Array<{ text?: { text?: string } }>).map((b) => b.text?.text ?? '');
  const mine = sections.find((s) => s.startsWith('*Waiting for you*')) ?? '';
  expect(mine).toMatch(/^\*Waiting for you\* \(0\)/);
});
