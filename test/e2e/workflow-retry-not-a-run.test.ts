// Any job of a case that throws marks it failed with a Workflow error note and Retry, also when the triage run itself
// finished (here the update job of a resolved case seen again, whose told-through write the database refuses, as on
// a full disk). Retry then gives the case back the status its run left it in, rather than refusing for good.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { hasButton, startLocalVigil, tempDataDir, type LocalVigil } from '../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
const FULL_DISK =
  "CREATE TRIGGER full_disk BEFORE UPDATE OF told_through ON cases BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END";
const IP = '203.0.113.92';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

it('a Workflow error note with Retry on a case whose run had finished: Retry puts the case back, not refuses for good', async () => {
  const policyFile = path.join(tempDataDir(), 'policy.yml');
  fs.writeFileSync(
    policyFile,
    'version: 1\nactions:\n  block_ip:\n    approval: auto\n    approvers:\n      usergroup: soc-responders\n    ttl: 24h\n',
  );
  t = await startLocalVigil({ policyFile });
  const { workspace } = t.emulator;
  const body = JSON.stringify({ title: 'Malware beacon', severity: 'high', src_ip: IP });
  await t.postAlert(body);
  await workspace.waitFor('message', (m) => m.text.startsWith('Summary:'));
  await t.vigil.drain();
  const status = () => t.vigil.db.sqlite.prepare('SELECT status FROM cases WHERE id = 1').pluck().get();
  expect(status()).toBe('resolved');

  t.vigil.db.sqlite.exec(FULL_DISK);
  await t.postAlert(body);
  const note = await workspace.waitFor('message', (m) => m.text.startsWith('Workflow error'));
  await t.vigil.drain();
  t.vigil.db.sqlite.exec('DROP TRIGGER full_disk');
  const offered = hasButton(note, 'case.retry');

  await t.emulator.click({ user: 'bob', channel: channels.alerts, ts: note.ts, action_id: 'case.retry' });
  const answer = await Promise.race([
    workspace.waitFor('ephemeral', (e) => e.user === users.bob).then((e) => e.text),
    workspace
      .waitFor('message_changed', (c) => c.message.ts === note.ts && !hasButton(c.message, 'case.retry'))
      .then(() => 'locked'),
  ]);
  await t.vigil.drain();
  expect({ note: note.text, offered, answer, status: status() }).toEqual({
    note: note.text,
    offered: true,
    answer: 'locked',
    status: 'resolved',
  });
});
