// summarise: writes the closing summary, closes the case and tells the thread.
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function summaryOf(state: TriageStateValue): string {
  const lines: string[] = [];
  const alert = state.alert;
  lines.push(
    alert ? `Alert: ${alert.title} (${alert.severity}, ${alert.format}).` : 'Alert could not be read.',
  );
  if (!state.proposal) lines.push('No response action was proposed: the alert names no blockable source IP.');
  else lines.push(`Proposed: ${state.proposal.kind} ${state.proposal.target}. ${state.proposal.rationale}`);
  if (state.gate) lines.push(`Policy: ${state.gate.mode} (${state.gate.reason}).`);
  if (state.decision) {
    const reason = state.decision.reason ? ` Reason: ${state.decision.reason}` : '';
    lines.push(
      `Decision: ${state.decision.decision} by <@${state.decision.decidedBy}> at ${state.decision.decidedAt}.${reason}`,
    );
  }
  if (state.execution) lines.push(`Outcome: ${state.execution.detail}`);
  return lines.join('\n');
}

export function makeSummarise(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const summary = summaryOf(state);
    const status = state.execution?.status === 'failed' ? 'failed' : 'resolved';
    const at = deps.clock().toISOString();
    deps.cases.update(state.caseId, { status, summary, closedAt: at }, at);
    deps.audit.append({
      type: 'case.closed',
      actor: 'vigil',
      caseId: state.caseId,
      data: { status, summary },
    });
    await deps.notifier.threadNote(state.caseId, { kind: 'summary', title: 'Summary', text: summary });
    await deps.notifier.caseUpdated(state.caseId);
    return { summary };
  };
}
