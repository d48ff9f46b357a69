// The text / blocks / attachments of a message, read as chat.postMessage reads them: blocks JSON-decoded
// and checked against Block Kit limits, missing block_id / action_id filled in as Slack does, long text cut.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  isRecord,
  slackErrorMessages,
  slackErrors,
  truncateMessageText,
  validateBlocks,
  type Surface,
} from '../block-kit-limits.js';
import type { JsonObject } from '../workspace-types.js';
import { ApiError } from './api-error.js';
import { jsonArg } from './args.js';

const JsonObjects = z.array(z.record(z.string(), z.unknown()));

export interface MessageContent {
  text?: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
}

function generatedId(): string {
  return randomBytes(3).toString('base64url');
}

function withActionId(element: unknown): unknown {
  return isRecord(element) && element.action_id === undefined
    ? { ...element, action_id: generatedId() }
    : element;
}

/** Copies blocks, giving every block a `block_id` and every element an `action_id`, as Slack does on save. */
export function withGeneratedIds(blocks: JsonObject[]): JsonObject[] {
  return blocks.map((block) => {
    const copy: JsonObject = { ...block, block_id: block.block_id ?? generatedId() };
    if (Array.isArray(block.elements) && (block.type === 'actions' || block.type === 'context_actions')) {
      copy.elements = block.elements.map(withActionId);
    }
    if (block.accessory !== undefined) copy.accessory = withActionId(block.accessory);
    if (block.element !== undefined) copy.element = withActionId(block.element);
    return copy;
  });
}

/** Decodes and checks a `blocks` argument; undefined when absent. */
export function readBlocks(raw: unknown, surface: Surface): JsonObject[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const decoded = jsonArg(raw);
  if (!decoded.ok || !Array.isArray(decoded.value)) throw new ApiError('invalid_blocks_format');
  const issues = validateBlocks(decoded.value, surface);
  if (issues.length > 0) {
    throw new ApiError('invalid_blocks', {
      errors: slackErrors(issues),
      response_metadata: { messages: slackErrorMessages(issues) },
    });
  }
  const parsed = JsonObjects.safeParse(decoded.value);
  if (!parsed.success) throw new ApiError('invalid_blocks_format');
  return withGeneratedIds(parsed.data);
}

function readAttachments(raw: unknown): JsonObject[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const decoded = jsonArg(raw);
  const parsed = decoded.ok ? JsonObjects.safeParse(decoded.value) : undefined;
  if (!parsed?.success) throw new ApiError('invalid_attachments');
  return parsed.data;
}

/**
 * Reads message content. With `required`, a message with neither text, blocks nor attachments answers
 * `no_text`, as Slack does.
 */
export function readMessageContent(
  raw: { text?: string | undefined; blocks?: unknown; attachments?: unknown },
  required: boolean,
): MessageContent {
  const blocks = readBlocks(raw.blocks, 'message');
  const attachments = readAttachments(raw.attachments);
  const text = raw.text === undefined ? undefined : truncateMessageText(raw.text);
  if (required && !text && !blocks?.length && !attachments?.length) throw new ApiError('no_text');
  return {
    ...(text === undefined ? {} : { text }),
    ...(blocks === undefined ? {} : { blocks }),
    ...(attachments === undefined ? {} : { attachments }),
  };
}
