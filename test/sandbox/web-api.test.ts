// The emulator's Web API, driven by the real @slack/web-api WebClient: auth, messages, threads, pagination,
// Block Kit limits, ephemerals, people and groups.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSeed, SEED_IDS } from '../../src/sandbox/emulator.js';
import { z } from 'zod';
import {
  BOT_TOKEN,
  platformError,
  startEmulator,
  startRecorder,
  webClient,
  type RunningEmulator,
} from './support.js';

const ALERTS = SEED_IDS.channels.alerts;

const HistoryPage = z.object({ messages: z.array(z.object({ text: z.string() })) });
const UsersPage = z.object({ members: z.array(z.object({ id: z.string() })) });

let sandbox: RunningEmulator;
beforeEach(async () => {
  sandbox = await startEmulator();
});
afterEach(async () => {
  await sandbox.emulator.close();
});

describe('authentication', () => {
  it('answers auth.test for the bot token with the bot identity Bolt needs', async () => {
    const result = await sandbox.client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: SEED_IDS.team,
      user_id: SEED_IDS.botUser,
      bot_id: SEED_IDS.bot,
      url: 'https://vigil-sandbox.slack.com/',
    });
  });

  it('refuses a call without a token with not_authed', async () => {
    const response = await fetch(`${sandbox.base}/api/auth.test`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('refuses a wrong token with invalid_auth', async () => {
    const error = await platformError(webClient(sandbox.base, 'xoxb-wrong').auth.test());
    expect(error.data.error).toBe('invalid_auth');
  });

  it('accepts the token as a form field and JSON bodies with a bearer token, as Slack does', async () => {
    const form = await fetch(`${sandbox.base}/api/auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${BOT_TOKEN}`,
    });
    expect(await form.json()).toMatchObject({ ok: true });
    const json = await fetch(`${sandbox.base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ channel: ALERTS, text: 'from JSON', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: ALERTS, message: { text: 'from JSON' } });
  });

  it('answers unknown_method for a method it does not know', async () => {
    const error = await platformError(sandbox.client.apiCall('chat.nonsense'));
    expect(error.data.error).toBe('unknown_method');
  });
});

describe('messages and threads', () => {
  it('posts as the bot, returns Slack-shaped ts values, and records the message in the workspace', async () => {
    const posted = await sandbox.client.chat.postMessage({ channel: '#vigil-alerts', text: 'alert 1' });
    expect(posted).toMatchObject({
      ok: true,
      channel: ALERTS,
      message: { text: 'alert 1', bot_id: SEED_IDS.bot },
    });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    const second = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'alert 2' });
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts));
    expect(sandbox.emulator.workspace.messages('vigil-alerts').map((m) => m.text)).toEqual([
      'alert 1',
      'alert 2',
    ]);
  });

  it('answers no_text for a message with neither text nor blocks, channel_not_found for an unknown channel', async () => {
    expect(
      (await platformError(sandbox.client.chat.postMessage({ channel: ALERTS, text: '' }))).data.error,
    ).toBe('no_text');
    expect(
      (await platformError(sandbox.client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).data.error,
    ).toBe('channel_not_found');
  });

  it('truncates text over 40,000 characters instead of rejecting it', async () => {
    const posted = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'x'.repeat(40_010) });
    expect(posted.message?.text).toHaveLength(40_000);
  });

  it('updates the bot’s own message, marks it edited and emits message_changed', async () => {
    const posted = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'pending' });
    const changed = sandbox.emulator.workspace.waitFor('message_changed', (c) => c.message.ts === posted.ts);
    const updated = await sandbox.client.chat.update({
      channel: ALERTS,
      ts: posted.ts ?? '',
      text: 'approved by carol',
    });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'approved by carol' });
    expect((await changed).previous.text).toBe('pending');
    expect(sandbox.emulator.workspace.findMessage(ALERTS, posted.ts ?? '')?.edited?.user).toBe(
      SEED_IDS.botUser,
    );
  });

  it('refuses to update a missing message or someone else’s message', async () => {
    const missing = await platformError(
      sandbox.client.chat.update({ channel: ALERTS, ts: '1.000001', text: 'x' }),
    );
    expect(missing.data.error).toBe('message_not_found');
    const app = await startRecorder();
    sandbox.emulator.setRequestUrl(app.url);
    const { message } = await sandbox.emulator.post({ user: 'alice', channel: ALERTS, text: 'mine' });
    await app.stop();
    const foreign = await platformError(
      sandbox.client.chat.update({ channel: ALERTS, ts: message?.ts ?? '', text: 'x' }),
    );
    expect(foreign.data.error).toBe('cant_update_message');
  });

  it('threads replies under their parent, counts them, and broadcasts with reply_broadcast', async () => {
    const parent = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'case 7' });
    await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'reply 1', thread_ts: parent.ts ?? '' });
    await sandbox.client.chat.postMessage({
      channel: ALERTS,
      text: 'reply 2',
      thread_ts: parent.ts ?? '',
      reply_broadcast: true,
    });
    const replies = await sandbox.client.conversations.replies({ channel: ALERTS, ts: parent.ts ?? '' });
    expect(replies.messages?.map((m) => m.text)).toEqual(['case 7', 'reply 1', 'reply 2']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 2, thread_ts: parent.ts });
    const history = await sandbox.client.conversations.history({ channel: ALERTS });
    expect(history.messages?.map((m) => m.text)).toEqual(['reply 2', 'case 7']);
    const missing = await platformError(
      sandbox.client.conversations.replies({ channel: ALERTS, ts: '1.000001' }),
    );
    expect(missing.data.error).toBe('thread_not_found');
  });

  it('keeps a message’s metadata and shows it in history and replies only with include_all_metadata', async () => {
    const metadata = { event_type: 'vigil_message', event_payload: { kind: 'case', id: '7' } };
    const parent = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'case 7', metadata });
    await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'note', thread_ts: parent.ts ?? '' });
    const plain = await sandbox.client.conversations.history({ channel: ALERTS });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    const history = await sandbox.client.conversations.history({
      channel: ALERTS,
      include_all_metadata: true,
    });
    expect(history.messages?.[0]).toMatchObject({ text: 'case 7', metadata });
    const replies = await sandbox.client.conversations.replies({
      channel: ALERTS,
      ts: parent.ts ?? '',
      include_all_metadata: true,
    });
    expect(replies.messages?.map((m) => m.metadata ?? null)).toEqual([metadata, null]);
    const plainReplies = await sandbox.client.conversations.replies({ channel: ALERTS, ts: parent.ts ?? '' });
    expect(plainReplies.messages?.[0]).not.toHaveProperty('metadata');
    const bad = await platformError(
      sandbox.client.chat.postMessage({
        channel: ALERTS,
        text: 'x',
        metadata: { event_type: 'vigil_message', event_payload: 'nope' as never },
      }),
    );
    expect(bad.data.error).toBe('invalid_metadata_format');
  });

  it('pages history newest first with limit, has_more and next_cursor, and WebClient.paginate walks it', async () => {
    for (let i = 1; i <= 5; i += 1) await sandbox.client.chat.postMessage({ channel: ALERTS, text: `m${i}` });
    const first = await sandbox.client.conversations.history({ channel: ALERTS, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['m5', 'm4']);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor ?? '';
    expect(cursor).not.toBe('');
    const second = await sandbox.client.conversations.history({ channel: ALERTS, limit: 2, cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
    const all: string[] = [];
    for await (const page of sandbox.client.paginate('conversations.history', {
      channel: ALERTS,
      limit: 2,
    })) {
      all.push(...HistoryPage.parse(page).messages.map((m) => m.text));
    }
    expect(all).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    const bad = await platformError(
      sandbox.client.conversations.history({ channel: ALERTS, cursor: 'bm9wZQ==' }),
    );
    expect(bad.data.error).toBe('invalid_cursor');
  });

  it('deletes the bot’s message and gives permalinks for messages and replies', async () => {
    const parent = await sandbox.client.chat.postMessage({ channel: ALERTS, text: 'p' });
    const reply = await sandbox.client.chat.postMessage({
      channel: ALERTS,
      text: 'r',
      thread_ts: parent.ts ?? '',
    });
    const link = await sandbox.client.chat.getPermalink({ channel: ALERTS, message_ts: reply.ts ?? '' });
    expect(link.permalink).toBe(
      `https://vigil-sandbox.slack.com/archives/${ALERTS}/p${(reply.ts ?? '').replace('.', '')}?thread_ts=${parent.ts}&cid=${ALERTS}`,
    );
    await sandbox.client.chat.delete({ channel: ALERTS, ts: parent.ts ?? '' });
    expect(sandbox.emulator.workspace.findMessage(ALERTS, parent.ts ?? '')).toBeUndefined();
  });

  it('posts ephemerals only to channel members and returns message_ts', async () => {
    const sent = await sandbox.client.chat.postEphemeral({
      channel: ALERTS,
      user: SEED_IDS.users.alice,
      text: 'only you',
    });
    expect(sent.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(sandbox.emulator.workspace.ephemerals('alice')).toMatchObject([
      { text: 'only you', channel: ALERTS },
    ]);
    const outsider = await platformError(
      sandbox.client.chat.postEphemeral({
        channel: SEED_IDS.channels.approvers,
        user: SEED_IDS.users.victor,
        text: 'x',
      }),
    );
    expect(outsider.data.error).toBe('user_not_in_channel');
  });
});

describe('Block Kit limits', () => {
  it('rejects a 51-block message with invalid_blocks and a Slack-style json-pointer message', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    const error = await platformError(
      sandbox.client.chat.postMessage({ channel: ALERTS, text: 'x', blocks }),
    );
    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata?.messages).toContain(
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    );
    expect(sandbox.emulator.workspace.messages(ALERTS)).toHaveLength(0);
  });

  it('rejects a 76-character button label and points at it', async () => {
    const blocks = [
      {
        type: 'actions' as const,
        elements: [
          {
            type: 'button' as const,
            action_id: 'a',
            text: { type: 'plain_text' as const, text: 'b'.repeat(76) },
          },
        ],
      },
    ];
    const error = await platformError(
      sandbox.client.chat.postMessage({ channel: ALERTS, text: 'x', blocks }),
    );
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
  });

  it('fills in block_id and action_id when the app leaves them out, as Slack does', async () => {
    const posted = await sandbox.client.chat.postMessage({
      channel: ALERTS,
      text: 'x',
      blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] }],
    });
    const block = posted.message?.blocks?.[0];
    expect(block?.block_id).toEqual(expect.any(String));
    expect(block && 'elements' in block ? block.elements?.[0]?.action_id : undefined).toEqual(
      expect.any(String),
    );
  });
});

describe('people, channels and groups', () => {
  it('serves users.info, users.lookupByEmail and paginated users.list', async () => {
    const info = await sandbox.client.users.info({ user: SEED_IDS.users.carol });
    expect(info.user).toMatchObject({
      name: 'carol',
      real_name: 'Carol Senior',
      team_id: SEED_IDS.team,
      is_bot: false,
    });
    expect(info.user?.profile?.email).toBe('carol@vigil-sandbox.test');
    const byEmail = await sandbox.client.users.lookupByEmail({ email: 'bob@vigil-sandbox.test' });
    expect(byEmail.user?.id).toBe(SEED_IDS.users.bob);
    expect((await platformError(sandbox.client.users.info({ user: 'U0NOBODY' }))).data.error).toBe(
      'user_not_found',
    );
    const page = await sandbox.client.users.list({ limit: 2 });
    expect(page.members).toHaveLength(2);
    expect(page.response_metadata?.next_cursor).not.toBe('');
    const ids: string[] = [];
    for await (const p of sandbox.client.paginate('users.list', { limit: 2 })) {
      ids.push(...UsersPage.parse(p).members.map((m) => m.id));
    }
    expect(ids).toEqual([...Object.values(SEED_IDS.users), SEED_IDS.botUser]);
  });

  it('lists user groups and their members', async () => {
    const groups = await sandbox.client.usergroups.list({ include_users: true });
    expect(groups.usergroups?.map((g) => g.handle)).toEqual(['soc-responders', 'soc-senior']);
    const senior = await sandbox.client.usergroups.users.list({ usergroup: SEED_IDS.userGroups.senior });
    expect(senior.users).toEqual([SEED_IDS.users.carol]);
  });

  it('shows the bot a private channel only when it is a member, as Slack does', async () => {
    await sandbox.emulator.close();
    const seed = defaultSeed();
    seed.channels.push(
      { id: 'C0PRIVIN01', name: 'soc-private', purpose: '', members: [SEED_IDS.botUser], private: true },
      { id: 'C0PRIVOUT1', name: 'soc-leads', purpose: '', members: [SEED_IDS.users.carol], private: true },
    );
    sandbox = await startEmulator({ seed });
    const names = async (types?: string) =>
      (await sandbox.client.conversations.list(types ? { types } : {})).channels?.map((c) => c.name);
    expect(await names()).toEqual(['vigil-alerts', 'vigil-approvers']);
    expect(await names('public_channel,private_channel')).toEqual([
      'vigil-alerts',
      'vigil-approvers',
      'soc-private',
    ]);
    const info = await sandbox.client.conversations.info({ channel: 'C0PRIVIN01' });
    expect(info.channel).toMatchObject({
      is_private: true,
      is_group: true,
      is_channel: false,
      is_member: true,
    });
    for (const call of [
      sandbox.client.conversations.info({ channel: 'C0PRIVOUT1' }),
      sandbox.client.chat.postMessage({ channel: 'C0PRIVOUT1', text: 'hi' }),
      sandbox.client.conversations.history({ channel: 'C0PRIVOUT1' }),
    ]) {
      expect((await platformError(call)).data.error).toBe('channel_not_found');
    }
  });

  it('lists and describes channels, and opens a DM with a person', async () => {
    const list = await sandbox.client.conversations.list();
    expect(list.channels?.map((c) => c.name)).toEqual(['vigil-alerts', 'vigil-approvers']);
    const info = await sandbox.client.conversations.info({ channel: SEED_IDS.channels.approvers });
    expect(info.channel).toMatchObject({ name: 'vigil-approvers', is_member: true, is_channel: true });
    const dm = await sandbox.client.conversations.open({ users: SEED_IDS.users.alice });
    expect(dm.channel?.id).toBe('D0ALICE001');
    const posted = await sandbox.client.chat.postMessage({ channel: SEED_IDS.users.alice, text: 'hi' });
    expect(posted.channel).toBe('D0ALICE001');
  });
});
