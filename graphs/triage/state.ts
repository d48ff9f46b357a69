// State of one triage run (thread_id = case key). Plain JSON only: it is checkpointed to SQLite.
import { Annotation } from '@langchain/langgraph';
import type { Alert } from '../agents/extraction/contract.js';
import type {
  ApprovalResume,
  CaseTicket,
  Classification,
  EvidenceFact,
  Execution,
  GateDecision,
  Outcome,
  ProposedAction,
  Validation,
} from './contracts.js';

export const TriageState = Annotation.Root({
  /** The case this run works (its key `VIG-<id>` is the thread id). */
  caseId: Annotation<number>,
  /** The raw alert that opened the case. */
  alertId: Annotation<string>,
  /** Who brought the alert in (Slack user id or `webhook`); may never approve its actions. */
  requestedBy: Annotation<string>,
  /**
   * True when the run was started again after a stop cut off its first run (before any checkpoint): a note that
   * first run posted may be in the thread already, so it is looked for before it is posted.
   */
  restarted: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** The normalised alert, once read. */
  alert: Annotation<Alert | null>({ reducer: (_a, b) => b, default: () => null }),
  /** The triage role's classification: family, severity and playbook path. */
  classification: Annotation<Classification | null>({ reducer: (_a, b) => b, default: () => null }),
  /** What enrichment found about the alert's observables (GeoIP, threat intelligence, assets, identities). */
  evidence: Annotation<EvidenceFact[]>({ reducer: (_a, b) => b, default: () => [] }),
  /** The validation role's verdict: confidence with reasons, exceptions, environment. */
  validation: Annotation<Validation | null>({ reducer: (_a, b) => b, default: () => null }),
  /**
   * The hash of the policy that `validation` and `proposals` were worked out under. The gate decides only under
   * that same policy; null sends the case through revalidate first (policy.yml changed meanwhile).
   */
  validatedUnder: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** The ticket opened for a high-severity case, if any. */
  ticket: Annotation<CaseTicket | null>({ reducer: (_a, b) => b, default: () => null }),
  /** Every response action proposed for this case, worked one after another in this order. */
  proposals: Annotation<ProposedAction[]>({ reducer: (_a, b) => b, default: () => [] }),
  /** The proposal being worked now (gate, approval, execution below are about it). */
  proposal: Annotation<ProposedAction | null>({ reducer: (_a, b) => b, default: () => null }),
  /** What policy said about the proposal. */
  gate: Annotation<GateDecision | null>({ reducer: (_a, b) => b, default: () => null }),
  /** The approval row waiting for (or holding) a human decision. */
  approvalId: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
  /** The human decision, once made. */
  decision: Annotation<ApprovalResume | null>({ reducer: (_a, b) => b, default: () => null }),
  /** What execution did. */
  execution: Annotation<Execution | null>({ reducer: (_a, b) => b, default: () => null }),
  /** What became of each proposal already worked. */
  outcomes: Annotation<Outcome[]>({ reducer: (_a, b) => b, default: () => [] }),
  summary: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
});

export type TriageStateValue = typeof TriageState.State;
export type TriageUpdate = typeof TriageState.Update;
