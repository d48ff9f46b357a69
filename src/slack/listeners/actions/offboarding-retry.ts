// Retry on a failed offboarding step. The button value is the case key and nothing else; who may retry is
// decided by the offboarding service (the approver group of the action, never the requester).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { CaseKeyValue, readButtonValue } from './button-value.js';
import { retryMessageOf } from './retry-message.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function makeOffboardingRetryButton(deps: SlackDeps) {
  return async ({ ack, action, body, context }: ButtonArgs): Promise<void> => {
    await ack();
    const message = retryMessageOf(body, context);
    const caseId = readButtonValue(
      CaseKeyValue,
      action.value,
      'This button does not name a Vigil offboarding case, so nothing was retried. Use Retry on the failed step in the case thread.',
    );
    await deps.offboarding.retry(caseId, body.user.id, message);
  };
}
