// The in-memory workspace: lookups by id or name, Slack-shaped unique timestamps, threads, and waitFor
// (past or future events; a timeout that says what it saw).
import { describe, expect, it } from 'vitest';
import { SEED_IDS, Workspace, defaultSeed } from '../../src/sandbox/emulator.js';
import { EVENTS_KEPT } from '../../src/sandbox/workspace.js';

const workspace = (now: () => number = () => 1_732_212_345_000) => new Workspace(defaultSeed(), now);

describe('lookups', () => {
  it('finds people and channels by id or by name, with or without @ and #', () => {
    const ws = workspace();
    expect(ws.user('alice').id).toBe(SEED_IDS.users.alice);
    expect(ws.user('@carol').real_name).toBe('Carol Senior');
    expect(ws.user(SEED_IDS.users.victor).name).toBe('victor');
    expect(ws.channel('#vigil-alerts').id).toBe(SEED_IDS.channels.alerts);
    expect(ws.channel('vigil-approvers').id).toBe(SEED_IDS.channels.approvers);
    expect(ws.findUserGroup('soc-senior')?.users).toEqual([SEED_IDS.users.carol]);
  });

  it('throws coded errors that list what exists for unknown people and channels', () => {
    const ws = workspace();
    expect(() => ws.user('mallory')).toThrow(expect.objectContaining({ code: 'user_not_found' }));
    expect(() => ws.channel('#general')).toThrow(/#vigil-alerts, #vigil-approvers/);
  });
});

describe('messages', () => {
  it('gives every message a unique, strictly increasing Slack ts even when the clock stands still', () => {
    const ws = workspace();
    const author = { user: SEED_IDS.users.alice };
    const a = ws.addMessage({ channel: SEED_IDS.channels.alerts, text: 'a', ...author });
    const b = ws.addMessage({ channel: SEED_IDS.channels.alerts, text: 'b', ...author });
    expect(a.ts).toBe('1732212345.000000');
    expect(b.ts).toBe('1732212345.000001');
  });

  it('keeps replies out of the channel’s messages and tracks the thread on the parent', () => {
    const ws = workspace();
    const parent = ws.addMessage({
      channel: SEED_IDS.channels.alerts,
      text: 'p',
      user: SEED_IDS.users.alice,
    });
    ws.addMessage({
      channel: SEED_IDS.channels.alerts,
      text: 'r',
      user: SEED_IDS.users.bob,
      thread_ts: parent.ts,
    });
    expect(ws.messages('vigil-alerts').map((m) => m.text)).toEqual(['p']);
    expect(ws.thread('vigil-alerts', parent.ts).map((m) => m.text)).toEqual(['p', 'r']);
    expect(ws.findMessage('vigil-alerts', parent.ts)).toMatchObject({
      reply_count: 1,
      reply_users: [SEED_IDS.users.bob],
      thread_ts: parent.ts,
    });
  });
});

describe('memory', () => {
  it('keeps the newest events of each kind, however often a message is re-rendered', () => {
    const ws = workspace();
    const root = ws.addMessage({
      channel: SEED_IDS.channels.alerts,
      text: 'VIG-1',
      user: SEED_IDS.users.alice,
    });
    for (let i = 0; i < EVENTS_KEPT * 2; i += 1)
      ws.updateMessage(SEED_IDS.channels.alerts, root.ts, { text: `VIG-1 · ${i} occurrences` });
    const changed = ws.events('message_changed');
    expect(changed.length).toBeLessThanOrEqual(EVENTS_KEPT * 1.25);
    expect(changed.at(-1)?.message.text).toBe(`VIG-1 · ${EVENTS_KEPT * 2 - 1} occurrences`);
    expect(ws.messages(SEED_IDS.channels.alerts)).toHaveLength(1);
  });
});

describe('waitFor', () => {
  it('resolves with a matching message posted before the call or after it', async () => {
    const ws = workspace();
    ws.addMessage({ channel: SEED_IDS.channels.alerts, text: 'early', user: SEED_IDS.users.alice });
    await expect(ws.waitFor('message', (m) => m.text === 'early')).resolves.toMatchObject({ text: 'early' });
    const later = ws.waitFor('message', (m) => m.text === 'late');
    ws.addMessage({ channel: SEED_IDS.channels.alerts, text: 'other', user: SEED_IDS.users.alice });
    ws.addMessage({ channel: SEED_IDS.channels.alerts, text: 'late', user: SEED_IDS.users.alice });
    await expect(later).resolves.toMatchObject({ text: 'late' });
  });

  it('rejects after the timeout, showing the items it saw instead', async () => {
    const ws = workspace();
    ws.addMessage({ channel: SEED_IDS.channels.alerts, text: 'not it', user: SEED_IDS.users.alice });
    await expect(ws.waitFor('message', (m) => m.text === 'never', 20)).rejects.toThrow(
      /waitFor\('message'\) found no matching item within 20 ms[\s\S]*not it/,
    );
  });
});
