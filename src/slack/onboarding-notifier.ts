// Onboarding's Slack side: what the case notifier does (root message, thread notes), plus a failed step
// flagged for review in the case's thread with Retry and, once someone retries, that message locked with
// who and when. Never throws: failures are logged.
import { caseKey } from '../../db/repositories/cases.js';
import type { OnboardingNotifier, StepFlag } from '../../graphs/onboarding/ports.js';
import type { RetryClaim, RetryMessage } from '../services/offboarding-service.js';
import { buildOnboardingFlagBlocks } from './blocks/onboarding-flag.js';
import { CaseThreadNotifier, retriedStepView, type CaseThreadNotifierDeps } from './case-thread-notifier.js';

export type SlackOnboardingNotifierDeps = CaseThreadNotifierDeps;

export class SlackOnboardingNotifier extends CaseThreadNotifier implements OnboardingNotifier {
  stepFlagged(flag: StepFlag): Promise<void> {
    return this.postInThread(
      flag.caseId,
      () => buildOnboardingFlagBlocks({ caseKey: caseKey(flag.caseId), ...flag }),
      'could not flag the failed step',
    );
  }

  /** Replaces the Retry button at once with who retried and when. */
  retryClaimed(message: RetryMessage, claim: RetryClaim & { step: string }): Promise<void> {
    return this.replaceMessage(
      claim.caseId,
      message,
      () => buildOnboardingFlagBlocks({ ...retriedStepView(claim), step: claim.step }),
      'could not lock the retried step',
    );
  }
}
