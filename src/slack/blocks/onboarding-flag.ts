// A failed onboarding step flagged for review in the case's thread: which step, the error in plain words,
// that the other step ran on its own, and Retry (value: the case key and the step, nothing else). Once
// someone retries, the button is replaced by who retried and when.
import type { KnownBlock } from '@slack/types';
import { ids } from '../ids.js';
import { safe, slackDate, truncate } from './mrkdwn.js';

export interface OnboardingFlagView {
  caseKey: string;
  /** The step's id, e.g. `provision-salesforce`. */
  step: string;
  /** e.g. `Salesforce account`. */
  title: string;
  error: string;
  at: string;
  /** Set once someone pressed Retry. */
  retriedBy?: string;
  retriedAt?: string;
}

/** The Retry button's value: `VIG-n/<step>`. */
export const onboardingRetryValue = (caseKey: string, step: string): string => `${caseKey}/${step}`;

export function buildOnboardingFlagBlocks(view: OnboardingFlagView): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:warning: *${safe(view.title, 200)} failed: flagged for review*\n${safe(view.error, 2500)}\nThe other provisioning step ran regardless. Fix the cause, then Retry runs this step again (what is done already is found, not duplicated).`,
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
      block_id: ids.blocks.onboardingRetry,
      elements: [
        {
          type: 'button',
          action_id: ids.actions.onboardingRetry,
          style: 'primary',
          text: { type: 'plain_text', text: 'Retry' },
          value: onboardingRetryValue(view.caseKey, view.step),
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${view.caseKey} · failed ${slackDate(view.at)}` }],
  });
  return { text: truncate(`${view.title} failed, flagged for review: ${view.error}`, 3000), blocks };
}
