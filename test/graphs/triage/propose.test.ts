import { describe, expect, it } from 'vitest';
import type { Firewall, IdentityProvider } from '../../../connectors/types.js';
import { buildAlert } from '../../../src/intake/alert-builder.js';
import { ObservablesBuilder } from '../../../src/intake/observables-builder.js';
import type { EvidenceFact, Validation } from '../../../graphs/triage/contracts.js';
import {
  internalSourcesSpared,
  proposalsFor,
  type ProposeDeps,
} from '../../../graphs/triage/nodes/propose.js';
import { parsePolicy } from '../../../src/policy/policy.js';

/** An identity provider that is connected (so disable_user can run) and must not be called by proposing. */
const unused = () => Promise.reject(new Error('proposing must not call the identity provider'));
const identityProvider: IdentityProvider = {
  name: 'test-idp',
  findUser: unused,
  suspendUser: unused,
  unsuspendUser: unused,
  offboardUser: unused,
  revokeSessions: unused,
  signIns: unused,
};

/** A firewall that is connected (so block_ip can run) and must not be called by proposing. */
const firewall: Firewall = { name: 'test-firewall', blockIp: unused };

/** The validation rules of a policy file: the shipped defaults unless the file says otherwise. */
const rulesOf = (validationYaml = '') =>
  parsePolicy(`version: 1\n${validationYaml}actions: {}\n`).validationRules();

const validation: Validation = {
  confidence: 0.8,
  reasons: [],
  exceptions: [],
  environment: 'prod',
  assetTags: [],
};

/** The identity provider knows every listed user (enrichment found them). */
const known = (...users: string[]): EvidenceFact[] =>
  users.map((user, i) => ({
    subject: `user ${user}`,
    source: 'test-idp',
    observedAt: '2026-11-22T10:00:00.000Z',
    query: `findUser ${user}`,
    fact: { userId: `00u${i}` },
  }));

describe('the proposal role and the analysts working an alert', () => {
  it('never proposes disabling the analyst an alert is assigned to, only the user it is about', () => {
    const obs = new ObservablesBuilder();
    obs.analyst('soc.analyst@example.com');
    obs.user('victim@example.com');
    const alert = buildAlert(
      { format: 'test', recognizedBy: 'extractor', title: 'Impossible travel', severity: 'high' },
      obs.build(),
    );
    const proposals = proposalsFor(
      { responders: { identityProvider }, rules: rulesOf() },
      alert,
      'identity-compromise',
      known('soc.analyst@example.com', 'victim@example.com'),
      validation,
    );
    expect(proposals.map((p) => p.id)).toEqual(['disable_user:victim@example.com']);
  });

  it('proposes no account at all when the analyst is the only user the alert names', () => {
    const obs = new ObservablesBuilder();
    obs.analyst('soc.analyst@example.com');
    const alert = buildAlert(
      { format: 'test', recognizedBy: 'extractor', title: 'Impossible travel', severity: 'high' },
      obs.build(),
    );
    expect(
      proposalsFor(
        { responders: { identityProvider }, rules: rulesOf() },
        alert,
        'identity-compromise',
        known('soc.analyst@example.com'),
        validation,
      ),
    ).toEqual([]);
  });
});

describe("the proposal role and the organisation's own addresses", () => {
  const alertFrom = (...sources: string[]) => {
    const obs = new ObservablesBuilder();
    for (const ip of sources) obs.srcIp(ip);
    return buildAlert(
      { format: 'test', recognizedBy: 'extractor', title: 'SMB brute force', severity: 'high' },
      obs.build(),
    );
  };
  const deps: ProposeDeps = { responders: { firewall }, rules: rulesOf() };

  it('does not propose a firewall block of a private (RFC 1918 or unique local) source, and says why', () => {
    for (const internal of ['10.20.30.40', '172.16.0.9', '192.168.1.50', 'fd00::7']) {
      const alert = alertFrom(internal);
      expect(proposalsFor(deps, alert, 'network-indicator', [], validation), internal).toEqual([]);
      expect(internalSourcesSpared(deps, alert, 'network-indicator', validation)).toEqual([internal]);
    }
  });

  it('blocks the outside source when an alert names an internal one too', () => {
    const alert = alertFrom('10.0.0.8', '203.0.113.66');
    expect(proposalsFor(deps, alert, 'network-indicator', [], validation).map((p) => p.id)).toEqual([
      'block_ip:203.0.113.66',
    ]);
    expect(internalSourcesSpared(deps, alert, 'network-indicator', validation)).toEqual([]);
  });

  it("follows the policy's own list of internal networks, and blocks any source when it is empty", () => {
    const alert = alertFrom('198.51.100.20');
    const own = {
      responders: { firewall },
      rules: rulesOf('validation:\n  internal_networks: [198.51.100.0/24]\n'),
    };
    expect(proposalsFor(own, alert, 'network-indicator', [], validation)).toEqual([]);
    const none = { responders: { firewall }, rules: rulesOf('validation:\n  internal_networks: []\n') };
    expect(
      proposalsFor(none, alertFrom('10.0.0.8'), 'network-indicator', [], validation).map((p) => p.id),
    ).toEqual(['block_ip:10.0.0.8']);
  });
});
