// Onboarding's Slack side: what the case notifier does (root message, thread notes), plus a failed step
// flagged for review in the case's thread. Never throws: failures are logged.
import type { WebClient } from '@slack/web-api';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import type { OnboardingNotifier, StepFlag } from '../../graphs/onboarding/ports.js';
import type { CaseNotifier, ThreadNote } from '../../graphs/triage/ports.js';
import type { Logger } from '../logger.js';
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
}
