// An onboarding or offboarding case and its "requested" audit row are written together or not at all: when
// the audit row cannot be written (a failing disk, here a trigger on the real database), no case is left
// behind, so a retried request opens one and its run starts (the reconciler starts runs from that row).
import { afterEach, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function vigil(): LocalVigil {
  if (!t) throw new Error('Vigil is not running');
  return t;
}

const post = (route: '/idp/user-created' | '/hr/offboard', body: unknown) =>
  fetch(`${vigil().vigil.url}${route}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${route === '/hr/offboard' ? vigil().vigil.hrToken : vigil().vigil.idpToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

/** Makes appending an audit row of this type fail, as a full disk would, until the returned undo runs. */
function failAuditOf(type: string): () => void {
  const { sqlite } = vigil().vigil.db;
  sqlite.exec(
    `CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_events WHEN NEW.type = '${type}'
     BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
  );
  return () => sqlite.exec('DROP TRIGGER temp.fail_audit');
}

const cases = () => vigil().vigil.db.sqlite.prepare('SELECT id, title FROM cases ORDER BY id').all();

it('leaves no onboarding case without its requested row, so the identity provider’s retry onboards the person', async () => {
  t = await startLocalVigil();
  const dana = { email: 'dana.ruiz@example.com', name: 'Dana Ruiz', role: 'sales' };
  const undo = failAuditOf('onboarding.requested');
  expect((await post('/idp/user-created', dana)).status).toBe(500);
  expect(cases()).toEqual([]);
  undo();
  // Not taken for a duplicate of a case that never started: a case of its own, and its run.
  const retried = await post('/idp/user-created', dana);
  expect(await retried.json()).toEqual({ ok: true, case: expect.stringMatching(/^VIG-\d+$/) });
  const { workspace } = vigil().emulator;
  await workspace.waitFor('message', (m) => m.text.startsWith('Summary:'));
  expect(cases()).toHaveLength(1);
});

it('leaves no offboarding case without its requested row', async () => {
  t = await startLocalVigil();
  const undo = failAuditOf('offboarding.requested');
  expect((await post('/hr/offboard', { email: 'victor@vigil-sandbox.test' })).status).toBe(500);
  expect(cases()).toEqual([]);
  undo();
  expect((await post('/hr/offboard', { email: 'victor@vigil-sandbox.test' })).status).toBe(202);
  await vigil().approvalCard();
  expect(cases()).toHaveLength(1);
});
