// summarise: after both steps (or a refusal) writes the summary. All done: the case is resolved. A step
// failed: the case stays open as failed, needing review, with the failures named.
import { announceSummary, resolveCase } from '../../lib/case-summary.js';
import { ONBOARD_STEPS, STEP_LABELS } from '../contracts.js';
import type { OnboardingDeps } from '../ports.js';
import type { OnboardingStateValue, OnboardingUpdate } from '../state.js';

export function makeSummarise(deps: OnboardingDeps) {
  return async (state: OnboardingStateValue): Promise<OnboardingUpdate> => {
    const at = deps.clock().toISOString();
    const who = state.person ? `${state.person.displayName} (${state.person.email})` : 'the person';
    const failed = ONBOARD_STEPS.filter((step) => state.outcomes[step]?.status === 'failed');
    const line = (step: (typeof ONBOARD_STEPS)[number]) => {
      const outcome = state.outcomes[step];
      return `${STEP_LABELS[step]}: ${outcome ? outcome.status : 'not run'}`;
    };
    let summary: string;
    if (state.refused) {
      summary = `Not onboarded: ${state.refused}. Nothing was provisioned.`;
      resolveCase(deps, state.caseId, summary, at);
    } else if (failed.length) {
      summary = `Needs review: onboarding ${who} as ${state.grant?.role ?? 'unknown role'} is incomplete. ${ONBOARD_STEPS.map(line).join('; ')}. The failures are flagged above, with Retry.`;
      deps.cases.update(state.caseId, { status: 'failed', summary }, at);
      deps.audit.append({
        type: 'onboarding.needs_review',
        actor: 'vigil',
        caseId: state.caseId,
        data: { failed, outcomes: state.outcomes },
      });
    } else {
      summary = `Onboarded ${who} as ${state.grant?.role ?? 'unknown role'}. ${ONBOARD_STEPS.map(line).join('; ')}.`;
      resolveCase(deps, state.caseId, summary, at);
    }
    await announceSummary(deps, state.caseId, summary);
    return { summary, retrying: null };
  };
}
