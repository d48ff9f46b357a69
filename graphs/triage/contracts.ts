// Contracts of the triage workflow: the values that cross node, checkpoint and interrupt boundaries.
import { z } from 'zod';

/** Response actions policy governs: the triage workflow proposes all but the last, offboarding the last. */
export const ActionKind = z.enum([
  'block_ip',
  'isolate_host',
  'quarantine_file',
  'disable_user',
  'offboard_user',
]);
export type ActionKind = z.infer<typeof ActionKind>;

/** Where the affected asset runs, matched from asset tags and host names (policy.yml `environments`). */
export const Environment = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/);
export type Environment = z.infer<typeof Environment>;

/** The playbook path the triage role picks for a case. */
export const Playbook = z.enum([
  'network-indicator',
  'identity-compromise',
  'endpoint-malware',
  'cloud-misconfiguration',
  'observe',
]);
export type Playbook = z.infer<typeof Playbook>;

/** The triage role's output: what kind of alert this is and which playbook works it. Never acts. */
export const Classification = z.object({
  family: z.enum(['network', 'identity', 'endpoint', 'cloud', 'other']),
  playbook: Playbook,
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
  /** Why, in plain words (which signals decided it). */
  reasons: z.array(z.string()),
  /** `heuristic` for the offline rules; a model id once a model-backed triage agent exists. */
  by: z.string(),
});
export type Classification = z.infer<typeof Classification>;

/** Something that argues against acting on an observable (an allow-list hit, a maintenance window…). */
export const ValidationException = z.object({
  kind: z.enum(['allow_list', 'maintenance_window', 'benign_pattern']),
  /** The observable it is about, e.g. `ip 198.51.100.7`, or `alert` for the whole alert. */
  subject: z.string(),
  detail: z.string(),
});
export type ValidationException = z.infer<typeof ValidationException>;

/** The validation role's output: how sure Vigil is that this is real and worth acting on, and why. */
export const Validation = z.object({
  /** 0…1. */
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  exceptions: z.array(ValidationException),
  /** The environment of the affected assets (the strictest when they span several). */
  environment: Environment,
  /** Asset tags that decided the environment, with where they came from. */
  assetTags: z.array(z.object({ host: z.string(), tags: z.array(z.string()), source: z.string() })),
});
export type Validation = z.infer<typeof Validation>;

/** Who may approve: a Slack user group (id `S…` or handle) or listed user ids. */
export const Approvers = z.union([
  z.object({ usergroup: z.string().min(1) }).strict(),
  z.object({ users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).min(1) }).strict(),
]);
export type Approvers = z.infer<typeof Approvers>;

const ProposalBase = z.object({
  /** Stable within the case, e.g. `block_ip:203.0.113.7`. */
  id: z.string().min(1),
  target: z.string().min(1),
  rationale: z.string().min(1),
  /** The validation role's confidence in the case, 0…1. */
  confidence: z.number().min(0).max(1),
  environment: Environment,
  /** What else the action touches, in plain words. */
  blastRadius: z.string(),
  /** Whether Vigil can undo it (and how). */
  reversible: z.boolean(),
  /** Subjects of the evidence facts the rationale rests on, e.g. `ip 203.0.113.7`. */
  evidence: z.array(z.string()),
});

/** One candidate response action, computed before any approval so people approve exactly this. */
export const ProposedAction = z.discriminatedUnion('kind', [
  ProposalBase.extend({
    kind: z.literal('block_ip'),
    parameters: z.object({
      ip: z.string().min(1),
      /** How long the block lasts, as the person who asked for it said (`/vigil block <ip> <ttl>`): over policy's TTL. */
      ttlSeconds: z.number().int().positive().optional(),
    }),
  }),
  ProposalBase.extend({
    kind: z.literal('isolate_host'),
    parameters: z.object({ host: z.string().min(1), hostId: z.string().min(1) }),
  }),
  ProposalBase.extend({
    kind: z.literal('quarantine_file'),
    parameters: z.object({
      host: z.string().min(1),
      hostId: z.string().min(1),
      sha1: z.string().regex(/^[a-f0-9]{40}$/),
    }),
  }),
  ProposalBase.extend({
    kind: z.literal('disable_user'),
    parameters: z.object({ user: z.string().min(1), userId: z.string().min(1) }),
  }),
]);
export type ProposedAction = z.infer<typeof ProposedAction>;

/** What an approval card shows beyond action, target and rationale; stored with the approval. */
export const ApprovalDetails = z.object({
  confidence: z.number().min(0).max(1).nullable(),
  environment: z.string().nullable(),
  blastRadius: z.string().nullable(),
  reversible: z.boolean().nullable(),
  tier: z.number().int().min(1).max(4),
  /** One line per evidence fact the proposal rests on. */
  evidence: z.array(z.string()),
  /** Why the gate asked for a person. */
  gateReason: z.string(),
});
export type ApprovalDetails = z.infer<typeof ApprovalDetails>;

/** What happens to an approval nobody decided in time. */
export const OnExpiry = z.union([
  z.object({ kind: z.literal('deny') }),
  z.object({ kind: z.literal('escalate'), approvers: Approvers }),
]);
export type OnExpiry = z.infer<typeof OnExpiry>;

/** What policy says about one proposed action. */
export const GateDecision = z.object({
  mode: z.enum(['auto', 'approval', 'forbidden']),
  reason: z.string(),
  policyHash: z.string(),
  approvers: Approvers.nullable(),
  /** Distinct approvers needed (2 = two-person rule). */
  quorum: z.number().int().min(1).default(1),
  /** Seconds an approval stays open, or null for no expiry. */
  expiresInSeconds: z.number().int().positive().nullable().default(null),
  onExpiry: OnExpiry.default({ kind: 'deny' }),
  /** Seconds until a reversible action lapses, or null for no expiry. */
  ttlSeconds: z.number().int().positive().nullable(),
  /** Risk tier from policy (1 = lowest). */
  tier: z.number().int().min(1).max(4).default(1),
});
export type GateDecision = z.infer<typeof GateDecision>;

/** The value a waiting approval is resumed with, validated on resume. */
export const ApprovalResume = z.object({
  approvalId: z.string().min(1),
  /** `stale`: the policy changed under the card, so the run goes back to the policy gate. */
  decision: z.enum(['approved', 'denied', 'expired', 'stale']),
  decidedBy: z.string().min(1),
  decidedAt: z.string().datetime(),
  reason: z.string().nullable(),
});
export type ApprovalResume = z.infer<typeof ApprovalResume>;

/** The payload an interrupt carries out to whoever resumes it. */
export const ApprovalInterrupt = z.object({ approvalId: z.string().min(1) });
export type ApprovalInterrupt = z.infer<typeof ApprovalInterrupt>;

/** One fact in a case's evidence bundle: what a source said about a subject, when, and asked how. */
export const EvidenceFact = z.object({
  /** What it is about, e.g. `ip 203.0.113.7`. */
  subject: z.string(),
  /** The connector that answered (`geoip-lite`, `ioc-file`, `abuseipdb`…). */
  source: z.string(),
  observedAt: z.string().datetime(),
  /** The query that produced it, e.g. `geoip lookup 203.0.113.7`. */
  query: z.string(),
  /** What it found (plain JSON), or `{ error }` when the source failed. */
  fact: z.record(z.string(), z.unknown()),
});
export type EvidenceFact = z.infer<typeof EvidenceFact>;

export const Execution = z.object({
  actionId: z.string().nullable(),
  status: z.enum(['done', 'failed', 'skipped']),
  detail: z.string(),
});
export type Execution = z.infer<typeof Execution>;

/** What became of one proposal: the gate, the decision and the execution, kept once the run moves on. */
export const Outcome = z.object({
  proposal: ProposedAction,
  gate: GateDecision.nullable(),
  decision: ApprovalResume.nullable(),
  execution: Execution.nullable(),
});
export type Outcome = z.infer<typeof Outcome>;

/** The ticket opened for a high-severity case. */
export const CaseTicket = z.object({ key: z.string(), url: z.string(), created: z.boolean() });
export type CaseTicket = z.infer<typeof CaseTicket>;
