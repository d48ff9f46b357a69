// A failed onboarding step flagged for review in the case's thread: which step, the error in plain words,
// that the other step ran on its own, and Retry (value: the case key and the step, nothing else). Once
// someone retries, the button is replaced by who retried and when.
import type { KnownBlock } from '@slack/types';
import { ids } from '../ids.js';
import { buildFailedStepBlocks, type FailedStepView } from './failed-step.js';
import { safe } from './mrkdwn.js';

export interface OnboardingFlagView extends FailedStepView {
  /** The step's id, e.g. `provision-salesforce`. */
  step: string;
  /** e.g. `Salesforce account`. */
  title: string;
  error: string;
}

/** The Retry button's value: `VIG-n/<step>`. */
export const onboardingRetryValue = (caseKey: string, step: string): string => `${caseKey}/${step}`;

export function buildOnboardingFlagBlocks(view: OnboardingFlagView): { text: string; blocks: KnownBlock[] } {
  return buildFailedStepBlocks(view, {
    lead: `:warning: *${safe(view.title, 200)} failed: flagged for review*\n${safe(view.error, 2500)}\nThe other provisioning step ran regardless. Fix the cause, then Retry runs this step again (what is done already is found, not duplicated).`,
    fallback: `${view.title} failed, flagged for review: ${view.error}`,
    retry: {
      blockId: ids.blocks.onboardingRetry,
      actionId: ids.actions.onboardingRetry,
      value: onboardingRetryValue(view.caseKey, view.step),
    },
  });
}
