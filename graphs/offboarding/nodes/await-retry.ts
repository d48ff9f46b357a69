// await-retry: waits for someone to press Retry. Nothing with an effect happens here: on resume this node
// re-runs from its first line, and the interrupt returns who retried.
import { interrupt } from '@langchain/langgraph';
import { RetryResume, type RetryInterrupt } from '../contracts.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function awaitRetry(state: OffboardingStateValue): OffboardingUpdate {
  if (!state.failure) throw new Error('await-retry reached without a failure');
  const payload: RetryInterrupt = { kind: 'offboard-retry', caseId: state.caseId, step: state.failure.step };
  const retry = RetryResume.parse(interrupt(payload));
  if (retry.step !== state.failure.step) {
    throw new Error(`resumed to retry ${retry.step}, but ${state.failure.step} is the step that failed`);
  }
  return { failure: null, retryFrom: retry.step };
}
