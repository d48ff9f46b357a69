// Slack at start-up: a token Slack refuses and a Slack that cannot be reached (GovSlack, or the proxy in front of
// it, down) each get their own one line, so nobody rotates a good SLACK_BOT_TOKEN during a network outage; and
// what Vigil writes on the way is its structured JSON logs, not the Slack client's own console lines.
import { afterEach, expect, it, vi } from 'vitest';
import { startVigil } from '../../src/compose.js';
import { createSlackEmulator } from '../../src/sandbox/emulator.js';
import { loadConfig } from '../../src/config.js';
import { captureLogs } from '../fakes/log-capture.js';
import { tempDataDir } from '../fakes/local-vigil.js';
import { freePort } from '../fakes/vigil-process.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const slackConfig = (apiUrl: string) =>
  loadConfig({
    PORT: '0',
    VIGIL_DATA_DIR: tempDataDir(),
    SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdefabcdef',
    SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
    VIGIL_INTAKE_TOKEN: 'i'.repeat(32),
    SLACK_API_URL: apiUrl,
  });

it('says SLACK_BOT_TOKEN was not accepted when Slack answers that it is not', async () => {
  const slack = createSlackEmulator({ botToken: 'xoxb-another-token', signingSecret: 's'.repeat(32) });
  const url = await slack.listen(0);
  try {
    const { logger } = captureLogs(10);
    const error = await startVigil(slackConfig(`${url}/api/`), { logger, slackRetries: 0 }).then(
      () => new Error('Vigil started'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(
      /^SLACK_BOT_TOKEN was not accepted by .* \(An API error occurred: invalid_auth\)/,
    );
  } finally {
    await slack.close();
  }
});

it('says Slack could not be reached, in JSON logs only, when the Web API refuses connections at start-up', async () => {
  // A port nothing listens on: connection refused, as when an egress proxy or Slack itself is down.
  const closed = await freePort();
  const config = slackConfig(`http://127.0.0.1:${closed}/api/`);
  const console = vi.spyOn(globalThis.console, 'warn').mockImplementation(() => undefined);
  const { logger } = captureLogs(10);
  const error = await startVigil(config, { logger, slackRetries: 0 }).then(
    () => new Error('Vigil started'),
    (e: unknown) => e as Error,
  );
  expect({
    // The token was never shown to Slack: nothing refused it.
    blamesTheToken: /SLACK_BOT_TOKEN was not accepted/.test(error.message),
    // The Slack client's own `[WARN] web-api:WebClient:0 http request failed …` console lines.
    unstructuredLines: console.mock.calls.map((c) => c.map(String).join(' ')),
  }).toEqual({ blamesTheToken: false, unstructuredLines: [] });
  expect(error.message).toMatch(/^Slack's Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ could not be reached/);
});
