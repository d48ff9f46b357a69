// The offboarding workflow: resolve the person → propose → policy gate → (approval) → disable in the
// identity provider → revoke cloud credentials → remove from Slack → summarise, strictly in that order. A
// failed step stops the run at `failed`, which waits for Retry and resumes at the step that failed.
// Checkpointed with thread_id = `offboard:VIG-n`.
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { OffboardStep } from './contracts.js';
import { awaitApproval } from './nodes/await-approval.js';
import { awaitRetry } from './nodes/await-retry.js';
import { makeDisableIdentity } from './nodes/disable-identity.js';
import { makeFailed } from './nodes/failed.js';
import { makePolicyGate } from './nodes/policy-gate.js';
import { propose } from './nodes/propose.js';
import { makeRemoveSlack } from './nodes/remove-slack.js';
import { makeRequestApproval } from './nodes/request-approval.js';
import { makeResolvePerson } from './nodes/resolve-person.js';
import { makeRevokeCloud } from './nodes/revoke-cloud.js';
import { makeSummarise } from './nodes/summarise.js';
import type { OffboardingDeps } from './ports.js';
import { OffboardingState, type OffboardingStateValue } from './state.js';

/** Bumped whenever the graph's shape or a node's meaning changes; bound into every approval. */
export const OFFBOARDING_WORKFLOW_VERSION = 'offboarding@1';

const STEP_NODES = [
  'disable-identity',
  'revoke-cloud',
  'remove-slack',
] as const satisfies readonly OffboardStep[];

// Nobody to offboard: straight to the summary.
const afterResolve = (state: OffboardingStateValue) => (state.person ? 'propose' : 'summarise');

const afterGate = (state: OffboardingStateValue) => {
  switch (state.gate?.mode) {
    case 'approval':
      return 'request-approval';
    case 'auto':
      return 'disable-identity';
    default:
      return 'summarise';
  }
};

// A card made stale by a policy change goes back through the gate; a denial or expiry ends the run.
const afterDecision = (state: OffboardingStateValue) => {
  switch (state.decision?.decision) {
    case 'stale':
      return 'policy-gate';
    case 'approved':
      return 'disable-identity';
    default:
      return 'summarise';
  }
};

// Each step either hands over to the next one or stops the run at `failed`.
const after = (next: 'revoke-cloud' | 'remove-slack' | 'summarise') => (state: OffboardingStateValue) =>
  state.failure ? 'failed' : next;

// Retry resumes at the step that failed; the steps done before it are not visited again.
const afterRetry = (state: OffboardingStateValue): OffboardStep => state.retryFrom ?? 'disable-identity';

export function buildOffboardingGraph(deps: OffboardingDeps) {
  return new StateGraph(OffboardingState)
    .addNode('resolve-person', makeResolvePerson(deps))
    .addNode('propose', propose)
    .addNode('policy-gate', makePolicyGate(deps))
    .addNode('request-approval', makeRequestApproval(deps))
    .addNode('await-approval', awaitApproval)
    .addNode('disable-identity', makeDisableIdentity(deps))
    .addNode('revoke-cloud', makeRevokeCloud(deps))
    .addNode('remove-slack', makeRemoveSlack(deps))
    .addNode('failed', makeFailed(deps))
    .addNode('await-retry', awaitRetry)
    .addNode('summarise', makeSummarise(deps))
    .addEdge(START, 'resolve-person')
    .addConditionalEdges('resolve-person', afterResolve, ['propose', 'summarise'])
    .addEdge('propose', 'policy-gate')
    .addConditionalEdges('policy-gate', afterGate, ['request-approval', 'disable-identity', 'summarise'])
    .addEdge('request-approval', 'await-approval')
    .addConditionalEdges('await-approval', afterDecision, ['policy-gate', 'disable-identity', 'summarise'])
    .addConditionalEdges('disable-identity', after('revoke-cloud'), ['revoke-cloud', 'failed'])
    .addConditionalEdges('revoke-cloud', after('remove-slack'), ['remove-slack', 'failed'])
    .addConditionalEdges('remove-slack', after('summarise'), ['summarise', 'failed'])
    .addEdge('failed', 'await-retry')
    .addConditionalEdges('await-retry', afterRetry, [...STEP_NODES])
    .addEdge('summarise', END);
}

export function compileOffboardingGraph(deps: OffboardingDeps, checkpointer: BaseCheckpointSaver) {
  return buildOffboardingGraph(deps).compile({ checkpointer, name: 'offboarding' });
}

export type OffboardingGraph = ReturnType<typeof compileOffboardingGraph>;
