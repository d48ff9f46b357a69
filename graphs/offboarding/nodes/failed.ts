// failed: a step failed. Records it, keeps the case open and posts the error with a Retry button; the run
// then waits in await-retry.
import { stepTitle } from '../step.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function makeFailed(deps: OffboardingDeps) {
  return async (state: OffboardingStateValue): Promise<OffboardingUpdate> => {
    const { failure } = state;
    if (!failure) throw new Error('failed reached without a failure');
    deps.cases.update(state.caseId, { status: 'failed' }, deps.clock().toISOString());
    deps.audit.append({
      type: 'offboarding.step_failed',
      actor: 'vigil',
      caseId: state.caseId,
      data: { step: failure.step, error: failure.error, completed: state.completed },
    });
    await deps.notifier.stepFailed({
      caseId: state.caseId,
      step: failure.step,
      title: stepTitle(failure.step),
      error: failure.error,
      at: failure.at,
    });
    await deps.notifier.caseUpdated(state.caseId);
    return {};
  };
}
