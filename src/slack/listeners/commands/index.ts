// Registers the slash commands.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ids } from '../../ids.js';
import { makeTriageCommand } from './triage.js';
import { makeVigilCommand } from './vigil.js';

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(ids.commands.triage, makeTriageCommand(deps));
  app.command(ids.commands.vigil, makeVigilCommand(deps));
}
