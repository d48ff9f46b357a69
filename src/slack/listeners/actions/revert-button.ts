// Revert on an action's result note: rolls a reversible action back early. The button value is the
// action id and nothing else; who may press it is checked at click time.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.js';
import { ids } from '../../ids.js';
import { surfaceOf } from './approval-buttons.js';
import { readButtonValue } from './button-value.js';

const ActionId = z.string().regex(/^act_[a-f0-9]{24}$/);

export function makeRevertButton(deps: SlackDeps) {
  return async ({
    ack,
    action,
    body,
    client,
    context,
    logger,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    context.errorSurface = surfaceOf(body);
    const actionId = readButtonValue(
      ActionId,
      action.value,
      'This button does not name a Vigil action, so nothing was rolled back. Use Revert on the action’s result in the case thread.',
    );
    await deps.containment.revertByPerson(actionId, body.user.id);
    // The result note no longer offers what is done; the Reverted note in the thread says the rest.
    const { message, channel } = body;
    if (!message?.ts || !channel?.id || !Array.isArray(message.blocks)) return;
    const blocks = (
      message.blocks as Array<{ type?: string; elements?: Array<{ action_id?: string }> }>
    ).filter(
      (block) =>
        !(block.type === 'actions' && block.elements?.some((e) => e.action_id === ids.actions.revert)),
    );
    try {
      await client.chat.update({
        channel: channel.id,
        ts: message.ts,
        text: typeof message.text === 'string' ? message.text : 'Action',
        blocks: [
          ...blocks,
          {
            type: 'context',
            elements: [
              { type: 'mrkdwn', text: `:leftwards_arrow_with_hook: Rolled back by <@${body.user.id}>` },
            ],
          },
        ] as KnownBlock[],
      });
    } catch (error) {
      // Rolled back all the same; the Reverted note says so. A second press is refused as already done.
      logger.warn({ err: error }, 'could not take Revert off the result note');
    }
  };
}
