// Registers modal submissions.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ids } from '../../ids.js';
import { makeDenyReasonSubmission } from './deny-reason.js';

export function registerViews(app: App, deps: SlackDeps): void {
  app.view(ids.views.denyReason, makeDenyReasonSubmission(deps));
}
