// Contracts of the triage workflow: the values that cross node, checkpoint and interrupt boundaries.
import { z } from 'zod';

/** Actions the triage workflow can propose. */
export const ActionKind = z.enum(['block_ip', 'offboard_user']);
export type ActionKind = z.infer<typeof ActionKind>;

/** Who may approve: a Slack user group (id `S…` or handle) or listed user ids. */
export const Approvers = z.union([
  z.object({ usergroup: z.string().min(1) }).strict(),
  z.object({ users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).min(1) }).strict(),
]);
export type Approvers = z.infer<typeof Approvers>;

/** One candidate response action, computed before any approval so people approve exactly this. */
export const ProposedAction = z.object({
  /** Stable within the case, e.g. `block_ip:203.0.113.7`. */
  id: z.string().min(1),
  kind: ActionKind,
  target: z.string().min(1),
  parameters: z.object({ ip: z.string().min(1) }),
  rationale: z.string().min(1),
});
export type ProposedAction = z.infer<typeof ProposedAction>;

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
