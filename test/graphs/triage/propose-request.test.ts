// The proposal for a person's request (`/vigil block`): exactly one block of the address they named, with their TTL
// in its parameters, whatever the confidence floor; none when the policy in force refuses the address.
import { describe, expect, it } from 'vitest';
import type { Firewall } from '../../../connectors/types.js';
import type { Validation } from '../../../graphs/triage/contracts.js';
import { actionHash } from '../../../graphs/triage/action-binding.js';
import {
  policyHoldsProposals,
  proposalsFor,
  requestRefusedBy,
} from '../../../graphs/triage/nodes/propose.js';
import { readBlockRequest } from '../../../src/intake/block-request.js';
import { parsePolicy } from '../../../src/policy/policy.js';

const unused = () => Promise.reject(new Error('proposing must not call the firewall'));
const firewall: Firewall = { name: 'test-firewall', blockIp: unused };
const rulesOf = (validationYaml = '') =>
  parsePolicy(`version: 1\n${validationYaml}actions: {}\n`).validationRules();
const low: Validation = { confidence: 0.2, reasons: [], exceptions: [], environment: 'prod', assetTags: [] };
const asked = (ip: string, ttl: number | null) =>
  readBlockRequest({ action: 'block_ip', ip, ttl }, 'U0ALICE001');

describe('the proposal for a /vigil block request', () => {
  it('is one block of the address, with the TTL in its parameters and the requester in its rationale', () => {
    const alert = asked('203.0.113.7', 7200);
    const proposals = proposalsFor(
      { responders: { firewall }, rules: rulesOf() },
      alert,
      'cloud-misconfiguration',
      [],
      low,
    );
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      id: 'block_ip:203.0.113.7',
      kind: 'block_ip',
      target: '203.0.113.7',
      parameters: { ip: '203.0.113.7', ttlSeconds: 7200 },
      rationale: '<@U0ALICE001> asked for 203.0.113.7 to be blocked for 2h with /vigil block.',
    });
    // Below any floor, the policy holds nothing a person asked for.
    expect(policyHoldsProposals(low, 0.9, alert)).toBeNull();
    expect(policyHoldsProposals(low, 0.9, null)).not.toBeNull();
  });

  it('binds the TTL into the approval: another TTL is another action', () => {
    const deps = { responders: { firewall }, rules: rulesOf() };
    const [two] = proposalsFor(deps, asked('203.0.113.7', 7200), 'network-indicator', [], low);
    const [one] = proposalsFor(deps, asked('203.0.113.7', 3600), 'network-indicator', [], low);
    const [policy] = proposalsFor(deps, asked('203.0.113.7', null), 'network-indicator', [], low);
    if (!two || !one || !policy) throw new Error('no proposal');
    expect(policy.parameters).toEqual({ ip: '203.0.113.7' });
    const hash = (proposal: typeof two) =>
      actionHash({ proposal, caseId: 1, workflowVersion: 'w', policyHash: 'p' });
    expect(new Set([hash(two), hash(one), hash(policy)]).size).toBe(3);
  });

  it('is not made for an allow-listed or internal address, nor without a firewall, and says why', () => {
    const rules = rulesOf('validation:\n  allow_list: { ips: [198.51.100.0/28] }\n');
    const deps = { responders: { firewall }, rules };
    expect(proposalsFor(deps, asked('198.51.100.3', null), 'network-indicator', [], low)).toEqual([]);
    expect(requestRefusedBy(deps, asked('198.51.100.3', null).request!, low)).toContain('allow-list');
    expect(proposalsFor(deps, asked('10.0.0.5', null), 'network-indicator', [], low)).toEqual([]);
    expect(requestRefusedBy(deps, asked('10.0.0.5', null).request!, low)).toContain(
      'isolating it in the EDR',
    );
    const none = { responders: {}, rules };
    expect(proposalsFor(none, asked('203.0.113.7', null), 'network-indicator', [], low)).toEqual([]);
    expect(requestRefusedBy(none, asked('203.0.113.7', null).request!, low)).toContain('no firewall');
  });
});
