// await-retry: a step failed; waits for someone to press Retry on its flag. Nothing with an effect happens
// here: on resume this node re-runs from its first line, and the interrupt returns which step to run again.
import { interrupt } from '@langchain/langgraph';
import { ONBOARD_STEPS, OnboardRetryResume, type OnboardRetryInterrupt } from '../contracts.js';
import type { OnboardingStateValue, OnboardingUpdate } from '../state.js';

export function awaitRetry(state: OnboardingStateValue): OnboardingUpdate {
  const steps = ONBOARD_STEPS.filter((step) => state.outcomes[step]?.status === 'failed');
  if (!steps.length) throw new Error('await-retry reached without a failed step');
  const payload: OnboardRetryInterrupt = { kind: 'onboard-retry', caseId: state.caseId, steps };
  const retry = OnboardRetryResume.parse(interrupt(payload));
  if (!steps.includes(retry.step)) {
    throw new Error(`resumed to retry ${retry.step}, but the failed steps are ${steps.join(', ')}`);
  }
  return { retrying: retry.step };
}
