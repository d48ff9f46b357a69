// What the triage graph needs from the outside world. compose.ts supplies these through closures; the
// graph never reaches for Slack, the environment or a module singleton.
import type { Firewall } from '../../connectors/types.js';
import type { ActionsRepository } from '../../db/repositories/actions.js';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { Alert } from '../agents/extraction/contract.js';
import type { ActionKind, EvidenceFact, GateDecision } from './contracts.js';

/** One fact for the audit log. */
export interface AuditFact {
  type: string;
  actor: string;
  caseId?: number | null;
  data?: Record<string, unknown>;
}

export interface AuditSink {
  append(fact: AuditFact): unknown;
}

/** A note for the case's thread, rendered by the Slack layer. */
export interface ThreadNote {
  kind: 'triage' | 'result' | 'summary';
  title: string;
  /** Plain text (alert-derived parts are escaped by the renderer). */
  text: string;
  fields?: Array<{ label: string; value: string }>;
  /** An action people may take from this note: roll back a reversible action (`actionId`). */
  offer?: { kind: 'revert'; actionId: string };
}

/**
 * Tells people what happened. Implementations must not throw: a Slack outage must not stop containment,
 * and the reconciler re-renders whatever did not get through.
 */
export interface CaseNotifier {
  caseUpdated(caseId: number): Promise<void>;
  /** Posts the approval card, or re-renders it from the store once it exists (decided cards lose their buttons). */
  approvalChanged(approvalId: string): Promise<void>;
  threadNote(caseId: number, note: ThreadNote): Promise<void>;
}

/** Looks observables up in GeoIP and threat intelligence; each answer is a fact with its source and query. */
export interface Enricher {
  enrichIps(ips: string[]): Promise<EvidenceFact[]>;
}

export interface PolicyPort {
  evaluate(action: ActionKind): GateDecision;
}

export interface TriageDeps {
  clock: () => Date;
  /** Turns a raw payload (parsed JSON or a text line) into a normalised Alert. */
  normalize: (raw: unknown) => Alert;
  /** Version of this workflow's definition, bound into every approval. */
  workflowVersion: string;
  alerts: AlertsRepository;
  cases: CasesRepository;
  approvals: ApprovalsRepository;
  actions: ActionsRepository;
  policy: PolicyPort;
  enricher: Enricher;
  firewall: Firewall;
  audit: AuditSink;
  notifier: CaseNotifier;
}
