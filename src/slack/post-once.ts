// Posts a case's root message or an approval card once, though Slack's answer may be lost (a timeout, a reset
// connection, a 5xx from a proxy): `chat.postMessage` is not idempotent, so a blind retry leaves a second copy
// that nothing updates. Each post carries message metadata naming what it is, and a post whose fate is unknown
// is looked for in its channel or thread before it is sent again.
import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { slackErrorCode } from './api-error.js';

/** The Slack message-metadata event type of Vigil's own case messages and cards. */
export const MESSAGE_EVENT_TYPE = 'vigil_message';

/** What a message is: a case's root message, an approval's card, or a thread note owed by a recorded fact. */
export interface MessageMark {
  kind: 'case' | 'approval' | 'note';
  id: string;
}

export interface PostArgs {
  channel: string;
  /** A reply in this thread; a channel message (looked for in the channel's history) without it. */
  threadTs?: string;
  text: string;
  blocks: KnownBlock[];
}

export interface Posted {
  channel: string;
  ts: string;
}

export interface OncePosterDeps {
  /** A client that does not retry on its own and rejects rate-limited calls (`rejectRateLimitedCalls`). */
  client: WebClient;
  /** Tries per post, the first included (Vigil's Slack retries + 1). */
  attempts: number;
  /** Waits before trying again; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** How many of the newest messages are searched for a post whose answer was lost. */
const SEARCHED = 1_000;
const PAGE = 200;

const Page = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) })
          .optional(),
      }),
    )
    .optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

const RateLimited = z.object({ code: z.literal('slack_webapi_rate_limited_error'), retryAfter: z.number() });

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OncePoster {
  /** Messages whose post may have reached Slack unanswered: looked for before they are posted again. */
  private readonly uncertain = new Set<string>();

  constructor(private readonly deps: OncePosterDeps) {}

  /**
   * Posts `args` marked as `mark`, or finds the copy an earlier attempt left. `lookFirst` searches before the
   * first try too: for a message an earlier process may have posted before it stopped.
   */
  async post(args: PostArgs, mark: MessageMark, lookFirst = false): Promise<Posted> {
    const key = `${mark.kind}:${mark.id}`;
    const sleep = this.deps.sleep ?? wait;
    let failure: unknown;
    let delayMs = 0;
    for (let attempt = 0; attempt < Math.max(1, this.deps.attempts); attempt += 1) {
      if (delayMs > 0) await sleep(delayMs);
      if (lookFirst || this.uncertain.has(key)) {
        const found = await this.find(args, mark);
        if (found) {
          this.uncertain.delete(key);
          return found;
        }
      }
      let posted: { channel?: string; ts?: string };
      try {
        posted = await this.deps.client.chat.postMessage({
          channel: args.channel,
          ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
          text: args.text,
          blocks: args.blocks,
          metadata: { event_type: MESSAGE_EVENT_TYPE, event_payload: { ...mark } },
        });
      } catch (error) {
        failure = error;
        // Slack's own refusal (`channel_not_found`, `msg_too_long`…) means nothing was posted; trying again
        // would be refused alike.
        if (slackErrorCode(error)) throw error;
        // A 429 means nothing was posted either: try again once Slack allows it.
        const limited = RateLimited.safeParse(error);
        if (limited.success) {
          delayMs = limited.data.retryAfter * 1000;
          continue;
        }
        // No answer: the message may be in Slack already. Backs off as Slack's client does (1 s, 2 s…).
        this.uncertain.add(key);
        delayMs = 1000 * 2 ** attempt;
        continue;
      }
      this.uncertain.delete(key);
      if (!posted.ts || !posted.channel) throw new Error('chat.postMessage answered without channel and ts');
      return { channel: posted.channel, ts: posted.ts };
    }
    throw failure;
  }

  /** The message marked `mark` among the thread's replies, or the channel's newest messages. */
  private async find(args: PostArgs, mark: MessageMark): Promise<Posted | null> {
    let cursor: string | undefined;
    for (let seen = 0; seen < SEARCHED; seen += PAGE) {
      const page = Page.parse(
        args.threadTs
          ? await this.deps.client.conversations.replies({
              channel: args.channel,
              ts: args.threadTs,
              include_all_metadata: true,
              limit: PAGE,
              ...(cursor ? { cursor } : {}),
            })
          : await this.deps.client.conversations.history({
              channel: args.channel,
              include_all_metadata: true,
              limit: PAGE,
              ...(cursor ? { cursor } : {}),
            }),
      );
      const match = page.messages?.find(
        (m) =>
          m.metadata?.event_type === MESSAGE_EVENT_TYPE &&
          m.metadata.event_payload.kind === mark.kind &&
          m.metadata.event_payload.id === mark.id,
      );
      if (match) return { channel: args.channel, ts: match.ts };
      cursor = page.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  }
}
