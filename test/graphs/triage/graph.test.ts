import { Command } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/policy/policy.js';
import { APPROVAL_POLICY, AUTO_POLICY, decided, pendingApproval, resumeWith, setup } from './harness.js';

describe('triage graph', () => {
  it('stops at the approval interrupt without blocking anything, then blocks exactly once after approval', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input, caseId } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });

    const first = await t.graph.invoke(input, config);
    expect(Reflect.get(first, '__interrupt__')).toHaveLength(1);
    expect(t.firewall.calls).toHaveLength(0);
    const approvalId = pendingApproval(first);
    expect(t.notifier.cards).toEqual([approvalId]);
    expect(t.cases.get(caseId)?.status).toBe('awaiting_approval');

    t.approvals.decide(approvalId, decided('approved'));
    const done = await t.graph.invoke(new Command({ resume: resumeWith(approvalId) }), config);

    expect(t.firewall.calls).toEqual([expect.objectContaining({ ip: '203.0.113.7', caseId })]);
    expect(done.outcomes[0]?.execution).toMatchObject({ status: 'done' });
    expect(t.edl.render()).toBe('203.0.113.7\n');
    // The node before the interrupt did not run again on resume: one approval row, one card.
    expect(t.notifier.cards).toEqual([approvalId]);
    expect(t.cases.get(caseId)?.status).toBe('resolved');
    expect(t.audit.verify().ok).toBe(true);
  });

  // 203.0.113.0/24 is for documentation: GeoLite has no entry for it, and the card must not say "found".
  it.each([
    ['203.0.113.7', 'geoip-lite: not in the GeoIP database (private or unallocated range)'],
    ['8.8.8.8', 'geoip-lite: country US'],
  ])('shows on the card what each lookup answered about %s, found or not', async (ip, answer) => {
    const listed = { threat: 'brute-force', malwareFamily: null, source: null, validUntil: null };
    const t = setup(APPROVAL_POLICY, { iocs: [{ type: 'ipv4', value: ip, confidence: 90, ...listed }] });
    const { config, input } = t.open({ title: 'SSH brute force', source_ip: ip });
    const approvalId = pendingApproval(await t.graph.invoke(input, config));
    const details = JSON.parse(t.approvals.get(approvalId)?.details ?? '{}') as { evidence: string[] };
    expect(details.evidence).toEqual([
      `ip ${ip} · ${answer}`,
      `ip ${ip} · ioc-file: verdict malicious, threats brute-force`,
    ]);
  });

  it('classifies and enriches in one step, after normalising and before validating', async () => {
    const t = setup(AUTO_POLICY);
    const { config, input } = t.open({ title: 'Known bad IP', source_ip: '192.0.2.45' });
    const byStep = new Map<number, string[]>();
    for await (const event of await t.graph.stream(input, { ...config, streamMode: 'debug' })) {
      if (event.type !== 'task') continue;
      byStep.set(event.step, [...(byStep.get(event.step) ?? []), event.payload.name].sort());
    }
    expect([...byStep.values()].slice(0, 3)).toEqual([['normalise'], ['classify', 'enrich'], ['validate']]);
  });

  it('runs the action once even if the finished thread is resumed again', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Scan', source_ip: '198.51.100.9' });
    const first = await t.graph.invoke(input, config);
    t.approvals.decide(pendingApproval(first), decided('approved'));
    await t.graph.invoke(new Command({ resume: resumeWith(pendingApproval(first)) }), config);
    await t.graph.invoke(new Command({ resume: resumeWith(pendingApproval(first)) }), config);
    expect(t.firewall.calls).toHaveLength(1);
  });

  it('records a denial with its reason and blocks nothing', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input, caseId } = t.open({ title: 'Scan', source_ip: '198.51.100.10' });
    const first = await t.graph.invoke(input, config);
    t.approvals.decide(pendingApproval(first), decided('denied', 'our scanner'));
    const done = await t.graph.invoke(
      new Command({ resume: resumeWith(pendingApproval(first), 'denied', 'our scanner') }),
      config,
    );
    expect(t.firewall.calls).toHaveLength(0);
    expect(done.outcomes[0]?.execution).toMatchObject({ status: 'skipped' });
    expect(done.summary).toContain('our scanner');
    expect(t.actions.forCase(caseId)).toHaveLength(0);
  });

  it('refuses to execute when the recorded approval does not match the action (tampered hash)', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Scan', source_ip: '198.51.100.11' });
    const first = await t.graph.invoke(input, config);
    t.approvals.decide(pendingApproval(first), decided('approved'));
    t.db.sqlite
      .prepare("UPDATE approvals SET action_hash = 'forged' WHERE id = ?")
      .run(pendingApproval(first));
    const done = await t.graph.invoke(new Command({ resume: resumeWith(pendingApproval(first)) }), config);
    expect(t.firewall.calls).toHaveLength(0);
    expect(done.outcomes[0]?.execution).toMatchObject({ status: 'failed' });
  });

  it('rejects a resume value that is not a decision', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Scan', source_ip: '198.51.100.12' });
    await t.graph.invoke(input, config);
    await expect(
      t.graph.invoke(new Command({ resume: { approve: true } as unknown }), config),
    ).rejects.toThrow();
    expect(t.firewall.calls).toHaveLength(0);
  });

  it('runs the action without waiting when policy allows auto-run, with the policy TTL', async () => {
    const t = setup(AUTO_POLICY);
    const { config, input } = t.open({ title: 'Known bad IP', source_ip: '192.0.2.44' });
    const done = await t.graph.invoke(input, config);
    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(t.firewall.calls).toEqual([
      expect.objectContaining({ ip: '192.0.2.44', expiresAt: '2026-11-21T13:00:00.000Z' }),
    ]);
  });

  it('proposes nothing for an alert with no blockable source IP', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Odd login', source_ip: '127.0.0.1' });
    const done = await t.graph.invoke(input, config);
    expect(done.proposal).toBeNull();
    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(t.notifier.cards).toHaveLength(0);
  });

  it('proposes no firewall block of an internal source, says why, and blocks an outside one', async () => {
    const t = setup(AUTO_POLICY);
    const inside = t.open({ title: 'SMB brute force', severity: 'high', source_ip: '10.0.0.8' });
    const done = await t.graph.invoke(inside.input, inside.config);
    expect(done.proposal).toBeNull();
    expect(t.firewall.calls).toHaveLength(0);
    expect(done.summary).toContain(
      'No response action was proposed: 10.0.0.8 is inside your own networks (policy validation.internal_networks)',
    );
    const none = t.db.sqlite
      .prepare("SELECT data FROM audit_events WHERE type = 'proposal.none'")
      .pluck()
      .get();
    expect(JSON.parse(String(none))).toMatchObject({ reason: expect.stringContaining('10.0.0.8 is inside') });
    const outside = t.open({ title: 'SMB brute force', severity: 'high', source_ip: '203.0.113.66' });
    await t.graph.invoke(outside.input, outside.config);
    expect(t.firewall.calls.map((c) => c.ip)).toEqual(['203.0.113.66']);
  });

  it('proposes nothing for an alert the policy lists as known benign, however severe, and says why', async () => {
    const benign = `${APPROVAL_POLICY}validation:\n  benign_patterns:\n    - { title_contains: EICAR, reason: the EICAR test file }\n`;
    const t = setup(benign);
    const test = t.open({
      title: 'Virus found: EICAR_TEST_FILE',
      severity: 'critical',
      source_ip: '203.0.113.8',
    });
    const done = await t.graph.invoke(test.input, test.config);
    expect(done.proposal).toBeNull();
    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(t.notifier.cards).toHaveLength(0);
    expect(done.summary).toContain(
      'No response action was proposed: the policy lists the alert as known benign: the EICAR test file',
    );
    const none = t.db.sqlite
      .prepare("SELECT data FROM audit_events WHERE type = 'proposal.none'")
      .pluck()
      .get();
    expect(JSON.parse(String(none))).toMatchObject({ policyHash: parsePolicy(benign).hash });
    // The same alert without the pattern is put to a person.
    const plain = t.open({
      title: 'Virus found: Win32/Agent',
      severity: 'critical',
      source_ip: '203.0.113.9',
    });
    const asked = await t.graph.invoke(plain.input, plain.config);
    expect(asked.proposal).toMatchObject({ kind: 'block_ip', target: '203.0.113.9' });
  });

  it('proposes nothing below the policy floor for proposing, says why, and proposes at or above it', async () => {
    const floored = `${APPROVAL_POLICY}validation:\n  propose_min_confidence: 0.4\n`;
    const t = setup(floored);
    // info (0.20) read by a parser (+0.05): 0.25, under the floor.
    const quiet = t.open({ title: 'Built TCP translation', severity: 'info', source_ip: '203.0.113.8' });
    const done = await t.graph.invoke(quiet.input, quiet.config);
    expect(done.proposal).toBeNull();
    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(t.notifier.cards).toHaveLength(0);
    expect(t.cases.get(quiet.caseId)?.status).toBe('resolved');
    expect(done.summary).toContain(
      "No response action was proposed: validation confidence 0.25 is below the policy's 0.40 floor",
    );
    const none = t.db.sqlite
      .prepare("SELECT data FROM audit_events WHERE type = 'proposal.none'")
      .pluck()
      .get();
    expect(JSON.parse(String(none))).toMatchObject({
      reason: expect.stringContaining('below the policy'),
      policyHash: parsePolicy(floored).hash,
    });
    // low (0.35) + 0.05 = 0.40 reaches the floor: a person is asked.
    const low = t.open({ title: 'Port scan', severity: 'low', source_ip: '203.0.113.9' });
    const asked = await t.graph.invoke(low.input, low.config);
    expect(asked.proposal).toMatchObject({ kind: 'block_ip', target: '203.0.113.9' });
    expect(Reflect.get(asked, '__interrupt__')).toHaveLength(1);
  });
});
