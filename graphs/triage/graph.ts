// The triage workflow: normalise → enrich → propose → policy gate → (approval) → execute → summarise, checkpointed
// with thread_id = the case key so retries and restarts converge on one run.
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { awaitApproval } from './nodes/await-approval.js';
import { makeEnrich } from './nodes/enrich.js';
import { makeExecute } from './nodes/execute.js';
import { makeNormalise } from './nodes/normalise.js';
import { makePolicyGate } from './nodes/policy-gate.js';
import { makePropose } from './nodes/propose.js';
import { makeRequestApproval } from './nodes/request-approval.js';
import { makeSummarise } from './nodes/summarise.js';
import type { TriageDeps } from './ports.js';
import { TriageState, type TriageStateValue } from './state.js';

/** Bumped whenever the graph's shape or a node's meaning changes; bound into every approval. */
export const TRIAGE_WORKFLOW_VERSION = 'triage@3';

const afterPropose = (state: TriageStateValue) => (state.proposal ? 'policy-gate' : 'summarise');

// A card made stale by a policy change goes back through the gate under the policy now in force.
const afterDecision = (state: TriageStateValue) =>
  state.decision?.decision === 'stale' ? 'policy-gate' : 'execute';

const afterGate = (state: TriageStateValue) => {
  switch (state.gate?.mode) {
    case 'approval':
      return 'request-approval';
    case 'auto':
      return 'execute';
    default:
      return 'summarise';
  }
};

export function buildTriageGraph(deps: TriageDeps) {
  return (
    new StateGraph(TriageState)
      .addNode('normalise', makeNormalise(deps))
      .addNode('enrich', makeEnrich(deps))
      .addNode('propose', makePropose(deps))
      .addNode('policy-gate', makePolicyGate(deps))
      .addNode('request-approval', makeRequestApproval(deps))
      .addNode('await-approval', awaitApproval)
      .addNode('execute', makeExecute(deps))
      .addNode('summarise', makeSummarise(deps))
      .addEdge(START, 'normalise')
      .addEdge('normalise', 'enrich')
      .addEdge('enrich', 'propose')
      // Nothing to act on: go straight to the summary.
      .addConditionalEdges('propose', afterPropose, ['policy-gate', 'summarise'])
      // Policy decides: ask a person, act now, or record why not.
      .addConditionalEdges('policy-gate', afterGate, ['request-approval', 'execute', 'summarise'])
      .addEdge('request-approval', 'await-approval')
      .addConditionalEdges('await-approval', afterDecision, ['policy-gate', 'execute'])
      .addEdge('execute', 'summarise')
      .addEdge('summarise', END)
  );
}

export function compileTriageGraph(deps: TriageDeps, checkpointer: BaseCheckpointSaver) {
  return buildTriageGraph(deps).compile({ checkpointer, name: 'triage' });
}

export type TriageGraph = ReturnType<typeof compileTriageGraph>;

export const threadIdFor = (caseId: number): string => `VIG-${caseId}`;
