// Nothing is lost when Vigil itself fails while filing alerts: the batch is rolled back, each body is stored
// again on its own as it came (status unparsed, naming the failure), and the sender is told its id.
import { afterEach, expect, it } from 'vitest';
import type { Alert } from '../../graphs/agents/extraction/contract.js';
import { normalizeAlert } from '../../src/intake/normalize.js';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

let t: LocalVigil;
afterEach(async () => {
  await t?.stop();
});

/** Normalisation as usual, but an alert titled "trips a fault" comes out with a host that is not a string. */
function faultyNormalize(raw: unknown): Alert {
  const alert = normalizeAlert(raw);
  if (alert.title !== 'trips a fault') return alert;
  return JSON.parse(
    JSON.stringify({ ...alert, observables: { ...alert.observables, hosts: [42] } }),
  ) as Alert;
}

it('keeps a body Vigil failed to file, answers 500 with its id, and files the next one as usual', async () => {
  t = await startLocalVigil({ overrides: { normalize: faultyNormalize } });
  const body = JSON.stringify({ title: 'trips a fault', src_ip: '203.0.113.5' });
  const res = await t.postAlert(body);
  expect(res.status).toBe(500);
  expect(res.json).toMatchObject({
    ok: false,
    code: 'filing_failed',
    message: expect.stringContaining('an internal error, recorded with it'),
    alertId: expect.stringMatching(/^alr_/),
  });
  const stored = t.vigil.db.sqlite
    .prepare('SELECT status, error, raw FROM alerts WHERE id = ?')
    .get(res.json.alertId) as { status: string; error: string; raw: Buffer };
  expect(stored.status).toBe('unparsed');
  // The failure's own words are kept with the body for analysts, and not shown to the sender.
  expect(stored.error).toMatch(/^Vigil failed while filing it \(.*toLowerCase/);
  expect(String(res.json.message)).not.toContain('toLowerCase');
  expect(stored.raw.toString()).toBe(body);
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });

  const next = await t.postAlert(JSON.stringify({ title: 'ordinary alert', src_ip: '203.0.113.6' }));
  expect(next.status).toBe(202);
});

it('files the other bodies of a batch that one body failed, each on its own, and keeps only that one unparsed', async () => {
  t = await startLocalVigil({ overrides: { normalize: faultyNormalize } });
  const incoming = (title: string, ip: string) => ({
    bytes: Buffer.from(JSON.stringify({ title, src_ip: ip })),
    contentType: 'application/json',
    source: 'webhook',
    submittedBy: 'webhook',
  });
  // Received in one turn of the event loop, so filed in one transaction.
  const results = await Promise.allSettled([
    t.vigil.intake.receive(incoming('first ordinary alert', '203.0.113.7')),
    t.vigil.intake.receive(incoming('trips a fault', '203.0.113.8')),
    t.vigil.intake.receive(incoming('second ordinary alert', '203.0.113.9')),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const [first, faulty, second] = results;
  const statusOf = (id: string) =>
    (t.vigil.db.sqlite.prepare('SELECT status FROM alerts WHERE id = ?').get(id) as { status: string })
      .status;
  for (const ok of [first, second]) {
    if (ok?.status !== 'fulfilled') throw new Error('expected an accepted body');
    const [accepted] = ok.value.accepted;
    expect(accepted).toMatchObject({ relation: 'opened' });
    expect(statusOf(accepted?.alertId ?? '')).toBe('normalized');
  }
  if (faulty?.status !== 'rejected') throw new Error('expected a refused body');
  expect(faulty.reason).toMatchObject({ code: 'filing_failed', details: { alertId: expect.any(String) } });
  const stored = t.vigil.db.sqlite
    .prepare("SELECT count(*) AS n FROM alerts WHERE status = 'unparsed'")
    .get();
  expect(stored).toEqual({ n: 1 });
  expect(t.vigil.db.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 2 });
  expect(t.vigil.audit.verify()).toMatchObject({ ok: true });
});
