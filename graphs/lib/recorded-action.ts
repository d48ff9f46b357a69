// Record first, act second: an action row (idempotency key) is written before the connector is called, the
// call is audited with request and response digests, and an action whose row is already `done` is never
// run again, so a replay or a restart cannot act twice.
import type { ActionsRepository } from '../../db/repositories/actions.js';
import { actionIdFor } from '../triage/action-binding.js';
import type { AuditSink } from '../triage/ports.js';
import { canonicalJson, digest } from './digest.js';

export interface RecordedActionDeps {
  clock: () => Date;
  actions: ActionsRepository;
  audit: AuditSink;
}

export interface RecordedAction {
  caseId: number;
  /** The idempotency key: one row, and at most one successful call, per key. */
  key: string;
  approvalId: string | null;
  /** The row's kind, e.g. `onboard_user.provision-slack`. */
  kind: string;
  target: string;
  /** The workflow's name for the step, recorded in every audit row. */
  step: string;
  /** The connector's name, for the audit log and the thread. */
  actor: string;
  /** What is sent, for the action row and the request digest. */
  request: Record<string, unknown>;
  /** Calls the vendor; returns what came back and one sentence for the thread. */
  run(actionId: string): Promise<{ result: unknown; detail: string }>;
}

/** An action as recorded, before anything is called: its row's fields and its step. */
export type RecordedStep = Omit<RecordedAction, 'actor' | 'run'>;

export type RecordedOutcome =
  | {
      status: 'done';
      actionId: string;
      detail: string;
      /** Done by an earlier attempt: the vendor was not called now. */
      repeated: boolean;
      /** Run again after a crash left the earlier attempt `running`. */
      resumed: boolean;
      /** When the row was last written (for a repeated action, when it was done). */
      recordedAt: string;
      /** What the vendor answered (for a repeated action, as recorded then). */
      result: unknown;
    }
  | { status: 'failed'; actionId: string; error: string };

/** The action's row under its key: written now, or as an earlier attempt left it. */
function claimRow(deps: RecordedActionDeps, action: RecordedStep, at: string) {
  return deps.actions.claim({
    id: actionIdFor(action.key),
    idempotencyKey: action.key,
    caseId: action.caseId,
    approvalId: action.approvalId,
    kind: action.kind,
    target: action.target,
    request: canonicalJson(action.request),
    createdAt: at,
  });
}

/**
 * A step that cannot be tried at all (no connector is configured for it) is recorded as a failed action
 * under its key all the same, and audited: its Retry claims that row, so once the connector is configured
 * the step can run. Returns the error.
 */
export function recordFailedBeforeCall(
  deps: RecordedActionDeps,
  action: RecordedStep,
  error: string,
): string {
  const at = deps.clock().toISOString();
  const row = claimRow(deps, action, at);
  if (row.status !== 'done') deps.actions.markFailed(row.id, error, at);
  deps.audit.append({
    type: 'action.failed',
    actor: 'vigil',
    caseId: action.caseId,
    data: { actionId: row.id, step: action.step, error },
  });
  return error;
}

export async function runRecordedAction(
  deps: RecordedActionDeps,
  action: RecordedAction,
): Promise<RecordedOutcome> {
  const at = deps.clock().toISOString();
  const row = claimRow(deps, action, at);
  if (row.status === 'done') {
    return {
      status: 'done',
      actionId: row.id,
      detail: `Already done (action ${row.id}); not repeated.`,
      repeated: true,
      resumed: false,
      recordedAt: row.updatedAt,
      result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    };
  }
  // Left `running` by a crash: run again under the same key.
  const resumed = row.status === 'running';

  deps.actions.markRunning(row.id, at);
  const requestDigest = digest(action.request);
  deps.audit.append({
    type: 'action.started',
    actor: action.actor,
    caseId: action.caseId,
    data: {
      actionId: row.id,
      idempotencyKey: action.key,
      kind: row.kind,
      step: action.step,
      requestDigest,
      ...(resumed ? { resumed: true } : {}),
    },
  });
  try {
    const { result, detail } = await action.run(row.id);
    deps.actions.markDone(row.id, canonicalJson(result), deps.clock().toISOString());
    deps.audit.append({
      type: 'action.executed',
      actor: action.actor,
      caseId: action.caseId,
      data: { actionId: row.id, step: action.step, requestDigest, responseDigest: digest(result), result },
    });
    return {
      status: 'done',
      actionId: row.id,
      detail,
      repeated: false,
      resumed,
      recordedAt: deps.clock().toISOString(),
      result,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.actions.markFailed(row.id, message, deps.clock().toISOString());
    deps.audit.append({
      type: 'action.failed',
      actor: action.actor,
      caseId: action.caseId,
      data: { actionId: row.id, step: action.step, requestDigest, error: message },
    });
    // A connector's error names its vendor already ("aws-iam (lab): list access keys failed …").
    const named = message.startsWith(`${action.actor}:`) ? message : `${action.actor}: ${message}`;
    return { status: 'failed', actionId: row.id, error: named };
  }
}
