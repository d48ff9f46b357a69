// The identity-compromise notes do not read "the identity provider has no such account" as "not compromised": local
// and service accounts (root, ubuntu, a host's local administrator) are never in the IdP, and they are what an SSH or
// RDP sign-in that succeeded compromises, so the credential reset stays.
import { expect, it } from 'vitest';
import { emptyObservables } from '../../../graphs/agents/extraction/contract.js';
import type { TimelineInput } from '../../../graphs/agents/timeline/contract.js';
import { heuristicNotes } from '../../../graphs/agents/timeline/heuristic-notes.js';

it('still says to reset the credentials of a local account that signed in successfully, which the IdP does not know', () => {
  const input: TimelineInput = {
    caseId: 7,
    alert: {
      title: 'sshd: Accepted password for root from 203.0.113.7 port 52144 ssh2',
      severity: 'high',
      format: 'test',
      reading: 'parser:test',
      observedAt: '2026-11-21T11:58:00.000Z',
      firstSeenAt: '2026-11-21T12:00:00.000Z',
      lastSeenAt: '2026-11-21T12:00:00.000Z',
      occurrences: 1,
      observables: { ...emptyObservables(), users: ['root'], srcIps: ['203.0.113.7'], hosts: ['web-01'] },
    },
    classification: {
      family: 'identity',
      playbook: 'identity-compromise',
      severity: 'high',
      reasons: [],
      by: 'heuristic',
    },
    evidence: [
      {
        subject: 'user root',
        source: 'okta',
        observedAt: '2026-11-21T12:00:01.000Z',
        query: 'user lookup root',
        fact: { userId: null, note: 'okta has no such user' },
      },
    ],
    validation: { confidence: 0.8, reasons: [], exceptions: [] },
    outcomes: [],
    ticket: null,
    closedAt: '2026-11-21T12:10:00.000Z',
  };
  const notes = heuristicNotes(input).remediation;
  expect({
    resetsRoot: notes.some((s) => /reset root/i.test(s.step)),
    saysNotCompromised: notes.some((s) => s.why.includes('not a compromised one')),
  }).toEqual({ resetsRoot: true, saysNotCompromised: false });
});
