// Revert on an action's result note: rolls a reversible action back early. The button value is the
// action id and nothing else; who may press it is checked at click time.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { InvalidInputError } from '../../../errors.js';
import type { SlackDeps } from '../../deps.js';
import { surfaceOf } from './approval-buttons.js';

const ActionId = z.string().regex(/^act_[a-f0-9]{24}$/);

/** The action a Revert button names; anything else did not come from a Vigil result note and is refused. */
function actionIdOf(value: unknown): string {
  const parsed = ActionId.safeParse(value);
  if (!parsed.success)
    throw new InvalidInputError(
      'This button does not name a Vigil action, so nothing was rolled back. Use Revert on the action’s result in the case thread.',
    );
  return parsed.data;
}

export function makeRevertButton(deps: SlackDeps) {
  return async ({
    ack,
    action,
    body,
    context,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    context.errorSurface = surfaceOf(body);
    await deps.containment.revertByPerson(actionIdOf(action.value), body.user.id);
  };
}
