// A case's run that stopped on an unexpected error, in the case's thread: which workflow, the error, and (for a
// triage case) Retry, value the case key only. Once someone retries, the button is replaced by who and when.
import type { KnownBlock } from '@slack/types';
import type { Workflow } from '../../../db/repositories/cases.js';
import { ids } from '../ids.js';
import { buildFailedStepBlocks, type FailedStepView } from './failed-step.js';
import { safe } from './mrkdwn.js';

export interface WorkflowErrorView extends FailedStepView {
  workflow: Workflow;
  error: string;
  /** Whether Retry is offered (a triage case), or the note only says what happened. */
  retry: boolean;
}

export function buildWorkflowErrorBlocks(view: WorkflowErrorView): { text: string; blocks: KnownBlock[] } {
  const sentence = `The ${view.workflow} workflow stopped with an error: ${view.error}.`;
  const next = view.retry
    ? 'The alert is stored; press Retry once the cause is fixed: the run carries on from the step that failed, and what was done before it is not done again.'
    : 'The steps done before it stay done. Vigil does not run it again by itself, and it cannot be retried from Slack: tell an engineer.';
  return buildFailedStepBlocks(view, {
    lead: `:x: *Workflow error*\n${safe(sentence, 2500)}\n${next}`,
    fallback: `Workflow error: ${sentence}`,
    ...(view.retry
      ? { retry: { blockId: ids.blocks.caseRetry, actionId: ids.actions.caseRetry, value: view.caseKey } }
      : {}),
  });
}
