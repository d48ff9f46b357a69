// Retry on a failed offboarding step. The button value is the case key and nothing else; who may retry is
// decided by the offboarding service (the approver group of the action, never the requester).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { parseCaseKey } from '../../../../db/repositories/cases.js';
import type { SlackDeps } from '../../deps.js';
import { readButtonValue } from './button-value.js';
import { retryMessageOf } from './retry-message.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const RetryButtonValue = z
  .string()
  .regex(/^VIG-\d{1,12}$/, 'not a case key')
  .transform((key) => parseCaseKey(key) ?? 0);

export function makeOffboardingRetryButton(deps: SlackDeps) {
  return async ({ ack, action, body, context }: ButtonArgs): Promise<void> => {
    await ack();
    const message = retryMessageOf(body, context);
    const caseId = readButtonValue(
      RetryButtonValue,
      action.value,
      'This button does not name a Vigil offboarding case, so nothing was retried. Use Retry on the failed step in the case thread.',
    );
    await deps.offboarding.retry(caseId, body.user.id, message);
  };
}
