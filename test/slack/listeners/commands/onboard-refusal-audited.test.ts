// README, Slack commands: "/vigil onboard … Onboarding creates accounts with no approval, so only the reviewers of
// roles.yml may ask; anyone else is refused (audited as onboarding.refused, reason not-a-reviewer)". The arguments
// are parsed before the reviewer check, so a non-reviewer whose request is incomplete (a name left off) is shown
// the usage line (to fix and try again), and nothing is audited: the attempt leaves no trace.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_IDS } from '../../../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../../../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
});
afterAll(async () => {
  await t.stop();
});

it('refuses and audits a non-reviewer’s /vigil onboard even when its arguments are incomplete', async () => {
  await t.emulator.command({
    user: 'victor',
    channel: channels.alerts,
    command: '/vigil',
    text: 'onboard eve@example.com support',
  });
  const answer = await t.emulator.workspace.waitFor('ephemeral', (e) => e.user === users.victor);
  await t.vigil.drain();
  const refused = t.vigil.db.sqlite
    .prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'onboarding.refused' AND actor = ?")
    .get(users.victor) as { n: number };
  expect({ answer: answer.text.slice(0, 60), refusedRows: refused.n }).toEqual({
    answer: expect.stringContaining('Only members of @soc-responders'),
    refusedRows: 1,
  });
});
