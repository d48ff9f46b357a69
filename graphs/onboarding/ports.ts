// What the onboarding graph needs from outside. compose.ts supplies these through closures; the graph never
// reaches for Slack, the environment or a module singleton.
import type { ActiveConnectors } from '../../connectors/active.js';
import type { ActionsRepository } from '../../db/repositories/actions.js';
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { Approvers } from '../triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../triage/ports.js';
import type { OnboardStep, RoleGrant } from './contracts.js';

/** The role mapping in force (roles.yml). */
export interface RolePort {
  /** SHA-256 of the mapping's text, recorded with every validation. */
  readonly hash: string;
  /** The role named by its key or by one of its job titles (case-insensitive); undefined when none. */
  find(roleOrTitle: string): RoleGrant | undefined;
  /** The roles' keys, for error messages. */
  names(): string[];
  /** Who reviews flagged steps and may retry them. */
  readonly reviewers: Approvers;
  /** The e-mail domains (lower case) onboarding creates accounts for. */
  readonly emailDomains: readonly string[];
}

export interface StepFlag {
  caseId: number;
  step: OnboardStep;
  /** e.g. `Salesforce account`. */
  title: string;
  /** The error in plain words. */
  error: string;
  at: string;
}

export interface OnboardingNotifier extends CaseNotifier {
  /** Flags a failed step for review in the case's thread. Must not throw. */
  stepFlagged(flag: StepFlag): Promise<void>;
}

export interface OnboardingDeps {
  clock: () => Date;
  cases: CasesRepository;
  actions: ActionsRepository;
  roles: RolePort;
  audit: AuditSink;
  notifier: OnboardingNotifier;
  connectors: Pick<ActiveConnectors, 'crm' | 'slackAdmin'>;
}
