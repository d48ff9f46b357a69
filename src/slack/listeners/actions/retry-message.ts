// What both Retry buttons (onboarding, offboarding) read from the click: errors go to the message's
// channel and thread, and the clicked message is returned so the service can lock it at once.
import type { BlockAction } from '@slack/bolt';
import type { RetryMessage } from '../../../services/offboarding-service.js';
import { surfaceOf } from './approval-buttons.js';

export function retryMessageOf(
  body: BlockAction,
  context: Record<string, unknown>,
): RetryMessage | undefined {
  const surface = surfaceOf(body);
  if (surface) context.errorSurface = surface;
  const ts = body.message?.ts ?? body.container.message_ts;
  return surface && typeof ts === 'string' ? { channel: surface.channel, ts } : undefined;
}
