// One offboarding step: checks the approval still matches, records the action row (idempotency key
// `offboard:VIG-n:<step>`) before calling the connector and audits request and response digests
// (graphs/lib/recorded-action.ts), and reports a failure in state so the run stops there. A step whose row
// is already `done` is not run again; one left `running` by a crash is run again under the same key.
import { z } from 'zod';
import { recordFailedBeforeCall, runRecordedAction, type RecordedStep } from '../lib/recorded-action.js';
import { OFFBOARD_STEPS, STEP_LABELS, stepKey, type OffboardStep } from './contracts.js';
import { offboardHash } from './binding.js';
import type { OffboardingDeps } from './ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from './state.js';

export interface StepCall {
  /** The connector's name, for the audit log and the thread. */
  actor: string;
  /** What is sent, for the action row and the request digest. */
  request: Record<string, unknown>;
  /** Calls the vendor; returns what came back and one sentence for the thread. */
  run(actionId: string): Promise<{ result: unknown; detail: string }>;
}

/** `Step 2 of 3: Revoke cloud credentials`. */
export const stepTitle = (step: OffboardStep): string =>
  `Step ${OFFBOARD_STEPS.indexOf(step) + 1} of ${OFFBOARD_STEPS.length}: ${STEP_LABELS[step]}`;

export class MissingConnectorError extends Error {}

/** What a step's `run` answers when the person has no account there: nothing to act on, and the next step runs. */
const NothingThere = z.object({ nothingThere: z.literal(true) });

/** The result of a step that found no account of the person to act on, with what it found. */
export const nothingThere = (found: Record<string, unknown> = {}) => ({
  ...found,
  nothingThere: true as const,
});

/** A step for a person with no account at `actor`: no call, recorded and told in the thread as `detail`. */
export const noAccount = (actor: string, email: string, detail: string): StepCall => ({
  actor,
  request: { email, operations: [] },
  run: () => Promise.resolve({ result: nothingThere(), detail }),
});

export async function runStep(
  deps: OffboardingDeps,
  state: OffboardingStateValue,
  step: OffboardStep,
  call: (proposalParameters: NonNullable<OffboardingStateValue['proposal']>['parameters']) => StepCall,
): Promise<OffboardingUpdate> {
  const { proposal, gate } = state;
  if (!proposal || !gate) throw new Error(`${step} reached without a proposal`);
  const fail = (error: string): OffboardingUpdate => ({
    failure: { step, error, at: deps.clock().toISOString() },
  });

  if (gate.mode === 'approval') {
    const approval = state.approvalId ? deps.approvals.get(state.approvalId) : undefined;
    const expected = offboardHash(proposal, state.caseId, deps.workflowVersion, gate.policyHash);
    if (approval?.status !== 'approved' || approval.actionHash !== expected) {
      deps.audit.append({
        type: 'action.refused',
        actor: 'vigil',
        caseId: state.caseId,
        data: { approvalId: state.approvalId, step, reason: 'approval does not match the action to execute' },
      });
      return fail(
        'Refused: the approval on record does not match this offboarding as this version of Vigil carries it out (was Vigil upgraded after it was approved?). Nothing more is done under it; ask for the offboarding again.',
      );
    }
  }

  const recorded: RecordedStep = {
    caseId: state.caseId,
    key: stepKey(state.caseId, step),
    approvalId: state.approvalId,
    kind: `${proposal.kind}.${step}`,
    target: proposal.target,
    step,
    request: proposal.parameters,
  };
  let planned: StepCall;
  try {
    planned = call(proposal.parameters);
  } catch (error) {
    if (!(error instanceof MissingConnectorError)) throw error;
    return fail(recordFailedBeforeCall(deps, recorded, error.message));
  }
  const outcome = await runRecordedAction(deps, { ...recorded, ...planned });
  if (outcome.status === 'failed') return fail(outcome.error);
  // Done before (a replay after a crash, which may have come before the result was posted): the vendor was
  // not called again, and the thread says so rather than risk a thread without the step.
  // Left `running` by a crash: run again under the same key; the connectors read the vendor's state first
  // (suspended already? keys inactive already?), so what the first attempt changed is not changed twice.
  const text = outcome.repeated
    ? `Already done before an interruption (recorded ${outcome.recordedAt}); not run again.`
    : outcome.resumed
      ? `${outcome.detail} (Finished after an interruption; what the first attempt did is counted as already done.)`
      : outcome.detail;
  await deps.notifier.threadNote(state.caseId, { kind: 'result', title: stepTitle(step), text });
  return {
    completed: [step],
    ...(NothingThere.safeParse(outcome.result).success ? { nothingThere: [step] } : {}),
  };
}
