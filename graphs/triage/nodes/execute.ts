// execute: the execution role. Runs the proposal if policy allowed it and, where required, a person approved
// exactly it. The action row is recorded before the connector is called, keyed so a retry never runs it twice.
// Then files the proposal's outcome and moves on to the next proposal.
import { canonicalJson, digest } from '../../lib/digest.js';
import { actionHash, actionIdFor, actionKeyFor } from '../action-binding.js';
import type { Execution } from '../contracts.js';
import { mention, mentionsOf } from '../../lib/mention.js';
import { fileOutcome } from '../outcome.js';
import type { ThreadNote, TriageDeps } from '../ports.js';
import { canRevert, requestOf, RESPONSE_ACTIONS, runAction } from '../responders.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makeExecute(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { proposal, gate, decision } = state;
    if (!proposal || !gate) throw new Error('execute reached without a proposal');
    /** Posts the result (with a Revert button when the action can be undone) and files the outcome. */
    const note = async (
      execution: Execution,
      offer: Pick<ThreadNote, 'offer'> = {},
    ): Promise<TriageUpdate> => {
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Action',
        text: execution.detail,
        mentions: mentionsOf([decision?.decidedBy]),
        ...offer,
      });
      return fileOutcome(state, { gate, execution });
    };

    if (gate.mode === 'approval') {
      if (decision?.decision === 'expired') {
        return note({
          actionId: null,
          status: 'skipped',
          detail: `Not executed (${proposal.kind} ${proposal.target}): nobody decided before the request expired.`,
        });
      }
      if (decision?.decision !== 'approved') {
        const reason = decision?.reason ? `: ${decision.reason}` : '';
        return note({
          actionId: null,
          status: 'skipped',
          detail: `Not executed (${proposal.kind} ${proposal.target}): denied by ${mention(decision?.decidedBy ?? 'nobody')}${reason}`,
        });
      }
      const approval = state.approvalId ? deps.approvals.get(state.approvalId) : undefined;
      const expected = actionHash({
        proposal,
        caseId: state.caseId,
        workflowVersion: deps.workflowVersion,
        policyHash: gate.policyHash,
      });
      if (approval?.status !== 'approved' || approval.actionHash !== expected) {
        deps.audit.append({
          type: 'action.refused',
          actor: 'vigil',
          caseId: state.caseId,
          data: { approvalId: state.approvalId, reason: 'approval does not match the action to execute' },
        });
        return note({
          actionId: null,
          status: 'failed',
          detail: 'Refused: the approval does not match this action.',
        });
      }
    }

    const at = deps.clock().toISOString();
    const key = actionKeyFor(state.caseId, proposal.id);
    // The TTL the person who asked for a block gave (bound into the approval with the parameters), else policy's.
    const ttlSeconds =
      (proposal.kind === 'block_ip' ? proposal.parameters.ttlSeconds : undefined) ?? gate.ttlSeconds;
    const expiresAt = ttlSeconds ? new Date(deps.clock().getTime() + ttlSeconds * 1000).toISOString() : null;
    const row = deps.actions.claim({
      id: actionIdFor(key),
      idempotencyKey: key,
      caseId: state.caseId,
      approvalId: state.approvalId,
      kind: proposal.kind,
      target: proposal.target,
      request: canonicalJson(requestOf(proposal, expiresAt)),
      expiresAt,
      createdAt: at,
    });
    // Revert is offered where someone may press it: the approvers of its approval, or of its policy rule when
    // it ran by itself (a rule with no approvers leaves nobody, so no button that refuses everyone).
    const someoneMayRevert = state.approvalId !== null || gate.approvers !== null;
    const revertOffer =
      canRevert(deps.responders, proposal.kind) && someoneMayRevert
        ? { offer: { kind: 'revert' as const, actionId: row.id } }
        : {};
    if (row.status === 'done') {
      // Only a replay of this node gets here (a crash after the result was recorded, maybe before it was
      // posted): say so in the thread rather than risk a thread without the result.
      const until = row.expiresAt ? ` until ${row.expiresAt}` : '';
      return note(
        {
          actionId: row.id,
          status: 'done',
          detail: `Already done before an interruption: ${proposal.target} is ${RESPONSE_ACTIONS[proposal.kind].pastTense}${until}.`,
        },
        revertOffer,
      );
    }
    // An attempt left `running` by a crash is retried as recorded: same key, same expiry.
    const resumed = row.status === 'running';
    const request = requestOf(proposal, row.expiresAt);
    deps.actions.markRunning(row.id, at);
    deps.audit.append({
      type: 'action.started',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        actionId: row.id,
        idempotencyKey: key,
        kind: proposal.kind,
        requestDigest: digest(request),
        ...(resumed ? { resumed: true } : {}),
      },
    });
    try {
      const outcome = await runAction(deps.responders, proposal, {
        caseId: state.caseId,
        actionId: row.id,
        expiresAt: row.expiresAt,
        resumed,
      });
      // In place before, not from an attempt of this action a crash cut off, nor from another case's: a person or
      // another tool put it there, and rolling this action back must leave it be. Recorded with the result.
      const foundInPlace = outcome.inPlace === true && !resumed && !deps.actions.placedByVigil(row);
      deps.actions.markDone(row.id, canonicalJson(outcome.result), deps.clock().toISOString(), foundInPlace);
      deps.audit.append({
        type: 'action.executed',
        actor: outcome.connector,
        caseId: state.caseId,
        data: {
          actionId: row.id,
          kind: proposal.kind,
          requestDigest: digest(request),
          responseDigest: digest(outcome.result),
          result: outcome.result,
          ...(foundInPlace ? { foundInPlace: true } : {}),
        },
      });
      return note({ actionId: row.id, status: 'done', detail: outcome.detail }, revertOffer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.actions.markFailed(row.id, message, deps.clock().toISOString());
      deps.audit.append({
        type: 'action.failed',
        actor: 'vigil',
        caseId: state.caseId,
        data: { actionId: row.id, kind: proposal.kind, requestDigest: digest(request), error: message },
      });
      return note({
        actionId: row.id,
        status: 'failed',
        detail: `${proposal.kind} ${proposal.target} failed: ${message}`,
      });
    }
  };
}
