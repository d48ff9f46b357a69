// The analyst notes of a closing triage case: what the timeline agent is given (the run's state with the times
// the store kept: the case's first and last alert, approvals asked, actions finished or rolled back, the ticket),
// who writes them (the model when one is configured, else or when it fails the heuristic, labelled so), and how
// they read in the Summary thread note and the ticket comment.
import { readingOf } from '../agents/extraction/contract.js';
import { ModelSkippedError } from '../agents/model-port.js';
import { modelLabel, TimelineInput, writtenByModel, type AnalystNotes } from '../agents/timeline/contract.js';
import { heuristicNotes } from '../agents/timeline/heuristic-notes.js';
import type { TicketBlock } from '../../connectors/types.js';
import type { NoteSection, TriageDeps } from './ports.js';
import type { TriageStateValue } from './state.js';

/** What the case knows as it closes at `closedAt`; null when the run never read its alert. */
export function timelineInputOf(
  deps: Pick<TriageDeps, 'cases' | 'approvals' | 'actions' | 'tickets'>,
  state: TriageStateValue,
  closedAt: string,
): TimelineInput | null {
  const { alert } = state;
  if (!alert) return null;
  const row = deps.cases.get(state.caseId);
  // The case opened when its first alert was received (the alert's row is not read again: it holds the payload).
  const received = row?.createdAt ?? closedAt;
  const opened = deps.tickets.forCase(state.caseId).find((t) => t.key === state.ticket?.key);
  return TimelineInput.parse({
    caseId: state.caseId,
    alert: {
      title: alert.title,
      severity: alert.severity,
      format: alert.format,
      reading: readingOf(alert),
      observedAt: alert.observedAt,
      firstSeenAt: received,
      lastSeenAt: row?.lastSeenAt ?? received,
      occurrences: row?.occurrences ?? 1,
      observables: alert.observables,
    },
    classification: state.classification,
    evidence: state.evidence,
    validation: state.validation
      ? {
          confidence: state.validation.confidence,
          reasons: state.validation.reasons,
          exceptions: state.validation.exceptions,
        }
      : null,
    outcomes: state.outcomes.map(({ proposal, gate, decision, execution }) => {
      const action = execution?.actionId ? deps.actions.get(execution.actionId) : undefined;
      const approval = decision ? deps.approvals.get(decision.approvalId) : undefined;
      return {
        kind: proposal.kind,
        target: proposal.target,
        rationale: proposal.rationale,
        gate: gate ? { mode: gate.mode, reason: gate.reason } : null,
        approvalRequestedAt: approval?.requestedAt ?? null,
        decision: decision
          ? {
              decision: decision.decision,
              decidedBy: decision.decidedBy,
              decidedAt: decision.decidedAt,
              reason: decision.reason,
            }
          : null,
        execution: execution
          ? {
              status: execution.status,
              detail: execution.detail,
              // The action row's last change is when it finished (done or failed).
              at: action && action.status !== 'running' ? action.updatedAt : null,
              expiresAt: action?.expiresAt ?? null,
              revertedAt: action?.revertDoneAt ?? null,
            }
          : null,
      };
    }),
    ticket: state.ticket
      ? { key: state.ticket.key, url: state.ticket.url, openedAt: opened?.createdAt ?? null }
      : null,
    closedAt,
  });
}

/**
 * The case's notes: the model's when one is configured and policy lets it (`agents.timeline.model`), audited
 * (`model.called`: model, prompt hash, tokens, fields hidden, redactions). A model that fails, answers off-contract or is resting (`model.failed`, `model.skipped`)
 * leaves the heuristic's notes, labelled with why; the case closes either way.
 */
export async function analystNotesFor(
  deps: Pick<TriageDeps, 'timeline' | 'audit'>,
  caseId: number,
  input: TimelineInput,
): Promise<AnalystNotes> {
  const agent = deps.timeline;
  if (!agent?.enabled()) return heuristicNotes(input);
  try {
    const { notes, call } = await agent.write(input);
    deps.audit.record({ type: 'model.called', actor: agent.model, caseId, data: { ...call } });
    return notes;
  } catch (error) {
    const skipped = error instanceof ModelSkippedError;
    deps.audit.record({
      type: skipped ? 'model.skipped' : 'model.failed',
      actor: agent.model,
      caseId,
      data: { agent: 'timeline', error: error instanceof Error ? error.message : String(error) },
    });
    return heuristicNotes(
      input,
      `heuristic (${modelLabel(agent.model)} ${skipped ? 'skipped after failures' : 'failed'})`,
    );
  }
}

/** The label the notes are shown under. */
export const notesLabel = (notes: AnalystNotes): string => `Analyst notes by ${notes.by}`;

const timelineLines = (notes: AnalystNotes) =>
  notes.timeline.map((e) => `${e.at} · ${e.event} (${e.source})`);
const stepLines = (notes: AnalystNotes) => notes.remediation.map((s, i) => `${i + 1}. ${s.step}: ${s.why}`);

/** The Summary note's sections: the timeline (under the notes' label) and the suggested next steps. */
export function notesSections(notes: AnalystNotes): NoteSection[] {
  // A model's text may carry anything it was led to write: no reference in it renders, not even one Vigil wrote.
  const untrusted = writtenByModel(notes);
  return [
    { title: 'Timeline', lines: [`${notesLabel(notes)}:`, ...timelineLines(notes)], untrusted },
    {
      title: 'Suggested next steps',
      lines: stepLines(notes).length ? stepLines(notes) : ['None suggested.'],
      untrusted,
    },
  ];
}

/** The notes as ticket comment blocks, under their label. */
export function notesTicketBlocks(notes: AnalystNotes): TicketBlock[] {
  return [
    { type: 'heading', text: `Timeline (${notesLabel(notes)})` },
    { type: 'bullets', items: timelineLines(notes) },
    { type: 'heading', text: 'Suggested next steps' },
    ...(notes.remediation.length
      ? [{ type: 'bullets' as const, items: stepLines(notes) }]
      : [{ type: 'paragraph' as const, text: 'None suggested.' }]),
  ];
}
