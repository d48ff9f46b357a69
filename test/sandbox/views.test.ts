// Modals and Home tabs through the real WebClient: views.open needs a fresh, unused trigger_id from one of
// the emulator's deliveries; views.push, views.update (hash) and views.publish behave as Slack documents.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/emulator.js';
import { TRIGGER_TTL_MS } from '../../src/sandbox/triggers.js';
import {
  interactionPayload,
  platformError,
  startEmulator,
  startRecorder,
  type RunningEmulator,
} from './support.js';

const modal = (title = 'Reject action', extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  callback_id: 'reject.reason',
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Sure?' } }],
  ...extra,
});

async function errorCode(call: Promise<unknown>): Promise<string> {
  return (await platformError(call)).data.error;
}

let clock = Date.now();
let sandbox: RunningEmulator;
let app: Awaited<ReturnType<typeof startRecorder>>;
/** What the stand-in app answers to the next delivery. */
let nextAck: { contentType?: string; body: string } = { body: '' };

/** A trigger_id, as the app receives it with a slash command `user` runs. */
async function triggerFor(user: string): Promise<string> {
  await sandbox.emulator.command({ user, channel: '#vigil-approvers', command: '/vigil', text: '' });
  const body = app.requests.at(-1)?.body ?? '';
  return new URLSearchParams(body).get('trigger_id') ?? '';
}

beforeEach(async () => {
  clock = Date.now();
  sandbox = await startEmulator({ now: () => clock });
  nextAck = { body: '' };
  app = await startRecorder(() => ({ status: 200, ...nextAck }));
  sandbox.emulator.setRequestUrl(app.url);
});
afterEach(async () => {
  await app.stop();
  await sandbox.emulator.close();
});

describe('views.open', () => {
  it('opens a modal for the person whose action issued the trigger_id', async () => {
    const trigger = await triggerFor('carol');
    const opened = await sandbox.client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'reject.reason', app_id: SEED_IDS.app });
    expect(opened.view?.id).toMatch(/^V/);
    expect(sandbox.emulator.workspace.views('carol').map((v) => v.id)).toEqual([opened.view?.id]);
  });

  it('accepts each trigger_id once: a second use answers exchanged_trigger_id', async () => {
    const trigger = await triggerFor('carol');
    await sandbox.client.views.open({ trigger_id: trigger, view: modal() });
    expect(await errorCode(sandbox.client.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      'exchanged_trigger_id',
    );
  });

  it('expires a trigger_id after 3 seconds', async () => {
    const trigger = await triggerFor('carol');
    clock += TRIGGER_TTL_MS + 1;
    expect(await errorCode(sandbox.client.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      'expired_trigger_id',
    );
  });

  it('refuses a trigger_id it never issued', async () => {
    expect(await errorCode(sandbox.client.views.open({ trigger_id: '123.456.abc', view: modal() }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('refuses a modal title over 24 characters with invalid_arguments and Slack’s pointer', async () => {
    const trigger = await triggerFor('carol');
    const call = sandbox.client.views.open({
      trigger_id: trigger,
      view: modal('A title that is far too long'),
    });
    const error: unknown = await call.catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: {
          messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
        },
      },
    });
  });
});

describe('views.push and views.update', () => {
  it('pushes up to two views onto a modal, then answers push_limit_reached', async () => {
    const root = await sandbox.client.views.open({ trigger_id: await triggerFor('carol'), view: modal() });
    const second = await sandbox.client.views.push({
      trigger_id: await triggerFor('carol'),
      view: modal('Second'),
    });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await sandbox.client.views.push({ trigger_id: await triggerFor('carol'), view: modal('Third') });
    expect(
      await errorCode(
        sandbox.client.views.push({ trigger_id: await triggerFor('carol'), view: modal('Fourth') }),
      ),
    ).toBe('push_limit_reached');
    expect(sandbox.emulator.workspace.views('carol')).toHaveLength(3);
  });

  it('updates a view by external_id, keeps its id, and refuses a stale hash with hash_conflict', async () => {
    const opened = await sandbox.client.views.open({
      trigger_id: await triggerFor('carol'),
      view: modal('First', { external_id: 'case-7-reject' }),
    });
    const updated = await sandbox.client.views.update({
      external_id: 'case-7-reject',
      hash: opened.view?.hash ?? '',
      view: modal('Updated'),
    });
    expect(updated.view).toMatchObject({ id: opened.view?.id, title: { text: 'Updated' } });
    expect(
      await errorCode(
        sandbox.client.views.update({ view_id: opened.view?.id ?? '', hash: 'stale.hash', view: modal() }),
      ),
    ).toBe('hash_conflict');
    expect(await errorCode(sandbox.client.views.update({ view_id: 'V0NOPE', view: modal() }))).toBe(
      'not_found',
    );
  });
});

describe('views.publish', () => {
  it('publishes a person’s Home tab and keeps its view id across publishes', async () => {
    const home = { type: 'home' as const, blocks: [{ type: 'divider' as const }] };
    const first = await sandbox.client.views.publish({ user_id: SEED_IDS.users.alice, view: home });
    const second = await sandbox.client.views.publish({ user_id: SEED_IDS.users.alice, view: home });
    expect(second.view?.id).toBe(first.view?.id);
    expect(sandbox.emulator.workspace.home('alice')?.blocks).toHaveLength(1);
    expect(await errorCode(sandbox.client.views.publish({ user_id: 'U0NOBODY', view: home }))).toBe(
      'user_not_found',
    );
  });
});

describe('view_submission acks', () => {
  const ack = (body: unknown) => {
    nextAck = { contentType: 'application/json', body: JSON.stringify(body) };
  };

  it('honour response_action update (same view id), push (stacked) and clear (all closed)', async () => {
    const opened = await sandbox.client.views.open({ trigger_id: await triggerFor('carol'), view: modal() });
    const rootId = opened.view?.id ?? '';

    ack({ response_action: 'update', view: modal('Step 2') });
    const updated = await sandbox.emulator.submitView({ user: 'carol', view_id: rootId, values: {} });
    expect(updated.view).toMatchObject({ id: rootId, title: { text: 'Step 2' } });

    ack({ response_action: 'push', view: modal('Details') });
    const pushed = await sandbox.emulator.submitView({ user: 'carol', view_id: rootId, values: {} });
    expect(pushed.view).toMatchObject({ previous_view_id: rootId, title: { text: 'Details' } });
    expect(sandbox.emulator.workspace.views('carol')).toHaveLength(2);

    ack({ response_action: 'clear' });
    await sandbox.emulator.submitView({ user: 'carol', view_id: pushed.view?.id ?? '', values: {} });
    expect(sandbox.emulator.workspace.views('carol')).toEqual([]);
  });

  it('refuses to submit values for inputs the modal does not have, or to leave a required input empty', async () => {
    const withInput = modal('Reason', {
      submit: { type: 'plain_text', text: 'Send' },
      blocks: [
        {
          type: 'input',
          block_id: 'reason',
          label: { type: 'plain_text', text: 'Why?' },
          element: { type: 'plain_text_input', action_id: 'text' },
        },
      ],
    });
    const opened = await sandbox.client.views.open({
      trigger_id: await triggerFor('carol'),
      view: withInput,
    });
    const viewId = opened.view?.id ?? '';
    await expect(
      sandbox.emulator.submitView({
        user: 'carol',
        view_id: viewId,
        values: { reason: { text: 'x' }, other: { a: 'b' } },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('are: reason/text') });
    await expect(
      sandbox.emulator.submitView({ user: 'carol', view_id: viewId, values: {} }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const deliveriesBefore = app.requests.length;
    await sandbox.emulator.submitView({
      user: 'carol',
      view_id: viewId,
      values: { reason: { text: 'benign scan' } },
    });
    const payload = interactionPayload(app.requests[deliveriesBefore]?.body ?? '');
    expect(payload).toMatchObject({
      type: 'view_submission',
      view: {
        id: viewId,
        state: { values: { reason: { text: { type: 'plain_text_input', value: 'benign scan' } } } },
      },
    });
  });
});
