// Onboarding a returning employee whose old Slack account (same address) was deactivated when they left: Slack's
// SCIM answers 409 email_taken, and the old account is reactivated (and said so in the thread) rather than taken
// as it is, which had reported the person onboarded with an account nobody could sign in with.
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';

const { channels } = SEED_IDS;
const DANA = { email: 'dana.ruiz@example.com', name: 'Dana Ruiz', role: 'sales' };

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

describe('onboarding a returning employee', () => {
  it('reactivates a rehire’s deactivated Slack account and says so', async () => {
    t = await startLocalVigil({ overrides: { connectorDeps: { maxAttempts: 1 } } });
    // Dana worked here before; offboarding deactivated her Slack account (SCIM keeps it, inactive).
    t.lab().slackScim.state.users.set('W0DANAOLD', {
      id: 'W0DANAOLD',
      userName: 'dana.ruiz',
      displayName: 'Dana Ruiz',
      name: { givenName: 'Dana', familyName: 'Ruiz' },
      emails: [{ value: DANA.email, primary: true }],
      active: false,
    });

    const res = await fetch(`${t.vigil.url}/idp/user-created`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.vigil.idpToken ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(DANA),
    });
    expect(res.status).toBe(202);
    const { workspace } = t.emulator;
    const root = await workspace.waitFor(
      'message',
      (m) => m.channel === channels.alerts && m.thread_ts === undefined && m.text.startsWith('VIG-1'),
    );
    const summary = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'),
    );
    await t.vigil.drain();

    expect(t.lab().slackScim.state.users.get('W0DANAOLD')?.active).toBe(true);
    expect(summary.text).toContain('Onboarded Dana Ruiz');
    const thread = workspace.thread(channels.alerts, root.ts).map((m) => JSON.stringify(m.blocks ?? m.text));
    expect(thread.join('\n')).toContain(
      'Reactivated the deactivated Slack account W0DANAOLD for dana.ruiz@example.com',
    );
  });
});
