// A run that stopped on an unexpected error, told in the case's thread: the Workflow error note (with Retry for a
// triage case) and, once someone retries, that note locked with who and when. Never throws: failures are logged.
import { caseKey } from '../../db/repositories/cases.js';
import type { RetryMessage } from '../services/offboarding-service.js';
import type {
  WorkflowErrorNotice,
  WorkflowErrorNotifier,
  WorkflowRetryClaim,
} from '../services/triage-service.js';
import { buildWorkflowErrorBlocks } from './blocks/workflow-error.js';
import { CaseThreadNotifier } from './case-thread-notifier.js';

export class SlackWorkflowErrorNotifier extends CaseThreadNotifier implements WorkflowErrorNotifier {
  workflowFailed(notice: WorkflowErrorNotice): Promise<void> {
    return this.postInThread(
      notice.caseId,
      () => buildWorkflowErrorBlocks({ caseKey: caseKey(notice.caseId), ...notice }),
      'could not post the workflow error',
    );
  }

  /** Replaces the Retry button at once with who retried and when. */
  retryClaimed(message: RetryMessage, claim: WorkflowRetryClaim): Promise<void> {
    return this.replaceMessage(
      claim.caseId,
      message,
      () =>
        buildWorkflowErrorBlocks({
          caseKey: caseKey(claim.caseId),
          workflow: claim.workflow,
          error: claim.error,
          at: claim.failedAt,
          retry: true,
          retriedBy: claim.retriedBy,
          retriedAt: claim.at,
        }),
      'could not lock the retried workflow error',
    );
  }
}
