// Contracts of the onboarding workflow: the request as it arrives, the person and the role's grant it is
// validated into, and each provisioning step's outcome. Everything here crosses a checkpoint boundary.
import { z } from 'zod';

/** Bumped whenever the graph's shape or a node's meaning changes; audited with every validation. */
export const ONBOARDING_WORKFLOW_VERSION = 'onboarding@1';

/** The provisioning steps. They are independent: one failing never stops the other. */
export const OnboardStep = z.enum(['provision-salesforce', 'provision-slack']);
export type OnboardStep = z.infer<typeof OnboardStep>;
export const ONBOARD_STEPS: readonly OnboardStep[] = OnboardStep.options;

export const STEP_LABELS: Record<OnboardStep, string> = {
  'provision-salesforce': 'Salesforce account',
  'provision-slack': 'Slack account',
};

/** A message for a field: "missing" when it is absent, else what it must be. */
const fieldError =
  (field: string, must: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? `${field} is missing` : `${field} ${must}`;

/** A request as it arrives (webhook, Okta event, slash command): checked by `validateOnboarding`. */
export const OnboardRequest = z
  .object({
    email: z.email({ error: fieldError('email', 'must be an e-mail address such as dana@example.com') }),
    name: z
      .string({ error: fieldError('name', 'must be the person’s full name, as text') })
      .trim()
      .min(1, { error: 'name must not be empty' })
      .max(200, { error: 'name must be at most 200 characters' }),
    role: z
      .string({ error: fieldError('role', 'must be one of the roles in the role mapping, as text') })
      .trim()
      .min(1, { error: 'role must not be empty' })
      .max(100, { error: 'role must be at most 100 characters' }),
  })
  .strict();
export type OnboardRequest = z.infer<typeof OnboardRequest>;

/** What a role gives a new person, from the role mapping (roles.yml). */
export const RoleGrant = z.object({
  /** The role's key in the mapping. */
  role: z.string().min(1),
  /** Salesforce profile to create the user with; null: the role gets no Salesforce account. */
  salesforce: z.object({ profileId: z.string().min(1) }).nullable(),
  /** Slack user groups (by name) the new account joins. */
  slack: z.object({ userGroups: z.array(z.string().min(1)) }),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

/** The person to onboard, validated. */
export const OnboardPerson = z.object({
  email: z.string().min(3),
  displayName: z.string().min(1),
  givenName: z.string(),
  familyName: z.string().min(1),
});
export type OnboardPerson = z.infer<typeof OnboardPerson>;

/** How one step ended. `skipped`: the role does not ask for it. */
export const StepOutcome = z.object({
  status: z.enum(['done', 'skipped', 'failed']),
  /** One sentence for the thread: what was done, or the error in plain words. */
  detail: z.string(),
  at: z.string(),
});
export type StepOutcome = z.infer<typeof StepOutcome>;

/** The payload of the interrupt that waits for Retry on a failed step. */
export const OnboardRetryInterrupt = z.object({
  kind: z.literal('onboard-retry'),
  caseId: z.number().int(),
  /** The steps that failed and may be retried. */
  steps: z.array(OnboardStep).min(1),
});
export type OnboardRetryInterrupt = z.infer<typeof OnboardRetryInterrupt>;

/** The value a waiting retry is resumed with, validated on resume. */
export const OnboardRetryResume = z.object({
  step: OnboardStep,
  retriedBy: z.string().min(1),
  at: z.iso.datetime(),
});
export type OnboardRetryResume = z.infer<typeof OnboardRetryResume>;

/** The checkpoint thread of a case's onboarding run. */
export const onboardThreadId = (caseId: number): string => `onboard:VIG-${caseId}`;

/** The idempotency key of one step's action row. */
export const onboardStepKey = (caseId: number, step: OnboardStep): string => `onboard:VIG-${caseId}:${step}`;
