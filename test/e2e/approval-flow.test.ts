// End to end through the real Bolt HTTP receiver and the sandbox Slack workspace: alert in, case message,
// approval card, decisions by people with and without the right, the EDL, and the audit chain.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { hasButton, shown, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const alert = (ip: string) =>
  JSON.stringify({ title: 'SSH brute force against bastion', severity: 'high', source_ip: ip, user: 'root' });

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** Alice brings the alert in with `/triage`; returns its approval card. */
async function triagedByAlice(ip: string) {
  await t.emulator.command({ user: 'alice', channel: channels.alerts, command: '/triage', text: alert(ip) });
  return t.approvalCard();
}

/** `user` presses a button of the card. */
const press = (user: string, card: { ts: string }, actionId: string) =>
  t.emulator.click({ user, channel: channels.alerts, ts: card.ts, action_id: actionId });

describe('approval flow, end to end', () => {
  it('takes a webhook alert to an approved block that firewalls can pull, with the whole story in the thread', async () => {
    t = await startLocalVigil();
    const { workspace } = t.emulator;

    const accepted = await t.postAlert(alert('203.0.113.7'));
    expect(accepted.status).toBe(202);
    expect(accepted.json).toMatchObject({
      ok: true,
      alerts: [{ id: expect.stringMatching(/^alr_/), case: 'VIG-1' }],
    });

    const root = await workspace.waitFor(
      'message',
      (m) => m.channel === channels.alerts && (m.thread_ts ?? m.ts) === m.ts && m.text.startsWith('VIG-1'),
    );
    const card = await t.approvalCard();
    expect(card.thread_ts).toBe(root.ts);
    expect(shown(card)).toContain('203.0.113.7');

    const click = await press('bob', card, 'approval.approve');
    expect(click.status).toBe(200);

    const { message: locked } = await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.ts && !hasButton(c.message, 'approval.approve'),
    );
    expect(shown(locked)).toContain(`Approved by <@${users.bob}>`);
    await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
    await t.vigil.drain();

    expect(await t.edl()).toBe('203.0.113.7\n');
    const thread = workspace.thread(channels.alerts, root.ts).map((m) => m.text);
    expect(thread.some((text) => text.includes('Blocked 203.0.113.7 on edl:ip-blocklist'))).toBe(true);
    expect(shown(workspace.findMessage(channels.alerts, root.ts) ?? { text: '' })).toContain('Resolved');
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('denies through the reason modal: no reason is refused, a reason is recorded and nothing is blocked', async () => {
    t = await startLocalVigil();
    const { workspace } = t.emulator;
    const card = await triagedByAlice('198.51.100.23');

    await press('carol', card, 'approval.deny');
    const modal = await workspace.waitFor('view_opened', (v) => v.user === users.carol);
    // Slack's client refuses an empty required input; Vigil itself refuses a blank one.
    const blank = await t.emulator.submitView({
      user: 'carol',
      view_id: modal.view.id,
      values: { 'approval.deny_reason.block': { 'approval.deny_reason.input': '    ' } },
    });
    expect(JSON.stringify(blank.body)).toContain('Say why you deny it');
    expect(hasButton(workspace.findMessage(channels.alerts, card.ts) ?? card, 'approval.deny')).toBe(true);

    await t.emulator.submitView({
      user: 'carol',
      view_id: modal.view.id,
      values: {
        'approval.deny_reason.block': { 'approval.deny_reason.input': 'Our own vulnerability scanner' },
      },
    });
    const { message: locked } = await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.ts && !hasButton(c.message, 'approval.deny'),
    );
    expect(shown(locked)).toContain(`Denied by <@${users.carol}>`);
    expect(shown(locked)).toContain('Our own vulnerability scanner');
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:') && m.text.includes('scanner'),
    );
    await t.vigil.drain();
    expect(await t.edl()).toBe('');
  });

  it('refuses the requester and a non-member with an ephemeral message, audits both, and still lets an approver decide', async () => {
    t = await startLocalVigil();
    const { workspace } = t.emulator;
    const card = await triagedByAlice('192.0.2.200');

    await press('alice', card, 'approval.approve');
    const self = await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.alice && e.text.includes('separation of duties'),
    );
    expect(self.thread_ts).toBe(card.thread_ts);

    await press('victor', card, 'approval.approve');
    const outsider = await workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.victor && e.text.includes('Only members of @soc-responders'),
    );

    await press('victor', card, 'approval.deny');
    await workspace.waitFor(
      'ephemeral',
      (e) =>
        e.user === users.victor && e.text.includes('Only members of @soc-responders') && e.ts !== outsider.ts,
    );
    expect(workspace.views('victor')).toHaveLength(0);

    const refusals = t.vigil.db.sqlite
      .prepare("SELECT actor, data FROM audit_events WHERE type = 'approval.refused' ORDER BY id")
      .all() as Array<{ actor: string; data: string }>;
    expect(refusals.map((r) => [r.actor, JSON.parse(r.data).reason])).toEqual([
      [users.alice, 'self-approval'],
      [users.victor, 'not-an-approver'],
      [users.victor, 'not-an-approver'],
    ]);
    expect(hasButton(workspace.findMessage(channels.alerts, card.ts) ?? card, 'approval.approve')).toBe(true);

    await press('bob', card, 'approval.approve');
    await workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === card.ts && !hasButton(c.message, 'approval.approve'),
    );
    await t.vigil.drain();
    expect(await t.edl()).toBe('192.0.2.200\n');
  });

  it('executes once when the same card is approved twice at the same moment (double click, Slack retry)', async () => {
    t = await startLocalVigil();
    const { workspace } = t.emulator;
    await t.postAlert(alert('203.0.113.99'));
    const card = await t.approvalCard();
    const click = () =>
      t.emulator.click({ user: 'bob', channel: channels.alerts, ts: card.ts, action_id: 'approval.approve' });
    const other = () =>
      t.emulator.click({
        user: 'carol',
        channel: channels.alerts,
        ts: card.ts,
        action_id: 'approval.approve',
      });
    await Promise.all([click(), click(), other()]);
    await workspace.waitFor('ephemeral', (e) => e.text.includes('already approved'));
    await workspace.waitFor('message', (m) => m.text.startsWith('Summary:'));
    await t.vigil.drain();

    const count = (sql: string) => (t.vigil.db.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM audit_events WHERE type = 'approval.decided'")).toBe(1);
    expect(
      count(
        "SELECT count(*) AS n FROM audit_events WHERE type = 'action.executed' AND json_extract(data, '$.kind') = 'block_ip'",
      ),
    ).toBe(1);
    expect(count("SELECT count(*) AS n FROM actions WHERE kind = 'block_ip'")).toBe(1);
    expect(await t.edl()).toBe('203.0.113.99\n');
  });
});

describe('enrichment in the thread', () => {
  it('shows GeoIP and threat intelligence evidence, and the card says why the address is bad', async () => {
    t = await startLocalVigil();
    await t.postAlert(
      JSON.stringify({ title: 'Beacon', severity: 'high', src_ip: '203.0.113.66', dst_ip: '81.2.69.142' }),
    );
    // The evidence is the investigation note's Evidence section, between Triage and Validation.
    const note = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Investigation:'));
    const evidence = shown(note).split('*Evidence*')[1]?.split('*Validation*')[0] ?? '';
    expect(evidence).toContain('203.0.113.66');
    expect(evidence).toContain('ioc-file: malicious (c2)');
    expect(evidence).toMatch(/81\.2\.69\.142 · GB/);
    const card = await t.approvalCard();
    expect(shown(card)).toContain('ioc-file lists it as malicious');
  });
});

describe('the case thread on the auto-run path', () => {
  it('tells the story in one investigation message, the result and the summary; the root changes only when it shows something new', async () => {
    const dir = tempDataDir();
    const policyFile = path.join(dir, 'policy.yml');
    fs.writeFileSync(policyFile, 'version: 1\nactions:\n  block_ip:\n    approval: auto\n    ttl: 24h\n');
    t = await startLocalVigil({ policyFile });
    const { workspace } = t.emulator;
    // Medium: no ticket to open, so the thread is only triage's own story.
    await t.postAlert(
      JSON.stringify({ title: 'Port scan from the outside', severity: 'medium', src_ip: '203.0.113.40' }),
    );
    const root = await workspace.waitFor('message', (m) => !m.thread_ts && m.text.startsWith('VIG-1'));
    await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
    await t.vigil.drain();

    const thread = workspace.thread(channels.alerts, root.ts).slice(1);
    expect(thread.map((m) => m.text.split(':')[0])).toEqual(['Investigation', 'Action', 'Summary']);
    const investigation = shown(thread[0] ?? { text: '' });
    for (const section of ['*Triage*', '*Evidence*', '*Validation*'])
      expect(investigation).toContain(section);
    expect(investigation).toContain('*Source IPs*\\n203.0.113.40');
    expect(investigation).toContain('203.0.113.40 · location unknown · ioc-file: unknown');
    expect(investigation).toMatch(/Confidence \d\.\d\d · network-indicator playbook · prod/);
    // Posted once as the case opened (triage in progress), updated once when it was resolved.
    const edits = workspace.events('message_changed').filter((c) => c.message.ts === root.ts);
    expect(edits.map((c) => c.message.text)).toEqual(['VIG-1 [medium] Port scan from the outside: resolved']);
  });
});
