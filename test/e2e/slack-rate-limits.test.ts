// Slack's per-method rate limits, which the emulator does not enforce on its own: usergroups.list and
// usergroups.users.list are Tier 2 methods (20+ calls a minute per app per workspace), chat.update Tier 3; past
// that Slack answers HTTP 429 `ratelimited` with Retry-After, and @slack/web-api pauses the whole client's
// request queue for that long before it retries. App Home asks once per approver group, and a card whose lock
// Slack refused is locked by the next sweep.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { captureLogs } from '../fakes/log-capture.js';
import { injectSlackFaults, type SlackFaults } from '../fakes/slack-faults.js';

const { users } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** `count` cases, each waiting for approval of a block (high-severity SSH brute force, distinct sources). */
async function pendingApprovals(count: number): Promise<void> {
  const alerts = Array.from({ length: count }, (_, i) => ({
    title: 'SSH brute force against bastion',
    severity: 'high',
    source_ip: `203.0.113.${10 + i}`,
    user: 'root',
  }));
  expect((await t.postAlert(JSON.stringify(alerts))).status).toBe(202);
  await t.vigil.drain();
  const pending = t.vigil.db.sqlite
    .prepare("SELECT count(*) AS n FROM approvals WHERE status = 'pending'")
    .get() as { n: number };
  expect(pending.n).toBe(count);
}

const tier2 = (faults: SlackFaults) =>
  faults.calls.filter((c) => c.method === 'usergroups.list' || c.method === 'usergroups.users.list');

describe('App Home against Slack Tier 2 rate limits', () => {
  it('asks Slack for the approver group once per Home open, not once per pending approval', async () => {
    t = await startLocalVigil();
    await pendingApprovals(12);
    const faults = injectSlackFaults(t.emulator);
    await t.emulator.openHome({ user: 'alice' });
    await t.emulator.workspace.waitFor('home_published', (v) => v.user === users.alice);
    // 12 approvals, all for @soc-responders: one usergroups.list and one usergroups.users.list would do.
    expect(tier2(faults).length).toBeLessThanOrEqual(2);
  });

  it('still publishes the Home tab when Slack rate-limits usergroups.* after 20 calls in the minute', async () => {
    const logs = captureLogs(50);
    t = await startLocalVigil({ overrides: { logger: logs.logger } });
    await pendingApprovals(12);
    const faults = injectSlackFaults(t.emulator);
    let inMinute = 0;
    faults.add({
      method: /^usergroups\./,
      // Slack's Tier 2: the 21st call within the minute (and every one after it) is refused.
      when: () => ++inMinute > 20,
      error: 'ratelimited',
      retryAfterSeconds: 1,
    });
    await t.emulator.openHome({ user: 'alice' });
    await t.vigil.drain();
    const published = t.emulator.workspace.events('home_published').filter((v) => v.user === users.alice);
    expect({
      published: published.length,
      rateLimited: faults.calls.filter((c) => c.faulted === 'ratelimited').length,
      errors: logs.lines.map((l) => `${l.msg}: ${l.err?.message ?? ''}`),
    }).toEqual({ published: 1, rateLimited: 0, errors: [] });
  });
});

describe('a decided card whose lock Slack rate-limited', () => {
  it('is locked by the next sweep once Slack takes calls again, without a restart (production retries: 2)', async () => {
    const logs = captureLogs(50);
    t = await startLocalVigil({ overrides: { logger: logs.logger, slackRetries: 2 } });
    const { workspace } = t.emulator;
    await pendingApprovals(1);
    const card = await t.approvalCard();
    const faults = injectSlackFaults(t.emulator);
    // chat.update is Tier 3 (50+ a minute); in a storm of case re-renders the lock's three tries are refused.
    faults.add({
      method: 'chat.update',
      match: { ts: card.ts },
      times: 3,
      error: 'ratelimited',
      retryAfterSeconds: 0,
    });
    await t.emulator.click({
      user: 'bob',
      channel: card.channel,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && m.text.startsWith('Summary:'),
    );
    await t.vigil.drain();
    const before = workspace.findMessage(card.channel, card.ts);
    expect(JSON.stringify(before?.blocks ?? [])).toContain('"action_id":"approval.approve"');
    // Slack answers again; the next sweep (every 15 s) renders again what it refused.
    await t.vigil.sweepApprovals();
    const now = workspace.findMessage(card.channel, card.ts);
    expect({
      lockTriedAfterTheFaults:
        faults.calls.filter((c) => c.method === 'chat.update' && c.args.ts === card.ts).length > 3,
      approvalStatus: (t.vigil.db.sqlite.prepare('SELECT status FROM approvals').get() as { status: string })
        .status,
      cardStillHasButtons: JSON.stringify(now?.blocks ?? []).includes('"action_id":"approval.approve"'),
      logged: logs.lines.some((l) => l.msg === 'could not update Slack'),
    }).toEqual({
      lockTriedAfterTheFaults: true,
      approvalStatus: 'approved',
      cardStillHasButtons: false,
      logged: true,
    });
  });
});
