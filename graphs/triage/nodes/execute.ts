// execute: runs the proposal if policy allowed it and, where required, a person approved exactly it.
// The action row is recorded before the connector is called, keyed so a retry never runs it twice.
import { isReversible } from '../../../connectors/types.js';
import { canonicalJson, digest } from '../../lib/digest.js';
import { actionHash, actionIdFor, actionKeyFor } from '../action-binding.js';
import type { Execution } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function makeExecute(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { proposal, gate, decision } = state;
    if (!proposal || !gate) throw new Error('execute reached without a proposal');
    const note = async (execution: Execution): Promise<TriageUpdate> => {
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Action',
        text: execution.detail,
      });
      return { execution };
    };

    if (gate.mode === 'approval') {
      if (decision?.decision === 'expired') {
        return note({
          actionId: null,
          status: 'skipped',
          detail: 'Not executed: nobody decided before the request expired.',
        });
      }
      if (decision?.decision !== 'approved') {
        const reason = decision?.reason ? `: ${decision.reason}` : '';
        return note({
          actionId: null,
          status: 'skipped',
          detail: `Not executed: denied by <@${decision?.decidedBy}>${reason}`,
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
    const expiresAt = gate.ttlSeconds
      ? new Date(deps.clock().getTime() + gate.ttlSeconds * 1000).toISOString()
      : null;
    const row = deps.actions.claim({
      id: actionIdFor(key),
      idempotencyKey: key,
      caseId: state.caseId,
      approvalId: state.approvalId,
      kind: proposal.kind,
      target: proposal.target,
      request: canonicalJson({ ip: proposal.parameters.ip, expiresAt }),
      expiresAt,
      createdAt: at,
    });
    // An attempt left `running` by a crash is retried as recorded: same key, same expiry.
    const resumed = row.status === 'running';
    const request = { ip: proposal.parameters.ip, expiresAt: row.expiresAt };
    if (row.status === 'done') {
      // Only a replay of this node gets here (a crash after the result was recorded, maybe before it was
      // posted): say so in the thread rather than risk a thread without the result.
      const until = row.expiresAt ? ` until ${row.expiresAt}` : '';
      const execution: Execution = {
        actionId: row.id,
        status: 'done',
        detail: `Already done before an interruption: ${proposal.target} is blocked${until}.`,
      };
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Action',
        text: execution.detail,
        ...(isReversible(deps.firewall) ? { offer: { kind: 'revert' as const, actionId: row.id } } : {}),
      });
      return { execution };
    }
    deps.actions.markRunning(row.id, at);
    deps.audit.append({
      type: 'action.started',
      actor: deps.firewall.name,
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
      const result = await deps.firewall.blockIp({ ...request, caseId: state.caseId, actionId: row.id });
      deps.actions.markDone(row.id, canonicalJson(result), deps.clock().toISOString());
      deps.audit.append({
        type: 'action.executed',
        actor: deps.firewall.name,
        caseId: state.caseId,
        data: { actionId: row.id, requestDigest: digest(request), responseDigest: digest(result), result },
      });
      const until = request.expiresAt ? ` until ${request.expiresAt}` : '';
      const already = !result.alreadyBlocked
        ? ''
        : resumed
          ? ' (finished after an interruption: the block from the first attempt was in place)'
          : ' (it was already on the list)';
      const execution: Execution = {
        actionId: row.id,
        status: 'done',
        detail: `Blocked ${result.ip} on ${result.enforcedBy}${until}${already}.`,
      };
      await deps.notifier.threadNote(state.caseId, {
        kind: 'result',
        title: 'Action',
        text: execution.detail,
        ...(isReversible(deps.firewall) ? { offer: { kind: 'revert' as const, actionId: row.id } } : {}),
      });
      return { execution };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.actions.markFailed(row.id, message, deps.clock().toISOString());
      deps.audit.append({
        type: 'action.failed',
        actor: deps.firewall.name,
        caseId: state.caseId,
        data: { actionId: row.id, requestDigest: digest(request), error: message },
      });
      return note({
        actionId: row.id,
        status: 'failed',
        detail: `Blocking ${proposal.target} failed: ${message}`,
      });
    }
  };
}
