import { describe, expect, it } from 'vitest';
import { buildApprovalCardBlocks, type ApprovalView } from '../../../src/slack/blocks/approval-card.js';
import { buildCaseMessageBlocks } from '../../../src/slack/blocks/case-message.js';
import { buildDenyReasonModal } from '../../../src/slack/blocks/deny-reason-modal.js';
import { ids } from '../../../src/slack/ids.js';
import { ActionKind } from '../../../graphs/triage/contracts.js';

const pending: ApprovalView = {
  id: 'apr_0123456789abcdef01234567',
  caseKey: 'VIG-7',
  action: 'block_ip',
  target: '203.0.113.7',
  parameters: { ip: '203.0.113.7' },
  rationale: '203.0.113.7 is the source of "SSH brute force" (severity high).',
  requestedBy: 'U0ALICE001',
  requestedAt: '2026-11-21T10:00:00.000Z',
  approversText: 'members of @soc-responders',
  policyHash: 'a'.repeat(64),
  status: 'pending',
  quorum: 1,
  approvedBy: [],
  expiresAt: null,
  escalated: false,
  decidedBy: null,
  decidedAt: null,
  reason: null,
  details: null,
  now: new Date('2026-11-21T10:00:00.000Z'),
};

const buttons = (blocks: ReturnType<typeof buildApprovalCardBlocks>['blocks']) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('approval card', () => {
  it('shows confidence with the environment, tier, reversibility, blast radius, evidence and time left', () => {
    const card = buildApprovalCardBlocks({
      ...pending,
      action: 'isolate_host',
      target: 'PAY-DB-1',
      parameters: { host: 'PAY-DB-1', hostId: 'dev-prod' },
      expiresAt: '2026-11-21T12:30:00.000Z',
      quorum: 2,
      details: {
        confidence: 0.85,
        environment: 'prod',
        blastRadius: 'PAY-DB-1 loses all network access except to the EDR console.',
        reversible: true,
        tier: 3,
        evidence: ['host PAY-DB-1 · crowdstrike-falcon: containment normal, tags SensorGroupingTags/prod'],
        gateReason: 'policy requires approval (rules for prod): auto-run is not allowed in prod',
      },
    });
    const text = JSON.stringify(card.blocks);
    expect(text).toContain('isolate_host · tier 3 (high)');
    expect(text).toContain('0.85 in prod');
    expect(text).toContain('yes (Revert in the thread)');
    expect(text).toContain('PAY-DB-1 loses all network access');
    expect(text).toContain('tags SensorGroupingTags/prod');
    expect(text).toContain('auto-run is not allowed in prod');
    expect(text).toMatch(/\(2h 30m left at <!date\^\d+\^\{time\}\|[^>]+>\)/);
    expect(card.text).toContain('Isolate host PAY-DB-1');
    expect(text).toContain('Vigil will isolate host PAY-DB-1 now.');
    expect(text).toContain('members of @soc-responders, not whoever asked for it');
  });

  it('offers Approve (primary, confirmed) and Deny (danger) whose values are only the approval id', () => {
    const card = buildApprovalCardBlocks(pending);
    const [approve, deny] = buttons(card.blocks);
    expect(approve).toMatchObject({ action_id: ids.actions.approve, style: 'primary', value: pending.id });
    expect(approve).toHaveProperty('confirm');
    expect(deny).toMatchObject({ action_id: ids.actions.deny, style: 'danger', value: pending.id });
    expect(card.text).toContain('Approval needed for VIG-7');
  });

  it('shows what, to what, why and who may approve', () => {
    const json = JSON.stringify(buildApprovalCardBlocks(pending).blocks);
    for (const fact of ['block_ip', '203.0.113.7', 'SSH brute force', '@soc-responders', '<@U0ALICE001>'])
      expect(json).toContain(fact);
  });

  it('names every action policy governs in words in its title and fallback text', () => {
    const titles = ActionKind.options.map((action) => buildApprovalCardBlocks({ ...pending, action }).text);
    expect(titles).toEqual([
      'Approval needed for VIG-7: Block IP 203.0.113.7',
      'Approval needed for VIG-7: Isolate host 203.0.113.7',
      'Approval needed for VIG-7: Quarantine file 203.0.113.7',
      'Approval needed for VIG-7: Disable user 203.0.113.7',
      'Approval needed for VIG-7: Offboard 203.0.113.7',
    ]);
  });

  it('loses its buttons (and its pointer to Revert) once denied, and is stamped with who decided, when and why', () => {
    const card = buildApprovalCardBlocks({
      ...pending,
      status: 'denied',
      decidedBy: 'U0BOB00001',
      decidedAt: '2026-11-21T10:05:00.000Z',
      reason: 'our scanner',
      details: {
        confidence: 0.85,
        environment: 'prod',
        blastRadius: null,
        reversible: true,
        tier: 1,
        evidence: [],
        gateReason: 'policy requires approval',
      },
    });
    expect(buttons(card.blocks)).toHaveLength(0);
    const json = JSON.stringify(card.blocks);
    // Nothing was done, so there is nothing to revert.
    expect(json).toContain('*Reversible*\\nyes"');
    expect(json).not.toContain('Revert in the thread');
    expect(json).toContain('Denied by <@U0BOB00001>');
    expect(json).toContain('<!date^1795255500^');
    expect(json).toContain('our scanner');
  });

  it('escapes alert-controlled text so it cannot mention @channel or smuggle links', () => {
    const card = buildApprovalCardBlocks({
      ...pending,
      rationale: 'hi <!channel> <https://evil.example|click>',
    });
    const json = JSON.stringify(card.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt;');
  });
});

describe('case message', () => {
  it('keeps the header within 150 characters and every section within 3000 for a huge title', () => {
    const message = buildCaseMessageBlocks({
      key: 'VIG-1',
      title: 'x'.repeat(10_000),
      severity: 'high',
      status: 'triage',
      workflow: 'triage',
      requestedBy: 'webhook',
      alert: null,
      createdAt: '2026-11-21T10:00:00Z',
      occurrences: 1,
      linked: 0,
      lastSeenAt: null,
    });
    for (const block of message.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('case message of an offboarding or onboarding', () => {
  const view = {
    key: 'VIG-7',
    title: 'Offboard victor@example.com',
    severity: 'high',
    status: 'awaiting_approval',
    workflow: 'offboarding' as const,
    requestedBy: 'U0ALICE001',
    alert: null,
    createdAt: '2026-11-21T10:00:00Z',
    occurrences: 1,
    linked: 0,
    lastSeenAt: null,
  };
  const shownText = (blocks: unknown) => JSON.stringify(blocks);

  it('shows who asked and when instead of an alert’s empty entities', () => {
    const { blocks } = buildCaseMessageBlocks(view);
    const section = blocks.find((b) => b.type === 'section');
    expect(section?.type === 'section' && section.fields?.map((f) => f.text)).toEqual([
      '*Status*\n:raised_hand: Awaiting approval',
      '*Requested by*\n<@U0ALICE001>',
      '*Requested*\n<!date^1795255200^{date_short_pretty} {time_secs}|2026-11-21T10:00:00Z>',
    ]);
    const context = blocks.find((b) => b.type === 'context');
    expect(shownText(context)).toContain('VIG-7 · offboarding workflow · approval and steps in the thread');
    expect(shownText(blocks)).not.toMatch(/Source IPs|reading the alert|investigation in the thread/);
  });

  it('names a webhook requester as text, its markup inert', () => {
    const { blocks } = buildCaseMessageBlocks({
      ...view,
      workflow: 'onboarding',
      requestedBy: 'idp-webhook <!channel>',
    });
    expect(shownText(blocks)).toContain('*Requested by*\\nidp-webhook &lt;!channel&gt;');
    expect(shownText(blocks)).toContain('VIG-7 · onboarding workflow · steps in the thread');
  });
});

describe('deny reason modal', () => {
  it('asks for a required reason, carries only the approval id, and keeps Slack’s 24-character title limits', () => {
    const modal = buildDenyReasonModal(pending.id, 'block_ip 203.0.113.7');
    expect(modal.private_metadata).toBe(pending.id);
    expect(modal.callback_id).toBe(ids.views.denyReason);
    for (const label of [modal.title, modal.submit, modal.close])
      expect(label?.text.length ?? 0).toBeLessThanOrEqual(24);
    expect(JSON.stringify(modal.blocks)).toContain(ids.inputs.denyReason);
  });
});

describe('approval card approvers', () => {
  it('names the approvers by mention, as Slack renders them, and escapes anything else in the text', () => {
    const card = buildApprovalCardBlocks({
      ...pending,
      approversText: '<@U0BOB00001>, <@U0CAROL001> & members of <!subteam^S0SENIOR01> <!channel>',
    });
    expect(JSON.stringify(card.blocks)).toContain(
      '*Who may approve*\\n<@U0BOB00001>, <@U0CAROL001> &amp; members of <!subteam^S0SENIOR01> &lt;!channel&gt;',
    );
  });
});
