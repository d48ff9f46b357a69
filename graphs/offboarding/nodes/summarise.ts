// summarise: writes the closing summary, closes the case and tells the thread.
import { announceSummary, resolveCase } from '../../lib/case-summary.js';
import { mention, mentionsOf } from '../../lib/mention.js';
import type { OffboardingDeps } from '../ports.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

function summaryOf(state: OffboardingStateValue): string {
  const who = state.person ? `${state.person.displayName} (${state.person.email})` : 'the person';
  if (state.unresolved) return `Not offboarded: ${state.unresolved}`;
  if (state.gate?.mode === 'forbidden') return `Not offboarded: ${state.gate.reason}.`;
  const decision = state.decision;
  if (state.gate?.mode === 'approval' && decision && decision.decision !== 'approved') {
    if (decision.decision === 'expired') return `Not offboarded: nobody decided before the request expired.`;
    const reason = decision.reason ? `: ${decision.reason}` : '';
    return `Not offboarded: denied by ${mention(decision.decidedBy)}${reason}`;
  }
  return `Offboarded ${who}: disabled in the identity provider, cloud credentials revoked, removed from Slack (${state.completed.length} of 3 steps done).`;
}

export function makeSummarise(deps: OffboardingDeps) {
  return async (state: OffboardingStateValue): Promise<OffboardingUpdate> => {
    const summary = summaryOf(state);
    const at = deps.clock().toISOString();
    resolveCase(deps, state.caseId, summary, at);
    // Who denied, or the person asked for (named when they could not be found).
    await announceSummary(
      deps,
      state.caseId,
      summary,
      mentionsOf([state.decision?.decidedBy, state.subject.slackUserId]),
    );
    return { summary };
  };
}
