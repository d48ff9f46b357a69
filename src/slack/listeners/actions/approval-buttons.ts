// Approve and Deny on an approval card. Approve decides at once; Deny first checks the person may decide,
// then asks for a reason in a modal. The button value is the approval id and nothing else.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { buildDenyReasonModal } from '../../blocks/deny-reason-modal.js';
import type { ErrorSurface, SlackDeps } from '../../deps.js';
import { readButtonValue } from './button-value.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const ApprovalId = z.string().regex(/^apr_[a-f0-9]{24}$/);

/** The approval a button or the Deny modal names. */
export const approvalIdOf = (value: unknown): string =>
  readButtonValue(
    ApprovalId,
    value,
    'This button does not name a Vigil approval, so nothing was done. Use Approve or Deny on the approval card in the case thread.',
  );

export function surfaceOf(body: BlockAction): ErrorSurface | undefined {
  const channel = body.channel?.id ?? body.container.channel_id;
  if (typeof channel !== 'string') return undefined;
  const thread = body.message?.thread_ts ?? body.container.thread_ts;
  return { channel, ...(typeof thread === 'string' ? { threadTs: thread } : {}) };
}

export function makeApproveButton(deps: SlackDeps) {
  return async ({ ack, action, body, context }: ButtonArgs): Promise<void> => {
    await ack();
    context.errorSurface = surfaceOf(body);
    const approvalId = approvalIdOf(action.value);
    await deps.decisions.decide({ approvalId, userId: body.user.id, decision: 'approved' });
  };
}

export function makeDenyButton(deps: SlackDeps) {
  return async ({ ack, action, body, client, context }: ButtonArgs): Promise<void> => {
    await ack();
    context.errorSurface = surfaceOf(body);
    const approvalId = approvalIdOf(action.value);
    const approval = await deps.decisions.authorize(approvalId, body.user.id, 'deny');
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildDenyReasonModal(approval.id, `${approval.action} ${approval.target}`),
    });
  };
}
