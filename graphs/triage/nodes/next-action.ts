// next-action: files what became of the proposal just worked (gate, decision, execution) and moves on to the
// next proposal of the case, or to the summary when none is left.
import type { Outcome } from '../contracts.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

export function nextAction(state: TriageStateValue): TriageUpdate {
  if (!state.proposal) return {};
  const outcome: Outcome = {
    proposal: state.proposal,
    gate: state.gate,
    decision: state.decision,
    execution: state.execution,
  };
  const outcomes = [...state.outcomes, outcome];
  const next = state.proposals[outcomes.length] ?? null;
  return { outcomes, proposal: next, gate: null, approvalId: null, decision: null, execution: null };
}
