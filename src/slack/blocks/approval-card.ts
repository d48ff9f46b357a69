// The approval card: what will be done to what, why, who may decide; Approve and Deny while pending, then
// locked and stamped with who decided and when.
import type { KnownBlock } from '@slack/types';
import { ids } from '../ids.js';
import { safe, slackDate, truncate } from './mrkdwn.js';

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
  status: 'pending' | 'approved' | 'denied';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

const actionTitle: Record<string, string> = { block_ip: 'Block IP' };

export function buildApprovalCardBlocks(view: ApprovalView): { text: string; blocks: KnownBlock[] } {
  const title = `${actionTitle[view.action] ?? view.action} ${view.target}`;
  const params = Object.entries(view.parameters)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  const requester =
    view.requestedBy.startsWith('U') || view.requestedBy.startsWith('W')
      ? `<@${view.requestedBy}>`
      : view.requestedBy;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:shield: *${view.status === 'pending' ? 'Approval needed' : view.status === 'approved' ? 'Approved' : 'Denied'}: ${safe(title, 200)}*\n${safe(view.rationale, 2500)}`,
      },
      fields: [
        { type: 'mrkdwn', text: `*Action*\n${safe(view.action, 200)}` },
        { type: 'mrkdwn', text: `*Target*\n\`${safe(view.target, 200)}\`` },
        { type: 'mrkdwn', text: `*Parameters*\n${safe(params || '—', 1900)}` },
        { type: 'mrkdwn', text: `*Case*\n${view.caseKey}` },
        { type: 'mrkdwn', text: `*Requested by*\n${requester}` },
        { type: 'mrkdwn', text: `*Who may approve*\n${safe(view.approversText, 1900)}` },
      ],
    },
  ];
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
            text: { type: 'mrkdwn', text: truncate(`Vigil will ${title.toLowerCase()} now.`, 300) },
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
    const verb = view.status === 'approved' ? ':white_check_mark: Approved' : ':no_entry: Denied';
    const when = view.decidedAt ? ` on ${slackDate(view.decidedAt)}` : '';
    const reason = view.reason ? `\n>${safe(view.reason, 2000)}` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${verb} by <@${view.decidedBy ?? 'unknown'}>${when}${reason}` },
    });
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
  const text = truncate(
    view.status === 'pending'
      ? `Approval needed for ${view.caseKey}: ${title}`
      : `${title} was ${view.status} by ${view.decidedBy ?? 'unknown'}`,
    3000,
  );
  return { text, blocks };
}
