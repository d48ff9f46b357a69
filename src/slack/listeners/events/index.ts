// Registers Events API listeners.
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { makeAlertChannelMessage } from './alert-channel-message.js';
import { makeAppHomeOpened } from './app-home-opened.js';

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', makeAppHomeOpened(deps));
  app.event('message', makeAlertChannelMessage(deps));
}
