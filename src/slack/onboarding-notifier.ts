// Onboarding's Slack side: what the case notifier does (root message, thread notes), plus a failed step
// flagged for review in the case's thread with Retry and, once someone retries, that message locked with
// who and when. Never throws: failures are logged.
import type { WebClient } from '@slack/web-api';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import type { OnboardingNotifier, StepFlag } from '../../graphs/onboarding/ports.js';
import type { CaseNotifier, ThreadNote } from '../../graphs/triage/ports.js';
import type { Logger } from '../logger.js';
import type { RetryClaim, RetryMessage } from '../services/offboarding-service.js';
import { buildOnboardingFlagBlocks } from './blocks/onboarding-flag.js';

export interface SlackOnboardingNotifierDeps {
  base: CaseNotifier;
  client: WebClient;
  cases: CasesRepository;
  logger: Logger;
}

export class SlackOnboardingNotifier implements OnboardingNotifier {
  constructor(private readonly deps: SlackOnboardingNotifierDeps) {}

  caseUpdated(caseId: number): Promise<void> {
    return this.deps.base.caseUpdated(caseId);
  }

  approvalChanged(approvalId: string): Promise<void> {
    return this.deps.base.approvalChanged(approvalId);
  }

  threadNote(caseId: number, note: ThreadNote): Promise<void> {
    return this.deps.base.threadNote(caseId, note);
  }

  async stepFlagged(flag: StepFlag): Promise<void> {
    try {
      const owner = this.deps.cases.get(flag.caseId);
      if (!owner?.channelId || !owner.rootTs) return;
      await this.deps.client.chat.postMessage({
        channel: owner.channelId,
        thread_ts: owner.rootTs,
        ...buildOnboardingFlagBlocks({ caseKey: caseKey(flag.caseId), ...flag }),
      });
    } catch (error) {
      this.deps.logger.error({ err: error, caseId: flag.caseId }, 'could not flag the failed step');
    }
  }

  /** Replaces the Retry button at once with who retried and when. */
  async retryClaimed(message: RetryMessage, claim: RetryClaim & { step: string }): Promise<void> {
    try {
      await this.deps.client.chat.update({
        channel: message.channel,
        ts: message.ts,
        ...buildOnboardingFlagBlocks({
          caseKey: caseKey(claim.caseId),
          step: claim.step,
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
