// The Deny modal's submission: a reason is required; then the denial is recorded like any decision.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ids } from '../../ids.js';
import { approvalIdOf } from '../actions/approval-buttons.js';

export function makeDenyReasonSubmission(deps: SlackDeps) {
  return async ({
    ack,
    view,
    body,
    context,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const reason = view.state.values[ids.blocks.denyReason]?.[ids.inputs.denyReason]?.value?.trim() ?? '';
    if (reason.length < 3) {
      await ack({
        response_action: 'errors',
        errors: { [ids.blocks.denyReason]: 'Say why you deny it (at least 3 characters).' },
      });
      return;
    }
    await ack();
    const approvalId = approvalIdOf(view.private_metadata);
    const approval = deps.approvals.get(approvalId);
    if (approval?.channelId) {
      context.errorSurface = {
        channel: approval.channelId,
        ...(approval.cardTs ? { threadTs: threadOf(deps, approval.caseId) } : {}),
      };
    }
    await deps.decisions.decide({ approvalId, userId: body.user.id, decision: 'denied', reason });
  };
}

function threadOf(deps: SlackDeps, caseId: number): string | undefined {
  return deps.cases.get(caseId)?.rootTs ?? undefined;
}
