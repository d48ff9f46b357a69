// Revert on an action's result note: rolls a reversible action back early. The button value is the
// action id and nothing else; who may press it is checked at click time.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.js';
import { surfaceOf } from './approval-buttons.js';

export const ActionButtonValue = z.string().regex(/^act_[a-f0-9]{24}$/, 'not an action id');

export function makeRevertButton(deps: SlackDeps) {
  return async ({
    ack,
    action,
    body,
    context,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    context.errorSurface = surfaceOf(body);
    await deps.containment.revertByPerson(ActionButtonValue.parse(action.value), body.user.id);
  };
}
