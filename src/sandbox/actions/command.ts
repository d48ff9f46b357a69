// A person runs a slash command: the signed form Slack sends, then what Slack does with the ack body
// (text or JSON shows as an ephemeral, `response_type: in_channel` posts as the bot).
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { deliver, FORM_CONTENT_TYPE, type DeliveryResult } from '../delivery/deliver.js';
import { escapeCommandText } from '../delivery/escape-command.js';
import { channelName, formBody } from '../delivery/payloads.js';
import { SandboxError } from '../sandbox-error.js';
import { ApiError } from '../web-api/api-error.js';
import { readMessageContent } from '../web-api/message-content.js';

export interface CommandInput {
  /** Id (`U…`) or name (`alice`). */
  user: string;
  /** Id or name, with or without `#`. */
  channel: string;
  /** e.g. `/vigil`. */
  command: string;
  text: string;
}

const CommandAck = z.object({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
});

export async function runCommand(ctx: EmulatorContext, input: CommandInput): Promise<DeliveryResult> {
  const { workspace } = ctx;
  const user = workspace.user(input.user);
  const channel = workspace.channel(input.channel);
  if (!/^\/\S+$/.test(input.command)) {
    throw new SandboxError('invalid_input', `command must look like "/vigil", not "${input.command}".`);
  }
  const body = formBody({
    token: ctx.verificationToken,
    team_id: workspace.team.id,
    team_domain: workspace.team.domain,
    channel_id: channel.id,
    channel_name: channelName(channel),
    user_id: user.id,
    user_name: user.name,
    command: input.command,
    text: ctx.escapedCommands.has(input.command) ? escapeCommandText(workspace, input.text) : input.text,
    api_app_id: workspace.bot.appId,
    is_enterprise_install: 'false',
    response_url: ctx.responseUrls.issue(ctx.baseUrl(), { user: user.id, channel: channel.id }),
    trigger_id: ctx.triggers.issue(user.id),
  });
  const result = await deliver(ctx, 'slash_command', body, FORM_CONTENT_TYPE);
  if (result.error !== undefined || result.body === '' || result.body === null) return result;

  const ack =
    typeof result.body === 'string' ? { text: result.body } : CommandAck.safeParse(result.body).data;
  if (!ack) return { ...result, error: 'invalid_response' };
  try {
    const content = readMessageContent(ack, false);
    if (content.text === undefined && content.blocks === undefined) return result;
    const text = content.text ?? '';
    if (ack.response_type === 'in_channel') {
      const message = workspace.addMessage({
        channel: channel.id,
        ...workspace.botAuthor(),
        ...content,
        text,
      });
      return { ...result, message };
    }
    const ephemeral = workspace.addEphemeral({
      user: user.id,
      channel: channel.id,
      text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      source: 'command_response',
    });
    return { ...result, ephemeral };
  } catch (error) {
    if (error instanceof ApiError) return { ...result, error: error.error };
    throw error;
  }
}
