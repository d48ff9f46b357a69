// Onboarding end to end: POST /idp/user-created (plain JSON and an Okta Event Hook delivery), and
// /vigil onboard, through the real Bolt app and the sandbox Slack workspace, with the real Salesforce and
// Slack SCIM connectors against the lab's vendor stubs: provisioned per roles.yml, a Salesforce rejection
// flagged in the thread while Slack is still done, and bad input refused with nothing provisioned.
import { afterEach, describe, expect, it } from 'vitest';
import { sampleOktaUser } from '../../src/lab/vendors/okta-stub.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, shown, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const DANA = { email: 'dana.ruiz@example.com', name: 'Dana Ruiz', role: 'sales' };
/** The Sales User profile of the lab org, which roles.yml gives the sales role. */
const SALES_PROFILE = '00eLAB000000001AAA';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** Vendor calls fail on the first attempt (no connector retries). */
const start = () => startLocalVigil({ overrides: { connectorDeps: { maxAttempts: 1 } } });

function post(body: string, token: string | null = t.vigil.idpToken ?? null) {
  return fetch(`${t.vigil.url}/idp/user-created`, {
    method: 'POST',
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      'content-type': 'application/json',
    },
    body,
  });
}

/** Waits for the case's root message and its summary; returns the root and the thread's texts. */
async function finished(key: string): Promise<{ root: SlackMessage; thread: SlackMessage[] }> {
  const { workspace } = t.emulator;
  const root = await workspace.waitFor(
    'message',
    (m) => m.channel === channels.alerts && m.thread_ts === undefined && m.text.startsWith(key),
  );
  await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
  await t.vigil.drain();
  return { root, thread: workspace.thread(channels.alerts, root.ts) };
}

const rootNow = (root: SlackMessage) =>
  shown(t.emulator.workspace.findMessage(channels.alerts, root.ts) ?? root);
const scimAccount = (email: string) =>
  [...t.lab().slackScim.state.users.values()].find((u) => u.emails[0]?.value === email);
const groupMembers = (name: string) =>
  [...t.lab().slackScim.state.groups.values()].find((g) => g.displayName === name)?.members ?? [];
const count = (sql: string) => (t.vigil.db.sqlite.prepare(sql).get() as { n: number }).n;

describe('onboarding, end to end', () => {
  it('provisions a new person from the identity provider webhook in Salesforce and Slack per the role’s mapping, each step in the thread', async () => {
    t = await start();
    const res = await post(JSON.stringify(DANA));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true, case: 'VIG-1' });

    const { root, thread } = await finished('VIG-1');
    expect(root.text).toContain('Onboard Dana Ruiz (dana.ruiz@example.com) as sales');
    const texts = thread.map((m) => m.text);
    const sfNote = texts.find((x) => x.startsWith('Salesforce account:'));
    const slackNote = texts.find((x) => x.startsWith('Slack account:'));
    expect(sfNote).toContain('salesforce (lab)');
    expect(sfNote).toContain(SALES_PROFILE);
    expect(slackNote).toContain('slack-scim (lab)');
    expect(slackNote).toContain('@all-staff, @sales');
    expect(texts.at(-1)).toContain('Onboarded Dana Ruiz (dana.ruiz@example.com) as sales');

    // What the vendors received: a Salesforce user with the role's profile, a Slack account in its groups.
    const { salesforce } = t.lab();
    expect(salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(1);
    expect(salesforce.state.users.get(DANA.email)).toMatchObject({
      Username: DANA.email,
      FirstName: 'Dana',
      LastName: 'Ruiz',
      ProfileId: SALES_PROFILE,
    });
    const account = scimAccount(DANA.email);
    expect(account).toMatchObject({ userName: 'dana.ruiz', active: true });
    expect(groupMembers('sales')).toEqual([account?.id]);
    expect(groupMembers('all-staff')).toContain(account?.id);
    expect(groupMembers('engineering')).toEqual([]);

    const rows = t.vigil.db.sqlite
      .prepare('SELECT idempotency_key AS key, status FROM actions ORDER BY idempotency_key')
      .all();
    expect(rows).toEqual([
      { key: 'onboard:VIG-1:provision-salesforce', status: 'done' },
      { key: 'onboard:VIG-1:provision-slack', status: 'done' },
    ]);
    expect(rootNow(root)).toContain('Resolved');

    // The identity provider delivers the same webhook again: it joins VIG-1, and nothing is provisioned twice.
    const again = await post(JSON.stringify(DANA));
    expect(await again.json()).toEqual({ ok: true, case: 'VIG-1', duplicate: true });
    await t.vigil.drain();
    expect(salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(1);
    expect(t.lab().slackScim.state.received('POST', '/scim/v1/Users')).toHaveLength(1);
    expect(count('SELECT count(*) AS n FROM cases')).toBe(1);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('flags a Salesforce rejection in the thread for review and still provisions Slack; a reviewer’s Retry finishes it', async () => {
    t = await start();
    // Salesforce usernames are unique across every org: this one is taken in another org.
    t.lab().salesforce.state.takenElsewhere.add(DANA.email);
    expect((await post(JSON.stringify(DANA))).status).toBe(202);

    const { workspace } = t.emulator;
    const { root, thread } = await finished('VIG-1');
    const flag = thread.find((m) => m.text.startsWith('Salesforce account failed, flagged for review'));
    expect(flag?.text).toContain('salesforce (lab)');
    expect(flag?.text).toContain('The username already exists in this or another Salesforce organization');
    expect(thread.find((m) => m.text.startsWith('Slack account:'))?.text).toContain('Created Slack account');
    expect(thread.at(-1)?.text).toContain('Needs review');

    expect(t.lab().salesforce.state.users.size).toBe(0);
    expect(groupMembers('sales')).toEqual([scimAccount(DANA.email)?.id]);
    const scimUsersBefore = t.lab().slackScim.state.users.size;
    expect(count("SELECT count(*) AS n FROM actions WHERE status = 'failed'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM actions WHERE status = 'done'")).toBe(1);
    expect(rootNow(root)).toContain('Failed');
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });

    // Retry: someone outside the reviewers (@soc-responders) is refused; once the cause is fixed, a
    // reviewer's Retry runs the Salesforce step alone, and the case resolves.
    expect(hasButton(flag ?? root, 'onboarding.retry')).toBe(true);
    const click = (user: string) =>
      t.emulator.click({ user, channel: channels.alerts, ts: flag?.ts ?? '', action_id: 'onboarding.retry' });
    await click('victor');
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.victor && e.text.includes('Only members of @soc-responders'),
    );
    t.lab().salesforce.state.takenElsewhere.clear();
    await click('bob');
    const { message: locked } = await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === flag?.ts && !hasButton(c.message, 'onboarding.retry'),
    );
    expect(shown(locked)).toContain(`Retried by <@${users.bob}>`);
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:') && m.text.includes('Onboarded'),
    );
    await t.vigil.drain();
    expect(t.lab().salesforce.state.users.get(DANA.email)?.ProfileId).toBe(SALES_PROFILE);
    expect(t.lab().salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(2);
    expect(t.lab().slackScim.state.received('POST', '/scim/v1/Users')).toHaveLength(1);
    expect(t.lab().slackScim.state.users.size).toBe(scimUsersBefore);
    expect(count("SELECT count(*) AS n FROM actions WHERE status = 'done'")).toBe(2);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'onboarding.retry'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'onboarding.retry_refused'")).toBe(1);
    expect(rootNow(root)).toContain('Resolved');
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('lets a reviewer retry a step that failed for want of a connector: it runs again, and says so again', async () => {
    t = await startLocalVigil({ env: { VIGIL_LAB: 'off' } });
    const { workspace } = t.emulator;
    expect((await post(JSON.stringify(DANA))).status).toBe(202);
    const { thread } = await finished('VIG-1');
    const flag = thread.find((m) => m.text.startsWith('Salesforce account failed, flagged for review'));
    expect(flag?.text).toContain('No CRM connector is configured');
    expect(count("SELECT count(*) AS n FROM actions WHERE status = 'failed'")).toBe(2);

    await t.emulator.click({
      user: 'bob',
      channel: channels.alerts,
      ts: flag?.ts ?? '',
      action_id: 'onboarding.retry',
    });
    await workspace.waitFor(
      'message',
      (m) =>
        m.ts !== flag?.ts &&
        m.text.startsWith('Salesforce account failed') &&
        hasButton(m, 'onboarding.retry'),
    );
    await t.vigil.drain();
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'onboarding.retry'")).toBe(1);
    expect(workspace.ephemerals(users.bob).filter((e) => e.text.includes('already under way'))).toEqual([]);
  });

  it('refuses bad webhook input with 400 and a reason, 401 without the token, and provisions nothing', async () => {
    t = await start();
    const unauthorised = await post(JSON.stringify(DANA), null);
    expect(unauthorised.status).toBe(401);
    expect(await unauthorised.json()).toMatchObject({
      code: 'unauthorized',
      message: 'Send the token as "Authorization: Bearer <VIGIL_IDP_TOKEN>".',
    });
    expect((await post(JSON.stringify(DANA), 'not-the-idp-token-000000000000')).status).toBe(401);
    // Whoever may send alerts may not create accounts.
    expect((await post(JSON.stringify(DANA), t.vigil.intakeToken)).status).toBe(401);

    const unknownRole = await post(JSON.stringify({ ...DANA, role: 'astronaut' }));
    expect(unknownRole.status).toBe(400);
    const body = (await unknownRole.json()) as { code: string; message: string };
    expect(body.code).toBe('invalid_input');
    expect(body.message).toContain(
      'role "astronaut" is not in the role mapping; known roles: sales, support',
    );
    // An address outside roles.yml's email_domains gets no account, whoever sends it.
    const outsider = await post(JSON.stringify({ ...DANA, email: 'dana.ruiz@attacker.example' }));
    expect(outsider.status).toBe(400);
    expect(((await outsider.json()) as { message: string }).message).toContain(
      'dana.ruiz@attacker.example is not in an e-mail domain roles.yml onboards (example.com)',
    );

    const missing = (await (await post('{"email":"x@example.com"}')).json()) as { message: string };
    expect(missing.message).toContain('name is missing');
    expect((await post('{"email":"not an address","name":"X","role":"sales"}')).status).toBe(400);
    const notJson = await post('email=x');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe('invalid_json');

    await t.vigil.drain();
    expect(count('SELECT count(*) AS n FROM cases')).toBe(0);
    expect(count('SELECT count(*) AS n FROM actions')).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'onboarding.refused'")).toBe(5);
    expect(t.lab().salesforce.state.requests).toHaveLength(0);
    expect(t.lab().slackScim.state.received('POST')).toHaveLength(0);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('answers Okta’s verification challenge and onboards the person a user.lifecycle.create event names, by their job title', async () => {
    t = await start();
    const verify = await fetch(`${t.vigil.url}/idp/user-created`, {
      headers: { authorization: `Bearer ${t.vigil.idpToken}`, 'x-okta-verification-challenge': 'abc123' },
    });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toEqual({ verification: 'abc123' });

    const { okta } = t.lab();
    const created = sampleOktaUser('00unew0001', 'eli.moss@example.com');
    okta.state.users.set(created.id, {
      ...created,
      profile: { ...created.profile, firstName: 'Eli', lastName: 'Moss', title: 'Software Engineer' },
    });
    const delivery = {
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: 'https://example.okta.com/api/v1/eventHooks/who8',
      eventId: 'b6a4d0e1',
      data: {
        events: [
          {
            uuid: 'e1-create',
            published: '2026-11-21T12:00:00.000Z',
            eventType: 'user.lifecycle.create',
            displayMessage: 'Create Okta user',
            target: [
              {
                id: '00unew0001',
                type: 'User',
                alternateId: 'eli.moss@example.com',
                displayName: 'Eli Moss',
              },
            ],
          },
          { uuid: 'e2-other', eventType: 'user.session.start', target: [] },
        ],
      },
    };
    const res = await post(JSON.stringify(delivery));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, queued: 1, duplicates: 0, refused: [], ignored: 1 });

    const { root, thread } = await finished('VIG-1');
    expect(root.text).toContain('Onboard Eli Moss (eli.moss@example.com) as engineer');
    expect(thread.find((m) => m.text.startsWith('Salesforce account:'))?.text).toContain('Skipped');
    expect(groupMembers('engineering')).toEqual([scimAccount('eli.moss@example.com')?.id]);
    expect(t.lab().salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(0);
  });

  it('takes /vigil onboard from a reviewer, never lets them retry it themselves, answers an unknown role only to them, and refuses anyone else', async () => {
    t = await start();
    const { workspace } = t.emulator;
    t.lab().salesforce.state.takenElsewhere.add(DANA.email);
    await t.emulator.command({
      user: 'alice',
      channel: channels.alerts,
      command: '/vigil',
      text: 'onboard <mailto:dana.ruiz@example.com|dana.ruiz@example.com> sales Dana Ruiz',
    });
    await workspace.waitFor('ephemeral', (e) => e.user === users.alice && e.text.includes('Opened *VIG-1*'));
    const { thread } = await finished('VIG-1');
    const flag = thread.find((m) => hasButton(m, 'onboarding.retry'));
    expect(flag?.text).toContain('Salesforce account failed');

    // Whoever asked for the onboarding may not retry it.
    await t.emulator.click({
      user: 'alice',
      channel: channels.alerts,
      ts: flag?.ts ?? '',
      action_id: 'onboarding.retry',
    });
    await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.alice && e.text.includes('separation of duties'),
    );
    expect(t.lab().salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(1);

    await t.emulator.command({
      user: 'bob',
      channel: channels.alerts,
      command: '/vigil',
      text: 'onboard eli@example.com astronaut Eli Moss',
    });
    const refusal = await workspace.waitFor('ephemeral', (e) => e.user === users.bob);
    expect(refusal.text).toContain('role "astronaut" is not in the role mapping');

    // It creates accounts with no approval, so only the reviewers of roles.yml may ask; the refusal is audited.
    await t.emulator.command({
      user: 'victor',
      channel: channels.alerts,
      command: '/vigil',
      text: 'onboard eve@attacker.example support Eve Outsider',
    });
    const refused = await workspace.waitFor('ephemeral', (e) => e.user === users.victor);
    expect(refused.text).toContain('Only members of @soc-responders (the reviewers of roles.yml) may ask');
    await t.vigil.drain();
    expect(count('SELECT count(*) AS n FROM cases')).toBe(1);
    const audited = t.vigil.db.sqlite
      .prepare("SELECT actor, data FROM audit_events WHERE type = 'onboarding.refused' ORDER BY id")
      .all() as Array<{ actor: string; data: string }>;
    expect(audited.at(-1)).toMatchObject({
      actor: users.victor,
      data: expect.stringContaining('not-a-reviewer'),
    });
    expect(t.lab().salesforce.state.received('POST', /\/sobjects\/User$/)).toHaveLength(1);
  });
});
