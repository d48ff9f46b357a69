// What Slack listeners may use: services and read-only views of the store. Listeners never construct
// anything; compose.ts hands them this.
import type { ActionsRepository } from '../../db/repositories/actions.js';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { SlackEventsRepository } from '../../db/repositories/slack-events.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { PolicyStore } from '../policy/policy-store.js';
import type { ApprovalService } from '../services/approval-service.js';
import type { Containment } from '../services/containment.js';
import type { ApproverDirectory } from '../services/approver-directory.js';
import type { IntakeService } from '../services/intake-service.js';
import type { MetricsService } from '../services/metrics.js';
import type { OffboardingService } from '../services/offboarding-service.js';
import type { OnboardingService } from '../services/onboarding-service.js';
import type { TriageService } from '../services/triage-service.js';
import type { MessageLink } from './permalink.js';
import type { ReadAccess } from './read-access.js';

export interface SlackDeps {
  intake: IntakeService;
  decisions: ApprovalService;
  directory: ApproverDirectory;
  alerts: AlertsRepository;
  cases: CasesRepository;
  approvals: ApprovalsRepository;
  actions: ActionsRepository;
  audit: AuditLog;
  policy: PolicyStore;
  metrics: MetricsService;
  containment: Containment;
  offboarding: OffboardingService;
  onboarding: OnboardingService;
  /** Retry on a triage case's Workflow error note. */
  triage: Pick<TriageService, 'retryFailed'>;
  /** Event deliveries handled, and alerts-channel messages taken in. */
  slackEvents: SlackEventsRepository;
  alertsChannelId: string;
  /** Who may read cases, approvals, unparsed payloads, figures and evidence packs (the read views and App Home). */
  readers: Pick<ReadAccess, 'assert' | 'mayRead' | 'refusal'>;
  /** Permalinks to messages in the workspace (case messages, approval cards). */
  links: MessageLink;
  clock: () => Date;
}

/** Where an error from this request should be shown, set by a listener before it does risky work. */
export interface ErrorSurface {
  channel: string;
  threadTs?: string;
}
