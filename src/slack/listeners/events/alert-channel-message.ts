// Messages other tools and people post in the watched alerts channel are taken in as alerts, exactly like
// webhook bodies. Vigil's own messages, thread replies (the analysts' discussion) and edits are not. Messages
// Slack never delivered (Vigil was down) are read from the channel's history at start-up.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { VigilError } from '../../../errors.js';
import { safe } from '../../blocks/mrkdwn.js';
import type { SlackDeps } from '../../deps.js';
import { describeIntake } from '../commands/triage.js';

/** The fields of a `message` event (or a history message) that matter here, whatever its subtype. */
const ChannelMessage = z.object({
  channel: z.string(),
  ts: z.string(),
  text: z.string().default(''),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  thread_ts: z.string().optional(),
  attachments: z.array(z.unknown()).optional(),
  blocks: z.array(z.unknown()).optional(),
});
type ChannelMessage = z.infer<typeof ChannelMessage>;

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

const Str = z.string().optional().catch(undefined);
/** A legacy attachment (incoming webhooks: Splunk, Alertmanager, Grafana, Datadog): its text parts. */
const Attachment = z.object({
  pretext: Str,
  author_name: Str,
  title: Str,
  text: Str,
  fallback: Str,
  footer: Str,
  fields: z
    .array(z.object({ title: Str, value: Str }).catch({}))
    .optional()
    .catch(undefined),
});

/**
 * The text of a message: its `text` as it is (a line per alert) unless it has attachments or only blocks (`text`
 * is otherwise their fallback, or the person's typed text). Then one line, an alert, of its `text`, what its
 * attachments say (many alerting tools post with an empty `text` and everything in attachments) and, when `text`
 * is empty, the text of its blocks, joined by ` | ` in the order Slack shows them.
 */
export function messageText(m: Pick<ChannelMessage, 'text' | 'attachments' | 'blocks'>): string {
  // Slack gives every message a person types a rich_text block of its text: that text is the message.
  if (!m.attachments?.length && (m.text.trim() || !m.blocks?.length)) return m.text;
  const lines = [m.text];
  for (const raw of m.attachments ?? []) {
    const a = Attachment.safeParse(raw);
    if (!a.success) continue;
    const { pretext, author_name, title, text, fallback, footer, fields = [] } = a.data;
    const parts = [
      pretext,
      author_name,
      title,
      text,
      ...fields.map((f) => [f.title, f.value].filter(Boolean).join(': ')),
      footer,
    ];
    const said = parts.filter((p): p is string => Boolean(p?.trim()));
    lines.push(...(said.length ? said : [fallback ?? '']));
  }
  if (!m.text.trim()) for (const block of m.blocks ?? []) lines.push(...blockText(block));
  return lines
    .map((line) =>
      line
        .split('\n')
        .map((part) => part.trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean)
    .join(' | ');
}

/** Every text a block holds (section text and fields, header, context elements, rich text), nested ones too. */
function blockText(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(blockText);
  if (typeof node !== 'object' || node === null) return [];
  const out: string[] = [];
  const type: unknown = Reflect.get(node, 'type');
  const text: unknown = Reflect.get(node, 'text');
  const url: unknown = Reflect.get(node, 'url');
  if (typeof text === 'string' && type !== 'image') out.push(text);
  else if (type === 'link' && typeof url === 'string') out.push(url);
  else if (typeof text === 'object') out.push(...blockText(text));
  for (const key of ['fields', 'elements']) out.push(...blockText(Reflect.get(node, key)));
  // A rich_text element's text runs join into one line, as Slack shows them.
  return type === 'rich_text_section' || type === 'rich_text_preformatted' ? [out.join('')] : out;
}

/** The one message a listener or the catch-up hands over, with the bot's own id (its messages are not alerts). */
interface Incoming {
  message: ChannelMessage;
  botId: string | undefined;
  client: WebClient;
  logger: { warn(message: string): void };
}

/**
 * Takes one alerts-channel message in, if it is an alert: another app's or a person's top-level message, not
 * Vigil's own, not a thread reply, not an edit. Once its alert is stored, the message is marked taken, so the
 * start-up catch-up does not take it again.
 */
async function takeMessage(deps: ChannelIntakeDeps, { message: m, botId, client, logger }: Incoming) {
  if (m.channel !== deps.alertsChannelId || !INTAKE_SUBTYPES.has(m.subtype)) return false;
  if (m.thread_ts && m.thread_ts !== m.ts) return false;
  if (m.bot_id && m.bot_id === botId) return false;
  // Taken already: by the catch-up, before Slack's retry of a delivery that failed while Vigil was down.
  if (deps.slackEvents.messageTaken(m.channel, m.ts)) return false;
  const text = plainSlackText(messageText(m)).trim();
  if (!text) {
    logger.warn(`alert message ${m.ts} has no text to take in (not in its text, attachments or blocks)`);
    return false;
  }
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
    deps.slackEvents.markMessage(m.channel, m.ts, deps.clock().toISOString());
    if (result.unparsed.length) reply = describeIntake(result, m.channel);
  } catch (error) {
    // Intake's own answers (unreadable, too large, or Vigil's failure while filing, which still kept it) are
    // final, and the message is taken. Anything else (the database) stored nothing: the reply below says so,
    // and the next start-up's catch-up takes it only if no later message was taken meanwhile.
    if (error instanceof VigilError)
      deps.slackEvents.markMessage(m.channel, m.ts, deps.clock().toISOString());
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(`alert message ${m.ts} could not be read: ${reason}`);
    // Posted in the channel for all to see, and the reason can quote the message (a JSON parser's snippet).
    reply = `:warning: ${safe(reason, 2000)}`;
  }
  if (!reply) return true;
  // The payload is stored whatever happens here; a reply can fail if the message was deleted meanwhile.
  try {
    await client.chat.postMessage({ channel: m.channel, thread_ts: m.ts, text: reply });
  } catch (error) {
    logger.warn(
      `could not reply to alert message ${m.ts} in its thread: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return true;
}

export type ChannelIntakeDeps = Pick<SlackDeps, 'intake' | 'slackEvents' | 'alertsChannelId' | 'clock'>;

export function makeAlertChannelMessage(deps: ChannelIntakeDeps) {
  return async ({
    event,
    client,
    context,
    logger,
  }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    const message = ChannelMessage.safeParse(event);
    if (!message.success) return;
    await takeMessage(deps, { message: message.data, botId: context.botId, client, logger });
  };
}

/** How far back the start-up catch-up reads, at most. */
const CATCH_UP_MS = 24 * 3600 * 1000;

const HistoryPage = z.object({
  messages: z.array(z.record(z.string(), z.unknown())).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/**
 * At start-up: the alerts-channel messages posted since `last`, the newest one taken in before this process could
 * take any (within the last day), that were never taken in, because Slack could not deliver them while Vigil was
 * down or a crash came between the delivery and the store, are read from the channel's history and taken in,
 * oldest first; those taken live meanwhile are passed over. Nothing is read when no message was ever taken in (a
 * new installation does not take in the channel's past). Returns how many.
 */
export async function catchUpAlertChannel(
  deps: ChannelIntakeDeps,
  incoming: Omit<Incoming, 'message'>,
  last: string | undefined,
): Promise<number> {
  const channel = deps.alertsChannelId;
  if (!last) return 0;
  const floor = (deps.clock().getTime() - CATCH_UP_MS) / 1000;
  const oldest = Number(last) > floor ? last : floor.toFixed(6);
  const found: ChannelMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = HistoryPage.parse(
      await incoming.client.conversations.history({
        channel,
        oldest,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      }),
    );
    for (const raw of page.messages) {
      const message = ChannelMessage.safeParse({ ...raw, channel });
      if (message.success) found.push(message.data);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  let taken = 0;
  // History comes newest first; alerts are taken in the order they were posted.
  for (const message of found.reverse()) {
    if (await takeMessage(deps, { ...incoming, message })) taken += 1;
  }
  return taken;
}
