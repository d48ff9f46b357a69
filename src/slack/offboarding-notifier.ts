// Offboarding's Slack side: what the case notifier does, plus the failed-step message with its Retry
// button (posted in the case's thread) and, once someone retries, that message locked with who and when.
// Never throws: failures are logged.
import type { WebClient } from '@slack/web-api';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import type { OffboardingNotifier, StepFailureNotice } from '../../graphs/offboarding/ports.js';
import type { CaseNotifier, ThreadNote } from '../../graphs/triage/ports.js';
import type { Logger } from '../logger.js';
import type { RetryClaim, RetryMessage } from '../services/offboarding-service.js';
import { buildOffboardingFailureBlocks } from './blocks/offboarding-failure.js';

export interface SlackOffboardingNotifierDeps {
  base: CaseNotifier;
  client: WebClient;
  cases: CasesRepository;
  logger: Logger;
}

export class SlackOffboardingNotifier implements OffboardingNotifier {
  constructor(private readonly deps: SlackOffboardingNotifierDeps) {}

  caseUpdated(caseId: number): Promise<void> {
    return this.deps.base.caseUpdated(caseId);
  }

  approvalChanged(approvalId: string): Promise<void> {
    return this.deps.base.approvalChanged(approvalId);
  }

  threadNote(caseId: number, note: ThreadNote): Promise<void> {
    return this.deps.base.threadNote(caseId, note);
  }

  async stepFailed(notice: StepFailureNotice): Promise<void> {
    try {
      const owner = this.deps.cases.get(notice.caseId);
      if (!owner?.channelId || !owner.rootTs) return;
      await this.deps.client.chat.postMessage({
        channel: owner.channelId,
        thread_ts: owner.rootTs,
        ...buildOffboardingFailureBlocks({ caseKey: caseKey(notice.caseId), ...notice }),
      });
    } catch (error) {
      this.deps.logger.error({ err: error, caseId: notice.caseId }, 'could not post the failed step');
    }
  }

  /** Replaces the Retry button at once with who retried and when. */
  async retryClaimed(message: RetryMessage, claim: RetryClaim): Promise<void> {
    try {
      await this.deps.client.chat.update({
        channel: message.channel,
        ts: message.ts,
        ...buildOffboardingFailureBlocks({
          caseKey: caseKey(claim.caseId),
          title: claim.title,
          error: claim.error,
          at: claim.failedAt,
          retriedBy: claim.retriedBy,
          retriedAt: claim.at,
        }),
      });
    } catch (error) {
      this.deps.logger.error({ err: error, caseId: claim.caseId }, 'could not lock the retried step');
    }
  }
}
