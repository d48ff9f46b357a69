// Retry on a failed onboarding step. The button value is the case key and the step (`VIG-n/<step>`) and
// nothing else; who may retry is decided by the onboarding service (the role mapping's reviewers, never
// the requester).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { parseCaseKey } from '../../../../db/repositories/cases.js';
import { OnboardStep } from '../../../../graphs/onboarding/contracts.js';
import type { SlackDeps } from '../../deps.js';
import { readButtonValue } from './button-value.js';
import { retryMessageOf } from './retry-message.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export const OnboardingRetryValue = z
  .string()
  .regex(/^VIG-\d{1,12}\/[a-z-]+$/, 'not a case key and step')
  .transform((value) => {
    const [key = '', step = ''] = value.split('/');
    return { caseId: parseCaseKey(key) ?? 0, step };
  })
  .pipe(z.object({ caseId: z.number().int().positive(), step: OnboardStep }));

export function makeOnboardingRetryButton(deps: SlackDeps) {
  return async ({ ack, action, body, context }: ButtonArgs): Promise<void> => {
    await ack();
    const message = retryMessageOf(body, context);
    const { caseId, step } = readButtonValue(
      OnboardingRetryValue,
      action.value,
      'This button does not name a Vigil onboarding step, so nothing was retried. Use Retry on the failed step in the case thread.',
    );
    await deps.onboarding.retry(caseId, step, body.user.id, message);
  };
}
