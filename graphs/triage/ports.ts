// What the triage graph needs from the outside world. compose.ts supplies these through closures; the
// graph never reaches for Slack, the environment or a module singleton.
import type { Ticketing } from '../../connectors/types.js';
import type { ActionsRepository } from '../../db/repositories/actions.js';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { TicketsRepository } from '../../db/repositories/tickets.js';
import type { Alert } from '../agents/extraction/contract.js';
import type { ExtractionAgent } from '../agents/extraction/model-agent.js';
import type { AgentName, AgentRules } from '../agents/model-port.js';
import type { TimelineAgent } from '../agents/timeline/model-agent.js';
import type { ActionKind, EvidenceFact, GateDecision } from './contracts.js';
import type { Responders } from './responders.js';

/** One fact for the audit log. */
export interface AuditFact {
  type: string;
  actor: string;
  caseId?: number | null;
  data?: Record<string, unknown>;
}

export interface AuditSink {
  /** Commits the fact (and every fact recorded before it) before returning: for facts an effect follows. */
  append(fact: AuditFact): unknown;
  /** Records a fact about a computation, committed with the next append or by the end of this event-loop turn. */
  record(fact: AuditFact): void;
}

/** One titled part of a thread note; the renderer keeps each within Slack's section limit. */
export interface NoteSection {
  title: string;
  /** Plain text, one fact a line (alert-derived parts are escaped by the renderer). */
  lines: string[];
  fields?: Array<{ label: string; value: string }>;
  /**
   * Text no part of Vigil wrote (a model's analyst notes): rendered with every reference escaped, even one the
   * note's `mentions` keep elsewhere, so it can notify nobody.
   */
  untrusted?: boolean;
}

/** A note for the case's thread, rendered by the Slack layer. */
export interface ThreadNote {
  kind: 'triage' | 'result' | 'summary';
  title: string;
  /** Plain text (alert-derived parts are escaped by the renderer). */
  text: string;
  fields?: Array<{ label: string; value: string }>;
  /** Further titled parts under the text, each its own section (the investigation note: triage, evidence, validation). */
  sections?: NoteSection[];
  /** An action people may take from this note: roll back a reversible action (`actionId`). */
  offer?: { kind: 'revert'; actionId: string };
  /**
   * The Slack references Vigil itself put in the text (`<@U…>` for who decided or pressed Revert, `<!subteam^S…>`
   * for an approver group): only these render as mentions. Any other, such as one typed into an alert's title,
   * is shown as text and pings nobody.
   */
  mentions?: readonly string[];
  /**
   * A note owed by a recorded fact (an escalation, what intake owes a thread) or said once per case (the
   * investigation) is posted once: marked with this key (message metadata) and, with `lookFirst` (an earlier
   * process may have posted it before it stopped), looked for in the thread first.
   */
  once?: { key: string; lookFirst: boolean };
}

/**
 * Tells people what happened. Implementations must not throw: a Slack outage must not stop containment,
 * and the reconciler re-renders whatever did not get through.
 */
export interface CaseNotifier {
  /**
   * Renders the case's root message from the store. `alert` is the case's first alert as the caller already
   * holds it (the triage run does), so the renderer need not read and parse it again.
   */
  caseUpdated(caseId: number, alert?: Alert): Promise<void>;
  /** Posts the approval card, or re-renders it from the store once it exists (decided cards lose their buttons). */
  approvalChanged(approvalId: string): Promise<void>;
  /**
   * Posts a note in the case's thread. Resolves true once it is there; false when it could not be posted (Slack
   * refused it, or the case has no root message yet), which the notifier has logged: a caller that records a note
   * as told records it only on true.
   */
  threadNote(caseId: number, note: ThreadNote): Promise<boolean>;
}

/**
 * Looks observables up: addresses in GeoIP and threat intelligence, hosts in the EDR (asset context and tags),
 * users in the identity provider. Each answer is a fact with its source and query; a source that is not
 * connected answers nothing.
 */
/** Looks observables up; `caseId` names the case whose lookup makes a call, for its audit row. */
export interface Enricher {
  enrichIps(ips: string[], caseId?: number): Promise<EvidenceFact[]>;
  enrichHosts(hosts: string[], caseId?: number): Promise<EvidenceFact[]>;
  enrichUsers(users: string[], caseId?: number): Promise<EvidenceFact[]>;
}

/** What the gate knows about the case when it asks policy about an action. */
export interface GateContext {
  environment: string;
  confidence: number;
  /** How many validation exceptions the case raised (any exception rules out auto-run). */
  exceptions: number;
}

/** The validation role's view of policy: environments, allow-lists, maintenance windows, benign patterns. */
export interface ValidationRules {
  /**
   * The environment of a host the EDR knows, from its asset tags or its name; the default when nothing
   * matches. (A host the EDR does not know is in `defaultEnvironment`: its name alone decides nothing.)
   */
  environmentOf(host: string, tags: string[]): string;
  /** The environment of anything unmatched, and of hosts no asset inventory vouches for. */
  readonly defaultEnvironment: string;
  /** The strictest of several environments. */
  strictest(environments: string[]): string;
  ipAllowed(ip: string): boolean;
  /** Inside the organisation's own networks (policy `validation.internal_networks`): never blocked at the firewall. */
  ipInternal(ip: string): boolean;
  userAllowed(user: string): boolean;
  hostAllowed(host: string): boolean;
  /** The reason of the maintenance window the host is in at `at`, or null. */
  maintenanceFor(host: string, at: Date): string | null;
  /** The reason of the known-benign pattern the title matches, or null. */
  benignPatternFor(title: string): string | null;
  /** Below this validation confidence no response action is proposed (0 proposes at any confidence). */
  proposeMinConfidence: number;
  /** The SHA-256 of the policy file these rules come from, recorded with what they decide. */
  policyHash: string;
}

export interface PolicyPort {
  evaluate(action: ActionKind, context?: GateContext): GateDecision;
  validationRules(): ValidationRules;
  /** What a micro-agent may see: redaction before any model call, and its input budget. */
  agentRules(agent: AgentName): AgentRules;
}

/**
 * The case's correlation entities (IPs, users, hosts) that link later alerts to it. Intake records what it
 * read; triage records again when the model-backed extractor found more in the payload.
 */
export interface CaseCorrelation {
  /** Adds the alert's entities to the case (or refreshes them), seen at `at`. */
  recordEntities(caseId: number, alert: Alert, at: string): void;
}

export interface TriageDeps {
  clock: () => Date;
  /** Turns a raw payload (parsed JSON or a text line) into a normalised Alert. */
  normalize: (raw: unknown) => Alert;
  /** The payload `normalize` reads in a raw one (a Pub/Sub push's alert decoded): what the model is shown. */
  readPayload: (raw: unknown) => unknown;
  /** The model-backed extraction agent, for payloads no parser recognised, when a model is configured. */
  extraction?: ExtractionAgent;
  /** The model-backed timeline agent that writes a closing case's analyst notes, when a model is configured. */
  timeline?: TimelineAgent;
  /** Version of this workflow's definition, bound into every approval. */
  workflowVersion: string;
  alerts: AlertsRepository;
  cases: CasesRepository;
  approvals: ApprovalsRepository;
  actions: ActionsRepository;
  tickets: TicketsRepository;
  correlation: CaseCorrelation;
  policy: PolicyPort;
  enricher: Enricher;
  /** The connectors that carry out response actions. */
  responders: Responders;
  /** Where high-severity cases get a ticket, when a tracker is connected. */
  ticketing?: Ticketing;
  audit: AuditSink;
  notifier: CaseNotifier;
}
