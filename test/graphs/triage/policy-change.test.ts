// A policy.yml change under a case in flight: the run is validated and proposed for again under the policy in
// force before the gate decides (after a superseded card, or when the file changed after validation), and each
// policy decision carries the hash of the policy that validated the case.
import { Command } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import type { Ticketing } from '../../../connectors/types.js';
import { APPROVAL_POLICY, AUTO_POLICY, clock, pendingApproval, setup } from './harness.js';

const ALLOW_LISTED = 'validation:\n  allow_list: { ips: [203.0.113.7/32] }\n';

const staleResume = (approvalId: string) => ({
  approvalId,
  decision: 'stale' as const,
  decidedBy: 'vigil',
  decidedAt: clock().toISOString(),
  reason: null,
});

type Harness = ReturnType<typeof setup>;
const rows = (t: Harness, caseId: number, type: string) =>
  t.audit
    .forCase(caseId)
    .filter((row) => row.type === type)
    .map((row) => JSON.parse(row.data) as Record<string, unknown>);
const nodes = (t: Harness, caseId: number) => rows(t, caseId, 'node.completed').map((d) => d.node);

describe('a policy change under a case in flight', () => {
  it('validates a superseded card’s case again: an IP the policy in force allow-lists is neither carded again nor blocked', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input, caseId } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
    const first = pendingApproval(await t.graph.invoke(input, config));

    const b = t.setPolicy(`${APPROVAL_POLICY}${ALLOW_LISTED}`);
    t.approvals.decide(first, {
      status: 'stale',
      decidedBy: 'vigil',
      decidedAt: clock().toISOString(),
      reason: null,
    });
    const done = await t.graph.invoke(new Command({ resume: staleResume(first) }), config);

    expect(t.firewall.calls).toHaveLength(0);
    expect(t.notifier.cards).toEqual([first]);
    expect(nodes(t, caseId).slice(-3)).toEqual(['await-approval', 'revalidate', 'summarise']);
    expect(done.outcomes.map((o) => [o.proposal.id, o.gate, o.execution?.status])).toEqual([
      ['block_ip:203.0.113.7', null, 'skipped'],
    ]);
    expect(done.outcomes[0]?.execution?.detail).toMatch(
      /does not propose it \(ip 203\.0\.113\.7 is on the allow-list\)/,
    );
    expect(done.summary).toContain('Not carried out: policy.yml changed');
    // The only policy decision is the first card's; the case's validation now is the new policy's.
    expect(rows(t, caseId, 'policy.decided')).toHaveLength(1);
    expect(rows(t, caseId, 'validation.decided').map((d) => d.policyHash)).toEqual([
      expect.not.stringMatching(b),
      b,
    ]);
    expect(t.notifier.notes.map((n) => n.title)).toContain('Validated again');
    expect(t.audit.verify().ok).toBe(true);
  });

  it('says why a superseded block is dropped when the policy in force puts its address inside the own networks', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
    const first = pendingApproval(await t.graph.invoke(input, config));
    t.setPolicy(`${APPROVAL_POLICY}validation:\n  internal_networks: [203.0.113.0/24]\n`);
    t.approvals.decide(first, {
      status: 'stale',
      decidedBy: 'vigil',
      decidedAt: clock().toISOString(),
      reason: null,
    });
    const done = await t.graph.invoke(new Command({ resume: staleResume(first) }), config);
    expect(t.firewall.calls).toHaveLength(0);
    expect(done.outcomes[0]?.execution?.detail).toMatch(
      /does not propose it \(203\.0\.113\.7 is inside your own networks/,
    );
  });

  it('re-cards a superseded card under the environment the policy in force gives the case, with that policy’s hash on the decision', async () => {
    const policy = (fallback: string) => `version: 1
environments:
  default: ${fallback}
  match: [{ name: prod, tags: [env:prod] }, { name: lab, tags: [env:lab] }]
actions:
  block_ip:
    approval: required
    approvers: { usergroup: soc-responders }
    environments:
      prod: { approvers: { usergroup: soc-senior }, quorum: 2, tier: 3 }
`;
    const t = setup(policy('lab'));
    const { config, input, caseId } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.8' });
    const first = pendingApproval(await t.graph.invoke(input, config));
    expect(t.approvals.get(first)).toMatchObject({ quorum: 1, approvers: '{"usergroup":"soc-responders"}' });

    const b = t.setPolicy(policy('prod'));
    t.approvals.decide(first, {
      status: 'stale',
      decidedBy: 'vigil',
      decidedAt: clock().toISOString(),
      reason: null,
    });
    const second = pendingApproval(await t.graph.invoke(new Command({ resume: staleResume(first) }), config));

    expect(second).not.toBe(first);
    expect(t.approvals.get(second)).toMatchObject({
      quorum: 2,
      approvers: '{"usergroup":"soc-senior"}',
      policyHash: b,
    });
    expect(JSON.parse(t.approvals.get(second)?.details ?? '{}')).toMatchObject({
      environment: 'prod',
      tier: 3,
    });
    // (The second wait is not completed: it is the interrupt the run stopped at.)
    expect(nodes(t, caseId).slice(-4)).toEqual([
      'await-approval',
      'revalidate',
      'policy-gate',
      'request-approval',
    ]);
    // Each decision carries the hash of the policy whose validation it decided on.
    const decisions = rows(t, caseId, 'policy.decided');
    const validations = rows(t, caseId, 'validation.decided');
    expect(decisions.map((d) => [d.policyHash, d.environment])).toEqual(
      validations.map((v) => [v.policyHash, v.environment]),
    );
    expect(decisions.map((d) => d.environment)).toEqual(['lab', 'prod']);
    expect(t.firewall.calls).toHaveLength(0);
    expect(t.notifier.cards).toEqual([first, second]);
  });

  it('decides nothing under a policy that changed after validation, and validates the case again first', async () => {
    // The tracker call between validation and proposal is where the operator's edit lands.
    let change = () => '';
    const ticketing: Ticketing = {
      name: 'test-tracker',
      createTicket: async () => {
        change();
        return { id: '1', key: 'SOC-1', url: 'https://tracker.example/SOC-1', created: true };
      },
      transitionTicket: async () => undefined,
      addComment: async () => ({ id: 'c1' }),
      ticketsForCase: async () => [],
    };
    const t = setup(AUTO_POLICY, { ticketing });
    change = () => t.setPolicy(`${AUTO_POLICY}${ALLOW_LISTED}`);
    const { config, input, caseId } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
    const done = await t.graph.invoke(input, config);

    expect(t.firewall.calls).toHaveLength(0);
    expect(t.edl.render()).toBe('');
    expect(nodes(t, caseId).slice(-5)).toEqual([
      'open-ticket',
      'propose',
      'policy-gate',
      'revalidate',
      'summarise',
    ]);
    expect(rows(t, caseId, 'policy.decided')).toEqual([]);
    expect(done.outcomes.map((o) => o.execution?.status)).toEqual(['skipped']);
  });
});
