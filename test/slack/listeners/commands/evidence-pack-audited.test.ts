// `/vigil audit <VIG-n>` acts: Vigil posts the case's whole evidence pack (every fact, observable and digest) into
// the case's thread. DESIGN §3 says every fact goes into the audit log, and the brief for slash commands is that
// every command that acts leaves an audit row naming who ran it. The export leaves none, and the message in the
// thread does not say who asked, so nobody can tell afterwards who pulled the evidence of a case, or that a
// person outside the SOC did.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_IDS } from '../../../../src/sandbox/seed.js';
import { startLocalVigil, type LocalVigil } from '../../../fakes/local-vigil.js';

const { users, channels } = SEED_IDS;
let t: LocalVigil;
beforeAll(async () => {
  t = await startLocalVigil();
  await t.postAlert(JSON.stringify({ title: 'SSH brute force', severity: 'high', src_ip: '203.0.113.40' }));
  await t.approvalCard();
  await t.vigil.drain();
});
afterAll(async () => {
  await t.stop();
});

it('records who exported a case’s evidence pack into its thread, and says so there', async () => {
  const rowsBy = () =>
    (
      t.vigil.db.sqlite
        .prepare('SELECT count(*) AS n FROM audit_events WHERE actor = ? AND case_id = 1')
        .get(users.victor) as { n: number }
    ).n;
  const before = rowsBy();
  await t.emulator.command({
    user: 'victor',
    channel: `D${users.victor.slice(1)}`,
    command: '/vigil',
    text: 'audit VIG-1',
  });
  const posted = await t.emulator.workspace.waitFor('message', (m) =>
    m.text.includes('Evidence pack for VIG-1'),
  );
  await t.vigil.drain();
  expect({
    auditRowsByVictor: rowsBy() - before,
    threadSaysWhoAsked: posted.text.includes(`<@${users.victor}>`),
    postedIn: posted.channel,
  }).toEqual({ auditRowsByVictor: 1, threadSaysWhoAsked: true, postedIn: channels.alerts });
});
