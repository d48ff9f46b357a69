// Retry of a failed workflow step, shared by offboarding and onboarding: authorised at click time (the
// workflow's approver group, never the requester; refusals audited) and claimed on the step's failed action
// row, so two clicks, Slack retries or two replicas retry it once.
import type { ActionRow, ActionsRepository } from '../../db/repositories/actions.js';
import { caseKey, type CaseRow } from '../../db/repositories/cases.js';
import type { Approvers } from '../../graphs/triage/contracts.js';
import type { AuditSink } from '../../graphs/triage/ports.js';
import { AlreadyDecidedError, NotAuthorizedError } from '../errors.js';
import type { ApproverDirectory } from './approver-directory.js';

export interface StepRetryDeps {
  actions: ActionsRepository;
  directory: ApproverDirectory;
  audit: AuditSink;
  clock: () => Date;
}

export interface StepRetryRequest {
  /** The case, already looked up. */
  owner: CaseRow;
  userId: string;
  /** Who may retry; null when nobody may. */
  approvers: Approvers | null;
  /** Names the workflow in audit types (`<workflow>.retry`, `<workflow>.retry_refused`) and in refusals. */
  workflow: 'offboarding' | 'onboarding';
  /** Checks the run waits for a retry and names the step's idempotency key; undefined when nothing waits. */
  waiting(): Promise<{ step: string; key: string } | undefined>;
}

export interface ClaimedRetry {
  step: string;
  /** The failed row as it was before the claim (its error and when it failed). */
  failed: ActionRow | undefined;
  at: string;
}

/** Authorises and claims a retry; throws NotAuthorizedError (audited) or AlreadyDecidedError. */
export async function claimStepRetry(deps: StepRetryDeps, request: StepRetryRequest): Promise<ClaimedRetry> {
  const { owner, userId, approvers, workflow } = request;
  const refuse = (reason: string, text: string): never => {
    deps.audit.append({
      type: `${workflow}.retry_refused`,
      actor: userId,
      caseId: owner.id,
      data: { reason },
    });
    throw new NotAuthorizedError(text);
  };
  if (userId === owner.requestedBy) {
    refuse(
      'self-approval',
      `You asked for this ${workflow}, so someone else must retry it (separation of duties).`,
    );
  }
  if (!approvers) refuse('no-approvers', `Nobody is named who may retry this ${workflow}.`);
  else if (!(await deps.directory.isApprover(userId, approvers))) {
    refuse('not-an-approver', `Only ${deps.directory.describe(approvers)} may retry this. Ask one of them.`);
  }

  const pending = await request.waiting();
  if (!pending) {
    throw new AlreadyDecidedError(`${caseKey(owner.id)} has no failed step waiting for a retry.`);
  }
  const at = deps.clock().toISOString();
  const failed = deps.actions.byKey(pending.key);
  if (!deps.actions.reopenFailed(pending.key, at)) {
    throw new AlreadyDecidedError('A retry of this step is already under way.');
  }
  deps.audit.append({
    type: `${workflow}.retry`,
    actor: userId,
    caseId: owner.id,
    data: { step: pending.step },
  });
  return { step: pending.step, failed, at };
}
