// A refused click or command is explained to the person who made it, wherever they are: ephemerally in the
// channel when they are a member of it; through the request's response_url when they are not (they left the
// channel after the card was posted, or are previewing a public channel, and Slack refuses an ephemeral to
// them there with user_not_in_channel); in their DM with Vigil when the request has no response_url either.
// And a reply that cannot be posted (its message was deleted) is logged, never a listener failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { ids } from '../../src/slack/ids.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';
import { captureLogs } from '../fakes/log-capture.js';
import { startResponseUrl, type ResponseUrl } from '../fakes/response-url.js';

const { users, channels } = SEED_IDS;
const REFUSAL = 'does not name a Vigil approval';

let t: LocalVigil;
/** What Vigil logs at warn level and above. */
const logs = captureLogs(40);
/** The response_url the clicks carry. */
let responder: ResponseUrl;
beforeAll(async () => {
  responder = await startResponseUrl();
  t = await startLocalVigil({ overrides: { logger: logs.logger } });
});
afterAll(async () => {
  await t.stop();
  responder.close();
});

/** A signed block_actions request: `user` presses Approve on a button whose value is not an approval id. */
function clickForeignButton(user: string, channel: string, withResponseUrl: boolean): Promise<number> {
  const payload = {
    type: 'block_actions',
    team: { id: SEED_IDS.team },
    user: { id: user },
    api_app_id: 'A0VIGIL001',
    trigger_id: '1.2.3',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel },
    channel: { id: channel },
    ...(withResponseUrl ? { response_url: responder.url } : {}),
    actions: [
      {
        type: 'button',
        action_id: ids.actions.approve,
        block_id: ids.blocks.approvalActions,
        value: 'not-an-approval',
        action_ts: '1.2',
      },
    ],
  };
  return t.slackRequest(
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );
}

describe('errors reach the person who caused them', () => {
  it('as an ephemeral message in the channel when they are a member of it', async () => {
    expect(await clickForeignButton(users.alice, channels.approvers, true)).toBe(200);
    const ephemeral = await t.emulator.workspace.waitFor(
      'ephemeral',
      (e) => e.user === users.alice && e.text.includes(REFUSAL),
    );
    expect(ephemeral.channel).toBe(channels.approvers);
    expect(responder.received).toEqual([]);
  });

  it('through the response_url when they are not a member of the channel', async () => {
    expect(await clickForeignButton(users.victor, channels.approvers, true)).toBe(200);
    await t.vigil.drain();
    await expect.poll(() => responder.received.length).toBe(1);
    expect(responder.received[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(responder.received[0]?.text).toContain(REFUSAL);
  });

  it('in their DM with Vigil when the request carries no response_url', async () => {
    expect(await clickForeignButton(users.victor, channels.approvers, false)).toBe(200);
    const dm = await t.emulator.workspace.waitFor(
      'message',
      (m) => m.channel === `D${users.victor.slice(1)}` && m.text.includes(REFUSAL),
    );
    expect(dm.text).toMatch(/approval card/);
    expect(responder.received).toHaveLength(1);
  });

  it('a message deleted before Vigil can reply in its thread is still stored, and nothing fails', async () => {
    // The event of a message Slack no longer has (deleted right after it was posted): the reply finds no thread.
    const ts = '1700000000.000200';
    const status = await t.slackRequest(
      JSON.stringify({
        type: 'event_callback',
        team_id: SEED_IDS.team,
        api_app_id: 'A0VIGIL001',
        event_id: 'Ev0DELETED01',
        event_time: 1700000000,
        event: {
          type: 'message',
          channel: channels.alerts,
          channel_type: 'channel',
          user: users.alice,
          text: '{"title": "half',
          ts,
        },
      }),
      'application/json',
    );
    expect(status).toBe(200);
    await t.vigil.drain();
    await expect
      .poll(() => logs.lines.find((l) => l.msg.includes(`could not reply to alert message ${ts}`)))
      .toBeDefined();
    const stored = t.vigil.db.sqlite
      .prepare("SELECT status, raw FROM alerts WHERE source = 'slack:message'")
      .all() as Array<{ status: string; raw: Buffer }>;
    expect(stored.map((a) => [a.status, a.raw.toString()])).toEqual([['unparsed', '{"title": "half']]);
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
