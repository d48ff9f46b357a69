// Retry on a triage case's Workflow error note, end to end through the real Bolt app and the sandbox Slack
// workspace: the run stops on an error (here the database refuses the block's action row, as on a full disk);
// once the cause is fixed (the trigger dropped), an approver's Retry carries the run on from the step that
// failed, and nothing done before it is done again. A click by someone outside the approver groups is refused
// and audited; two clicks re-run it once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import type { SlackMessage } from '../../src/sandbox/workspace-types.js';
import { hasButton, shown, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const FULL_DISK =
  "CREATE TRIGGER full_disk BEFORE INSERT ON actions WHEN NEW.kind = 'block_ip' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END";
const IP = '203.0.113.91';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** A high alert (a ticket first) whose block runs by itself; @soc-responders approve (and may retry). */
async function failedCase(): Promise<{ root: SlackMessage; note: SlackMessage }> {
  const policyFile = path.join(tempDataDir(), 'policy.yml');
  fs.writeFileSync(
    policyFile,
    'version: 1\nactions:\n  block_ip:\n    approval: auto\n    approvers:\n      usergroup: soc-responders\n    ttl: 24h\n',
  );
  t = await startLocalVigil({ policyFile });
  t.vigil.db.sqlite.exec(FULL_DISK);
  await t.postAlert(JSON.stringify({ title: 'Malware beacon', severity: 'high', src_ip: IP }));
  const { workspace } = t.emulator;
  const note = await workspace.waitFor('message', (m) => m.text.startsWith('Workflow error'));
  await t.vigil.drain();
  const root = workspace.findMessage(channels.alerts, note.thread_ts ?? '');
  if (!root) throw new Error('no case message');
  return { root, note };
}

const click = (user: string, ts: string) =>
  t.emulator.click({ user, channel: channels.alerts, ts, action_id: 'case.retry' });

const count = (sql: string): number => t.vigil.db.sqlite.prepare(sql).pluck().get() as number;
/** The kinds of the actions started, in order (each audited `action.started` before its call). */
const started = (): string[] =>
  t.vigil.db.sqlite
    .prepare(
      "SELECT json_extract(data, '$.kind') FROM audit_events WHERE type = 'action.started' ORDER BY id",
    )
    .pluck()
    .all() as string[];
const status = (): unknown =>
  t.vigil.db.sqlite.prepare('SELECT status FROM cases WHERE id = 1').pluck().get();

it('offers Retry on the Workflow error note; an approver’s Retry, once the cause is fixed, finishes the case and blocks the address once', async () => {
  const { root, note } = await failedCase();
  const { workspace } = t.emulator;
  expect(hasButton(note, 'case.retry')).toBe(true);
  expect(note.text).toContain('The triage workflow stopped with an error: database or disk is full.');
  expect(shown(note)).toContain('press Retry once the cause is fixed');
  expect(status()).toBe('failed');
  expect(count("SELECT count(*) FROM actions WHERE kind = 'open_ticket'")).toBe(1);

  t.vigil.db.sqlite.exec('DROP TRIGGER full_disk');
  await click('bob', note.ts);
  const { message: locked } = await workspace.waitFor(
    'message_changed',
    (c) => c.message.ts === note.ts && !hasButton(c.message, 'case.retry'),
  );
  expect(shown(locked)).toContain(`Retried by <@${users.bob}>`);
  await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
  await t.vigil.drain();

  expect(status()).toBe('resolved');
  expect((await t.edl()).split('\n').filter((line) => line === IP)).toHaveLength(1);
  expect(count("SELECT count(*) FROM actions WHERE kind = 'block_ip' AND status = 'done'")).toBe(1);
  // Done before the error, and not done again: the ticket, its note and the investigation note.
  expect(count("SELECT count(*) FROM actions WHERE kind = 'open_ticket'")).toBe(1);
  expect(count('SELECT count(*) FROM tickets')).toBe(1);
  expect(started()).toEqual(['open_ticket', 'block_ip', 'comment_ticket']);
  const thread = workspace.thread(channels.alerts, root.ts).map((m) => m.text.split(':')[0]);
  expect(thread.filter((title) => title === 'Investigation')).toHaveLength(1);
  expect(thread.filter((title) => title === 'Ticket')).toHaveLength(1);
  expect(thread.filter((title) => title === 'Action')).toHaveLength(1);
  const retried = t.vigil.db.sqlite
    .prepare("SELECT actor FROM audit_events WHERE type = 'case.retried' AND case_id = 1")
    .all();
  expect(retried).toEqual([{ actor: users.bob }]);
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
});

it('refuses, and audits, a Retry by someone outside the approver groups; nothing is run', async () => {
  const { note } = await failedCase();
  const { workspace } = t.emulator;
  t.vigil.db.sqlite.exec('DROP TRIGGER full_disk');
  await click('victor', note.ts);
  const refusal = await workspace.waitFor('ephemeral', (e) => e.user === users.victor);
  expect(refusal.text).toContain('Only Vigil’s approvers');
  await t.vigil.drain();

  expect(status()).toBe('failed');
  expect(hasButton(workspace.findMessage(channels.alerts, note.ts) ?? note, 'case.retry')).toBe(true);
  expect(count("SELECT count(*) FROM actions WHERE kind = 'block_ip'")).toBe(0);
  expect(await t.edl()).not.toContain(IP);
  const refused = t.vigil.db.sqlite
    .prepare("SELECT actor, data FROM audit_events WHERE type = 'case.retry_refused' AND case_id = 1")
    .all();
  expect(refused).toEqual([{ actor: users.victor, data: JSON.stringify({ reason: 'not-an-approver' }) }]);
  expect(count("SELECT count(*) FROM audit_events WHERE type = 'case.retried'")).toBe(0);
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
});

it('re-runs the case once when Retry is pressed twice at once', async () => {
  const { root, note } = await failedCase();
  const { workspace } = t.emulator;
  t.vigil.db.sqlite.exec('DROP TRIGGER full_disk');
  await Promise.all([click('bob', note.ts), click('alice', note.ts)]);
  // The click that lost the claim is told so, only to its presser.
  const told = await workspace.waitFor('ephemeral', (e) => e.user === users.bob || e.user === users.alice);
  expect(told.text).toMatch(/already under way|no failed run/);
  await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
  await t.vigil.drain();

  expect(count("SELECT count(*) FROM audit_events WHERE type = 'case.retried'")).toBe(1);
  expect(count("SELECT count(*) FROM actions WHERE kind = 'block_ip'")).toBe(1);
  expect(started()).toEqual(['open_ticket', 'block_ip', 'comment_ticket']);
  const summaries = workspace.thread(channels.alerts, root.ts).filter((m) => m.text.startsWith('Summary:'));
  expect(summaries).toHaveLength(1);
  expect(status()).toBe('resolved');
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
});

it('fails the case again, with a new note and Retry, when the cause is not fixed yet', async () => {
  const { root, note } = await failedCase();
  const { workspace } = t.emulator;
  await click('bob', note.ts);
  const again = await workspace.waitFor(
    'message',
    (m) => m.thread_ts === root.ts && m.ts !== note.ts && m.text.startsWith('Workflow error'),
  );
  await t.vigil.drain();
  expect(hasButton(again, 'case.retry')).toBe(true);
  expect(status()).toBe('failed');
  expect(count("SELECT count(*) FROM audit_events WHERE type = 'case.error'")).toBe(2);

  t.vigil.db.sqlite.exec('DROP TRIGGER full_disk');
  await click('carol', again.ts);
  await workspace.waitFor('message', (m) => m.thread_ts === root.ts && m.text.startsWith('Summary:'));
  await t.vigil.drain();
  expect(status()).toBe('resolved');
  expect(started()).toEqual(['open_ticket', 'block_ip', 'comment_ticket']);
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
});
