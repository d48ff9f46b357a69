// One onboarding step: records its action row (idempotency key `onboard:VIG-n:<step>`) before calling the
// connector (graphs/lib/recorded-action.ts), reports the result in the thread, and on failure flags it for
// review there. A failure is an outcome, never an exception: the other step runs regardless.
import {
  recordFailedBeforeCall,
  runRecordedAction,
  type RecordedAction,
  type RecordedStep,
} from '../lib/recorded-action.js';
import { onboardStepKey, STEP_LABELS, type OnboardStep, type StepOutcome } from './contracts.js';
import type { OnboardingDeps } from './ports.js';
import type { OnboardingStateValue, OnboardingUpdate } from './state.js';

/** The action kind of every onboarding step's row (`onboard_user.<step>`). */
export const ONBOARD_KIND = 'onboard_user';

/** What a step would do, or why it does not run. */
export type StepPlan =
  | { kind: 'run'; call: Pick<RecordedAction, 'actor' | 'request' | 'run'> }
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; reason: string };

export async function runOnboardStep(
  deps: OnboardingDeps,
  state: OnboardingStateValue,
  step: OnboardStep,
  plan: StepPlan,
): Promise<OnboardingUpdate> {
  const { person } = state;
  if (!person) throw new Error(`${step} reached without a validated person`);
  const title = STEP_LABELS[step];
  const outcome = (status: StepOutcome['status'], detail: string): OnboardingUpdate => ({
    outcomes: { [step]: { status, detail, at: deps.clock().toISOString() } },
  });
  const flag = async (error: string): Promise<OnboardingUpdate> => {
    const update = outcome('failed', error);
    await deps.notifier.stepFlagged({
      caseId: state.caseId,
      step,
      title,
      error,
      at: deps.clock().toISOString(),
    });
    return update;
  };

  if (plan.kind === 'skip') {
    deps.audit.append({
      type: 'onboarding.step_skipped',
      actor: 'vigil',
      caseId: state.caseId,
      data: { step, reason: plan.reason },
    });
    await deps.notifier.threadNote(state.caseId, { kind: 'result', title, text: `Skipped: ${plan.reason}` });
    return outcome('skipped', plan.reason);
  }
  const recorded: RecordedStep = {
    caseId: state.caseId,
    key: onboardStepKey(state.caseId, step),
    approvalId: null,
    kind: `${ONBOARD_KIND}.${step}`,
    target: person.email,
    step,
    request: { email: person.email, displayName: person.displayName },
  };
  if (plan.kind === 'fail') return flag(recordFailedBeforeCall(deps, recorded, plan.reason));

  const result = await runRecordedAction(deps, { ...recorded, ...plan.call });
  if (result.status === 'failed') return flag(result.error);
  if (!result.repeated)
    await deps.notifier.threadNote(state.caseId, { kind: 'result', title, text: result.detail });
  return outcome('done', result.detail);
}
