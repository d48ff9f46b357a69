// Revert on an action's result note: rolls a reversible action back early. The button value is the
// action id and nothing else; who may press it is checked at click time.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.js';
import { surfaceOf } from './approval-buttons.js';
import { readButtonValue } from './button-value.js';

const ActionId = z.string().regex(/^act_[a-f0-9]{24}$/);

export function makeRevertButton(deps: SlackDeps) {
  return async ({
    ack,
    action,
    body,
    context,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    context.errorSurface = surfaceOf(body);
    const actionId = readButtonValue(
      ActionId,
      action.value,
      'This button does not name a Vigil action, so nothing was rolled back. Use Revert on the action’s result in the case thread.',
    );
    await deps.containment.revertByPerson(actionId, body.user.id);
  };
}
