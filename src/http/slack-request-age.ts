// Slack's request URL, before Bolt: a request dated more than five minutes ahead of this machine's clock is refused
// (401), as Slack's documented check refuses a timestamp that far off in either direction. Bolt's HTTPReceiver
// refuses only old ones, and still checks the signature (and the age) of everything let through.
import type { RequestListener } from 'node:http';
import type { Logger } from '../logger.js';

/** How far ahead of local time a Slack request's timestamp may be: Slack's window, five minutes. */
const MAX_AHEAD_SECONDS = 5 * 60;

/**
 * `listener` (Bolt's), with requests whose `x-slack-request-timestamp` is more than five minutes in the future
 * answered 401 and logged (the timestamp and how far ahead, never the signature). Measured against Date.now, the
 * clock Bolt compares old timestamps with, so the two halves of the window agree.
 */
export function refusingFutureSlackRequests(listener: RequestListener, logger: Logger): RequestListener {
  return (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const timestamp = Number(typeof header === 'string' ? header : undefined);
    const ahead = timestamp - Math.floor(Date.now() / 1000);
    if (Number.isFinite(ahead) && ahead > MAX_AHEAD_SECONDS) {
      logger.warn(
        { path: req.url, timestamp, aheadSeconds: ahead },
        'Slack request refused: its x-slack-request-timestamp is more than 5 minutes ahead of this machine’s clock (a replayed or forged request, or a clock to correct)',
      );
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    listener(req, res);
  };
}
