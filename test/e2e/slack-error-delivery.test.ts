// A refused click or command is explained to the person who made it, wherever they are: ephemerally in the
// channel when they are a member of it; through the request's response_url when they are not (they left the
// channel after the card was posted, or are previewing a public channel, and Slack refuses an ephemeral to
// them there with user_not_in_channel); in their DM with Vigil when the request has no response_url either.
// And a reply that cannot be posted (its message was deleted) is logged, never a listener failure.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { ids } from '../../src/slack/ids.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const REFUSAL = 'does not name a Vigil approval';

let t: LocalVigil;
/** What Vigil logged at warn level and above: `[level, msg]`. */
const logged: Array<[number, string]> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { level: number; msg?: string };
      if (entry.level >= 40) logged.push([entry.level, entry.msg ?? '']);
    }
    done();
  },
});
/** Answers as Slack's response_url does and keeps what it was sent. */
let responder: http.Server;
let responseUrl: string;
const responses: Array<{ text?: string; response_type?: string }> = [];
beforeAll(async () => {
  responder = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      responses.push(JSON.parse(Buffer.concat(chunks).toString()) as { text?: string });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => responder.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(responder.address() as AddressInfo).port}/actions/T0/1/x`;
  t = await startLocalVigil({ overrides: { logger: createLogger('info', sink) } });
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
    ...(withResponseUrl ? { response_url: responseUrl } : {}),
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
    expect(responses).toEqual([]);
  });

  it('through the response_url when they are not a member of the channel', async () => {
    expect(await clickForeignButton(users.victor, channels.approvers, true)).toBe(200);
    await t.vigil.drain();
    await expect.poll(() => responses.length).toBe(1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(responses[0]?.text).toContain(REFUSAL);
  });

  it('in their DM with Vigil when the request carries no response_url', async () => {
    expect(await clickForeignButton(users.victor, channels.approvers, false)).toBe(200);
    const dm = await t.emulator.workspace.waitFor(
      'message',
      (m) => m.channel === `D${users.victor.slice(1)}` && m.text.includes(REFUSAL),
    );
    expect(dm.text).toMatch(/approval card/);
    expect(responses).toHaveLength(1);
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
      .poll(() => logged.find(([, msg]) => msg.includes(`could not reply to alert message ${ts}`)))
      .toBeDefined();
    const stored = t.vigil.db.sqlite
      .prepare("SELECT status, raw FROM alerts WHERE source = 'slack:message'")
      .all() as Array<{ status: string; raw: Buffer }>;
    expect(stored.map((a) => [a.status, a.raw.toString()])).toEqual([['unparsed', '{"title": "half']]);
    expect(logged.filter(([level]) => level >= 50)).toEqual([]);
  });
});
