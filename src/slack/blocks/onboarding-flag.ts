// A failed onboarding step flagged for review in the case's thread: which step, the error in plain words,
// and that the other step ran on its own.
import type { KnownBlock } from '@slack/types';
import { safe, slackDate, truncate } from './mrkdwn.js';

export interface OnboardingFlagView {
  caseKey: string;
  /** e.g. `Salesforce account`. */
  title: string;
  error: string;
  at: string;
}

export function buildOnboardingFlagBlocks(view: OnboardingFlagView): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:warning: *${safe(view.title, 200)} failed: flagged for review*\n${safe(view.error, 2500)}\nThe other provisioning step ran regardless. Fix the cause, then provision this account by hand or onboard the person again (what is done already is found, not duplicated).`,
      },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${view.caseKey} · failed ${slackDate(view.at)}` }],
    },
  ];
  return { text: truncate(`${view.title} failed, flagged for review: ${view.error}`, 3000), blocks };
}
