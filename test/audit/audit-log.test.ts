import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { AuditLog, GENESIS_HASH } from '../../src/audit/audit-log.js';

function freshLog() {
  const db = openDatabase(':memory:');
  return { db, log: new AuditLog(db.sqlite, () => new Date('2026-11-21T10:00:00Z')) };
}

describe('audit log', () => {
  it('chains each row to the previous row and verifies an untouched chain', () => {
    const { log } = freshLog();
    const first = log.append({ type: 'alert.received', actor: 'webhook', data: { alertId: 'a1' } });
    const second = log.append({ type: 'case.opened', actor: 'vigil', caseId: 1, data: { alertId: 'a1' } });
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(log.verify()).toEqual({ ok: true, rows: 2, lastHash: second.hash });
  });

  it('refuses ordinary updates and deletes at the database level', () => {
    const { db, log } = freshLog();
    log.append({ type: 'x', actor: 'vigil' });
    expect(() => db.sqlite.prepare("UPDATE audit_events SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });

  it('names the first altered row when someone drops the guard and edits history', () => {
    const { db, log } = freshLog();
    for (let i = 0; i < 5; i += 1) log.append({ type: 'fact', actor: 'vigil', data: { i } });
    db.sqlite.exec('DROP TRIGGER audit_events_no_update');
    db.sqlite.prepare(`UPDATE audit_events SET data = '{"i":99}' WHERE id = 3`).run();
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('hash') });
  });

  it('detects a deleted row by the broken link in the row after it', () => {
    const { db, log } = freshLog();
    for (let i = 0; i < 4; i += 1) log.append({ type: 'fact', actor: 'vigil', data: { i } });
    db.sqlite.exec('DROP TRIGGER audit_events_no_delete');
    db.sqlite.prepare('DELETE FROM audit_events WHERE id = 2').run();
    expect(log.verify()).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('prev_hash'),
    });
  });

  it('hashes the same facts the same way whatever the key order', () => {
    const a = freshLog().log.append({ type: 't', actor: 'v', data: { b: 1, a: { d: 2, c: 3 } } });
    const b = freshLog().log.append({ type: 't', actor: 'v', data: { a: { c: 3, d: 2 }, b: 1 } });
    expect(a.hash).toBe(b.hash);
  });
});
