// A real Bolt app on its HTTPReceiver cannot tell the emulator from Slack: deliveries verify, payloads
// carry what listeners read, and the app's acks, respond() calls and Web API calls land in the workspace.
import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/emulator.js';
import { startBoltApp, startEmulator, type RunningApp, type RunningEmulator } from './support.js';

const APPROVERS = SEED_IDS.channels.approvers;

const approvalBlocks = [
  { type: 'section', text: { type: 'mrkdwn', text: 'Block 203.0.113.7?' } },
  {
    type: 'actions',
    block_id: 'approval',
    elements: [
      {
        type: 'button',
        action_id: 'approval.approve',
        text: { type: 'plain_text', text: 'Approve' },
        value: 'case-7',
        style: 'primary',
      },
      {
        type: 'button',
        action_id: 'approval.reject',
        text: { type: 'plain_text', text: 'Reject' },
        value: 'case-7',
      },
    ],
  },
];

const modal = {
  type: 'modal' as const,
  callback_id: 'reject.reason',
  private_metadata: 'case-7',
  title: { type: 'plain_text' as const, text: 'Reject action' },
  submit: { type: 'plain_text' as const, text: 'Reject' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'reason',
      label: { type: 'plain_text' as const, text: 'Why?' },
      element: { type: 'plain_text_input' as const, action_id: 'text' },
    },
  ],
};

let sandbox: RunningEmulator;
let running: RunningApp | undefined;

async function withApp(register: (app: App) => void, signingSecret?: string): Promise<RunningApp> {
  running = await startBoltApp(sandbox.base, register, signingSecret);
  sandbox.emulator.setRequestUrl(running.url);
  return running;
}

beforeEach(async () => {
  sandbox = await startEmulator();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await sandbox.emulator.close();
});

describe('slash commands', () => {
  it('reach app.command with the command text, user and channel, and the ack text shows as an ephemeral', async () => {
    const seen: { text: string; user_id: string; channel_id: string }[] = [];
    await withApp((app) =>
      app.command('/vigil', async ({ command, ack }) => {
        seen.push({ text: command.text, user_id: command.user_id, channel_id: command.channel_id });
        await ack({ text: 'Working on it' });
      }),
    );
    const result = await sandbox.emulator.command({
      user: 'alice',
      channel: '#vigil-alerts',
      command: '/vigil',
      text: 'status 7',
    });
    expect(result.status).toBe(200);
    expect(seen).toEqual([
      { text: 'status 7', user_id: SEED_IDS.users.alice, channel_id: SEED_IDS.channels.alerts },
    ]);
    expect(result.ephemeral).toMatchObject({
      user: SEED_IDS.users.alice,
      text: 'Working on it',
      source: 'command_response',
    });
    expect(sandbox.emulator.workspace.ephemerals('alice').map((e) => e.text)).toEqual(['Working on it']);
  });

  it('are refused with 401 by an app whose signing secret differs, and no listener runs', async () => {
    let called = false;
    await withApp(
      (app) =>
        app.command('/vigil', async ({ ack }) => {
          called = true;
          await ack();
        }),
      'a-different-signing-secret',
    );
    const result = await sandbox.emulator.command({
      user: 'alice',
      channel: '#vigil-alerts',
      command: '/vigil',
      text: '',
    });
    expect(result.status).toBe(401);
    expect(result.error).toBe('http_error_401');
    expect(called).toBe(false);
    expect(sandbox.emulator.workspace.deliveries().at(-1)).toMatchObject({
      kind: 'slash_command',
      status: 401,
    });
  });

  it('give respond() a response_url that posts in the channel as the bot', async () => {
    await withApp((app) =>
      app.command('/vigil', async ({ ack, respond }) => {
        await ack();
        await respond({ response_type: 'in_channel', text: 'Case 7 opened' });
      }),
    );
    await sandbox.emulator.command({
      user: 'bob',
      channel: '#vigil-alerts',
      command: '/vigil',
      text: 'open',
    });
    const message = await sandbox.emulator.workspace.waitFor('message', (m) => m.text === 'Case 7 opened');
    expect(message).toMatchObject({ channel: SEED_IDS.channels.alerts, bot_id: SEED_IDS.bot });
  });
});

describe('button clicks', () => {
  it('reach app.action with the clicked button’s value, the clicker and the message', async () => {
    const clicks: { value: string | undefined; user: string; ts: string | undefined }[] = [];
    await withApp((app) =>
      app.action('approval.approve', async ({ ack, body, action }) => {
        await ack();
        if (body.type !== 'block_actions' || action.type !== 'button')
          throw new Error('expected a button click');
        clicks.push({
          value: body.actions[0]?.type === 'button' ? body.actions[0].value : undefined,
          user: body.user.id,
          ts: body.message?.ts,
        });
      }),
    );
    const posted = await sandbox.client.chat.postMessage({
      channel: APPROVERS,
      text: 'Approve?',
      blocks: approvalBlocks,
    });
    const result = await sandbox.emulator.click({
      user: 'carol',
      channel: '#vigil-approvers',
      ts: posted.ts ?? '',
      action_id: 'approval.approve',
    });
    expect(result.status).toBe(200);
    expect(clicks).toEqual([{ value: 'case-7', user: SEED_IDS.users.carol, ts: posted.ts }]);
  });

  it('cannot click an action the message does not have', async () => {
    const posted = await sandbox.client.chat.postMessage({
      channel: APPROVERS,
      text: 'Approve?',
      blocks: approvalBlocks,
    });
    sandbox.emulator.setRequestUrl('http://127.0.0.1:9/slack/events');
    await expect(
      sandbox.emulator.click({
        user: 'carol',
        channel: APPROVERS,
        ts: posted.ts ?? '',
        action_id: 'approval.escalate',
      }),
    ).rejects.toMatchObject({
      code: 'action_not_found',
      message: expect.stringContaining('approval.approve=case-7'),
    });
  });

  it('let respond({ replace_original }) replace the clicked message', async () => {
    await withApp((app) =>
      app.action('approval.reject', async ({ ack, respond }) => {
        await ack();
        await respond({ replace_original: true, text: 'Rejected by carol' });
      }),
    );
    const posted = await sandbox.client.chat.postMessage({
      channel: APPROVERS,
      text: 'Approve?',
      blocks: approvalBlocks,
    });
    await sandbox.emulator.click({
      user: 'carol',
      channel: APPROVERS,
      ts: posted.ts ?? '',
      action_id: 'approval.reject',
    });
    const change = await sandbox.emulator.workspace.waitFor(
      'message_changed',
      (c) => c.message.ts === posted.ts,
    );
    expect(change.message).toMatchObject({ text: 'Rejected by carol', blocks: [] });
  });
  it('work on ephemeral messages too: the payload says is_ephemeral and respond() replaces the ephemeral', async () => {
    const containers: unknown[] = [];
    await withApp((app) =>
      app.action('approval.approve', async ({ ack, body, respond }) => {
        await ack();
        if (body.type === 'block_actions') containers.push(body.container);
        await respond({ replace_original: true, text: 'Approved' });
      }),
    );
    const sent = await sandbox.client.chat.postEphemeral({
      channel: APPROVERS,
      user: SEED_IDS.users.carol,
      text: 'Approve?',
      blocks: approvalBlocks,
    });
    await sandbox.emulator.click({
      user: 'carol',
      channel: APPROVERS,
      ts: sent.message_ts ?? '',
      action_id: 'approval.approve',
    });
    expect(containers).toEqual([
      { type: 'message', message_ts: sent.message_ts, channel_id: APPROVERS, is_ephemeral: true },
    ]);
    expect(sandbox.emulator.workspace.ephemerals('carol')).toMatchObject([
      { ts: sent.message_ts, text: 'Approved' },
    ]);
  });
});

describe('modals', () => {
  it('open from a command’s trigger_id, submit with field values, keep open on errors and close on a plain ack', async () => {
    const reasons: string[] = [];
    await withApp((app) => {
      app.command('/vigil', async ({ ack, client, body }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal });
      });
      app.view('reject.reason', async ({ ack, view }) => {
        const reason = view.state.values.reason?.text?.value ?? '';
        reasons.push(reason);
        if (reason.length < 5)
          await ack({ response_action: 'errors', errors: { reason: 'Say a little more.' } });
        else await ack();
      });
    });
    await sandbox.emulator.command({
      user: 'carol',
      channel: APPROVERS,
      command: '/vigil',
      text: 'reject 7',
    });
    const opened = await sandbox.emulator.workspace.waitFor(
      'view_opened',
      (e) => e.view.callback_id === 'reject.reason',
    );
    expect(opened.user).toBe(SEED_IDS.users.carol);

    const tooShort = await sandbox.emulator.submitView({
      user: 'carol',
      view_id: opened.view.id,
      values: { reason: { text: 'no' } },
    });
    expect(tooShort.body).toEqual({ response_action: 'errors', errors: { reason: 'Say a little more.' } });
    expect(sandbox.emulator.workspace.views('carol').map((v) => v.id)).toEqual([opened.view.id]);

    const accepted = await sandbox.emulator.submitView({
      user: 'carol',
      view_id: opened.view.id,
      values: { reason: { text: 'false positive' } },
    });
    expect(accepted.status).toBe(200);
    expect(reasons).toEqual(['no', 'false positive']);
    expect(sandbox.emulator.workspace.views('carol')).toEqual([]);
  });
});

describe('Events API', () => {
  it('delivers a person’s message to app.message with the author and channel', async () => {
    const events: { user: string; channel: string; text: string }[] = [];
    await withApp((app) =>
      app.message('hello vigil', async ({ message }) => {
        if (message.subtype === undefined)
          events.push({ user: message.user, channel: message.channel, text: message.text ?? '' });
      }),
    );
    const result = await sandbox.emulator.post({
      user: 'alice',
      channel: '#vigil-alerts',
      text: 'hello vigil',
    });
    expect(result.status).toBe(200);
    expect(events).toEqual([
      { user: SEED_IDS.users.alice, channel: SEED_IDS.channels.alerts, text: 'hello vigil' },
    ]);
  });

  it('delivers app_home_opened, and a Home tab the app publishes can be clicked', async () => {
    const clicked: string[] = [];
    await withApp((app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        await client.views.publish({
          user_id: event.user,
          view: {
            type: 'home',
            blocks: [
              {
                type: 'actions',
                elements: [
                  {
                    type: 'button',
                    action_id: 'home.refresh',
                    text: { type: 'plain_text', text: 'Refresh' },
                    value: 'r',
                  },
                ],
              },
            ],
          },
        });
      });
      app.action('home.refresh', async ({ ack, body }) => {
        await ack();
        clicked.push(body.user.id);
      });
    });
    await sandbox.emulator.openHome({ user: 'victor' });
    await sandbox.emulator.workspace.waitFor('home_published', (e) => e.user === SEED_IDS.users.victor);
    await sandbox.emulator.click({ user: 'victor', action_id: 'home.refresh' });
    expect(clicked).toEqual([SEED_IDS.users.victor]);
  });
});
