// The incident-timeline contract: what a closing case knows (its alert with times and repeats, classification,
// evidence, validation, each proposal's gate, decision and execution, its ticket), and the analyst notes written
// from it: a timeline and suggested next steps, by the heuristic or a model. Notes are text for people only.
import { z } from 'zod';
import { Observables, Severity } from '../extraction/contract.js';
import { ActionKind, Classification, EvidenceFact, ValidationException } from '../../triage/contracts.js';

/** Longest text of one timeline event, remediation step or reason. */
export const NOTE_TEXT_MAX = 300;
/** Most timeline entries and suggested steps a case's notes hold. */
export const MAX_TIMELINE = 12;
export const MAX_STEPS = 5;

/** The case's alert as the timeline sees it: when it was seen first and last, and how often. */
export const CaseAlert = z.object({
  title: z.string(),
  severity: Severity,
  format: z.string(),
  /** How it was read (parser, heuristic extractor, model), as every output names it. */
  reading: z.string(),
  /** When the source says the event happened, if it says. */
  observedAt: z.string().nullable(),
  /** When Vigil received it (the case opened), and the last repeat. */
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Alerts with its fingerprint the case received, this one included. */
  occurrences: z.number().int().min(1),
  observables: Observables,
});
export type CaseAlert = z.infer<typeof CaseAlert>;

/** What became of one proposal, with the times of its approval request, decision and execution. */
export const TimelineOutcome = z.object({
  kind: ActionKind,
  target: z.string(),
  rationale: z.string(),
  gate: z.object({ mode: z.enum(['auto', 'approval', 'forbidden']), reason: z.string() }).nullable(),
  approvalRequestedAt: z.string().nullable(),
  decision: z
    .object({
      decision: z.enum(['approved', 'denied', 'expired', 'stale']),
      decidedBy: z.string(),
      decidedAt: z.string(),
      reason: z.string().nullable(),
    })
    .nullable(),
  execution: z
    .object({
      status: z.enum(['done', 'failed', 'skipped']),
      detail: z.string(),
      /** When it finished (null for one never run: denied, expired, refused). */
      at: z.string().nullable(),
      /** When a reversible action lapses, and when it was rolled back, if it was. */
      expiresAt: z.string().nullable(),
      revertedAt: z.string().nullable(),
    })
    .nullable(),
});
export type TimelineOutcome = z.infer<typeof TimelineOutcome>;

/**
 * Everything the timeline agent is given about a case as it closes. Its keys are in the order a model is shown them
 * (zod keeps this order), the evidence last: a record cut at the agent's input budget loses lookups, never what
 * was decided and done.
 */
export const TimelineInput = z.object({
  caseId: z.number().int(),
  alert: CaseAlert,
  classification: Classification.nullable(),
  validation: z
    .object({
      confidence: z.number().min(0).max(1),
      reasons: z.array(z.string()),
      exceptions: z.array(ValidationException),
    })
    .nullable(),
  outcomes: z.array(TimelineOutcome),
  ticket: z.object({ key: z.string(), url: z.string(), openedAt: z.string().nullable() }).nullable(),
  closedAt: z.string(),
  evidence: z.array(EvidenceFact),
});
export type TimelineInput = z.infer<typeof TimelineInput>;

const NoteText = z.string().min(1).max(NOTE_TEXT_MAX);

/** One moment of the case: when, what happened, and which source says so. */
export const TimelineEntry = z.object({ at: z.string().datetime(), event: NoteText, source: NoteText });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** One suggested next step and why. Advice for people: nothing in Vigil acts on it. */
export const RemediationStep = z.object({ step: NoteText, why: NoteText });
export type RemediationStep = z.infer<typeof RemediationStep>;

/**
 * The analyst notes added to a closing case. `by` labels who wrote them wherever they are shown: `heuristic`,
 * `model <id>`, or `heuristic (model <id> failed)` when the model was asked and its notes could not be used.
 */
export const AnalystNotes = z.object({
  timeline: z.array(TimelineEntry).max(MAX_TIMELINE),
  remediation: z.array(RemediationStep).max(MAX_STEPS),
  by: z.string().min(1).max(120),
});
export type AnalystNotes = z.infer<typeof AnalystNotes>;

/**
 * How notes name a model in their label: `model <id>`, the id cut so that every label fits `by`, the longest
 * being the fallback's `heuristic (model <id> skipped after failures)` (`VIGIL_MODEL` takes ids of 100 characters).
 */
export const modelLabel = (model: string): string => `model ${model.slice(0, 70)}`;

/** Whether a model wrote the notes: their text is then untrusted (it may carry anything the model was led to). */
export const writtenByModel = (notes: AnalystNotes): boolean => notes.by.startsWith('model ');

/** `text` cut to the notes' limit, marking the cut. */
export function clipNote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= NOTE_TEXT_MAX) return flat;
  // Never inside a character: an emoji's surrogate pair cut in two is not text.
  const end = /[\ud800-\udbff]/.test(flat.charAt(NOTE_TEXT_MAX - 2)) ? NOTE_TEXT_MAX - 2 : NOTE_TEXT_MAX - 1;
  return `${flat.slice(0, end)}…`;
}
