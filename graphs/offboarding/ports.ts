// What the offboarding graph needs from outside. compose.ts supplies these through closures; the graph
// never reaches for Slack, the environment or a module singleton.
import type { ActiveConnectors } from '../../connectors/active.js';
import type { ActionsRepository } from '../../db/repositories/actions.js';
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { AuditSink, CaseNotifier, PolicyPort } from '../triage/ports.js';
import type { OffboardStep } from './contracts.js';

/** A person in the chat workspace. */
export interface DirectoryPerson {
  slackUserId: string;
  handle: string;
  email: string | null;
  realName: string | null;
}

/** Looks people up in the chat workspace (Slack's users.info and users.lookupByEmail). */
export interface PersonDirectory {
  bySlackId(slackUserId: string): Promise<DirectoryPerson | null>;
  byEmail(email: string): Promise<DirectoryPerson | null>;
}

export interface StepFailureNotice {
  caseId: number;
  step: OffboardStep;
  /** e.g. `Step 2 of 3: Revoke cloud credentials`. */
  title: string;
  error: string;
  at: string;
}

export interface OffboardingNotifier extends CaseNotifier {
  /** Posts the failure in the case's thread with a Retry button. Must not throw. */
  stepFailed(notice: StepFailureNotice): Promise<void>;
}

export interface OffboardingDeps {
  clock: () => Date;
  /** Bound into every approval. */
  workflowVersion: string;
  cases: CasesRepository;
  approvals: ApprovalsRepository;
  actions: ActionsRepository;
  policy: PolicyPort;
  audit: AuditSink;
  notifier: OffboardingNotifier;
  people: PersonDirectory;
  connectors: Pick<ActiveConnectors, 'identityProvider' | 'cloudIdentity' | 'slackAdmin'>;
}
