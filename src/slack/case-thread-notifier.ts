// What the onboarding and offboarding notifiers share: the case notifier's calls passed through, a
// message posted in a case's thread, and a posted message replaced in place. Never throws: failures are
// logged with the case id.
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import type { Alert } from '../../graphs/agents/extraction/contract.js';
import type { CaseNotifier, ThreadNote } from '../../graphs/triage/ports.js';
import type { Logger } from '../logger.js';
import type { RetryClaim, RetryMessage } from '../services/offboarding-service.js';

export interface CaseThreadNotifierDeps {
  base: CaseNotifier;
  client: WebClient;
  cases: CasesRepository;
  logger: Logger;
}

/** A failed step's view once `claim` retried it: the failure, and who retried it and when. */
export function retriedStepView(claim: RetryClaim) {
  return {
    caseKey: caseKey(claim.caseId),
    title: claim.title,
    error: claim.error,
    at: claim.failedAt,
    retriedBy: claim.retriedBy,
    retriedAt: claim.at,
  };
}

interface SlackContent {
  text: string;
  blocks: KnownBlock[];
}

export abstract class CaseThreadNotifier implements CaseNotifier {
  constructor(protected readonly deps: CaseThreadNotifierDeps) {}

  caseUpdated(caseId: number, alert?: Alert): Promise<void> {
    return this.deps.base.caseUpdated(caseId, alert);
  }

  approvalChanged(approvalId: string): Promise<void> {
    return this.deps.base.approvalChanged(approvalId);
  }

  threadNote(caseId: number, note: ThreadNote): Promise<boolean> {
    return this.deps.base.threadNote(caseId, note);
  }

  /** Posts in the case's thread (nothing when the case has no root message yet); logs `failure` if it fails. */
  protected async postInThread(caseId: number, content: () => SlackContent, failure: string): Promise<void> {
    try {
      const owner = this.deps.cases.get(caseId);
      if (!owner?.channelId || !owner.rootTs) return;
      await this.deps.client.chat.postMessage({
        channel: owner.channelId,
        thread_ts: owner.rootTs,
        ...content(),
      });
    } catch (error) {
      this.deps.logger.error({ err: error, caseId }, failure);
    }
  }

  /** Replaces a posted message; logs `failure` if it fails. */
  protected async replaceMessage(
    caseId: number,
    message: RetryMessage,
    content: () => SlackContent,
    failure: string,
  ): Promise<void> {
    try {
      await this.deps.client.chat.update({ channel: message.channel, ts: message.ts, ...content() });
    } catch (error) {
      this.deps.logger.error({ err: error, caseId }, failure);
    }
  }
}
