// A storm case's evidence pack: every alert but repeats, the first and last 100 repeats with their audit rows,
// and the rest counted, so a detection that fired all month still has a pack a person can open.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { AlertsRepository } from '../../db/repositories/alerts.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { buildEvidencePack } from '../../src/audit/evidence-pack.js';

const AT = '2026-11-22T12:00:00.000Z';
let db: ReturnType<typeof openDatabase>;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('evidence pack of a storm case', () => {
  it('lists the first and last 100 repeats with their audit rows and counts the rest', () => {
    const audit = new AuditLog(db.sqlite, () => new Date(AT));
    const cases = new CasesRepository(db.orm, db.sqlite);
    const alerts = new AlertsRepository(db.orm, db.sqlite);
    const storm = cases.create({ title: 'Port scan', severity: 'medium', requestedBy: 'webhook', at: AT });
    const ALERTS = 3_000;
    const ids = Array.from({ length: ALERTS }, (_, i) => `alr_${String(i).padStart(6, '0')}`);
    db.sqlite.transaction(() => {
      ids.forEach((id, i) => {
        const relation = i === 0 ? 'opened' : i === 1 ? 'linked' : 'repeat';
        alerts.insert({
          id,
          source: 'webhook',
          submittedBy: 'webhook',
          contentType: 'application/json',
          raw: Buffer.from('{}'),
          rawSha256: randomBytes(32).toString('hex'),
          status: 'normalized',
          error: null,
          normalized: JSON.stringify({ format: 'json', recognizedBy: 'extractor' }),
          fingerprint: 'f',
          caseId: storm.id,
          relation,
          receivedAt: new Date(Date.parse(AT) + i * 1000).toISOString(),
        });
        audit.appendAll([
          { type: 'alert.received', actor: 'webhook', caseId: storm.id, data: { alertId: id, relation } },
        ]);
      });
    })();
    audit.append({ type: 'case.closed', actor: 'vigil', caseId: storm.id });

    const pack = buildEvidencePack(db.sqlite, audit, storm.id, new Date(AT));
    const listed = pack.alerts.map((a) => String(a.id));
    expect(listed).toHaveLength(202);
    expect(listed.slice(0, 3)).toEqual(['alr_000000', 'alr_000001', 'alr_000002']);
    expect(listed.slice(101, 103)).toEqual(['alr_000101', 'alr_002900']);
    expect(listed.at(-1)).toBe('alr_002999');
    // The audit rows of what is listed, and every other row of the case.
    expect(pack.audit).toHaveLength(203);
    expect(pack.audit.at(-1)).toMatchObject({ type: 'case.closed' });
    expect(pack.omitted).toEqual({ repeats: 2_798, auditRows: 2_798, firstRow: 103, lastRow: 2_900 });
    expect(pack.chain).toMatchObject({ verified: true, rows: ALERTS + 1 });
  });

  it('lists everything, and says nothing is omitted, for a case with few repeats', () => {
    const audit = new AuditLog(db.sqlite, () => new Date(AT));
    const cases = new CasesRepository(db.orm, db.sqlite);
    const quiet = cases.create({ title: 'Beacon', severity: 'high', requestedBy: 'webhook', at: AT });
    audit.append({ type: 'case.opened', actor: 'vigil', caseId: quiet.id });
    const pack = buildEvidencePack(db.sqlite, audit, quiet.id, new Date(AT));
    expect(pack.omitted).toBeUndefined();
    expect(pack.audit).toHaveLength(1);
  });
});
