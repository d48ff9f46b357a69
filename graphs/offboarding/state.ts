// State of one offboarding run (thread_id = `offboard:VIG-n`). Plain JSON only: it is checkpointed.
import { Annotation } from '@langchain/langgraph';
import type { ApprovalResume, GateDecision } from '../triage/contracts.js';
import type {
  OffboardPerson,
  OffboardProposal,
  OffboardStep,
  OffboardSubject,
  StepFailure,
} from './contracts.js';

const last = <T>(initial: T) => Annotation<T>({ reducer: (_a, b) => b, default: () => initial });

export const OffboardingState = Annotation.Root({
  /** The case this run works. */
  caseId: Annotation<number>,
  /** Who the request named. */
  subject: Annotation<OffboardSubject>,
  /** Who asked (Slack user id, or `hr-webhook`); may never approve it. */
  requestedBy: Annotation<string>,
  /** The person as found in Slack and the identity provider. */
  person: last<OffboardPerson | null>(null),
  /** Why the person could not be resolved, when they could not. */
  unresolved: last<string | null>(null),
  proposal: last<OffboardProposal | null>(null),
  gate: last<GateDecision | null>(null),
  approvalId: last<string | null>(null),
  decision: last<ApprovalResume | null>(null),
  /** Steps finished, in order. */
  completed: Annotation<OffboardStep[]>({
    reducer: (a, b) => [...a, ...b.filter((step) => !a.includes(step))],
    default: () => [],
  }),
  /** Steps finished that found no account of the person to act on (no identity-provider or cloud user, no Slack account). */
  nothingThere: Annotation<OffboardStep[]>({
    reducer: (a, b) => [...a, ...b.filter((step) => !a.includes(step))],
    default: () => [],
  }),
  /** The step that failed, until a retry clears it. */
  failure: last<StepFailure | null>(null),
  /** The step a retry resumes at. */
  retryFrom: last<OffboardStep | null>(null),
  summary: last<string | null>(null),
});

export type OffboardingStateValue = typeof OffboardingState.State;
export type OffboardingUpdate = typeof OffboardingState.Update;
