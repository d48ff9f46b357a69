// DESIGN §1: `/triage <alert id | JSON | text>`. An alert id Vigil gave is not a new alert: `/triage <alert id>` filed
// the id itself as one, opening a junk case titled with it, and never looked at the stored alert. It now points a
// filed alert at its case, reads an unparsed one again (audited), and says so when the id is unknown.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_IDS } from '../../../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../../../fakes/local-vigil.js';

const { channels } = SEED_IDS;
let t: LocalVigil;

async function run(user: string, command: string, text: string): Promise<string> {
  const before = t.emulator.workspace.ephemerals(user).length;
  await t.emulator.command({ user, channel: channels.alerts, command, text });
  const answer = await t.emulator.workspace.waitFor(
    'ephemeral',
    (e) =>
      e.user === t.emulator.workspace.user(user).id &&
      t.emulator.workspace.ephemerals(user).indexOf(e) >= before,
  );
  await t.vigil.drain();
  return answer.text;
}

const count = (sql: string, ...args: unknown[]): number =>
  (t.vigil.db.sqlite.prepare(sql).get(...args) as { n: number }).n;

beforeAll(async () => {
  t = await startLocalVigil();
});
afterAll(async () => {
  await t.stop();
});

it('/triage <alert id> works on the stored alert that id names, instead of filing the id as a new alert', async () => {
  // A payload Vigil stored but could not read: /vigil unparsed lists it by its id.
  const bad = await t.postAlert('{"title": "Impossible travel for dana@example.com", ');
  const alertId = String(bad.json.alertId);
  expect(await run('alice', '/vigil', 'unparsed')).toContain(alertId);

  const alertsBefore = count('SELECT count(*) AS n FROM alerts');
  const answer = await run('alice', '/triage', alertId);
  expect(answer).toContain(`${alertId} still cannot be read`);
  expect({
    newAlertsStored: count('SELECT count(*) AS n FROM alerts') - alertsBefore,
    casesTitledWithTheId: count('SELECT count(*) AS n FROM cases WHERE title = ?', alertId),
  }).toEqual({ newAlertsStored: 0, casesTitledWithTheId: 0 });
});

it('/triage <alert id> of a filed alert names its case, with a link, and files nothing', async () => {
  const filed = await t.postAlert(
    JSON.stringify({ title: 'SSH brute force', severity: 'high', src_ip: '203.0.113.9' }),
  );
  const alertId = String((filed.json.alerts as Array<{ id: string }>)[0]?.id);
  await t.vigil.drain();
  const alertsBefore = count('SELECT count(*) AS n FROM alerts');
  const answer = await run('alice', '/triage', alertId);
  expect({ answer, newAlertsStored: count('SELECT count(*) AS n FROM alerts') - alertsBefore }).toEqual({
    answer: expect.stringMatching(/was read already: it is in \*<https:[^|]+\|VIG-\d+>\*/),
    newAlertsStored: 0,
  });
});

it('/triage <alert id> reads an unparsed alert again and files it under the same id when it now reads, audited', async () => {
  // A body kept unparsed by a fault of Vigil’s while filing it: its bytes are a good alert.
  const alertId = 'alr_mhzzzzzz0123456789ab';
  const raw = Buffer.from(
    JSON.stringify({ title: 'Impossible travel for erin', severity: 'medium', user: 'erin' }),
  );
  t.vigil.db.sqlite
    .prepare(
      `INSERT INTO alerts (id, source, submitted_by, content_type, raw, raw_sha256, status, error, received_at)
       VALUES (?, 'webhook', 'webhook', 'application/json', ?, 'x', 'unparsed', 'Vigil failed while filing it (disk I/O error)', ?)`,
    )
    .run(alertId, raw, new Date().toISOString());
  const answer = await run('bob', '/triage', alertId);
  const row = t.vigil.db.sqlite
    .prepare('SELECT status, case_id AS caseId FROM alerts WHERE id = ?')
    .get(alertId) as {
    status: string;
    caseId: number | null;
  };
  expect({
    answer,
    status: row.status,
    hasCase: row.caseId !== null,
    audited: count(
      "SELECT count(*) AS n FROM audit_events WHERE type = 'alert.reread' AND actor = ?",
      SEED_IDS.users.bob,
    ),
  }).toEqual({
    answer: expect.stringContaining(`(new case) · ${alertId}`),
    status: 'normalized',
    hasCase: true,
    audited: 1,
  });
});

it('/triage <alert id> with an id Vigil never gave says so instead of filing it', async () => {
  const alertsBefore = count('SELECT count(*) AS n FROM alerts');
  const answer = await run('alice', '/triage', 'alr_mhzzzzzzffffffffffff');
  expect({ answer, newAlertsStored: count('SELECT count(*) AS n FROM alerts') - alertsBefore }).toEqual({
    answer: expect.stringContaining('There is no stored alert alr_mhzzzzzzffffffffffff.'),
    newAlertsStored: 0,
  });
});
