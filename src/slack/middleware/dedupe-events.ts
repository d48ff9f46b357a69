// Global middleware: each Events API delivery is handled once, however often Slack retries it and however
// many replicas receive it (the claim is a row in SQLite keyed by event_id).
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import type { SlackEventsRepository } from '../../../db/repositories/slack-events.js';

const EventEnvelope = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });

export function dedupeEvents(
  events: SlackEventsRepository,
  clock: () => Date,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    // Commands and interactions (most requests) are not Events API envelopes: no parse for them.
    if (!('type' in body) || body.type !== 'event_callback') return next();
    const envelope = EventEnvelope.safeParse(body);
    if (envelope.success && !events.claim(envelope.data.event_id, clock().toISOString())) return;
    await next();
  };
}
