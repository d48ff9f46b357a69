// /triage <alert>: takes alerts in by hand (JSON, NDJSON or text lines such as syslog or CEF). Acks at
// once, stores the payload, answers ephemerally. /triage <alert id> (an id Vigil gave) works on that stored alert
// instead: says which case holds it, or reads an unparsed one again.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { caseKey } from '../../../../db/repositories/cases.js';
import { InvalidInputError, NotFoundError } from '../../../errors.js';
import type { IntakeResult } from '../../../services/intake-service.js';
import { safe } from '../../blocks/mrkdwn.js';
import type { SlackDeps } from '../../deps.js';
import { linked } from '../../permalink.js';

/** An alert id as Vigil issues them (`newAlertId`): `alr_`, the time in base 36, 12 hex digits. */
const ALERT_ID = /^alr_[0-9a-z]{6,12}[0-9a-f]{12}$/;

/**
 * `/triage <alert id>`: for readers only (it shows a case of the alerts channel). A filed alert is pointed at its
 * case; an unparsed one is read again (audited), so one that failed before gets a case if it now reads.
 */
async function storedAlertAnswer(deps: SlackDeps, alertId: string, userId: string): Promise<string> {
  await deps.readers.assert(userId, 'triage-alert-id');
  const row = deps.alerts.get(alertId);
  if (!row)
    throw new NotFoundError(
      `There is no stored alert ${alertId}. /vigil unparsed lists those Vigil could not read; to take in a new alert, paste its JSON or log line.`,
    );
  if (row.status === 'unparsed')
    return describeIntake(await deps.intake.reread(alertId, userId, 'slack:/triage'), deps.alertsChannelId);
  const filed = row.caseId === null ? undefined : deps.cases.get(row.caseId);
  if (!filed) return `${alertId} is still being filed; try again in a moment.`;
  const key = linked(deps.links(filed.channelId, filed.rootTs), caseKey(filed.id));
  return `${alertId} was read already: it is in *${key}* (${RELATION[row.relation ?? 'opened'] ?? row.relation}).`;
}

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
    if (ALERT_ID.test(text)) {
      await respond({
        response_type: 'ephemeral',
        text: await storedAlertAnswer(deps, text, command.user_id),
      });
      return;
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
