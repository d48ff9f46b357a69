// Messages other tools and people post in the watched alerts channel are taken in as alerts, exactly like
// webhook bodies. Vigil's own messages, thread replies (the analysts' discussion) and edits are not.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { safe } from '../../blocks/mrkdwn.js';
import type { SlackDeps } from '../../deps.js';
import { describeIntake } from '../commands/triage.js';

/** The fields of a `message` event that matter here, whatever its subtype. */
const ChannelMessage = z.object({
  channel: z.string(),
  ts: z.string(),
  text: z.string().default(''),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  thread_ts: z.string().optional(),
});

/** Subtypes that are alerts: a person's message (none) or another app's (`bot_message`). */
const INTAKE_SUBTYPES = new Set([undefined, 'bot_message']);

/**
 * Slack's message formatting undone: entities decoded, `<url|label>` links back to their target, except a link
 * Slack made itself from a host name someone typed (`<http://db01.corp.example|db01.corp.example>`: the label is
 * the target without the scheme Slack added), which goes back to the host name as typed. A link holds no `<`
 * (Slack writes it `&lt;`), so a scan for the closing `>` stops at the next link rather than running on to the
 * end of a long hostile message from every `<` (quadratic time).
 */
export function plainSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|<>]+)(?:\|([^<>]*))?>/g, (_m, target: string, label?: string) =>
      label && label === target.replace(/^https?:\/\//, '') ? label : target.replace(/^mailto:/, ''),
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function makeAlertChannelMessage(deps: SlackDeps) {
  return async ({
    event,
    client,
    context,
    logger,
  }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const message = ChannelMessage.safeParse(event);
    if (!message.success) return;
    const m = message.data;
    if (m.channel !== deps.alertsChannelId || !INTAKE_SUBTYPES.has(m.subtype)) return;
    if (m.thread_ts && m.thread_ts !== m.ts) return;
    if (m.bot_id && m.bot_id === context.botId) return;
    const text = plainSlackText(m.text).trim();
    if (!text) return;
    const from = m.user ?? m.bot_id ?? 'unknown';
    // Success needs no reply (the case message appears in the channel); only what could not be read does.
    let reply: string | undefined;
    try {
      const result = await deps.intake.receive({
        bytes: Buffer.from(text, 'utf8'),
        contentType: 'text/plain',
        source: 'slack:message',
        submittedBy: from,
      });
      if (result.unparsed.length) reply = describeIntake(result, m.channel);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(`alert message ${m.ts} could not be read: ${reason}`);
      // Posted in the channel for all to see, and the reason can quote the message (a JSON parser's snippet).
      reply = `:warning: ${safe(reason, 2000)}`;
    }
    if (!reply) return;
    // The payload is stored whatever happens here; a reply can fail if the message was deleted meanwhile.
    try {
      await client.chat.postMessage({ channel: m.channel, thread_ts: m.ts, text: reply });
    } catch (error) {
      logger.warn(
        `could not reply to alert message ${m.ts} in its thread: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}
