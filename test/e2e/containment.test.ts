// Reversible containment end to end: a block lapses with its TTL and is rolled back, or is rolled back
// early with Revert by an approver; each happens once, is audited, and the chain still verifies.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPanOsStub } from '../../src/lab/vendors/pan-os-stub.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { ActionsRepository } from '../../db/repositories/actions.js';
import { BlocklistRepository } from '../../db/repositories/blocklist.js';
import { actionIdFor, actionKeyFor } from '../../graphs/triage/action-binding.js';
import { hasButton, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { manualClock } from '../support/clock.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** Takes an alert through approval by Bob and returns the action's result note (with its Revert button). */
async function blocked(ip: string, title = 'C2 beacon'): Promise<SlackMessage> {
  const res = await t.postAlert(JSON.stringify({ title, severity: 'high', src_ip: ip }));
  const caseKey = String((res.json.alerts as Array<{ case: string }>)[0]?.case);
  const { workspace } = t.emulator;
  const card = await workspace.waitFor(
    'message',
    (m) => hasButton(m, 'approval.approve') && m.text.includes(`${caseKey}:`),
  );
  await t.approveAndFinish(card);
  const note = await workspace.waitFor(
    'message',
    (m) => m.thread_ts === card.thread_ts && hasButton(m, 'action.revert'),
  );
  expect(await t.edl()).toBe(`${ip}\n`);
  return note;
}

const audited = (type: string) =>
  t.vigil.db.sqlite
    .prepare('SELECT actor, data FROM audit_events WHERE type = ? ORDER BY id')
    .all(type) as Array<{ actor: string; data: string }>;

describe('reversible containment', () => {
  it('rolls a block back when its TTL runs out, once, and says so in the thread', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    await blocked('203.0.113.80');

    clock.advance(23 * 3600_000);
    expect(await t.vigil.sweepContainment()).toBe(0);
    expect(await t.edl()).toBe('203.0.113.80\n');

    clock.advance(2 * 3600_000);
    expect(await t.vigil.sweepContainment()).toBe(1);
    expect(await t.vigil.sweepContainment()).toBe(0);
    await t.emulator.workspace.waitFor(
      'message',
      (m) => m.text.startsWith('Reverted: Unblocked 203.0.113.80') && m.text.includes('time ran out'),
    );
    expect(await t.edl()).toBe('');
    expect(audited('action.reverted').map((r) => [r.actor, JSON.parse(r.data).reason])).toEqual([
      ['vigil', 'ttl'],
    ]);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('rolls a block back early with Revert, refuses a non-approver, and never rolls back twice', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    const note = await blocked('198.51.100.80');
    const revert = (user: string) =>
      t.emulator.click({ user, channel: channels.alerts, ts: note.ts, action_id: 'action.revert' });

    await revert('victor');
    await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.victor && e.text.includes('may roll this action back'),
    );
    expect(await t.edl()).toBe('198.51.100.80\n');

    await revert('carol');
    await t.emulator.workspace.waitFor(
      'message',
      (m) => m.text.startsWith('Reverted:') && m.text.includes(`<@${users.carol}> pressed Revert`),
    );
    expect(await t.edl()).toBe('');
    // The result note stops offering Revert and says who rolled it back; /vigil case says so too.
    await t.emulator.workspace.waitFor(
      'message_changed',
      (c) =>
        c.message.ts === note.ts &&
        !hasButton(c.message, 'action.revert') &&
        JSON.stringify(c.message.blocks).includes(`Rolled back by <@${users.carol}>`),
    );
    await t.emulator.command({
      user: 'carol',
      channel: channels.alerts,
      command: '/vigil',
      text: 'case VIG-1',
    });
    const shownCase = await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.carol && /^\*<[^|>]+\|VIG-1>\* /.test(e.text),
    );
    expect(shownCase.text).toMatch(
      new RegExp(`block_ip 198\\.51\\.100\\.80: done, rolled back by <@${users.carol}> <!date\\^`),
    );

    // Nothing is left to press.
    await expect(revert('bob')).rejects.toThrow(/no "action.revert" to click/);
    clock.advance(48 * 3600_000);
    expect(await t.vigil.sweepContainment()).toBe(0);

    expect(audited('action.revert_refused').map((r) => r.actor)).toEqual([users.victor]);
    expect(audited('action.reverted').map((r) => [r.actor, JSON.parse(r.data).reason])).toEqual([
      [users.carol, 'manual'],
    ]);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('rolls back once when two approvers press Revert at the same moment, and tells the other so', async () => {
    t = await startLocalVigil();
    const note = await blocked('198.51.100.82');
    const revert = (user: string) =>
      t.emulator.click({ user, channel: channels.alerts, ts: note.ts, action_id: 'action.revert' });
    await Promise.all([revert('carol'), revert('bob')]);
    const late = await t.emulator.workspace.waitFor('ephemeral', (e) =>
      e.text.includes('already rolled back'),
    );
    await t.vigil.drain();
    const reverted = audited('action.reverted').map((r) => r.actor);
    expect(reverted).toHaveLength(1);
    expect([users.carol, users.bob].filter((u) => u !== reverted[0])).toEqual([late.user]);
    expect(await t.edl()).toBe('');
  });

  it('keeps an IP blocked while another case’s block of it is in force: the earlier block’s TTL does not lift it', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    await blocked('203.0.113.81'); // VIG-1, until T0+24h
    clock.advance(2 * 3600_000);
    await blocked('203.0.113.81', 'Port scan from outside'); // VIG-2, until T0+26h

    clock.advance(23 * 3600_000); // T0+25h: VIG-1's block lapsed, VIG-2's has an hour left
    expect(await t.vigil.sweepContainment()).toBe(1);
    const note = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Reverted:'));
    expect(note.text).toContain(
      'Rolled back for this case (its time ran out), but block_ip 203.0.113.81 stays in force: VIG-2',
    );
    expect(await t.edl()).toBe('203.0.113.81\n');

    clock.advance(2 * 3600_000); // T0+27h: the last holder lapsed
    expect(await t.vigil.sweepContainment()).toBe(1);
    expect(await t.edl()).toBe('');
    expect(audited('action.reverted').map((r) => JSON.parse(r.data) as unknown)).toEqual([
      expect.objectContaining({ connector: null, stillHeldBy: [expect.objectContaining({ caseId: 2 })] }),
      expect.objectContaining({ connector: 'edl:ip-blocklist' }),
    ]);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('says Revert leaves in force a block another case holds, and lifts it with the last holder', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    const first = await blocked('203.0.113.82');
    clock.advance(2 * 3600_000);
    const second = await blocked('203.0.113.82', 'Port scan from outside');
    const revert = (note: SlackMessage) =>
      t.emulator.click({ user: 'carol', channel: channels.alerts, ts: note.ts, action_id: 'action.revert' });

    await revert(second);
    const held = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Reverted:'));
    expect(held.text).toContain('stays in force: VIG-1');
    await t.vigil.drain();
    expect(await t.edl()).toBe('203.0.113.82\n');

    await revert(first);
    await t.emulator.workspace.waitFor(
      'message',
      (m) => m.text.startsWith('Reverted: Unblocked 203.0.113.82') && m.text.includes('pressed Revert'),
    );
    await t.vigil.drain();
    expect(await t.edl()).toBe('');
  });

  it('finishes a Revert cut off between its claim and the firewall (a crash): refused as under way at first, then done by the sweep', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    const note = await blocked('203.0.113.83');
    const { id } = t.vigil.db.sqlite.prepare("SELECT id FROM actions WHERE kind = 'block_ip'").get() as {
      id: string;
    };
    // What a process leaves that died after claiming the roll-back, before the firewall was called.
    new ActionsRepository(t.vigil.db.orm).claimRevert(id, users.carol, clock.now().toISOString());
    expect(await t.edl()).toBe('203.0.113.83\n');
    // A moment later it may still be under way in another replica: a press is told so, and nothing runs twice.
    const revert = () =>
      t.emulator.click({ user: 'bob', channel: channels.alerts, ts: note.ts, action_id: 'action.revert' });
    await revert();
    await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.bob && e.text.includes('is under way'),
    );
    expect(await t.vigil.sweepContainment()).toBe(0);

    clock.advance(6 * 60_000); // long past any vendor call: it was cut off
    // Someone outside the approver group is refused, and the cut-off roll-back stays Carol's to finish.
    await t.emulator.click({
      user: 'victor',
      channel: channels.alerts,
      ts: note.ts,
      action_id: 'action.revert',
    });
    await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.victor && e.text.includes('may roll this action back'),
    );
    expect(await t.vigil.sweepContainment()).toBe(1);
    await t.emulator.workspace.waitFor(
      'message',
      (m) =>
        m.text.startsWith('Reverted: Unblocked 203.0.113.83') &&
        m.text.includes(`<@${users.carol}> pressed Revert`),
    );
    expect(await t.edl()).toBe('');
    expect(audited('action.reverted').map((r) => r.actor)).toEqual([users.carol]);
    expect(await t.vigil.sweepContainment()).toBe(0);
    expect(
      t.vigil.db.sqlite
        .prepare('SELECT revert_done_at IS NOT NULL AS done FROM actions WHERE id = ?')
        .get(id),
    ).toEqual({ done: 1 });
  });

  it('offers Revert on a block that ran by itself only when its policy rule names who may press it', async () => {
    for (const [rule, offered] of [
      ['    approval: auto\n    ttl: 1h\n', false],
      ['    approval: auto\n    approvers: { usergroup: soc-responders }\n    ttl: 1h\n', true],
    ] as const) {
      const policyFile = path.join(tempDataDir(), 'policy.yml');
      fs.writeFileSync(policyFile, `version: 1\nactions:\n  block_ip:\n${rule}`);
      t = await startLocalVigil({ policyFile });
      await t.postAlert(JSON.stringify({ title: 'C2 beacon', severity: 'high', src_ip: '203.0.113.84' }));
      const result = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Action:'));
      expect(hasButton(result, 'action.revert')).toBe(offered);
      await t.stop();
    }
  });

  it('lets only the approvers of the environment a block ran in press Revert on a block that ran by itself', async () => {
    const senior = 'approvers: { usergroup: soc-senior }';
    for (const rules of [
      // A block that may always run by itself; in prod (the default) only the senior group may undo it.
      'actions:\n  block_ip:\n    approval: auto\n    approvers: { usergroup: soc-responders }\n    ttl: 1h\n' +
        `    environments:\n      prod: { ${senior} }\n`,
      // A block that runs by itself only in lab (auto_run), where the lab rule names the senior group.
      'environments: { default: lab }\nactions:\n  block_ip:\n    approval: required\n' +
        '    approvers: { usergroup: soc-responders }\n    auto_run: { min_confidence: 0, environments: [lab] }\n' +
        `    ttl: 1h\n    environments:\n      lab: { ${senior} }\n`,
    ]) {
      const policyFile = path.join(tempDataDir(), 'policy.yml');
      fs.writeFileSync(policyFile, `version: 1\n${rules}`);
      t = await startLocalVigil({ policyFile });
      await t.postAlert(JSON.stringify({ title: 'C2 beacon', severity: 'high', src_ip: '203.0.113.85' }));
      const note = await t.emulator.workspace.waitFor(
        'message',
        (m) => m.text.startsWith('Action:') && hasButton(m, 'action.revert'),
      );
      const revert = (user: string) =>
        t.emulator.click({ user, channel: channels.alerts, ts: note.ts, action_id: 'action.revert' });

      // Bob is a responder (the rule’s own group), not a senior one.
      await revert('bob');
      await t.emulator.workspace.waitFor(
        'ephemeral',
        (e) => e.user === users.bob && e.text.includes('may roll this action back'),
      );
      expect(await t.edl()).toBe('203.0.113.85\n');
      expect(audited('action.revert_refused')).toEqual([
        { actor: users.bob, data: expect.stringContaining('"reason":"not-an-approver"') },
      ]);

      await revert('carol');
      await t.emulator.workspace.waitFor(
        'message',
        (m) => m.text.startsWith('Reverted:') && m.text.includes(`<@${users.carol}> pressed Revert`),
      );
      expect(await t.edl()).toBe('');
      await t.stop();
    }
  });

  it('rolls back a block a stop cut off once the case, worked again, ends without it (here: denied)', async () => {
    const policyFile = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(
      policyFile,
      'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n',
    );
    t = await startLocalVigil({ policyFile });
    const ip = '203.0.113.85';
    await t.postAlert(JSON.stringify({ title: 'C2 beacon', severity: 'high', src_ip: ip }));
    const card = await t.approvalCard();
    await t.vigil.drain();
    // What an earlier run of this case left when Vigil was killed mid-call (it ran by itself then, under a
    // looser policy): the action row `running`, and the firewall had taken the block.
    const key = actionKeyFor(1, `block_ip:${ip}`);
    const repo = new ActionsRepository(t.vigil.db.orm);
    const row = repo.claim({
      id: actionIdFor(key),
      idempotencyKey: key,
      caseId: 1,
      kind: 'block_ip',
      target: ip,
      request: JSON.stringify({ ip }),
      createdAt: new Date().toISOString(),
    });
    repo.markRunning(row.id, new Date().toISOString());
    new BlocklistRepository(t.vigil.db.orm).add({
      ip,
      caseId: 1,
      actionId: row.id,
      addedAt: new Date().toISOString(),
      expiresAt: null,
    });
    expect(await t.edl()).toBe(`${ip}\n`);

    await t.emulator.click({
      user: 'bob',
      channel: channels.alerts,
      ts: card.ts,
      action_id: 'approval.deny',
    });
    const modal = await t.emulator.workspace.waitFor('view_opened', (v) => v.user === users.bob);
    await t.emulator.submitView({
      user: 'bob',
      view_id: modal.view.id,
      values: { 'approval.deny_reason.block': { 'approval.deny_reason.input': 'Our own scanner' } },
    });
    const note = await t.emulator.workspace.waitFor('message', (m) => m.text.startsWith('Action cut off:'));
    expect(note.text).toContain(`Vigil stopped while carrying out block_ip ${ip}`);
    await t.vigil.drain();
    expect(await t.edl()).toBe('');
    expect(repo.get(row.id)?.status).toBe('failed');
    expect(audited('action.cut_off').map((r) => JSON.parse(r.data) as unknown)).toEqual([
      expect.objectContaining({ actionId: row.id, rolledBack: true }),
    ]);
  });

  it('blocks again an IP whose earlier block lapsed', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    await blocked('192.0.2.80');
    clock.advance(25 * 3600_000);
    expect(await t.edl()).toBe('');
    await blocked('192.0.2.80');
    const results = t.vigil.db.sqlite
      .prepare(
        "SELECT json_extract(result, '$.alreadyBlocked') AS again FROM actions WHERE kind = 'block_ip' ORDER BY created_at",
      )
      .all();
    expect(results).toEqual([{ again: 0 }, { again: 0 }]);
  });

  it('keeps a block the firewall will not lift in force, says why, audits it, and lifts it on a later sweep', async () => {
    const clock = manualClock();
    const firewall = await startPanOsStub();
    try {
      t = await startLocalVigil({
        overrides: { clock: clock.now },
        env: { PANOS_URL: firewall.url, PANOS_API_KEY: firewall.state.apiKey },
      });
      const ip = '198.51.100.81';
      await t.postAlert(JSON.stringify({ title: 'C2 beacon', severity: 'high', src_ip: ip }));
      const card = await t.approvalCard();
      await t.approveAndFinish(card);
      const { workspace } = t.emulator;
      const note = await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && hasButton(m, 'action.revert'),
      );
      expect(firewall.state.changes).toEqual([`register ${ip} vigil-blocked`]);

      // The API key lost its User-ID rights: PAN-OS answers 403 to the unregister.
      firewall.state.fail({ status: 403, path: '/api/' });
      await t.emulator.click({
        user: 'carol',
        channel: channels.alerts,
        ts: note.ts,
        action_id: 'action.revert',
      });
      const told = await workspace.waitFor(
        'ephemeral',
        (e) => e.user === users.carol && e.text.includes('Rolling back block_ip'),
      );
      expect(told.text).toContain(`Rolling back block_ip ${ip} failed`);
      expect(told.text).toContain('It stays in force; try again.');
      expect(firewall.state.registered.has(ip)).toBe(true);

      // The TTL lapses while the firewall still refuses: the thread is told once, and the sweep tries again
      // after a minute, then after two, not on every sweep.
      clock.advance(25 * 3600_000);
      firewall.state.fail({ status: 403, path: '/api/', times: 2 });
      expect(await t.vigil.sweepContainment()).toBe(0);
      const failed = await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && m.text.includes('Roll-back failed'),
      );
      expect(failed.text).toContain(`block_ip ${ip} should have been rolled back when its time ran out`);
      expect(failed.text).toContain('It stays in force.');
      const attempts = () => firewall.state.requests.length;
      const tried = attempts();
      expect(await t.vigil.sweepContainment()).toBe(0);
      expect(attempts()).toBe(tried);
      clock.advance(61_000);
      expect(await t.vigil.sweepContainment()).toBe(0);
      expect(attempts()).toBe(tried + 1);
      clock.advance(61_000);
      expect(await t.vigil.sweepContainment()).toBe(0);
      expect(attempts()).toBe(tried + 1);
      clock.advance(60_000);
      expect(firewall.state.registered.has(ip)).toBe(true);
      expect(await t.vigil.sweepContainment()).toBe(1);
      expect(firewall.state.changes).toEqual([
        `register ${ip} vigil-blocked`,
        `unregister ${ip} vigil-blocked`,
      ]);
      await workspace.waitFor(
        'message',
        (m) => m.thread_ts === card.thread_ts && m.text.startsWith(`Reverted: Unblocked ${ip}`),
      );
      expect(await t.vigil.sweepContainment()).toBe(0);
      await t.vigil.drain();
      expect(
        workspace
          .thread(channels.alerts, card.thread_ts ?? '')
          .filter((m) => m.text.includes('Roll-back failed')),
      ).toHaveLength(1);

      expect(audited('action.revert_failed').map((r) => [r.actor, JSON.parse(r.data).reason])).toEqual([
        [users.carol, 'manual'],
        ['vigil', 'ttl'],
        ['vigil', 'ttl'],
      ]);
      expect(audited('action.reverted').map((r) => [r.actor, JSON.parse(r.data).reason])).toEqual([
        ['vigil', 'ttl'],
      ]);
      expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await firewall.close();
    }
  });
});
