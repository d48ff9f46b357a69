// Signs a request body exactly as Slack does: v0=HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>").
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

/** The two headers Slack adds to every request it sends an app. */
export function signatureHeaders(
  signingSecret: string,
  timestampSec: number,
  rawBody: string,
): Record<string, string> {
  return {
    'x-slack-signature': slackSignature(signingSecret, timestampSec, rawBody),
    'x-slack-request-timestamp': String(timestampSec),
  };
}
