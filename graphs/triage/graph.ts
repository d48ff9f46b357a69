// The triage workflow, one node per role: normalise → classify (triage) and enrich side by side → validate →
// open-ticket (high severity, when a tracker is connected) → propose → for each proposal: policy gate →
// (approval) → execute; then summarise. When policy.yml changes under a case in flight, revalidate works out the
// validation and proposals again under the policy in force before the gate decides.
// Checkpointed with thread_id = the case key so retries and restarts converge on one run; every node's
// input and output digests go into the audit log with the workflow's version hash.
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { digest, sha256 } from '../lib/digest.js';
import { awaitApproval } from './nodes/await-approval.js';
import { makeClassify } from './nodes/classify.js';
import { makeEnrich } from './nodes/enrich.js';
import { makeExecute } from './nodes/execute.js';
import { makeNormalise } from './nodes/normalise.js';
import { makePolicyGate } from './nodes/policy-gate.js';
import { makePropose } from './nodes/propose.js';
import { makeRequestApproval } from './nodes/request-approval.js';
import { makeRevalidate } from './nodes/revalidate.js';
import { makeSummarise } from './nodes/summarise.js';
import { makeOpenTicket, needsTicket } from './nodes/open-ticket.js';
import { makeValidate } from './nodes/validate.js';
import type { TriageDeps } from './ports.js';
import { TriageState, type TriageStateValue, type TriageUpdate } from './state.js';

/** Bumped whenever the graph's shape or a node's meaning changes; bound into every approval. */
export const TRIAGE_WORKFLOW_VERSION = 'triage@8';

// Nothing to act on (or every proposal worked, each filing its own outcome): go to the summary.
const toNextProposal = (state: TriageStateValue) => (state.proposal ? 'policy-gate' : 'summarise');

// A card made stale by a policy change goes back through validation and proposal under the policy now in force,
// then the gate.
const afterDecision = (state: TriageStateValue) =>
  state.decision?.decision === 'stale' ? 'revalidate' : 'execute';

const afterGate = (state: TriageStateValue) => {
  // The gate decided nothing: the case was validated under another policy than the one in force.
  if (state.proposal && state.validatedUnder === null) return 'revalidate';
  switch (state.gate?.mode) {
    case 'approval':
      return 'request-approval';
    case 'auto':
      return 'execute';
    default:
      // Forbidden (the gate filed it) or nothing to gate: the next proposal, or the summary.
      return toNextProposal(state);
  }
};

type Node = (state: TriageStateValue) => TriageUpdate | Promise<TriageUpdate>;

/** Records each completed node run: its input and output digests under the workflow's version hash. */
function audited(deps: TriageDeps, shape: { hash: string }, id: string, node: Node): Node {
  return async (state) => {
    const update = await node(state);
    deps.audit.record({
      type: 'node.completed',
      actor: 'vigil',
      caseId: state.caseId,
      data: {
        node: id,
        workflowHash: shape.hash,
        inputDigest: digest(state),
        outputDigest: digest(update),
      },
    });
    return update;
  };
}

function buildGraph(deps: TriageDeps, shape: { hash: string }) {
  const node = (id: string, fn: Node) => audited(deps, shape, id, fn);
  // Only a high-severity alert, with a tracker connected, has a ticket to open.
  const afterValidate = (state: TriageStateValue) => (needsTicket(deps, state) ? 'open-ticket' : 'propose');
  return (
    new StateGraph(TriageState)
      .addNode('normalise', node('normalise', makeNormalise(deps)))
      .addNode('classify', node('classify', makeClassify(deps)))
      .addNode('enrich', node('enrich', makeEnrich(deps)))
      .addNode('validate', node('validate', makeValidate(deps)))
      .addNode('open-ticket', node('open-ticket', makeOpenTicket(deps)))
      .addNode('propose', node('propose', makePropose(deps)))
      .addNode('policy-gate', node('policy-gate', makePolicyGate(deps)))
      .addNode('revalidate', node('revalidate', makeRevalidate(deps)))
      .addNode('request-approval', node('request-approval', makeRequestApproval(deps)))
      .addNode('await-approval', node('await-approval', awaitApproval))
      .addNode('execute', node('execute', makeExecute(deps)))
      .addNode('summarise', node('summarise', makeSummarise(deps)))
      .addEdge(START, 'normalise')
      // Classification and enrichment both read only the alert: they run in one step, and validation waits
      // for both (with remote intel or a model classifier, neither waits on the other).
      .addEdge('normalise', 'classify')
      .addEdge('normalise', 'enrich')
      .addEdge(['classify', 'enrich'], 'validate')
      .addConditionalEdges('validate', afterValidate, ['open-ticket', 'propose'])
      .addEdge('open-ticket', 'propose')
      .addConditionalEdges('propose', toNextProposal, ['policy-gate', 'summarise'])
      // Policy decides: ask a person, act now, or record why not and move on.
      .addConditionalEdges('policy-gate', afterGate, [
        'request-approval',
        'execute',
        'policy-gate',
        'revalidate',
        'summarise',
      ])
      .addConditionalEdges('revalidate', toNextProposal, ['policy-gate', 'summarise'])
      .addEdge('request-approval', 'await-approval')
      .addConditionalEdges('await-approval', afterDecision, ['revalidate', 'execute'])
      // Each proposal in turn, then the summary.
      .addConditionalEdges('execute', toNextProposal, ['policy-gate', 'summarise'])
      .addEdge('summarise', END)
  );
}

export function buildTriageGraph(deps: TriageDeps) {
  return buildGraph(deps, { hash: '' });
}

/** The workflow's version hash: its version and its shape (nodes and edges, conditional or not). */
export function workflowHashOf(graph: {
  getGraph(): {
    nodes: Record<string, unknown>;
    edges: Array<{ source: string; target: string; conditional?: boolean }>;
  };
}): string {
  const shape = graph.getGraph();
  return sha256(
    JSON.stringify({
      version: TRIAGE_WORKFLOW_VERSION,
      nodes: Object.keys(shape.nodes).sort(),
      edges: shape.edges.map((e) => `${e.source}${e.conditional ? '~>' : '->'}${e.target}`).sort(),
    }),
  );
}

export function compileTriageGraph(deps: TriageDeps, checkpointer: BaseCheckpointSaver) {
  const shape = { hash: '' };
  const compiled = buildGraph(deps, shape).compile({ checkpointer, name: 'triage' });
  shape.hash = workflowHashOf(compiled);
  return compiled;
}

export type TriageGraph = ReturnType<typeof compileTriageGraph>;

export const threadIdFor = (caseId: number): string => `VIG-${caseId}`;
