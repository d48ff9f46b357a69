// The onboarding workflow: validate → (provision in Salesforce ‖ provision in Slack) → summarise. The two
// provisioning steps are independent and run side by side: a failure of one is flagged for review and never
// stops the other. A failed step waits in await-retry; Retry runs that step alone, then summarises again.
// Checkpointed with thread_id = `onboard:VIG-n`.
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { awaitRetry } from './nodes/await-retry.js';
import { makeProvisionSalesforce } from './nodes/provision-salesforce.js';
import { makeProvisionSlack } from './nodes/provision-slack.js';
import { makeSummarise } from './nodes/summarise.js';
import { makeValidate } from './nodes/validate.js';
import type { OnboardingDeps } from './ports.js';
import { OnboardingState, type OnboardingStateValue } from './state.js';
import type { OnboardStep } from './contracts.js';

// A refused request goes straight to the summary; a valid one fans out to both steps at once.
const afterValidate = (
  state: OnboardingStateValue,
): Array<'provision-salesforce' | 'provision-slack'> | 'summarise' =>
  state.refused ? 'summarise' : ['provision-salesforce', 'provision-slack'];

// A case with a failed step stays open, waiting for Retry; otherwise the run ends.
const afterSummary = (state: OnboardingStateValue): 'await-retry' | typeof END =>
  Object.values(state.outcomes).some((outcome) => outcome.status === 'failed') ? 'await-retry' : END;

// Retry runs the one step it names; the other step's outcome stands.
const afterRetry = (state: OnboardingStateValue): OnboardStep => state.retrying ?? 'provision-salesforce';

export function buildOnboardingGraph(deps: OnboardingDeps) {
  return (
    new StateGraph(OnboardingState)
      .addNode('validate', makeValidate(deps))
      .addNode('provision-salesforce', makeProvisionSalesforce(deps))
      .addNode('provision-slack', makeProvisionSlack(deps))
      .addNode('summarise', makeSummarise(deps))
      .addNode('await-retry', awaitRetry)
      .addEdge(START, 'validate')
      .addConditionalEdges('validate', afterValidate, [
        'provision-salesforce',
        'provision-slack',
        'summarise',
      ])
      // Both steps finish in the same super-step, so the summary runs once, after both.
      .addEdge('provision-salesforce', 'summarise')
      .addEdge('provision-slack', 'summarise')
      .addConditionalEdges('summarise', afterSummary, ['await-retry', END])
      .addConditionalEdges('await-retry', afterRetry, ['provision-salesforce', 'provision-slack'])
  );
}

export function compileOnboardingGraph(deps: OnboardingDeps, checkpointer: BaseCheckpointSaver) {
  return buildOnboardingGraph(deps).compile({ checkpointer, name: 'onboarding' });
}

export type OnboardingGraph = ReturnType<typeof compileOnboardingGraph>;
