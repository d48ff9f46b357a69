// The offline analyst notes of a closing case: its timeline from the stored times, in order and capped, and the
// next steps each playbook and each proposal's outcome call for.
import { describe, expect, it } from 'vitest';
import { emptyObservables } from '../../../graphs/agents/extraction/contract.js';
import {
  AnalystNotes,
  MAX_STEPS,
  MAX_TIMELINE,
  NOTE_TEXT_MAX,
  type TimelineInput,
  type TimelineOutcome,
} from '../../../graphs/agents/timeline/contract.js';
import { heuristicNotes } from '../../../graphs/agents/timeline/heuristic-notes.js';
import type { Playbook } from '../../../graphs/triage/contracts.js';

function caseOf(
  playbook: Playbook,
  observables: Partial<TimelineInput['alert']['observables']>,
  more: Partial<TimelineInput> = {},
): TimelineInput {
  return {
    caseId: 7,
    alert: {
      title: 'Test alert',
      severity: 'high',
      format: 'test',
      reading: 'parser:test',
      observedAt: '2026-11-21T11:58:00.000Z',
      firstSeenAt: '2026-11-21T12:00:00.000Z',
      lastSeenAt: '2026-11-21T12:00:00.000Z',
      occurrences: 1,
      observables: { ...emptyObservables(), ...observables },
    },
    classification: { family: 'other', playbook, severity: 'high', reasons: [], by: 'heuristic' },
    evidence: [],
    validation: { confidence: 0.8, reasons: [], exceptions: [] },
    outcomes: [],
    ticket: null,
    closedAt: '2026-11-21T12:10:00.000Z',
    ...more,
  };
}

const done = (
  kind: TimelineOutcome['kind'],
  target: string,
  at = '2026-11-21T12:05:00.000Z',
): TimelineOutcome => ({
  kind,
  target,
  rationale: 'because',
  gate: { mode: 'approval', reason: 'policy requires approval' },
  approvalRequestedAt: '2026-11-21T12:01:00.000Z',
  decision: {
    decision: 'approved',
    decidedBy: 'U0BOB00001',
    decidedAt: '2026-11-21T12:04:00.000Z',
    reason: null,
  },
  execution: { status: 'done', detail: `${kind} ${target}: done`, at, expiresAt: null, revertedAt: null },
});

const steps = (input: TimelineInput) => heuristicNotes(input).remediation.map((s) => s.step);

describe('heuristic analyst notes', () => {
  it('labels its notes heuristic and keeps them within the contract’s limits', () => {
    const notes = heuristicNotes(caseOf('network-indicator', { srcIps: ['203.0.113.7'] }));
    expect(notes.by).toBe('heuristic');
    expect(() => AnalystNotes.parse(notes)).not.toThrow();
  });

  it('orders the timeline by time: event, receipt, lookups, repeat, approval asked and decided, action, close', () => {
    const input = caseOf(
      'network-indicator',
      { srcIps: ['203.0.113.7'], ips: ['203.0.113.7'] },
      {
        evidence: [
          {
            subject: 'ip 203.0.113.7',
            source: 'ioc-file',
            observedAt: '2026-11-21T12:00:01.000Z',
            query: 'ioc lookup 203.0.113.7',
            fact: { verdict: 'malicious', threats: ['brute-force'] },
          },
        ],
        outcomes: [done('block_ip', '203.0.113.7')],
      },
    );
    input.alert.occurrences = 3;
    input.alert.lastSeenAt = '2026-11-21T12:03:00.000Z';
    const timeline = heuristicNotes(input).timeline;
    expect(timeline.map((e) => e.event)).toEqual([
      'Event reported by the source: Test alert',
      'Alert received: Test alert (high), read by parser:test',
      expect.stringMatching(/^Looked up ip 203\.0\.113\.7 · .*ioc-file: malicious \(brute-force\)/),
      'Approval requested: block_ip 203.0.113.7',
      'Last repeat received (3 alerts in all)',
      'block_ip 203.0.113.7 approved by <@U0BOB00001>',
      'block_ip 203.0.113.7: done',
      'Case closed',
    ]);
    expect(timeline[2]?.source).toBe('ioc-file');
    const times = timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps at most twelve moments, lookups giving way, and always the close', () => {
    const ips = Array.from({ length: 30 }, (_, i) => `198.51.100.${i + 1}`);
    const evidence = ips.map((ip, i) => ({
      subject: `ip ${ip}`,
      source: 'geoip-lite',
      observedAt: new Date(Date.parse('2026-11-21T12:00:00Z') + (i + 1) * 1000).toISOString(),
      query: `geoip lookup ${ip}`,
      fact: { country: 'NL', city: null },
    }));
    const notes = heuristicNotes(
      caseOf(
        'network-indicator',
        { srcIps: ips, ips },
        { evidence, outcomes: [done('block_ip', ips[0] ?? '')] },
      ),
    );
    expect(notes.timeline).toHaveLength(MAX_TIMELINE);
    expect(notes.timeline.at(-1)?.event).toBe('Case closed');
    expect(notes.timeline.map((e) => e.event)).toContain('Approval requested: block_ip 198.51.100.1');
    expect(notes.remediation.length).toBeLessThanOrEqual(MAX_STEPS);
  });

  it('cuts long text to the limit', () => {
    const notes = heuristicNotes(
      caseOf('observe', {}, { alert: { ...caseOf('observe', {}).alert, title: 'x'.repeat(2000) } }),
    );
    for (const e of notes.timeline) expect(e.event.length).toBeLessThanOrEqual(NOTE_TEXT_MAX);
  });

  it('identity compromise: reset credentials and revoke sessions of the named user', () => {
    expect(steps(caseOf('identity-compromise', { users: ['r.diaz@corp.example'] }))).toEqual([
      'Reset r.diaz@corp.example’s credentials and revoke their active sessions',
    ]);
  });

  it('identity compromise: after Vigil disabled the account, reset before it is enabled again, never the analyst', () => {
    const input = caseOf(
      'identity-compromise',
      { users: ['r.diaz@corp.example', 'analyst1'], analysts: ['analyst1'] },
      { outcomes: [done('disable_user', 'r.diaz@corp.example')] },
    );
    expect(steps(input)).toEqual([
      'Reset r.diaz@corp.example’s credentials and revoke their sessions before the account is enabled again',
    ]);
  });

  it('identity compromise of an account the identity provider does not know: find where it exists and reset it there if the sign-in succeeded, and look at the source’s other sign-ins', () => {
    const unknown = {
      subject: 'user admin',
      source: 'okta',
      observedAt: '2026-11-21T12:00:01.000Z',
      query: 'user lookup admin',
      fact: { userId: null, note: 'okta has no such user' },
    };
    const input = caseOf(
      'identity-compromise',
      { users: ['admin'], srcIps: ['203.0.113.7'] },
      { evidence: [unknown], outcomes: [done('block_ip', '203.0.113.7')] },
    );
    expect(heuristicNotes(input).remediation).toEqual([
      {
        step: 'Find where admin exists (a local or service account?) and, if the sign-in succeeded, reset admin’s credentials there and end its sessions',
        why: 'okta has no such account: a local or service account, or a guessed name',
      },
      {
        step: 'Look for sign-ins to other accounts from 203.0.113.7',
        why: 'a source that tries one account often tries others',
      },
    ]);
    // Not blocked, and no user named: find the account, and the source may be blocked by hand.
    expect(steps(caseOf('identity-compromise', { srcIps: ['203.0.113.7'] }))).toEqual([
      'Find the account this alert is about and reset its credentials',
      'Look for sign-ins to other accounts from 203.0.113.7, and block it if they failed too',
    ]);
  });

  it('identity compromise: still resets the credentials of a local account the IdP does not know (root after an accepted SSH password)', () => {
    const unknown = {
      subject: 'user root',
      source: 'okta',
      observedAt: '2026-11-21T12:00:01.000Z',
      query: 'user lookup root',
      fact: { userId: null, note: 'okta has no such user' },
    };
    const input = caseOf(
      'identity-compromise',
      { users: ['root'], srcIps: ['203.0.113.7'], hosts: ['web-01'] },
      { evidence: [unknown] },
    );
    input.alert.title = 'sshd: Accepted password for root from 203.0.113.7 port 52144 ssh2';
    const notes = heuristicNotes(input).remediation;
    expect(notes.some((s) => /reset root/i.test(s.step))).toBe(true);
    expect(notes.some((s) => s.why.includes('not a compromised one'))).toBe(false);
  });

  it('endpoint malware: scan or reimage the host, search the fleet for the hash', () => {
    const hash = 'a'.repeat(40);
    expect(steps(caseOf('endpoint-malware', { hosts: ['wks-042'], hashes: [hash] }))).toEqual([
      'Scan wks-042 with the EDR, or reimage it',
      `Search the fleet for the file ${hash}`,
    ]);
    expect(
      steps(
        caseOf('endpoint-malware', { hosts: ['wks-042'] }, { outcomes: [done('isolate_host', 'wks-042')] }),
      ),
    ).toEqual(['Scan wks-042 with the EDR or reimage it, then release it from isolation']);
  });

  it('network indicator: review the address’s other traffic, and confirm the block’s TTL', () => {
    const blocked = done('block_ip', '203.0.113.7');
    if (blocked.execution) blocked.execution.expiresAt = '2026-11-22T12:05:00.000Z';
    expect(steps(caseOf('network-indicator', { srcIps: ['203.0.113.7'] }, { outcomes: [blocked] }))).toEqual([
      'Review other traffic to and from 203.0.113.7',
      'Confirm the block on 203.0.113.7 may lapse at 2026-11-22T12:05:00.000Z, or extend it',
    ]);
  });

  it('cloud misconfiguration: review the change', () => {
    const input = caseOf('cloud-misconfiguration', { users: ['ops-bot'] });
    input.alert.title = 'S3 bucket made public';
    expect(steps(input)).toEqual([
      'Review the change behind “S3 bucket made public”: who made it, and whether it is still in place',
      'Ask ops-bot whether the change was intended',
    ]);
  });

  it('puts the manual follow-up of a denied, failed or forbidden action first', () => {
    const denied = done('block_ip', '203.0.113.7');
    denied.decision = { ...denied.decision!, decision: 'denied', reason: 'our scanner' };
    denied.execution = {
      status: 'skipped',
      detail: 'Not executed',
      at: null,
      expiresAt: null,
      revertedAt: null,
    };
    const failed = done('isolate_host', 'wks-042');
    failed.execution = {
      status: 'failed',
      detail: 'EDR timed out',
      at: '2026-11-21T12:06:00.000Z',
      expiresAt: null,
      revertedAt: null,
    };
    const forbidden: TimelineOutcome = {
      ...done('disable_user', 'bob'),
      gate: { mode: 'forbidden', reason: 'no rule for disable_user' },
      approvalRequestedAt: null,
      decision: null,
      execution: null,
    };
    const notes = heuristicNotes(
      caseOf('endpoint-malware', { hosts: ['wks-042'] }, { outcomes: [denied, failed, forbidden] }),
    );
    expect(notes.remediation.slice(0, 3)).toEqual([
      {
        step: 'Follow up block_ip 203.0.113.7 by hand, or record why it is not needed',
        why: 'denied by <@U0BOB00001>: our scanner',
      },
      { step: 'Carry out isolate_host wks-042 by hand', why: 'it failed: EDR timed out' },
      {
        step: 'Decide by hand whether to disable_user bob',
        why: 'policy does not let Vigil do it: no rule for disable_user',
      },
    ]);
    expect(notes.timeline.map((e) => e.event)).toContain('isolate_host wks-042 failed: EDR timed out');
  });
});
