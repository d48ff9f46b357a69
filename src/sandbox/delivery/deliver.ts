// Sends one signed request to the app's request URL, waits at most 3 s as Slack does, and records the
// outcome in the workspace.
import type { EmulatorContext } from '../context.js';
import { parseJson } from '../http-io.js';
import { SandboxError } from '../sandbox-error.js';
import type { DeliveryRecord, EphemeralMessage, SlackMessage, SlackView } from '../workspace-types.js';
import { signatureHeaders } from './sign.js';

export const DELIVERY_TIMEOUT_MS = 3000;

/** Slack's interaction and slash-command Content-Type: exactly this, no charset (Bolt answers 400 otherwise). */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/** How the app answered a delivery, and what the emulator did with the answer. */
export interface DeliveryResult {
  /** HTTP status the app answered; 0 when it did not answer (timeout, connection refused). */
  status: number;
  /** The app's answer: parsed JSON when it said JSON, otherwise the text ('' for an empty ack). */
  body: unknown;
  /** Set when Slack would treat the delivery as failed: `operation_timeout`, `dispatch_failed`,
   * `http_error_<status>`, or a problem with the ack body (`invalid_blocks`, `invalid_response`, …). */
  error?: string;
  /** The ephemeral message a slash command's ack body showed the user. */
  ephemeral?: EphemeralMessage;
  /** The message `post` created, or the in_channel message a slash command's ack posted. */
  message?: SlackMessage;
  /** After `submitView`: the view now on top of the user's modal stack, if one is still open. */
  view?: SlackView;
}

/** The app's request URL; throws `no_request_url` when it is not known yet. */
export function requireRequestUrl(ctx: EmulatorContext): string {
  const url = ctx.requestUrl();
  if (!url) {
    throw new SandboxError(
      'no_request_url',
      "The emulator does not know where the app listens: pass requestUrl or call setRequestUrl('http://127.0.0.1:<port>/slack/events').",
    );
  }
  return url;
}

export async function deliver(
  ctx: EmulatorContext,
  kind: DeliveryRecord['kind'],
  rawBody: string,
  contentType: string,
): Promise<DeliveryResult> {
  const url = requireRequestUrl(ctx);
  const now = ctx.workspace.now;
  const timestamp = Math.floor(now() / 1000);
  let result: DeliveryResult;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        ...signatureHeaders(ctx.signingSecret, timestamp, rawBody),
      },
      body: rawBody,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    const body = isJson ? (parseJson(text) ?? text) : text;
    result = response.ok
      ? { status: response.status, body }
      : { status: response.status, body, error: `http_error_${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    result = { status: 0, body: null, error: timedOut ? 'operation_timeout' : 'dispatch_failed' };
    ctx.logger.warn({ kind, url, err: error }, 'delivery to the app failed');
  }
  ctx.workspace.recordDelivery({
    kind,
    status: result.status,
    ...(result.error === undefined ? {} : { error: result.error }),
    at: now(),
  });
  return result;
}
