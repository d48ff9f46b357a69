// A failed offboarding step in the case's thread: which step, the error, and Retry (value: the case key
// only). Once someone retries, the button is replaced by who retried and when.
import type { KnownBlock } from '@slack/types';
import { ids } from '../ids.js';
import { buildFailedStepBlocks, type FailedStepView } from './failed-step.js';
import { safe } from './mrkdwn.js';

export interface OffboardingFailureView extends FailedStepView {
  /** e.g. `Step 2 of 3: Revoke cloud credentials`. */
  title: string;
  error: string;
}

export function buildOffboardingFailureBlocks(view: OffboardingFailureView): {
  text: string;
  blocks: KnownBlock[];
} {
  return buildFailedStepBlocks(view, {
    lead: `:x: *${safe(view.title, 200)} failed*\n${safe(view.error, 2500)}\nThe steps before it stay done; the steps after it have not run. Retry runs this step again and carries on.`,
    fallback: `${view.title} failed: ${view.error}`,
    retry: {
      blockId: ids.blocks.offboardingRetry,
      actionId: ids.actions.offboardingRetry,
      value: view.caseKey,
    },
  });
}
