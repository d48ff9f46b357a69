// /triage <alert JSON>: takes an alert in by hand. Acks at once, stores the payload, answers ephemerally.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { InvalidInputError } from '../../../errors.js';
import type { SlackDeps } from '../../deps.js';

/** Slack escapes &, < and > in command text; the alert is what the person typed. */
export const unescapeSlackText = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function makeTriageCommand(deps: SlackDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const text = unescapeSlackText(command.text).trim();
    if (!text) {
      throw new InvalidInputError(
        'Usage: /triage <alert JSON>, e.g. /triage {"title": "SSH brute force", "source_ip": "203.0.113.7"}',
      );
    }
    const accepted = deps.intake.receive({
      bytes: Buffer.from(text, 'utf8'),
      contentType: 'application/json',
      source: 'slack:/triage',
      submittedBy: command.user_id,
    });
    await respond({
      response_type: 'ephemeral',
      text: `:inbox_tray: Alert received as *${accepted.caseKey}* (${accepted.alertId}); follow it in <#${deps.alertsChannelId}>.`,
    });
  };
}
