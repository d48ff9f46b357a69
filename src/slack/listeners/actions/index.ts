// Registers the interactive components' listeners.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ids } from '../../ids.js';
import { makeApproveButton, makeDenyButton } from './approval-buttons.js';
import { makeCaseRetryButton } from './case-retry.js';
import { makeOffboardingRetryButton } from './offboarding-retry.js';
import { makeOnboardingRetryButton } from './onboarding-retry.js';
import { makeRevertButton } from './revert-button.js';

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ids.actions.approve, makeApproveButton(deps));
  app.action<BlockAction<ButtonAction>>(ids.actions.deny, makeDenyButton(deps));
  app.action<BlockAction<ButtonAction>>(ids.actions.revert, makeRevertButton(deps));
  app.action<BlockAction<ButtonAction>>(ids.actions.offboardingRetry, makeOffboardingRetryButton(deps));
  app.action<BlockAction<ButtonAction>>(ids.actions.onboardingRetry, makeOnboardingRetryButton(deps));
  app.action<BlockAction<ButtonAction>>(ids.actions.caseRetry, makeCaseRetryButton(deps));
}
