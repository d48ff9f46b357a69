// Approver groups named by handle (as the shipped policy.yml names them) are mentioned by their id on the card and
// in the escalation reminder, so Slack notifies their members; a handle that cannot be looked up is shown as text.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { shown, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { alert } from '../support/cards.js';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const escalating = (to: string) =>
  `version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n    expires: 4h\n    on_expiry: escalate\n    escalate_to: { usergroup: ${to} }\n`;

async function escalate(policy: string) {
  let now = Date.parse('2026-11-21T12:00:00Z');
  const file = path.join(tempDataDir(), 'policy.yml');
  fs.writeFileSync(file, policy);
  t = await startLocalVigil({ policyFile: file, overrides: { clock: () => new Date(now) } });
  await t.postAlert(alert('192.0.2.43'));
  const card = await t.approvalCard();
  now += 4 * 3600_000 + 60_000;
  await t.vigil.sweepApprovals();
  const note = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Escalated:'));
  const escalated = await t.emulator.workspace.waitFor(
    'message_changed',
    (c) => c.message.ts === card.ts && shown(c.message).includes('(escalated)'),
  );
  return { card, note, escalatedCard: escalated.message };
}

describe('escalation reminder', () => {
  it('notifies the next tier (@soc-senior, named by handle as in the shipped policy.yml) when a card escalates', async () => {
    const { card, note, escalatedCard } = await escalate(escalating('soc-senior'));
    // Slack notifies a user group only through <!subteam^ID>; "@soc-senior" in posted text pings nobody.
    expect(note.text).toContain(`<!subteam^${SEED_IDS.userGroups.senior}>`);
    expect(JSON.stringify(card.blocks)).toContain(`members of <!subteam^${SEED_IDS.userGroups.responders}>`);
    expect(JSON.stringify(escalatedCard.blocks)).toContain(
      `members of <!subteam^${SEED_IDS.userGroups.senior}>`,
    );
  });

  it('names a group whose handle cannot be looked up as text, and still escalates and reminds', async () => {
    const { note, escalatedCard } = await escalate(escalating('soc-nightshift'));
    expect(note.text).toContain('now waits for members of @soc-nightshift.');
    expect(shown(escalatedCard)).toContain('members of @soc-nightshift');
  });
});
