// The shape onboarding's flagged step and offboarding's failed step share: the workflow's own lead section,
// then Retry (or, once someone retried, who and when) and the case key with when it failed.
import type { KnownBlock } from '@slack/types';
import { safe, slackDate } from './mrkdwn.js';

export interface FailedStepView {
  caseKey: string;
  at: string;
  /** Set once someone pressed Retry. */
  retriedBy?: string;
  retriedAt?: string;
}

export interface FailedStepParts {
  /** The first section's mrkdwn: what failed and what Retry does. */
  lead: string;
  /** The notification fallback text (truncated to Slack's 3000 characters). */
  fallback: string;
  /** The Retry button; none when the message offers no retry. */
  retry?: { blockId: string; actionId: string; value: string };
}

export function buildFailedStepBlocks(
  view: FailedStepView,
  parts: FailedStepParts,
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: parts.lead } }];
  if (view.retriedBy) {
    const when = view.retriedAt ? ` on ${slackDate(view.retriedAt)}` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `:repeat: Retried by <@${view.retriedBy}>${when}` },
    });
  } else if (parts.retry) {
    blocks.push({
      type: 'actions',
      block_id: parts.retry.blockId,
      elements: [
        {
          type: 'button',
          action_id: parts.retry.actionId,
          style: 'primary',
          text: { type: 'plain_text', text: 'Retry' },
          value: parts.retry.value,
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${view.caseKey} · failed ${slackDate(view.at)}` }],
  });
  return { text: safe(parts.fallback, 3000), blocks };
}
