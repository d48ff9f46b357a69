import { describe, expect, it } from 'vitest';
import type { IdentityProvider } from '../../../connectors/types.js';
import { buildAlert } from '../../../src/intake/alert-builder.js';
import { ObservablesBuilder } from '../../../src/intake/observables-builder.js';
import type { EvidenceFact, Validation } from '../../../graphs/triage/contracts.js';
import { proposalsFor } from '../../../graphs/triage/nodes/propose.js';

/** An identity provider that is connected (so disable_user can run) and must not be called by proposing. */
const unused = () => Promise.reject(new Error('proposing must not call the identity provider'));
const identityProvider: IdentityProvider = {
  name: 'test-idp',
  findUser: unused,
  suspendUser: unused,
  unsuspendUser: unused,
  revokeSessions: unused,
  signIns: unused,
};

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
      { responders: { identityProvider } },
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
        { responders: { identityProvider } },
        alert,
        'identity-compromise',
        known('soc.analyst@example.com'),
        validation,
      ),
    ).toEqual([]);
  });
});
