// What every model-backed micro-agent shares: the structured-output model port, the error of a model resting
// after failures, what policy lets an agent show a model (policy.yml `agents.<agent>`), and the one way text is
// prepared for it: the fields it may see, redacted, cut to its budget.
import { visibleFields, type FieldRules, type Visible } from './field-visibility.js';
import { redact, type Redacted, type RedactionRule } from './redaction.js';

/** The micro-agents that may call a model, each with its own `agents.<name>` section in policy.yml. */
export type AgentName = 'extraction' | 'timeline';

/** What policy lets the agent see: which fields, what is redacted in them, and the input budget. */
export interface AgentRules {
  fields: FieldRules;
  redact: RedactionRule[];
  maxInputChars: number;
  /** Whether the agent may call a model at all (policy.yml `agents.<agent>.model`); false keeps its heuristic. */
  model: boolean;
}

/** The model call behind an agent: a structured-output runnable and the model's name. */
export interface StructuredModel {
  readonly model: string;
  ask(messages: Array<[role: 'system' | 'human', text: string]>): Promise<{
    answer: unknown;
    inputTokens: number | null;
    outputTokens: number | null;
  }>;
}

/**
 * Thrown instead of calling a model that is resting after failing several times in a row: the heuristic's output
 * stands, and the skip is audited (`model.skipped`).
 */
export class ModelSkippedError extends Error {}

/** What one agent's model call records in the audit log (`model.called`), whatever the agent. */
export interface ModelCallBase {
  agent: AgentName;
  model: string;
  promptHash: string;
  inputTokens: number | null;
  outputTokens: number | null;
  cached: boolean;
  truncated: boolean;
  /** Fields removed (or text values blanked) because policy does not let the agent see them. */
  hiddenFields: number;
  redactions: Record<RedactionRule, number>;
}

/** `text` as a model may be shown it under `rules`. */
export interface ShownToModel {
  /** What the fields rules leave (before redaction). */
  visible: Visible;
  /** The visible text redacted; its `restore` maps pseudonyms in an answer back. */
  redacted: Redacted;
  /** The redacted text cut to the agent's budget: what the model is sent. */
  input: string;
  truncated: boolean;
}

/** Applies the agent's field rules, redaction and input budget to `text`, in that order. */
export function shownToModel(text: string, rules: AgentRules): ShownToModel {
  const visible = visibleFields(text, rules.fields);
  const redacted = redact(visible.text, rules.redact);
  const truncated = redacted.text.length > rules.maxInputChars;
  return { visible, redacted, input: redacted.text.slice(0, rules.maxInputChars), truncated };
}
