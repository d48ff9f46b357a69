// Offboardings whose person is already partly offboarded, or has no account in one of the systems: the run
// still finishes every step that has something to do, in order, and the thread and the summary say which
// account was not found (it may exist under another name) instead of stopping at a step with nothing to do.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const VICTOR = 'victor@vigil-sandbox.test';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const start = () => startLocalVigil({ overrides: { connectorDeps: { maxAttempts: 1 } } });

const click = (user: string, ts: string, action_id: string) =>
  t.emulator.click({ user, channel: channels.alerts, ts, action_id });

/** alice asks for `/vigil offboard @victor`, carol approves; resolves with the first failure or the summary. */
async function offboardVictor(): Promise<{ root: SlackMessage; end: SlackMessage }> {
  const { workspace } = t.emulator;
  await t.emulator.command({
    user: 'alice',
    channel: channels.alerts,
    command: '/vigil',
    text: 'offboard @victor',
  });
  const root = await workspace.waitFor(
    'message',
    (m) => m.channel === channels.alerts && m.thread_ts === undefined && m.text.startsWith('VIG-1'),
  );
  const card = await t.approvalCard();
  await click('carol', card.ts, 'approval.approve');
  const end = await workspace.waitFor(
    'message',
    (m) => m.thread_ts === root.ts && (m.text.startsWith('Summary:') || hasButton(m, 'offboarding.retry')),
  );
  await t.vigil.drain();
  return { root, end };
}

/** Every message in the case's thread, as text. */
const threadText = (root: SlackMessage) =>
  t.emulator.workspace
    .thread(channels.alerts, root.ts)
    .map((m) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`)
    .join('\n');

const victorKeys = () =>
  t
    .lab()
    .awsIam.state.users.get('victor')
    ?.keys.map((k) => k.Status);
const victorInSlack = () => t.lab().slackScim.state.users.get(users.victor)?.active;

describe('offboarding someone already deactivated, or without an account somewhere', () => {
  it('offboards a person Okta already deactivated (HR-driven DEPROVISIONED): revokes their AWS keys and removes them from Slack', async () => {
    t = await start();
    const { okta } = t.lab();
    const victor = [...okta.state.users.values()].find((u) => u.profile.login === VICTOR);
    if (!victor) throw new Error('lab Okta user victor expected');
    // HR's own provisioning (Workday → Okta) has already deactivated the account; HR then asks Vigil.
    victor.status = 'DEPROVISIONED';

    const { root, end } = await offboardVictor();

    expect({ keys: victorKeys(), thread: end.text }).toEqual({
      keys: ['Inactive'],
      thread: expect.stringMatching(
        /^Summary: Offboarded .*: disabled in the identity provider, cloud credentials revoked, removed from Slack \(3 of 3 steps done\)\.$/,
      ),
    });
    expect(victorInSlack()).toBe(false);
    expect(t.lab().okta.state.lifecycle).toEqual([]);
    expect(threadText(root)).toContain(`Deactivated ${VICTOR} in okta (lab) (it was already deactivated)`);
  });

  it('offboards a person who has no AWS IAM user (SSO-only staff): Slack is still removed', async () => {
    t = await start();
    t.lab().awsIam.state.users.delete('victor');

    const { root, end } = await offboardVictor();

    expect({ slackActive: victorInSlack(), thread: end.text }).toEqual({
      slackActive: false,
      thread: expect.stringContaining(
        'disabled in the identity provider, no cloud user found, removed from Slack (3 of 3 steps done). Accounts not found by that address may exist under another name: check them by hand.',
      ),
    });
    expect(threadText(root)).toContain(
      'aws-iam (lab) has no user victor, so there were no access keys or console password to revoke.',
    );
  });

  it('offboards a person Slack knows but the identity provider does not: their AWS keys and Slack account are still revoked', async () => {
    t = await start();
    const { okta } = t.lab();
    for (const [id, user] of okta.state.users) if (user.profile.login === VICTOR) okta.state.users.delete(id);

    const { root, end } = await offboardVictor();

    expect({ keys: victorKeys(), slackActive: victorInSlack(), thread: end.text }).toEqual({
      keys: ['Inactive'],
      slackActive: false,
      thread: expect.stringContaining(
        'no identity-provider user found, cloud credentials revoked, removed from Slack (3 of 3 steps done).',
      ),
    });
    expect(threadText(root)).toContain(`okta (lab) has no user ${VICTOR}, so nothing was disabled there.`);
  });
});
