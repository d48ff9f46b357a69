// summarise: writes the closing summary, closes the case and tells the thread.
import { announceSummary, resolveCase } from '../../lib/case-summary.js';
import { mention, mentionsOf } from '../../lib/mention.js';
import { OFFBOARD_STEPS, type OffboardStep } from '../contracts.js';
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
  const done = OFFBOARD_STEPS.map((step) =>
    state.nothingThere.includes(step) ? NOTHING_THERE[step] : DONE[step],
  ).join(', ');
  const check = state.nothingThere.length
    ? ' Accounts not found by that address may exist under another name: check them by hand.'
    : '';
  return `Offboarded ${who}: ${done} (${state.completed.length} of 3 steps done).${check}`;
}

const DONE: Record<OffboardStep, string> = {
  'disable-identity': 'disabled in the identity provider',
  'revoke-cloud': 'cloud credentials revoked',
  'remove-slack': 'removed from Slack',
};

const NOTHING_THERE: Record<OffboardStep, string> = {
  'disable-identity': 'no identity-provider user found',
  'revoke-cloud': 'no cloud user found',
  'remove-slack': 'no Slack account found',
};

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
