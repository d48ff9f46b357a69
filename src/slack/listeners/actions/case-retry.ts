// Retry on a triage case's Workflow error note: its run goes on from the step that threw. The button value is the
// case key and nothing else; who may retry is decided by the triage service (Vigil's approvers).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { CaseKeyValue, readButtonValue } from './button-value.js';
import { retryMessageOf } from './retry-message.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function makeCaseRetryButton(deps: SlackDeps) {
  return async ({ ack, action, body, context }: ButtonArgs): Promise<void> => {
    await ack();
    const message = retryMessageOf(body, context);
    const caseId = readButtonValue(
      CaseKeyValue,
      action.value,
      'This button does not name a Vigil case, so nothing was retried. Use Retry on the Workflow error note in the case thread.',
    );
    await deps.triage.retryFailed(caseId, body.user.id, message);
  };
}
