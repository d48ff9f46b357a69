// The unparsed-payload listing analysts read: newest first, only what Vigil could not read, and served by the
// partial index of unparsed alerts (on the migrated schema) rather than a scan of every alert ever received.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { AlertsRepository, type FiledAlert } from '../../db/repositories/alerts.js';

const row = (id: string, status: FiledAlert['status'], receivedAt: string): FiledAlert => ({
  id,
  source: 'webhook',
  submittedBy: 'webhook',
  contentType: 'application/json',
  raw: Buffer.from(`{"id":"${id}"}`),
  rawSha256: id.padEnd(64, '0'),
  status,
  error: status === 'unparsed' ? 'not valid JSON' : null,
  normalized: status === 'normalized' ? '{}' : null,
  fingerprint: null,
  caseId: null,
  relation: null,
  receivedAt,
});

describe('AlertsRepository.listUnparsed', () => {
  it('lists only unparsed payloads, newest first, up to the limit', () => {
    const db = openDatabase(':memory:');
    const alerts = new AlertsRepository(db.orm, db.sqlite);
    alerts.insert(row('alr_a', 'unparsed', '2026-11-23T01:00:00.000Z'));
    alerts.insert(row('alr_b', 'normalized', '2026-11-23T02:00:00.000Z'));
    alerts.insert(row('alr_c', 'unparsed', '2026-11-23T03:00:00.000Z'));
    alerts.insert(row('alr_d', 'unparsed', '2026-11-23T00:30:00.000Z'));
    expect(alerts.listUnparsed(2).map((a) => a.id)).toEqual(['alr_c', 'alr_a']);
    expect(alerts.listUnparsed().map((a) => a.id)).toEqual(['alr_c', 'alr_a', 'alr_d']);
  });

  it('reads the partial index of unparsed alerts in order, with no scan and no sort', () => {
    const db = openDatabase(':memory:');
    const alerts = new AlertsRepository(db.orm, db.sqlite);
    const { sql, params } = alerts.listUnparsedQuery(20);
    const steps = db.sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((step) => step.detail);
    expect(steps.join('\n')).toMatch(/^SCAN alerts USING INDEX alerts_unparsed_idx$/);
  });
});
