// Offboarding end to end: /vigil offboard and the HR webhook through the real Bolt app and the sandbox
// Slack workspace, approval by @soc-senior, then the real Okta, AWS IAM and Slack SCIM connectors against
// the lab's vendor stubs, strictly in order; a failed step, Retry, and the steps already done not repeated.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, shown, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const VICTOR = 'victor@vigil-sandbox.test';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** Vendor calls fail on the first attempt (no connector retries), so a stub's injected 500 fails the step. */
const start = () => startLocalVigil({ overrides: { connectorDeps: { maxAttempts: 1 } } });

/** `/vigil offboard @victor` as a person types it: Slack escapes it (the manifest's `should_escape`). */
async function requestOffboarding(user: string): Promise<{ root: SlackMessage; card: SlackMessage }> {
  await t.emulator.command({ user, channel: channels.alerts, command: '/vigil', text: 'offboard @victor' });
  const { workspace } = t.emulator;
  await workspace.waitFor('ephemeral', (e) => e.text.includes('Opened *VIG-1*'));
  const root = await workspace.waitFor(
    'message',
    (m) => m.channel === channels.alerts && m.thread_ts === undefined && m.text.startsWith('VIG-1'),
  );
  const card = await t.approvalCard();
  return { root, card };
}

const click = (user: string, ts: string, action_id: string) =>
  t.emulator.click({ user, channel: channels.alerts, ts, action_id });

const stepsStarted = () =>
  (
    t.vigil.db.sqlite
      .prepare("SELECT data FROM audit_events WHERE type = 'action.started' ORDER BY id")
      .all() as Array<{ data: string }>
  ).map((row) => (JSON.parse(row.data) as { step: string }).step);

describe('offboarding, end to end', () => {
  it('after approval by a senior responder, disables in Okta, revokes AWS credentials and removes from Slack, in that order, each audited', async () => {
    t = await start();
    const { workspace } = t.emulator;
    const { root, card } = await requestOffboarding('alice');
    expect(root.text).toContain('Offboard @victor');
    expect(shown(card)).toContain(`Offboard ${VICTOR}`);
    expect(shown(card)).toContain(`members of <!subteam^${SEED_IDS.userGroups.senior}>`);
    // The case message says who asked, not an alert's (empty) addresses.
    expect(shown(root)).toContain(`Requested by*\\n<@${users.alice}>`);
    expect(shown(root)).toContain(':hourglass_flowing_sand: In progress');
    expect(shown(root)).not.toContain('Source IPs');

    await click('carol', card.ts, 'approval.approve');
    await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
    await t.vigil.drain();

    const thread = workspace.thread(channels.alerts, root.ts).map((m) => m.text);
    const at = (prefix: string) => thread.findIndex((text) => text.startsWith(prefix));
    expect(at('Step 1 of 3')).toBeGreaterThan(0);
    expect(at('Step 2 of 3')).toBeGreaterThan(at('Step 1 of 3'));
    expect(at('Step 3 of 3')).toBeGreaterThan(at('Step 2 of 3'));
    expect(at('Summary:')).toBeGreaterThan(at('Step 3 of 3'));
    expect(thread[at('Step 1 of 3')]).toContain('okta (lab)');
    expect(thread[at('Step 2 of 3')]).toContain('aws-iam (lab)');
    expect(thread[at('Step 3 of 3')]).toContain('slack-scim (lab)');

    const { okta, awsIam, slackScim } = t.lab();
    expect(okta.state.lifecycle).toEqual([expect.stringMatching(/^suspend 00ulab/)]);
    expect(okta.state.received('DELETE', /\/sessions$/)).toHaveLength(1);
    expect(awsIam.state.actions.map((a) => a.Action)).toEqual([
      'ListAccessKeys',
      'UpdateAccessKey',
      'DeleteLoginProfile',
    ]);
    expect(awsIam.state.users.get('victor')?.keys.every((k) => k.Status === 'Inactive')).toBe(true);
    expect(slackScim.state.users.get(users.victor)?.active).toBe(false);

    expect(stepsStarted()).toEqual(['disable-identity', 'revoke-cloud', 'remove-slack']);
    const rows = t.vigil.db.sqlite
      .prepare('SELECT idempotency_key AS key, status FROM actions ORDER BY created_at, idempotency_key')
      .all();
    expect(rows).toEqual(
      expect.arrayContaining([
        { key: 'offboard:VIG-1:disable-identity', status: 'done' },
        { key: 'offboard:VIG-1:revoke-cloud', status: 'done' },
        { key: 'offboard:VIG-1:remove-slack', status: 'done' },
      ]),
    );
    expect(shown(workspace.findMessage(channels.alerts, root.ts) ?? { text: '' })).toContain('Resolved');
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('lets an approver retry a step that failed for want of a connector: it runs again (and says what to configure again)', async () => {
    t = await startLocalVigil({ env: { VIGIL_LAB: 'off' } });
    const { workspace } = t.emulator;
    const { root, card } = await requestOffboarding('alice');
    await click('carol', card.ts, 'approval.approve');
    const failure = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === root.ts && hasButton(m, 'offboarding.retry'),
    );
    expect(failure.text).toContain('No identity provider is configured');
    await t.vigil.drain();

    await click('carol', failure.ts, 'offboarding.retry');
    await workspace.waitFor(
      'message',
      (m) =>
        m.thread_ts === root.ts &&
        m.ts !== failure.ts &&
        hasButton(m, 'offboarding.retry') &&
        m.text.includes('No identity provider is configured'),
    );
    await t.vigil.drain();
    const audited = (type: string) =>
      (
        t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM audit_events WHERE type = ?').get(type) as {
          n: number;
        }
      ).n;
    expect(audited('offboarding.retry')).toBe(1);
    expect(audited('action.failed')).toBe(2);
    expect(workspace.ephemerals(users.carol).filter((e) => e.text.includes('already under way'))).toEqual([]);
  });

  it('stops at a failed AWS step with Retry; a retry by an approver runs step 2 again and step 3, never step 1', async () => {
    t = await start();
    const { workspace } = t.emulator;
    const { okta, awsIam, slackScim } = t.lab();
    awsIam.state.fail({ status: 500, method: 'POST', path: '/' });

    const { root, card } = await requestOffboarding('alice');
    await click('carol', card.ts, 'approval.approve');
    const failure = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === root.ts && hasButton(m, 'offboarding.retry'),
    );
    await t.vigil.drain();
    expect(failure.text).toContain('Step 2 of 3: Revoke cloud credentials failed');
    expect(failure.text).toContain('aws-iam (lab)');
    expect(okta.state.lifecycle).toHaveLength(1);
    expect(slackScim.state.received('PATCH')).toHaveLength(0);
    expect(shown(workspace.findMessage(channels.alerts, root.ts) ?? { text: '' })).toContain('Failed');

    // Neither the requester nor someone outside @soc-senior may retry.
    await click('alice', failure.ts, 'offboarding.retry');
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.alice && e.text.includes('separation of duties'),
    );
    await click('victor', failure.ts, 'offboarding.retry');
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.victor && e.text.includes('Only members of @soc-senior'),
    );
    expect(
      hasButton(workspace.findMessage(channels.alerts, failure.ts) ?? failure, 'offboarding.retry'),
    ).toBe(true);

    await click('carol', failure.ts, 'offboarding.retry');
    const { message: locked } = await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === failure.ts && !hasButton(c.message, 'offboarding.retry'),
    );
    expect(shown(locked)).toContain(`Retried by <@${users.carol}>`);
    await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
    await t.vigil.drain();

    // Step 1 ran once; step 2 ran again (its first request failed); step 3 ran after it.
    expect(okta.state.lifecycle).toHaveLength(1);
    expect(okta.state.received('POST', /\/lifecycle\/suspend$/)).toHaveLength(1);
    expect(okta.state.received('DELETE', /\/sessions$/)).toHaveLength(1);
    expect(awsIam.state.received('POST', '/')).toHaveLength(4);
    expect(awsIam.state.actions.map((a) => a.Action)).toEqual([
      'ListAccessKeys',
      'UpdateAccessKey',
      'DeleteLoginProfile',
    ]);
    expect(slackScim.state.received('PATCH')).toHaveLength(1);
    expect(stepsStarted()).toEqual(['disable-identity', 'revoke-cloud', 'revoke-cloud', 'remove-slack']);

    const count = (sql: string) => (t.vigil.db.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM actions WHERE status = 'done'")).toBe(3);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'offboarding.retry'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'offboarding.retry_refused'")).toBe(2);
    expect(shown(workspace.findMessage(channels.alerts, root.ts) ?? { text: '' })).toContain('Resolved');
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('never lets the requester approve their own offboarding, nor anyone outside @soc-senior; nothing is done meanwhile', async () => {
    t = await start();
    const { workspace } = t.emulator;
    const { card } = await requestOffboarding('carol');
    await click('carol', card.ts, 'approval.approve');
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.carol && e.text.includes('separation of duties'),
    );
    await click('bob', card.ts, 'approval.approve');
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.bob && e.text.includes('Only members of @soc-senior'),
    );
    await t.vigil.drain();
    expect(hasButton(workspace.findMessage(channels.alerts, card.ts) ?? card, 'approval.approve')).toBe(true);
    expect(t.lab().okta.state.lifecycle).toEqual([]);
    expect(t.lab().awsIam.state.actions).toEqual([]);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('does nothing when a senior responder denies it, and says so in the summary', async () => {
    t = await start();
    const { workspace } = t.emulator;
    const { root, card } = await requestOffboarding('alice');
    await click('carol', card.ts, 'approval.deny');
    const modal = await workspace.waitFor('view_opened', (v) => v.user === users.carol);
    await t.emulator.submitView({
      user: 'carol',
      view_id: modal.view.id,
      values: {
        'approval.deny_reason.block': { 'approval.deny_reason.input': 'Still employed: wrong person' },
      },
    });
    const summary = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'),
    );
    await t.vigil.drain();
    expect(summary.text).toContain('Not offboarded: denied by');
    expect(t.lab().okta.state.lifecycle).toEqual([]);
    expect(t.lab().slackScim.state.received('PATCH')).toHaveLength(0);
  });

  it('lets nobody decide their own offboarding, though they are in the approver group', async () => {
    t = await start();
    const { workspace } = t.emulator;
    await t.emulator.command({
      user: 'alice',
      channel: channels.alerts,
      command: '/vigil',
      text: 'offboard @carol',
    });
    const card = await t.approvalCard();
    await click('carol', card.ts, 'approval.deny');
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.carol && e.text.includes('about your own account'),
    );
    await t.vigil.drain();
    const refused = t.vigil.db.sqlite
      .prepare("SELECT data FROM audit_events WHERE type = 'approval.refused'")
      .all() as Array<{ data: string }>;
    expect(refused.map((r) => (JSON.parse(r.data) as { reason: string }).reason)).toEqual(['subject']);
    expect(t.vigil.db.sqlite.prepare('SELECT status FROM approvals').get()).toEqual({ status: 'pending' });
  });

  it('takes HR requests on POST /hr/offboard with the HR token, by e-mail', async () => {
    t = await start();
    const post = (body: string, token = t.vigil.hrToken) =>
      fetch(`${t.vigil.url}/hr/offboard`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    expect((await post(JSON.stringify({ email: VICTOR }), 'not-the-token')).status).toBe(401);
    // Whoever may send alerts (or create accounts) may not ask for an offboarding.
    expect((await post(JSON.stringify({ email: VICTOR }), t.vigil.intakeToken)).status).toBe(401);
    expect((await post(JSON.stringify({ email: VICTOR }), t.vigil.idpToken)).status).toBe(401);
    expect((await post('{"name":"victor"}')).status).toBe(400);
    const res = await post(JSON.stringify({ email: VICTOR }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true, case: 'VIG-1' });
    const card = await t.approvalCard();
    expect(shown(card)).toContain(`Offboard ${VICTOR}`);
    expect(shown(card)).toContain('hr-webhook');
  });

  it('asks nobody to approve offboarding an address neither the identity provider nor Slack knows, and says so', async () => {
    t = await start();
    const res = await fetch(`${t.vigil.url}/hr/offboard`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.vigil.hrToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'vicotr@vigil-sandbox.test' }),
    });
    expect(await res.json()).toEqual({ ok: true, case: 'VIG-1' });
    const summary = await t.emulator.workspace.waitFor('message', (m) =>
      m.text.startsWith('Summary: Not offboarded'),
    );
    expect(summary.text).toContain(
      'neither okta (lab) nor Slack knows vicotr@vigil-sandbox.test. Check the address; if the person has accounts elsewhere (an AWS IAM user vicotr), remove them there.',
    );
    await t.vigil.drain();
    expect(t.emulator.workspace.events('message').filter((m) => hasButton(m, 'approval.approve'))).toEqual(
      [],
    );
    expect(t.lab().okta.state.lifecycle).toEqual([]);
    const { status } = t.vigil.db.sqlite.prepare('SELECT status FROM cases').get() as { status: string };
    expect(status).toBe('resolved');
    expect(
      t.vigil.db.sqlite
        .prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'offboarding.unresolved'")
        .get(),
    ).toEqual({ n: 1 });
  });

  it('joins a second request for the same person, by address or by mention, to the case still open', async () => {
    t = await start();
    const { workspace } = t.emulator;
    await requestOffboarding('alice');
    await t.emulator.command({
      user: 'bob',
      channel: channels.alerts,
      command: '/vigil',
      text: 'offboard @victor',
    });
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.bob && e.text.includes('*VIG-1* already offboards this person'),
    );
    const res = await fetch(`${t.vigil.url}/hr/offboard`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.vigil.hrToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: VICTOR.toUpperCase() }),
    });
    expect(await res.json()).toEqual({ ok: true, case: 'VIG-1', duplicate: true });
    await t.vigil.drain();
    const sqlite = t.vigil.db.sqlite;
    expect(sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM approvals').get()).toEqual({ n: 1 });
    expect(
      sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'offboarding.duplicate'").get(),
    ).toEqual({ n: 2 });
  });
});
