// The approval card: what will be done to what, why, who may decide; Approve and Deny while pending, then
// locked and stamped with who decided and when.
import type { KnownBlock } from '@slack/types';
import { ids } from '../ids.js';
import { ActionKind, type ApprovalDetails } from '../../../graphs/triage/contracts.js';
import { mentionsOf } from '../../../graphs/lib/mention.js';
import { OFFBOARD_ACTION, OFFBOARD_TITLE } from '../../../graphs/offboarding/contracts.js';
import { RESPONSE_ACTIONS } from '../../../graphs/triage/responders.js';
import { escapeKeepingReferences, safe, slackDate, truncate } from './mrkdwn.js';

export interface ApprovalView {
  id: string;
  caseKey: string;
  action: string;
  target: string;
  parameters: Record<string, unknown>;
  rationale: string;
  requestedBy: string;
  requestedAt: string;
  approversText: string;
  policyHash: string;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'stale';
  /** Distinct approvers needed, and who approved so far. */
  quorum: number;
  approvedBy: string[];
  expiresAt: string | null;
  /** Set once the request was handed to the next tier. */
  escalated: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  /** Confidence, environment, blast radius, reversibility, tier and evidence, when the workflow gave them. */
  details: ApprovalDetails | null;
  /** The time the card is rendered at, for the time left. */
  now: Date;
}

/**
 * Every action policy governs, in words: a response action's title from its entry in RESPONSE_ACTIONS, offboarding's
 * from its workflow. A kind added to ActionKind without either does not compile.
 */
const titleOf = (action: string): string => {
  const kind = ActionKind.safeParse(action);
  if (!kind.success) return action;
  return kind.data === OFFBOARD_ACTION ? OFFBOARD_TITLE : RESPONSE_ACTIONS[kind.data].title;
};

const TIER: Record<number, string> = { 1: '1 (low)', 2: '2 (moderate)', 3: '3 (high)', 4: '4 (destructive)' };

/** Time left until `at`, in words: `3h 20m left`, `expired`. */
export function timeLeft(at: string, now: Date): string {
  const ms = Date.parse(at) - now.getTime();
  if (ms <= 0) return 'expired';
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `${minutes}m left`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m left`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h left`;
}

const HEADLINE: Record<ApprovalView['status'], string> = {
  pending: 'Approval needed',
  approved: 'Approved',
  denied: 'Denied',
  expired: 'Expired',
  stale: 'Superseded',
};

function progress(view: ApprovalView): string {
  const who = view.approvedBy.map((u) => `<@${u}>`).join(', ');
  return `${view.approvedBy.length} of ${view.quorum} distinct approvers${who ? ` (${who})` : ''}`;
}

/** Who decided and when, once the card is locked. */
function stamp(view: ApprovalView): string {
  const when = view.decidedAt ? ` on ${slackDate(view.decidedAt)}` : '';
  const reason = view.reason ? `\n>${safe(view.reason, 2000)}` : '';
  switch (view.status) {
    case 'approved': {
      const by = view.approvedBy.length
        ? view.approvedBy.map((u) => `<@${u}>`).join(' and ')
        : `<@${view.decidedBy ?? 'unknown'}>`;
      return `:white_check_mark: Approved by ${by}${when}`;
    }
    case 'denied':
      return `:no_entry: Denied by <@${view.decidedBy ?? 'unknown'}>${when}${reason}`;
    case 'expired':
      return `:hourglass: Expired${when}: nobody decided in time, so nothing was done.`;
    default:
      return view.reason
        ? `:recycle: Superseded${when}: ${safe(view.reason, 300)}, so nothing was done. A new card follows.`
        : `:recycle: Superseded${when}: the policy changed after this card was posted, so nothing was done. A card under the current policy follows.`;
  }
}

/**
 * The rationale, escaped and cut. A person's request (`/vigil block`) opens it with the mention of who asked, which
 * Vigil wrote: that one mention is kept, so the card names them; the same markup anywhere else is shown as text.
 */
function rationaleText(view: ApprovalView): string {
  const [asker] = mentionsOf([view.requestedBy]);
  if (asker && view.rationale.startsWith(`${asker} `))
    return `${asker} ${safe(view.rationale.slice(asker.length + 1), 2400)}`;
  return safe(view.rationale, 2500);
}

export function buildApprovalCardBlocks(view: ApprovalView): { text: string; blocks: KnownBlock[] } {
  const title = `${titleOf(view.action)} ${view.target}`;
  const params = Object.entries(view.parameters)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  const requester =
    view.requestedBy.startsWith('U') || view.requestedBy.startsWith('W')
      ? `<@${view.requestedBy}>`
      : view.requestedBy;
  const d = view.details;
  const tier = d ? (TIER[d.tier] ?? String(d.tier)) : null;
  const confidence =
    d?.confidence !== null && d?.confidence !== undefined
      ? `${d.confidence.toFixed(2)}${d.environment ? ` in ${safe(d.environment, 40)}` : ''}`
      : '—';
  // Only an action that is or may yet be run has a Revert to point at.
  const revertable = view.status === 'pending' || view.status === 'approved';
  const reversible =
    d?.reversible === true
      ? revertable
        ? 'yes (Revert in the thread)'
        : 'yes'
      : d?.reversible === false
        ? 'no'
        : '—';
  const expires = view.expiresAt
    ? `${slackDate(view.expiresAt)}${view.status === 'pending' ? ` (${timeLeft(view.expiresAt, view.now)} at ${slackDate(view.now.toISOString(), '{time}')})` : ''}`
    : 'when decided';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:shield: *${HEADLINE[view.status]}: ${safe(title, 200)}*\n${rationaleText(view)}`,
      },
      fields: [
        { type: 'mrkdwn', text: `*Action*\n${safe(view.action, 200)}${tier ? ` · tier ${tier}` : ''}` },
        { type: 'mrkdwn', text: `*Target*\n\`${safe(view.target, 200)}\`` },
        { type: 'mrkdwn', text: `*Parameters*\n${safe(params || '—', 1900)}` },
        { type: 'mrkdwn', text: `*Case*\n${view.caseKey} · requested by ${requester}` },
        { type: 'mrkdwn', text: `*Confidence*\n${confidence}` },
        { type: 'mrkdwn', text: `*Reversible*\n${reversible}` },
        {
          type: 'mrkdwn',
          // Vigil's own words from policy and the directory: the approvers named by mention (people, a user group by
          // id) are shown as such, and notified of the request; anything else is escaped.
          text: `*Who may approve*\n${truncate(escapeKeepingReferences(view.approversText), 1900)}${view.escalated ? ' (escalated)' : ''}, not whoever asked for it`,
        },
        { type: 'mrkdwn', text: `*Quorum*\n${progress(view)}` },
        { type: 'mrkdwn', text: `*Expires*\n${expires}` },
      ],
    },
  ];
  if (d) {
    const evidence = d.evidence.length ? d.evidence.map((line) => `• ${safe(line, 300)}`).join('\n') : '—';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*Blast radius*\n${safe(d.blastRadius ?? '—', 600)}\n*Evidence*\n${evidence}\n*Why a person decides*\n${safe(d.gateReason, 400)}`,
          3000,
        ),
      },
    });
  }
  if (view.status === 'pending') {
    blocks.push({
      type: 'actions',
      block_id: ids.blocks.approvalActions,
      elements: [
        {
          type: 'button',
          action_id: ids.actions.approve,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          value: view.id,
          confirm: {
            title: { type: 'plain_text', text: 'Approve this action?' },
            text: {
              type: 'mrkdwn',
              text: safe(`Vigil will ${title.charAt(0).toLowerCase()}${title.slice(1)} now.`, 300),
            },
            confirm: { type: 'plain_text', text: 'Approve' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
        {
          type: 'button',
          action_id: ids.actions.deny,
          style: 'danger',
          text: { type: 'plain_text', text: 'Deny' },
          value: view.id,
        },
      ],
    });
  } else {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: stamp(view) } });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Requested ${slackDate(view.requestedAt)} · policy \`${view.policyHash.slice(0, 12)}\` · ${view.id}`,
      },
    ],
  });
  const text = safe(
    view.status === 'pending'
      ? `Approval needed for ${view.caseKey}: ${title}`
      : `${HEADLINE[view.status]}: ${title}`,
    3000,
  );
  return { text, blocks };
}
