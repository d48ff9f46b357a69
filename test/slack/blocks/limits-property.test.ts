// Property: every Block Kit builder, given anything its input types allow (alert-derived strings of any length
// and content, long lists, many fields), builds what Slack accepts: checked against the emulator's copy of
// Slack's documented limits (blocks per message, characters per section, field, header, button, modal title).
// A message Slack refuses with invalid_blocks is a case nobody sees. And nothing in the input becomes a
// broadcast, a group ping or a link, in the blocks or in the notification text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../../src/sandbox/block-kit-limits.js';
import { buildApprovalCardBlocks, type ApprovalView } from '../../../src/slack/blocks/approval-card.js';
import { buildCaseMessageBlocks } from '../../../src/slack/blocks/case-message.js';
import { buildDenyReasonModal } from '../../../src/slack/blocks/deny-reason-modal.js';
import { buildHomeView } from '../../../src/slack/blocks/home-view.js';
import { buildOffboardingFailureBlocks } from '../../../src/slack/blocks/offboarding-failure.js';
import { buildOnboardingFlagBlocks } from '../../../src/slack/blocks/onboarding-flag.js';
import { buildThreadNoteBlocks } from '../../../src/slack/blocks/thread-note.js';
import { mrkdwnTexts, SMUGGLED } from '../../support/mrkdwn.js';

const now = new Date('2026-11-21T10:00:00.000Z');
/** Text from an alert or a person: any characters, Slack markup included, short or very long. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '<!channel> *x* `y` & <http://evil|ok>',
      '<!here|here> <!everyone> <!subteam^S0SENIOR01|@soc-senior> <mailto:a@b.example|mail>',
      'x'.repeat(5_000),
      '&'.repeat(3_000),
    ),
  },
);
const nonEmpty = text.filter((s) => s.length > 0);
const list = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(fc.array(item, { maxLength: 5 }), fc.array(item, { minLength: 40, maxLength: 300 }));
const iso = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const PEOPLE = ['U0ALICE001', 'U0BOB00001', 'U0CAROL001'];
const userId = fc.constantFrom(...PEOPLE);
const caseKey = fc.integer({ min: 1, max: 999_999_999 }).map((n) => `VIG-${n}`);
const RUNS = { numRuns: 150 };

const inert = (built: { text?: string; blocks: unknown }) => {
  for (const text of mrkdwnTexts(built)) expect(text).not.toMatch(SMUGGLED);
};

/** Builds and checks: no issue Slack would raise for a message's blocks, nothing smuggled through. */
const acceptedMessage = (built: { text: string; blocks: unknown }) => {
  expect(validateBlocks(built.blocks, 'message')).toEqual([]);
  expect(built.text.length).toBeLessThanOrEqual(40_000);
  inert(built);
};

describe('Block Kit builders stay within Slack limits whatever they are given', () => {
  it('the approval card', () => {
    const view: fc.Arbitrary<ApprovalView> = fc.record({
      id: fc.constant('apr_0123456789abcdef01234567'),
      caseKey,
      action: fc.constantFrom('block_ip', 'isolate_host', 'disable_user', 'offboard_user', 'quarantine_file'),
      target: nonEmpty,
      parameters: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 30 }),
      rationale: text,
      requestedBy: userId,
      requestedAt: iso,
      // Vigil's own words (policy and the directory): a user-group handle, or people by mention.
      approversText: fc.oneof(
        fc.constant('members of @soc-senior'),
        fc
          .array(userId, { minLength: 1, maxLength: 200 })
          .map((people) => people.map((u) => `<@${u}>`).join(', ')),
      ),
      policyHash: fc.stringMatching(/^[0-9a-f]{64}$/),
      status: fc.constantFrom('pending', 'approved', 'denied', 'expired', 'stale'),
      quorum: fc.integer({ min: 1, max: 5 }),
      approvedBy: fc.array(userId, { maxLength: 5 }),
      expiresAt: fc.option(iso),
      escalated: fc.boolean(),
      decidedBy: fc.option(userId),
      decidedAt: fc.option(iso),
      reason: fc.option(text),
      details: fc.option(
        fc.record({
          confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          environment: fc.option(text),
          blastRadius: fc.option(text),
          reversible: fc.option(fc.boolean()),
          tier: fc.integer({ min: 1, max: 4 }),
          evidence: list(text),
          gateReason: text,
        }),
      ),
      now: fc.constant(now),
    });
    fc.assert(
      fc.property(view, (v) => acceptedMessage(buildApprovalCardBlocks(v))),
      RUNS,
    );
  });

  it('the case root message', () => {
    const observables = fc.record({
      srcIps: list(text),
      dstIps: list(text),
      ips: list(text),
      users: list(text),
      hosts: list(text),
      domains: list(text),
      urls: list(text),
      hashes: list(text),
      emails: list(text),
    });
    const alert = fc.record({
      format: nonEmpty,
      recognizedBy: fc.constantFrom('extractor', 'parser:suricata'),
      title: nonEmpty.map((s) => s.slice(0, 500)),
      severity: fc.constantFrom('critical', 'high', 'medium', 'low', 'info'),
      observedAt: fc.option(iso),
      ruleId: fc.option(text),
      observables,
    });
    const view = fc.record({
      key: caseKey,
      title: nonEmpty,
      severity: fc.constantFrom('critical', 'high', 'medium', 'low', 'info'),
      status: fc.constantFrom('triage', 'awaiting_approval', 'resolved', 'failed'),
      workflow: fc.constantFrom('triage' as const, 'offboarding' as const, 'onboarding' as const),
      requestedBy: fc.oneof(fc.constantFrom('U0BOB00001', 'hr-webhook'), text),
      alert: fc.option(alert),
      createdAt: iso,
      occurrences: fc.integer({ min: 1, max: 10_000_000 }),
      linked: fc.integer({ min: 0, max: 100_000 }),
      lastSeenAt: fc.option(iso),
    });
    fc.assert(
      fc.property(view, (v) => acceptedMessage(buildCaseMessageBlocks(v))),
      RUNS,
    );
  });

  it('thread notes', () => {
    const note = fc.record(
      {
        kind: fc.constantFrom('triage', 'result', 'summary'),
        title: text,
        text,
        fields: fc.array(fc.record({ label: text, value: text }), { maxLength: 20 }),
        sections: fc.array(fc.record({ title: text, lines: list(text) }), { maxLength: 8 }),
        offer: fc.constant({ kind: 'revert' as const, actionId: 'act_0123456789abcdef01234567' }),
        mentions: fc.array(userId.map((u) => `<@${u}>`)),
      },
      { requiredKeys: ['kind', 'title', 'text'] },
    );
    // Input may name anyone, Vigil's own mentions among them; only those the note lists may render.
    const mentioning = fc
      .tuple(note, fc.array(fc.constantFrom(...PEOPLE.map((u) => `<@${u}>`), '<!subteam^S0SENIOR01>')))
      .map(([n, refs]) => ({ ...n, text: `${n.text} ${refs.join(' ')}` }));
    fc.assert(
      fc.property(mentioning, (n) => {
        const built = buildThreadNoteBlocks(n);
        acceptedMessage(built);
        const listed = new Set(n.mentions);
        for (const text of mrkdwnTexts(built))
          for (const reference of text.match(/<[@#!][^>]*>/g) ?? []) expect(listed).toContain(reference);
      }),
      RUNS,
    );
  });

  it('failed and flagged steps', () => {
    const step = fc.record(
      { caseKey, at: iso, retriedBy: userId, retriedAt: iso, title: text, error: text },
      { requiredKeys: ['caseKey', 'at', 'title', 'error'] },
    );
    fc.assert(
      fc.property(step, fc.constantFrom('provision-salesforce', 'invite-slack'), (s, name) => {
        acceptedMessage(buildOffboardingFailureBlocks(s));
        acceptedMessage(buildOnboardingFlagBlocks({ ...s, step: name }));
      }),
      RUNS,
    );
  });

  it('App Home and the Deny modal', () => {
    const approval = fc.record({
      caseKey,
      action: text,
      target: text,
      requestedAt: iso,
      expiresAt: fc.option(iso),
      quorum: fc.integer({ min: 1, max: 5 }),
      approvals: fc.integer({ min: 0, max: 5 }),
      canDecide: fc.boolean(),
    });
    const homeCase = fc.record({ key: caseKey, title: text, severity: text, status: text });
    // Vigil's own figures, as statsLines writes them: mrkdwn, but nothing from input.
    const stats = fc.array(
      text.map((line) => line.replace(/[<>&]/g, '')),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(list(approval), list(homeCase), stats, (approvals, cases, stats) => {
        const view = buildHomeView({ approvals, cases, openCases: cases.length, stats, now });
        expect(validateView(view)).toEqual([]);
        inert(view);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(text, (summary) => {
        const modal = buildDenyReasonModal('apr_0123456789abcdef01234567', summary);
        expect(validateView(modal)).toEqual([]);
        inert(modal);
      }),
      RUNS,
    );
  });
});
