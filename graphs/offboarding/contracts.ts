// Contracts of the offboarding workflow: the values that cross node, checkpoint and interrupt boundaries.
import { z } from 'zod';

/** The policy action that offboarding asks approval for. */
export const OFFBOARD_ACTION = 'offboard_user' as const;
/** The action in words, for the approval card's title (the response actions have theirs in RESPONSE_ACTIONS). */
export const OFFBOARD_TITLE = 'Offboard';

/** The steps, in the only order they may run. */
export const OffboardStep = z.enum(['disable-identity', 'revoke-cloud', 'remove-slack']);
export type OffboardStep = z.infer<typeof OffboardStep>;
export const OFFBOARD_STEPS: readonly OffboardStep[] = OffboardStep.options;

export const STEP_LABELS: Record<OffboardStep, string> = {
  'disable-identity': 'Disable in the identity provider',
  'revoke-cloud': 'Revoke cloud credentials',
  'remove-slack': 'Remove from Slack',
};

/** Who is to be offboarded, as the request named them: a Slack user or an e-mail address. */
export const OffboardSubject = z
  .object({
    slackUserId: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/)
      .optional(),
    email: z.email().optional(),
  })
  .strict()
  .refine((s) => s.slackUserId !== undefined || s.email !== undefined, {
    message: 'name the person by slack_user_id or email',
  });
export type OffboardSubject = z.infer<typeof OffboardSubject>;

/** The person found in each system; ids a system does not know are null. */
export const OffboardPerson = z.object({
  email: z.string().min(3),
  displayName: z.string().min(1),
  slackUserId: z.string().nullable(),
  /** The identity provider's user id. */
  idpUserId: z.string().nullable(),
  /** The cloud (IAM) user name: the e-mail's local part. */
  cloudUserName: z.string().min(1),
  /** The account id in Slack's SCIM directory. */
  slackAccountId: z.string().nullable(),
});
export type OffboardPerson = z.infer<typeof OffboardPerson>;

/** What people approve: computed before the approval, so the card shows exactly what will run. */
export const OffboardProposal = z.object({
  id: z.string().min(1),
  kind: z.literal(OFFBOARD_ACTION),
  target: z.string().min(1),
  parameters: z.object({
    email: z.string(),
    idpUserId: z.string().nullable(),
    cloudUserName: z.string(),
    slackAccountId: z.string().nullable(),
  }),
  rationale: z.string().min(1),
});
export type OffboardProposal = z.infer<typeof OffboardProposal>;

/** A step that failed: the run stops here until someone retries it. */
export const StepFailure = z.object({ step: OffboardStep, error: z.string(), at: z.string() });
export type StepFailure = z.infer<typeof StepFailure>;

/** The payload of the interrupt that waits for Retry. */
export const RetryInterrupt = z.object({
  kind: z.literal('offboard-retry'),
  caseId: z.number().int(),
  step: OffboardStep,
});
export type RetryInterrupt = z.infer<typeof RetryInterrupt>;

/** The value a waiting retry is resumed with, validated on resume. */
export const RetryResume = z.object({
  step: OffboardStep,
  retriedBy: z.string().min(1),
  at: z.iso.datetime(),
});
export type RetryResume = z.infer<typeof RetryResume>;

/** The checkpoint thread of a case's offboarding run. */
export const offboardThreadId = (caseId: number): string => `offboard:VIG-${caseId}`;

/** The idempotency key of one step's action row. */
export const stepKey = (caseId: number, step: OffboardStep): string => `offboard:VIG-${caseId}:${step}`;
