// What became of a proposal once its last step ran (execution, or a gate that forbade it): filed with the
// case's outcomes, and the run moves on to the next proposal, or to the summary when none is left.
import type { Outcome } from './contracts.js';
import type { TriageStateValue, TriageUpdate } from './state.js';

/** The update that files the proposal being worked (with `last`, its final step's own update) and moves on. */
export function fileOutcome(
  state: TriageStateValue,
  last: Pick<Outcome, 'gate' | 'execution'>,
): TriageUpdate {
  if (!state.proposal) return last;
  const outcome: Outcome = {
    proposal: state.proposal,
    gate: last.gate,
    decision: state.decision,
    execution: last.execution,
  };
  const outcomes = [...state.outcomes, outcome];
  const next = state.proposals[outcomes.length] ?? null;
  return { outcomes, proposal: next, gate: null, approvalId: null, decision: null, execution: null };
}
