// revalidate: policy.yml changed under a case in flight (its card was superseded, or the gate found the policy in
// force is not the one validation ran under). The case is validated and proposed for again under the policy now
// in force, from the alert and evidence already gathered, so the gate decides with that policy's environments,
// allow-lists, maintenance windows, internal networks and floor. Proposals already worked stay as they were; the
// one in hand goes on as the new policy proposes it, or is filed as no longer proposed; any new one follows.
import type { Outcome, ProposedAction, Validation } from '../contracts.js';
import type { TriageDeps, ValidationRules } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';
import { policyHoldsProposals, proposalsFor, sparedReason } from './propose.js';
import { validateAndRecord } from './validate.js';

/** Why the policy in force no longer proposes `proposal`, in words for the summary. */
function whyDropped(
  proposal: ProposedAction,
  validation: Validation,
  held: string | null,
  rules: Pick<ValidationRules, 'ipInternal'>,
): string {
  if (held) return held;
  const allowed = validation.exceptions.find(
    (e) => e.kind === 'allow_list' && e.subject.endsWith(` ${proposal.target}`),
  );
  if (allowed) return `${allowed.subject} is on the allow-list`;
  if (proposal.kind === 'block_ip' && rules.ipInternal(proposal.target))
    return sparedReason([proposal.target]);
  return 'it no longer fits the case';
}

/** What changed in the verdict, for the thread (empty when nothing did). */
function changes(before: Validation | null, after: Validation): string[] {
  if (!before) return [];
  const lines: string[] = [];
  if (before.environment !== after.environment)
    lines.push(`environment ${after.environment} (was ${before.environment})`);
  if (before.confidence !== after.confidence)
    lines.push(`confidence ${after.confidence.toFixed(2)} (was ${before.confidence.toFixed(2)})`);
  const shown = (v: Validation) => v.exceptions.map((e) => `${e.subject}: ${e.detail}`).join('; ') || 'none';
  if (shown(before) !== shown(after)) lines.push(`exceptions: ${shown(after)} (were: ${shown(before)})`);
  return lines;
}

export function makeRevalidate(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const rules = deps.policy.validationRules();
    const { alert, classification } = state;
    const reset = { gate: null, approvalId: null, decision: null, execution: null };
    if (!alert || !classification) return { ...reset, proposal: null, validatedUnder: rules.policyHash };
    const validation = validateAndRecord(deps, state, { alert, classification, rules });
    const held = policyHoldsProposals(validation, rules.proposeMinConfidence, alert);
    const fresh = held
      ? []
      : proposalsFor({ ...deps, rules }, alert, classification.playbook, state.evidence, validation);
    const outcomes: Outcome[] = [...state.outcomes];
    const current = state.proposal;
    if (current && !fresh.some((p) => p.id === current.id)) {
      outcomes.push({
        proposal: current,
        gate: null,
        decision: state.decision,
        execution: {
          actionId: null,
          status: 'skipped',
          detail: `Not carried out: policy.yml changed, and the policy now in force does not propose it (${whyDropped(current, validation, held, rules)}).`,
        },
      });
    }
    const worked = new Set(outcomes.map((o) => o.proposal.id));
    const remaining = fresh.filter((p) => !worked.has(p.id));
    for (const proposal of remaining)
      deps.audit.record({ type: 'proposal.made', actor: 'vigil', caseId: state.caseId, data: { proposal } });
    const changed = changes(state.validation, validation);
    if (changed.length) {
      await deps.notifier.threadNote(state.caseId, {
        kind: 'triage',
        title: 'Validated again',
        text: `policy.yml changed, so the case was validated again under the policy now in force: ${changed.join('; ')}.`,
      });
    }
    return {
      ...reset,
      validation,
      validatedUnder: rules.policyHash,
      outcomes,
      proposals: [...outcomes.map((o) => o.proposal), ...remaining],
      proposal: remaining[0] ?? null,
    };
  };
}
