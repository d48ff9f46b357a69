// `/vigil approvals` with a long queue (a scan from many addresses, each its own case waiting for a block): the
// answer has to stay a readable list. `/vigil cases` and App Home show the lines that fit and count the rest
// ("…and 12 more", fitLines); `/vigil approvals` lists every pending approval and lets `truncate(text, 39_000)` cut
// the whole answer, mid-line and mid-link, with no count of what was left out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_IDS } from '../../../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../../../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const PENDING = 160;
let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
  const alerts = Array.from({ length: PENDING }, (_, i) => ({
    title: 'SSH brute force against bastion',
    severity: 'high',
    source_ip: `203.0.${113 + Math.floor(i / 200)}.${10 + (i % 200)}`,
    user: 'root',
  }));
  expect((await t.postAlert(JSON.stringify(alerts))).status).toBe(202);
  await t.vigil.drain();
  const pending = t.vigil.db.sqlite
    .prepare("SELECT count(*) AS n FROM approvals WHERE status = 'pending'")
    .get() as {
    n: number;
  };
  expect(pending.n).toBe(PENDING);
}, 240_000);
afterAll(async () => {
  await t.stop();
});

it('lists the pending approvals that fit, in whole lines, and counts the rest', async () => {
  await t.emulator.command({ user: 'bob', channel: channels.alerts, command: '/vigil', text: 'approvals' });
  const answer = await t.emulator.workspace.waitFor('ephemeral', (e) => e.user === users.bob);
  const lines = answer.text.split('\n').slice(1);
  const last = lines.at(-1) ?? '';
  expect({
    underSlackLimit: answer.text.length <= 40_000,
    lastLine: last.slice(-60),
    everyLineWhole: lines.filter((l) => l.startsWith('•')).every((l) => l.endsWith('|open the card>')),
    countsTheRest: /…and \d+ more$/.test(answer.text),
  }).toEqual({
    underSlackLimit: true,
    lastLine: expect.stringMatching(/more$/),
    everyLineWhole: true,
    countsTheRest: true,
  });
});
