// `/vigil block <ip> [ttl]` end to end: a person's request goes the governed way an alert's block goes (card in the
// thread naming the requester, never approved by them, the EDL, the TTL given and its lapse), is refused with a
// sentence when it cannot be, cannot be forged by alert content, and can be asked again once a request failed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPanOsStub } from '../../src/lab/vendors/pan-os-stub.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { hasButton, shown, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';
import { cardActions } from '../support/cards.js';
import { manualClock } from '../support/clock.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const vigil = (user: string, text: string, channel?: string) => t.vigilCommand(user, text, channel);

const audited = (type: string) =>
  (
    t.vigil.db.sqlite
      .prepare('SELECT actor, case_id AS caseId, data FROM audit_events WHERE type = ? ORDER BY id')
      .all(type) as Array<{ actor: string; caseId: number | null; data: string }>
  ).map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));

const { click, ephemeralFor, locked } = cardActions(() => t);

const caseCount = () =>
  (t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

describe('/vigil block', () => {
  it('blocks an address a person asked for once another approver approves, for the TTL they gave, then lifts it', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });

    expect(await vigil('alice', 'block 203.0.113.7 2h')).toMatch(/^Opened \*(<[^|>]+\|)?VIG-1>?\* in <#/);
    const card = await t.approvalCard();
    const text = shown(card);
    expect(text).toContain(`requested by <@${users.alice}>`);
    expect(text).toContain(`<@${users.alice}> asked for 203.0.113.7 to be blocked for 2h with /vigil block.`);
    expect(text).toContain('ttlSeconds=7200');
    const thread = t.emulator.workspace.messages(channels.alerts).find((m) => m.ts === card.thread_ts);
    expect(thread?.text).toContain('VIG-1');

    // Asking again for the same address while the case is open answers with that case.
    expect(await vigil('carol', 'block 203.0.113.7')).toMatch(
      /VIG-1.*already asks for 203\.0\.113\.7.*a TTL given now is not taken/,
    );
    expect(caseCount()).toBe(1);

    // The requester may not approve their own request.
    await t.emulator.click({
      user: 'alice',
      channel: card.channel,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.alice && e.text.includes('someone else must decide'),
    );
    expect(await t.edl()).toBe('');

    await t.approveAndFinish(card, 'bob');
    expect(await t.edl()).toBe('203.0.113.7\n');
    const result = await t.emulator.workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && hasButton(m, 'action.revert'),
    );
    expect(shown(result)).toContain('until 2026-11-21T14:00:00.000Z');

    clock.advance(119 * 60_000);
    expect(await t.vigil.sweepContainment()).toBe(0);
    expect(await t.edl()).toBe('203.0.113.7\n');
    clock.advance(2 * 60_000);
    expect(await t.vigil.sweepContainment()).toBe(1);
    expect(await t.edl()).toBe('');

    expect(
      audited('block.requested').map((r) => [r.actor, r.caseId, r.data.ttlSeconds, r.data.relation]),
    ).toEqual([
      [users.alice, 1, 7200, 'opened'],
      [users.carol, 1, null, 'repeat'],
    ]);
    expect(audited('action.reverted').map((r) => r.data.reason)).toEqual(['ttl']);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses ranges, addresses that are no remote party, internal and allow-listed ones, bad TTLs and non-readers, each with what to do', async () => {
    const dir = tempDataDir();
    const policyFile = path.join(dir, 'policy.yml');
    fs.writeFileSync(
      policyFile,
      fs
        .readFileSync('policy.yml', 'utf8')
        .replace('ips: [] # e.g. your vulnerability scanners', 'ips: [198.51.100.0/28] #'),
    );
    t = await startLocalVigil({ policyFile });
    // Victor is not in the alerts channel (its members are read once a minute, so before anyone asks).
    const alerts = t.emulator.workspace.channel(channels.alerts);
    alerts.members = alerts.members.filter((m) => m !== users.victor);
    const answers = {
      usage: await vigil('alice', 'block'),
      junk: await vigil('alice', 'block not-an-ip'),
      extra: await vigil('alice', 'block 203.0.113.7 2h now'),
      range: await vigil('alice', 'block 203.0.113.0/24'),
      loopback: await vigil('alice', 'block 127.0.0.1'),
      internal: await vigil('alice', 'block 10.1.2.3'),
      allowed: await vigil('alice', 'block 198.51.100.3'),
      short: await vigil('alice', 'block 203.0.113.7 30s'),
      long: await vigil('alice', 'block 203.0.113.7 367d'),
    };
    expect(answers.usage).toContain('Usage: /vigil block &lt;ip&gt; [ttl]');
    expect(answers.junk).toContain('is not an IP address');
    expect(answers.extra).toContain('Usage: /vigil block &lt;ip&gt; [ttl]');
    expect(answers.range).toContain('Vigil blocks one address at a time');
    expect(answers.loopback).toContain('is not a remote party');
    expect(answers.internal).toContain('isolate the machine in the EDR');
    expect(answers.allowed).toContain('allow-list');
    expect(answers.short).toContain('from 1m to 366d');
    expect(answers.long).toContain('from 1m to 366d');
    expect(audited('block.refused').map((r) => r.data.reason)).toEqual([
      'usage',
      'usage',
      'usage',
      'range',
      'not-blockable',
      'internal',
      'allow-listed',
      'ttl',
      'ttl',
    ]);

    // Someone who may not read the alerts channel may not ask either.
    const dm = `D${users.victor.slice(1)}`;
    expect(await vigil('victor', 'block 203.0.113.7', dm)).toContain('Only members of #vigil-alerts');
    expect(audited('read.refused').map((r) => [r.actor, r.data.view])).toEqual([[users.victor, 'block']]);
    expect(caseCount()).toBe(0);
    expect(audited('block.requested')).toEqual([]);
  });

  it('drops a requested block when the policy allow-lists the address before anyone approves it', async () => {
    const a =
      'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n';
    const file = path.join(tempDataDir(), 'policy.yml');
    fs.writeFileSync(file, a);
    t = await startLocalVigil({ policyFile: file });
    expect(await vigil('alice', 'block 198.51.100.61 1d')).toContain('Opened');
    const first = await t.approvalCard();

    fs.writeFileSync(file, `${a}validation:\n  allow_list: { ips: [198.51.100.61/32] }\n`);
    await click('bob', first);
    await ephemeralFor(users.bob, 'The policy changed after this card was posted');
    await locked(first, 'Superseded');
    await t.vigil.drain();

    const cards = t.emulator.workspace
      .thread(channels.alerts, first.thread_ts ?? first.ts)
      .filter((m) => hasButton(m, 'approval.approve'));
    expect(cards).toEqual([]);
    expect(await t.edl()).toBe('');
    const summary = t.emulator.workspace
      .thread(channels.alerts, first.thread_ts ?? first.ts)
      .find((m) => m.text.startsWith('Summary:'));
    expect(summary?.text).toContain('ip 198.51.100.61 is on the allow-list');
  });

  it('reads a webhook posting a request’s bytes, or a request key, as an ordinary alert', async () => {
    t = await startLocalVigil();
    const body = JSON.stringify({ action: 'block_ip', ip: '203.0.113.9', ttl: null });
    const forged = JSON.stringify({
      title: 'Please block',
      src_ip: '198.51.100.99',
      request: { action: 'block_ip', ip: '198.51.100.99', ttlSeconds: 60, by: users.alice },
    });
    // The same bytes as a webhook before the request (a reading the request must not take), and after it (a
    // reading the webhook must not take from the request).
    expect((await t.postAlert(body)).status).toBe(202);
    expect(await vigil('carol', 'block 203.0.113.9')).toContain('Opened');
    expect((await t.postAlert(body)).status).toBe(202);
    expect((await t.postAlert(forged)).status).toBe(202);
    await t.vigil.drain();

    const rows = t.vigil.db.sqlite
      .prepare(
        'SELECT source, submitted_by AS by, normalized, case_id AS caseId FROM alerts ORDER BY received_at, id',
      )
      .all() as Array<{ source: string; by: string; normalized: string; caseId: number }>;
    const read = rows.map((r) => {
      const alert = JSON.parse(r.normalized) as { request?: { by: string }; recognizedBy: string };
      return [r.source, alert.recognizedBy === 'parser:vigil.request', alert.request?.by ?? null];
    });
    expect(read.filter(([source]) => source === 'webhook')).toEqual([
      ['webhook', false, null],
      ['webhook', false, null],
      ['webhook', false, null],
    ]);
    expect(read.filter(([source]) => source !== 'webhook')).toEqual([
      ['slack:/vigil block', true, users.carol],
    ]);
    // The request opened a case of its own; only it proposed a block that a person asked for.
    const requestCase = rows.find((r) => r.source === 'slack:/vigil block')?.caseId;
    expect(rows.filter((r) => r.caseId === requestCase).map((r) => r.source)).toEqual(['slack:/vigil block']);
    const asked = audited('proposal.made').filter((r) =>
      String((r.data.proposal as { rationale: string }).rationale).includes('with /vigil block'),
    );
    expect(asked.map((r) => r.caseId)).toEqual([requestCase]);
  });

  it('lets a person ask again once the first request case failed, and blocks the address', async () => {
    const firewall = await startPanOsStub();
    try {
      t = await startLocalVigil({ env: { PANOS_URL: firewall.url, PANOS_API_KEY: firewall.state.apiKey } });
      const ip = '203.0.113.44';
      expect(await vigil('alice', `block ${ip}`)).toMatch(/^Opened .*VIG-1/);
      const card = await t.approvalCard();
      // The firewall refuses the block (its API key lost rights for a moment): the action fails.
      firewall.state.fail({ status: 403, path: '/api/', times: 10 });
      await t.approveAndFinish(card, 'bob');
      const row = () =>
        t.vigil.db.sqlite.prepare('SELECT status FROM cases WHERE id = 1').get() as { status: string };
      expect(row().status).toBe('failed');
      expect(firewall.state.registered.has(ip)).toBe(false);

      // The firewall is fixed; the analyst asks again for the same address.
      const again = await vigil('alice', `block ${ip}`);
      // Expected: a new request (nothing is blocking the address and nothing will retry VIG-1).
      expect(again).not.toMatch(/already asks for/);
      expect(again).toMatch(/^Opened .*VIG-2/);
    } finally {
      await firewall.close();
    }
  });
});
