// A thread note Slack refused is not recorded told: what intake owes a case's thread (cases.told_through) and an
// escalation's reminder (approvals.escalation_told_at) are told by the next sweep once Slack takes posts again.
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { shown as shownText, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { injectSlackFaults } from '../fakes/slack-faults.js';
import { manualClock } from '../support/clock.js';
import { until } from '../support/until.js';

const { channels } = SEED_IDS;
let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

const query = <T>(sql: string) => t.vigil.db.sqlite.prepare(sql).all() as T[];

describe('thread notes recorded told though Slack refused them', () => {
  it('tells "Seen again after it was resolved" once Slack takes posts again (the sweep re-sends what is owed)', async () => {
    t = await startLocalVigil({ overrides: { caseUpdateIntervalMs: 10 } });
    const alert = JSON.stringify({ title: 'C2 beacon', severity: 'high', src_ip: '198.51.100.90' });
    await t.postAlert(alert);
    const card = await t.approvalCard();
    await t.approveAndFinish(card);
    const root = card.thread_ts ?? card.ts;
    expect(query<{ status: string }>('SELECT status FROM cases')).toEqual([{ status: 'resolved' }]);

    // Slack refuses thread posts for a while (an incident on Slack's side answers internal_error).
    const faults = injectSlackFaults(t.emulator);
    faults.add({ method: 'chat.postMessage', when: (a) => a.thread_ts === root, error: 'internal_error' });
    const repeat = await t.postAlert(alert);
    expect(repeat.status).toBe(202);
    await until(() =>
      faults.calls.some((c) => c.method === 'chat.postMessage' && c.faulted === 'internal_error'),
    );
    await t.vigil.drain();
    faults.clear();

    // Refused: nothing says the thread was told.
    expect(query<{ told: number | null }>('SELECT told_through AS told FROM cases')).toEqual([
      { told: null },
    ]);

    // Slack is back; the approval sweep re-sends what is still owed, and only then is it recorded told.
    await t.vigil.sweepApprovals();
    await t.emulator.workspace.waitFor(
      'message',
      (m) => m.thread_ts === root && m.text.includes('Seen again after it was resolved'),
    );
    await t.vigil.drain();
    const seenAgain = t.emulator.workspace
      .thread(channels.alerts, root)
      .filter((m) => m.text.includes('Seen again after it was resolved'));
    expect(seenAgain).toHaveLength(1);
    await until(
      () => query<{ told: number | null }>('SELECT told_through AS told FROM cases')[0]?.told !== null,
    );
  });

  it('tells the Escalated note to the senior group once Slack takes posts again', async () => {
    const clock = manualClock();
    t = await startLocalVigil({ overrides: { clock: clock.now } });
    await t.postAlert(JSON.stringify({ title: 'C2 beacon', severity: 'high', src_ip: '198.51.100.91' }));
    const card = await t.approvalCard();
    const root = card.thread_ts ?? card.ts;

    const faults = injectSlackFaults(t.emulator);
    faults.add({ method: 'chat.postMessage', when: (a) => a.thread_ts === root, error: 'internal_error' });
    clock.advance(5 * 3600_000); // past the card's deadline: escalated to soc-senior
    await t.vigil.sweepApprovals();
    expect(query<{ escalations: number }>('SELECT escalations FROM approvals')[0]?.escalations).toBe(1);
    faults.clear();

    // Refused: not recorded told, so the next sweep tells it.
    expect(query<{ told: number }>('SELECT escalation_told_at IS NOT NULL AS told FROM approvals')).toEqual([
      { told: 0 },
    ]);
    await t.vigil.sweepApprovals();
    const escalated = t.emulator.workspace
      .thread(channels.alerts, root)
      .filter((m) => m.text.startsWith('Escalated'));
    expect(faults.calls.some((c) => c.faulted === 'internal_error')).toBe(true);
    expect(escalated).toHaveLength(1);
    expect(shownText(escalated[0] ?? { text: '' })).toContain(`<!subteam^${SEED_IDS.userGroups.senior}>`);
    expect(query<{ told: number }>('SELECT escalation_told_at IS NOT NULL AS told FROM approvals')).toEqual([
      { told: 1 },
    ]);
  });
});
