// Offboarding's Slack side: what the case notifier does, plus the failed-step message with its Retry
// button (posted in the case's thread) and, once someone retries, that message locked with who and when.
// Never throws: failures are logged.
import { caseKey } from '../../db/repositories/cases.js';
import type { OffboardingNotifier, StepFailureNotice } from '../../graphs/offboarding/ports.js';
import type { RetryClaim, RetryMessage } from '../services/offboarding-service.js';
import { buildOffboardingFailureBlocks } from './blocks/offboarding-failure.js';
import { CaseThreadNotifier, retriedStepView, type CaseThreadNotifierDeps } from './case-thread-notifier.js';
import { ids } from './ids.js';

export type SlackOffboardingNotifierDeps = CaseThreadNotifierDeps;

export class SlackOffboardingNotifier extends CaseThreadNotifier implements OffboardingNotifier {
  stepFailed(notice: StepFailureNotice): Promise<void> {
    return this.postInThread(
      notice.caseId,
      () => buildOffboardingFailureBlocks({ caseKey: caseKey(notice.caseId), ...notice }),
      'could not post the failed step',
    );
  }

  /**
   * After a restart: locks the Retry message of a retry claimed before the crash, found in the case's
   * thread (the newest message with a Retry button), since Slack may never have seen it locked.
   */
  async retryRecovered(claim: RetryClaim): Promise<void> {
    try {
      const owner = this.deps.cases.get(claim.caseId);
      if (!owner?.channelId || !owner.rootTs) return;
      const replies = await this.deps.client.conversations.replies({
        channel: owner.channelId,
        ts: owner.rootTs,
        limit: 200,
      });
      const live = (replies.messages ?? []).filter((m) =>
        JSON.stringify(m.blocks ?? []).includes(`"action_id":"${ids.actions.offboardingRetry}"`),
      );
      const ts = live.at(-1)?.ts;
      if (ts) await this.retryClaimed({ channel: owner.channelId, ts }, claim);
    } catch (error) {
      this.deps.logger.error({ err: error, caseId: claim.caseId }, 'could not lock the retried step');
    }
  }

  /** Replaces the Retry button at once with who retried and when. */
  retryClaimed(message: RetryMessage, claim: RetryClaim): Promise<void> {
    return this.replaceMessage(
      claim.caseId,
      message,
      () => buildOffboardingFailureBlocks(retriedStepView(claim)),
      'could not lock the retried step',
    );
  }
}
