// State of one onboarding run (thread_id = `onboard:VIG-n`). Plain JSON only: it is checkpointed. The two
// provisioning steps run in parallel and both write `outcomes`, so it has a merging reducer.
import { Annotation } from '@langchain/langgraph';
import type { OnboardPerson, OnboardStep, RoleGrant, StepOutcome } from './contracts.js';

const last = <T>(initial: T) => Annotation<T>({ reducer: (_a, b) => b, default: () => initial });

export const OnboardingState = Annotation.Root({
  /** The case this run works. */
  caseId: Annotation<number>,
  /** The request as received, before validation. */
  request: Annotation<unknown>,
  /** Who asked (Slack user id, or the webhook's name). */
  requestedBy: Annotation<string>,
  /** The person, once validated. */
  person: last<OnboardPerson | null>(null),
  /** What the person's role gives them, once validated. */
  grant: last<RoleGrant | null>(null),
  /** Why the request was refused, when it was. */
  refused: last<string | null>(null),
  /** How each step ended; steps write their own key. */
  outcomes: Annotation<Partial<Record<OnboardStep, StepOutcome>>>({
    reducer: (a, b) => ({ ...a, ...b }),
    default: () => ({}),
  }),
  /** The step a retry runs again. */
  retrying: last<OnboardStep | null>(null),
  summary: last<string | null>(null),
});

export type OnboardingStateValue = typeof OnboardingState.State;
export type OnboardingUpdate = typeof OnboardingState.Update;
