// A triage run that fails part-way (here the database refuses the action row, as on a full disk) marks its
// case failed instead of leaving it stuck in triage: the failure is audited, said in the case thread, the
// case root shows it, and the alert stays stored.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
});
afterAll(async () => {
  await t.stop();
});

it('marks the case failed, audits the error and says so in the thread', async () => {
  const { sqlite } = t.vigil.db;
  sqlite.exec(
    "CREATE TRIGGER full_disk BEFORE INSERT ON actions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
  );
  const res = await t.postAlert(
    JSON.stringify({ title: 'Malware beacon', severity: 'high', src_ip: '203.0.113.90' }),
  );
  expect(res.status).toBe(202);
  const note = await t.emulator.workspace.waitFor('message', (m) => m.text.includes('Workflow error'));
  expect(note.text).toContain('The triage workflow stopped with an error: database or disk is full.');
  expect(note.thread_ts).toBeDefined();
  await t.vigil.drain();

  const row = sqlite.prepare('SELECT status FROM cases WHERE id = 1').get() as { status: string };
  expect(row.status).toBe('failed');
  const alert = sqlite.prepare('SELECT status FROM alerts WHERE case_id = 1').get() as { status: string };
  expect(alert.status).toBe('normalized');
  const errors = sqlite
    .prepare("SELECT data FROM audit_events WHERE type = 'case.error' AND case_id = 1")
    .all() as Array<{ data: string }>;
  expect(errors.map((e) => JSON.parse(e.data))).toEqual([{ error: 'database or disk is full' }]);
  const root = t.emulator.workspace.findMessage(note.channel, note.thread_ts ?? '');
  expect(root?.text).toBe('VIG-1 [high] Malware beacon: failed');
  expect(JSON.stringify(root?.blocks)).toContain(':x: Failed: see thread');
  sqlite.exec('DROP TRIGGER full_disk');
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
});
