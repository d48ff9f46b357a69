// OncePoster against the sandbox's Web API, through the real WebClient: what it does after each kind of failed
// `chat.postMessage` (a lost answer, a 429, Slack's refusal), and the search a restarted process makes first.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { OncePoster } from '../../src/slack/post-once.js';
import { injectSlackFaults, type SlackFaults } from '../fakes/slack-faults.js';
import { BOT_TOKEN, quietLogger, startEmulator, type RunningEmulator } from '../sandbox/support.js';

const ALERTS = SEED_IDS.channels.alerts;
const MESSAGE = {
  text: 'case 7',
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'case 7' } }],
};

let sandbox: RunningEmulator;
let faults: SlackFaults;
let slept: number[];
let poster: OncePoster;
beforeEach(async () => {
  sandbox = await startEmulator();
  faults = injectSlackFaults(sandbox.emulator);
  slept = [];
  poster = new OncePoster({
    client: new WebClient(BOT_TOKEN, {
      slackApiUrl: `${sandbox.base}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: quietLogger,
    }),
    attempts: 3,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
});
afterEach(async () => {
  await sandbox.emulator.close();
});

const methods = () => faults.calls.map((c) => c.method);

describe('OncePoster', () => {
  it('posts with metadata naming the message, in one call when Slack answers', async () => {
    const posted = await poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'case', id: '7' });
    const message = sandbox.emulator.workspace.findMessage(ALERTS, posted.ts);
    expect(message?.metadata).toEqual({
      event_type: 'vigil_message',
      event_payload: { kind: 'case', id: '7' },
    });
    expect(methods()).toEqual(['chat.postMessage']);
  });

  it('finds the copy a lost answer left in the thread instead of posting a second one', async () => {
    const root = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'root' });
    faults.add({ method: 'chat.postMessage', times: 1, error: 'answer_lost' });
    const posted = await poster.post(
      { channel: ALERTS, threadTs: root.ts ?? '', ...MESSAGE },
      { kind: 'approval', id: 'apr-1' },
    );
    const thread = sandbox.emulator.workspace.thread(ALERTS, root.ts ?? '');
    expect(thread.map((m) => m.ts)).toEqual([root.ts, posted.ts]);
    expect(methods().slice(1)).toEqual(['chat.postMessage', 'conversations.replies']);
    expect(slept).toEqual([1000]);
  });

  it('posts again, after one search, when the lost post never reached Slack', async () => {
    faults.add({ method: 'chat.postMessage', times: 1, error: 'connection_reset' });
    const posted = await poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'case', id: '8' });
    expect(sandbox.emulator.workspace.messages(ALERTS).map((m) => m.ts)).toEqual([posted.ts]);
    expect(methods()).toEqual(['chat.postMessage', 'conversations.history', 'chat.postMessage']);
  });

  it('waits out a 429 and posts again without searching: Slack posted nothing', async () => {
    faults.add({ method: 'chat.postMessage', times: 1, error: 'ratelimited', retryAfterSeconds: 3 });
    await poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'case', id: '9' });
    expect(methods()).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(slept).toEqual([3000]);
    expect(sandbox.emulator.workspace.messages(ALERTS)).toHaveLength(1);
  });

  it('gives up at once on Slack’s refusal, which a second try would meet too', async () => {
    faults.add({ method: 'chat.postMessage', error: 'msg_blocks_too_long' });
    await expect(
      poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'case', id: '10' }),
    ).rejects.toMatchObject({
      data: { error: 'msg_blocks_too_long' },
    });
    expect(methods()).toEqual(['chat.postMessage']);
  });

  it('gives up after its attempts when Slack never answers, and searches first next time', async () => {
    faults.add({ method: 'chat.postMessage', times: 3, error: 'answer_lost' });
    faults.add({ method: 'conversations.history', times: 1, error: 'answer_lost' });
    await expect(poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'case', id: '11' })).rejects.toThrow();
    // The search after the first lost answer failed too: it cannot tell whether to post, so it stops.
    expect(methods()).toEqual(['chat.postMessage', 'conversations.history']);
    const again = await poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'case', id: '11' });
    expect(sandbox.emulator.workspace.messages(ALERTS).map((m) => m.ts)).toEqual([again.ts]);
  });

  it('searches before the first post when told an earlier process may have posted it', async () => {
    const earlier = await poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'approval', id: 'apr-2' });
    await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'newer' });
    const found = await poster.post({ channel: ALERTS, ...MESSAGE }, { kind: 'approval', id: 'apr-2' }, true);
    expect(found).toEqual(earlier);
    expect(sandbox.emulator.workspace.messages(ALERTS)).toHaveLength(2);
  });
});
