// SOC metrics after a real case: Prometheus /metrics (behind its token), /vigil stats and App Home agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
  await t.emulator.command({
    user: 'alice',
    channel: SEED_IDS.channels.alerts,
    command: '/triage',
    text: JSON.stringify({ title: 'Credential stuffing', src_ip: '203.0.113.45' }),
  });
  const card = await t.approvalCard();
  await t.emulator.click({
    user: 'victor',
    channel: SEED_IDS.channels.alerts,
    ts: card.ts,
    action_id: 'approval.approve',
  });
  await t.approveAndFinish(card);
});
afterAll(async () => {
  await t.stop();
});

const scrape = (token?: string) =>
  fetch(`${t.vigil.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('metrics', () => {
  it('refuses /metrics without the token', async () => {
    expect((await scrape()).status).toBe(401);
  });

  it('exposes time to evidence, time to triage, approval wait, touches and audit completeness to Prometheus', async () => {
    const res = await scrape(t.vigil.intakeToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const series of [
      'vigil_time_to_evidence_seconds{quantile="0.5"}',
      'vigil_time_to_triage_seconds{quantile="0.9"}',
      'vigil_approval_wait_seconds{quantile="0.5"}',
      'vigil_cases{status="resolved"} 1',
      'vigil_actions_executed 1',
      'vigil_actions_audit_complete_ratio 1',
      'vigil_pending_approvals 0',
      'vigil_process_resident_memory_bytes',
    ]) {
      expect(text).toContain(series);
    }
    // Alice brought the alert in, Victor was refused, Bob decided: three touches on one case.
    expect(text).toContain('vigil_analyst_touches_per_case 3');
  });

  it('answers /vigil stats with the same figures, to the asker only', async () => {
    await t.emulator.command({
      user: 'carol',
      channel: SEED_IDS.channels.alerts,
      command: '/vigil',
      text: 'stats',
    });
    const answer = await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === SEED_IDS.users.carol && e.text.includes('Time to triage'),
    );
    expect(answer.text).toContain('*Actions with complete audit evidence* 100% of 1');
    expect(answer.text).toContain('*Analyst touches per case* 3.0');
  });

  it('shows the headline figures on App Home', async () => {
    await t.emulator.openHome({ user: 'bob' });
    const home = await t.emulator.workspace.waitFor('home_published', (h) => h.user === SEED_IDS.users.bob);
    expect(JSON.stringify(home.view.blocks)).toContain('Time to triage');
  });

  it('posts the case evidence pack in the case thread on /vigil audit <case>', async () => {
    await t.emulator.command({
      user: 'carol',
      channel: SEED_IDS.channels.alerts,
      command: '/vigil',
      text: 'audit VIG-1',
    });
    const posted = await t.emulator.workspace.waitFor('message', (m) =>
      m.text.includes('Evidence pack for VIG-1'),
    );
    expect(posted.thread_ts).toBeDefined();
    expect(posted.text).toContain('audit chain verified');
    // Alert-derived text is escaped for Slack (&, <, >) even inside the code block.
    const json = (/```([\s\S]*)```/.exec(posted.text)?.[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    // The export is recorded after the pack is built: the pack's chain ends at the row before that record.
    const [exported] = t.vigil.audit.forCase(1, (row) => row.type === 'evidence.exported');
    expect(exported?.id).toBe(t.vigil.audit.head()?.row);
    const pack = JSON.parse(json) as { chain: unknown };
    expect(pack).toMatchObject({
      format: 'vigil.evidence-pack/1',
      case: { key: 'VIG-1' },
      chain: { verified: true, lastRow: (exported?.id ?? 0) - 1 },
    });
    expect(JSON.parse(exported?.data ?? '{}')).toMatchObject({ chain: pack.chain });
    await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === SEED_IDS.users.carol && e.text.includes('Posted the evidence pack'),
    );
  });
});
