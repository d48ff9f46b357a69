// The playbooks in local mode, end to end through the real Bolt app, the sandbox and the lab's vendor stubs
// (CrowdStrike Falcon, Okta, Jira), fed with the sandbox page's own sample alerts: an endpoint detection
// becomes an isolation card (lab host, tier, confidence) that isolates once and reverts; an Okta sign-in
// becomes a disable-user card; a critical SIEM alert gets its Jira ticket linked in the thread.
import { afterEach, describe, expect, it } from 'vitest';
import { findSample } from '../../src/sandbox/web/samples.js';
import { hasButton, shown, startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

async function send(sampleId: string): Promise<string> {
  const sample = findSample(sampleId);
  if (!sample) throw new Error(`no sample ${sampleId}`);
  const [payload] = sample.build(0, new Date());
  if (!payload) throw new Error('sample without payload');
  const res = await t.postAlert(payload.body, { 'content-type': payload.contentType });
  expect(res.status).toBe(202);
  return String((res.json.alerts as Array<{ case: string }>)[0]?.case);
}

const lab = () => {
  const stubs = t.vigil.lab;
  if (!stubs) throw new Error('local mode without the lab');
  return stubs;
};

describe('playbooks in the lab', () => {
  it('isolates the lab laptop of an endpoint detection after approval, exactly once, and lifts it with Revert', async () => {
    t = await startLocalVigil();
    const caseKey = await send('endpoint-malware');
    const { workspace } = t.emulator;
    const card = await workspace.waitFor(
      'message',
      (m) => hasButton(m, 'approval.approve') && m.text.includes(`${caseKey}:`),
    );
    const text = shown(card);
    expect(card.text).toContain('Isolate host FIN-LT-0142');
    expect(text).toContain('tier 2 (moderate)');
    expect(text).toMatch(/0\.\d\d in lab/);
    expect(text).toContain('crowdstrike-falcon (lab): containment normal');
    expect(lab().falcon.state.received('POST', '/devices/entities/devices-actions/v2')).toHaveLength(0);

    await t.approveAndFinish(card);
    expect(lab().falcon.state.actions).toEqual(['contain lab-dev-142']);
    const note = await workspace.waitFor(
      'message',
      (m) => m.thread_ts === card.thread_ts && hasButton(m, 'action.revert'),
    );
    expect(note.text).toContain('Isolated FIN-LT-0142 on crowdstrike-falcon (lab)');

    await t.emulator.click({ user: 'carol', channel: note.channel, ts: note.ts, action_id: 'action.revert' });
    await workspace.waitFor('message', (m) => m.text.includes('Released FIN-LT-0142 from isolation'));
    expect(lab().falcon.state.actions).toEqual(['contain lab-dev-142', 'lift_containment lab-dev-142']);
    expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
  });

  it('proposes disabling the Okta user of a suspicious sign-in, and suspends them once approved', async () => {
    t = await startLocalVigil();
    const caseKey = await send('suspicious-login');
    const { workspace } = t.emulator;
    const card = await workspace.waitFor(
      'message',
      (m) => hasButton(m, 'approval.approve') && m.text.includes(`${caseKey}:`),
    );
    expect(card.text).toContain('Disable user dana.whitfield@example.com');
    expect(shown(card)).toContain('tier 3 (high)');
    await t.emulator.click({
      user: 'bob',
      channel: card.channel,
      ts: card.ts,
      action_id: 'approval.approve',
    });
    await workspace.waitFor('message', (m) =>
      m.text.includes('Suspended dana.whitfield@example.com in okta (lab) and ended their sessions'),
    );
    expect(lab().okta.state.lifecycle).toEqual(['suspend 00ulabx001']);
  });

  it('opens one Jira ticket for a critical alert and links it in the case thread', async () => {
    t = await startLocalVigil();
    const caseKey = await send('critical-ticket');
    const note = await t.emulator.workspace.waitFor('message', (m) =>
      m.text.includes('Opened SOC-1 in jira (lab)'),
    );
    const issues = [...lab().jira.state.issues.values()];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.fields).toMatchObject({
      summary: 'High-Severity Alert: Exploitation of public VPN appliance followed by admin logon',
      priority: { name: 'Highest' },
      project: { key: 'SOC' },
    });
    const root = t.emulator.workspace.events('message').find((m) => m.ts === note.thread_ts);
    expect(root?.text).toContain(caseKey);
  });
});
