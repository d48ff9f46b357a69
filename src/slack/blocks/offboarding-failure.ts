// A failed offboarding step in the case's thread: which step, the error, and Retry (value: the case key
// only). Once someone retries, the button is replaced by who retried and when.
import type { KnownBlock } from '@slack/types';
import { ids } from '../ids.js';
import { safe, slackDate, truncate } from './mrkdwn.js';

export interface OffboardingFailureView {
  caseKey: string;
  /** e.g. `Step 2 of 3: Revoke cloud credentials`. */
  title: string;
  error: string;
  at: string;
  /** Set once someone pressed Retry. */
  retriedBy?: string;
  retriedAt?: string;
}

export function buildOffboardingFailureBlocks(view: OffboardingFailureView): {
  text: string;
  blocks: KnownBlock[];
} {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:x: *${safe(view.title, 200)} failed*\n${safe(view.error, 2500)}\nThe steps before it stay done; the steps after it have not run. Retry runs this step again and carries on.`,
      },
    },
  ];
  if (view.retriedBy) {
    const when = view.retriedAt ? ` on ${slackDate(view.retriedAt)}` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `:repeat: Retried by <@${view.retriedBy}>${when}` },
    });
  } else {
    blocks.push({
      type: 'actions',
      block_id: ids.blocks.offboardingRetry,
      elements: [
        {
          type: 'button',
          action_id: ids.actions.offboardingRetry,
          style: 'primary',
          text: { type: 'plain_text', text: 'Retry' },
          value: view.caseKey,
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${view.caseKey} · failed ${slackDate(view.at)}` }],
  });
  return { text: truncate(`${view.title} failed: ${view.error}`, 3000), blocks };
}
