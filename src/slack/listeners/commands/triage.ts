// /triage <alert>: takes alerts in by hand (JSON, NDJSON or text lines such as syslog or CEF). Acks at
// once, stores the payload, answers ephemerally.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { InvalidInputError } from '../../../errors.js';
import type { IntakeResult } from '../../../services/intake-service.js';
import { safe } from '../../blocks/mrkdwn.js';
import type { SlackDeps } from '../../deps.js';

const RELATION: Record<string, string> = {
  opened: 'new case',
  repeat: 'a repeat, counted on the case',
  linked: 'linked to an open case that shares an entity',
};

/** What happened to each alert, in one ephemeral answer. */
export function describeIntake(result: IntakeResult, channelId: string): string {
  const lines = result.accepted
    .slice(0, 10)
    .map((a) => `• *${a.caseKey}* (${RELATION[a.relation] ?? a.relation}) · ${a.alertId}`);
  if (result.accepted.length > 10) lines.push(`• …and ${result.accepted.length - 10} more`);
  for (const u of result.unparsed.slice(0, 5))
    lines.push(`• :warning: ${u.alertId} could not be read: ${safe(u.error, 500)}`);
  const count = result.accepted.length;
  return `:inbox_tray: ${count} alert${count === 1 ? '' : 's'} received; follow in <#${channelId}>.\n${lines.join('\n')}`;
}

/** Slack escapes &, < and > in command text; the alert is what the person typed. */
export const unescapeSlackText = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function makeTriageCommand(deps: SlackDeps) {
  return async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const text = unescapeSlackText(command.text).trim();
    if (!text) {
      throw new InvalidInputError(
        'Usage: /triage <alert>: a JSON object or a log line, e.g. /triage {"title": "SSH brute force", "source_ip": "203.0.113.7"}',
      );
    }
    const result = await deps.intake.receive({
      bytes: Buffer.from(text, 'utf8'),
      contentType: 'text/plain',
      source: 'slack:/triage',
      submittedBy: command.user_id,
    });
    await respond({ response_type: 'ephemeral', text: describeIntake(result, deps.alertsChannelId) });
  };
}
