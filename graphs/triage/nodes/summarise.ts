// summarise: writes the closing summary (classification, confidence, each proposal's gate, decision and
// outcome) and the analyst notes (timeline, suggested next steps), closes the case, tells the thread and adds both
// to the case's ticket if it has one.
import type { TicketBlock } from '../../../connectors/types.js';
import type { AnalystNotes } from '../../agents/timeline/contract.js';
import { mention, mentionsOf } from '../../lib/mention.js';
import { runRecordedAction } from '../../lib/recorded-action.js';
import { actionKeyFor } from '../action-binding.js';
import { analystNotesFor, notesSections, notesTicketBlocks, timelineInputOf } from '../analyst-notes.js';
import type { Outcome } from '../contracts.js';
import type { TriageDeps } from '../ports.js';
import {
  internalSourcesSpared,
  policyHoldsProposals,
  type ProposeDeps,
  requestRefusedBy,
  sparedReason,
} from './propose.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

function outcomeLines(outcome: Outcome): string[] {
  const { proposal, gate, decision, execution } = outcome;
  const lines = [`Proposed: ${proposal.kind} ${proposal.target}. ${proposal.rationale}`];
  if (gate) lines.push(`Policy: ${gate.mode} (${gate.reason}).`);
  if (decision) {
    const reason = decision.reason ? ` Reason: ${decision.reason}` : '';
    lines.push(
      `Decision: ${decision.decision} by ${mention(decision.decidedBy)} at ${decision.decidedAt}.${reason}`,
    );
  }
  if (execution) lines.push(`Outcome: ${execution.detail}`);
  return lines;
}

/**
 * The closing summary; `proposeMinConfidence` is the policy's floor for proposing, `spared` the internal sources no
 * block was proposed for, and `refused` why a person's request got no proposal (see propose).
 */
export function summaryOf(
  state: TriageStateValue,
  proposeMinConfidence = 0,
  spared: string[] = [],
  refused: string | null = null,
): string {
  const lines: string[] = [];
  const { alert, classification, validation } = state;
  lines.push(
    alert ? `Alert: ${alert.title} (${alert.severity}, ${alert.format}).` : 'Alert could not be read.',
  );
  if (classification && validation) {
    lines.push(
      `Triage: ${classification.family} → ${classification.playbook} playbook; confidence ${validation.confidence.toFixed(2)} in ${validation.environment}.`,
    );
  }
  if (state.ticket) lines.push(`Ticket: ${state.ticket.key} ${state.ticket.url}`);
  if (!state.outcomes.length) {
    const held = policyHoldsProposals(validation, proposeMinConfidence, alert) ?? refused;
    lines.push(
      held
        ? `No response action was proposed: ${held}.`
        : spared.length
          ? `No response action was proposed: ${sparedReason(spared)}.`
          : 'No response action was proposed: the alert names no actionable target.',
    );
  }
  for (const outcome of state.outcomes) lines.push(...outcomeLines(outcome));
  return lines.join('\n');
}

export function makeSummarise(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const rules = deps.policy.validationRules();
    const deciding: ProposeDeps = { ...deps, rules };
    const spared = state.outcomes.length
      ? []
      : internalSourcesSpared(
          deciding,
          state.alert,
          state.classification?.playbook ?? null,
          state.validation,
        );
    const { alert, validation } = state;
    const refused =
      !state.outcomes.length && alert?.request && validation
        ? requestRefusedBy(deciding, alert.request, validation)
        : null;
    const summary = summaryOf(state, rules.proposeMinConfidence, spared, refused);
    const failed = state.outcomes.some((o) => o.execution?.status === 'failed');
    const status = failed ? 'failed' : 'resolved';
    const at = deps.clock().toISOString();
    const input = timelineInputOf(deps, state, at);
    const notes = input ? await analystNotesFor(deps, state.caseId, input) : null;
    deps.cases.update(state.caseId, { status, summary, closedAt: at }, at);
    deps.audit.append({
      type: 'case.closed',
      actor: 'vigil',
      caseId: state.caseId,
      data: { status, summary, ...(notes ? { notes } : {}) },
    });
    // The notes ride in the summary's own message: no Slack call more per case.
    await deps.notifier.threadNote(state.caseId, {
      kind: 'summary',
      title: 'Summary',
      text: summary,
      ...(notes ? { sections: notesSections(notes) } : {}),
      // Who decided, and who asked for a request's block (named in its proposal's rationale).
      mentions: mentionsOf([...state.outcomes.map((o) => o.decision?.decidedBy), state.alert?.request?.by]),
    });
    await deps.notifier.caseUpdated(state.caseId, state.alert ?? undefined);
    if (state.ticket && deps.ticketing) await commentOnTicket(deps, state, state.ticket.key, summary, notes);
    return { summary };
  };
}

/** Adds the summary and the notes to the ticket once (recorded like an action); a failure is recorded, never fatal. */
async function commentOnTicket(
  deps: TriageDeps,
  state: TriageStateValue,
  ticketKey: string,
  summary: string,
  notes: AnalystNotes | null,
) {
  const ticketing = deps.ticketing;
  if (!ticketing) return;
  await runRecordedAction(deps, {
    caseId: state.caseId,
    key: actionKeyFor(state.caseId, `ticket-comment:${ticketKey}`),
    approvalId: null,
    kind: 'comment_ticket',
    target: ticketKey,
    step: 'comment-ticket',
    actor: ticketing.name,
    request: { ticketKey },
    run: async () => {
      const blocks: TicketBlock[] = [
        { type: 'heading', text: `Vigil closed VIG-${state.caseId}` },
        { type: 'paragraph', text: summary },
        ...(notes ? notesTicketBlocks(notes) : []),
      ];
      const comment = await ticketing.addComment(ticketKey, blocks.map(withoutSlackMentions));
      return { result: comment, detail: `Commented on ${ticketKey}` };
    },
  });
}

const atName = (text: string) => text.replace(/<@([A-Z0-9]+)>/g, '@$1');

/** A ticket block with Slack's mention markup written as `@U…`: the tracker does not know Slack's. */
function withoutSlackMentions(block: TicketBlock): TicketBlock {
  return block.type === 'bullets'
    ? { ...block, items: block.items.map(atName) }
    : { ...block, text: atName(block.text) };
}
