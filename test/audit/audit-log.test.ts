import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { canonicalJson } from '../../graphs/lib/digest.js';
import { AuditLog, GENESIS_HASH, rowHash, type AuditRow } from '../../src/audit/audit-log.js';

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
    expect(log.verify()).toEqual({ ok: true, rows: 2, lastRow: 2, lastHash: second.hash });
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

  it('hashes a row as earlier versions did, so chains already stored keep verifying', () => {
    const row = {
      id: 42,
      at: '2026-11-21T10:00:00.000Z',
      caseId: 7,
      type: 'alert.received',
      actor: 'webhook',
      data: canonicalJson({ alertId: 'alr_x', note: 'naïve "quoted" \u2028 😀' }),
      prevHash: 'a'.repeat(64),
    };
    expect(rowHash(row)).toBe('8eb6d00281825397e71151eb821b616824e816b8b55718924802b8ad7168c377');
  });

  it('commits recorded facts in order before the next append, and by the end of the event-loop turn', async () => {
    const { db, log } = freshLog();
    const count = () => db.sqlite.prepare('SELECT count(*) AS n FROM audit_events').pluck().get();
    log.record({ type: 'node.completed', actor: 'vigil', caseId: 1, data: { node: 'classify' } });
    log.record({ type: 'triage.classified', actor: 'vigil', caseId: 1 });
    expect(count()).toBe(0);
    const started = log.append({ type: 'action.started', actor: 'vigil', caseId: 1 });
    expect(count()).toBe(3);
    expect(started.id).toBe(3);
    expect(log.forCase(1).map((r) => r.type)).toEqual([
      'node.completed',
      'triage.classified',
      'action.started',
    ]);

    log.record({ type: 'case.note', actor: 'vigil', caseId: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(count()).toBe(4);
    expect(log.verify()).toMatchObject({ ok: true, rows: 4 });
  });

  it('keeps recorded facts when their write fails, and writes them with the next append', () => {
    const { db, log } = freshLog();
    log.record({ type: 'node.completed', actor: 'vigil', caseId: 1 });
    db.sqlite.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    expect(() => log.flush()).toThrow(/disk full/);
    db.sqlite.exec('DROP TRIGGER refuse');
    log.append({ type: 'action.started', actor: 'vigil', caseId: 1 });
    expect(log.forCase(1).map((r) => r.type)).toEqual(['node.completed', 'action.started']);
    expect(log.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('names its committed head: the last row and its hash, without the facts recorded but not yet written', () => {
    const { log } = freshLog();
    expect(log.head()).toBeUndefined();
    log.append({ type: 'fact', actor: 'vigil' });
    const last = log.append({ type: 'fact', actor: 'vigil' });
    log.record({ type: 'node.completed', actor: 'vigil' });
    expect(log.head()).toEqual({ row: 2, hash: last.hash });
    log.flush();
    expect(log.head()).toMatchObject({ row: 3 });
  });

  it('shows rows removed from the end against an earlier head, which the chain alone does not', () => {
    const { db, log } = freshLog();
    for (let i = 0; i < 5; i += 1) log.append({ type: 'fact', actor: 'vigil', data: { i } });
    const anchor = log.head();
    if (!anchor) throw new Error('no head');
    expect(log.verify([anchor])).toMatchObject({ ok: true, rows: 5, lastRow: 5, lastHash: anchor.hash });

    db.sqlite.exec('DROP TRIGGER audit_events_no_delete');
    db.sqlite.prepare('DELETE FROM audit_events WHERE id > 3').run();
    expect(log.verify()).toMatchObject({ ok: true, rows: 3, lastRow: 3 });
    expect(log.verify([anchor])).toEqual({
      ok: false,
      rows: 3,
      brokenAt: 5,
      reason: 'the anchored row is missing; the log ends at row 3, so rows were removed',
    });
  });

  it('shows a log rewritten at or before an anchor and rehashed from there on, which the chain alone does not', () => {
    const { db, log } = freshLog();
    for (let i = 0; i < 5; i += 1) log.append({ type: 'fact', actor: 'vigil', data: { i } });
    const anchor = { row: 4, hash: rowsOf(db)[3]?.hash ?? '' };
    expect(log.verify([anchor])).toMatchObject({ ok: true });

    // Row 3 says something else; rows 3 to 5 are hashed again, so every link holds.
    rehashFrom(db, 3, (row) => (row.id === 3 ? { ...row, data: '{"i":99}' } : row));
    expect(log.verify()).toMatchObject({ ok: true, rows: 5 });
    const rewritten = rowsOf(db)[3]?.hash;
    expect(log.verify([anchor])).toEqual({
      ok: false,
      rows: 4,
      brokenAt: 4,
      reason: `its hash is ${rewritten}, not the anchored ${anchor.hash}, so the log was rewritten at or before this row`,
    });
  });

  it('names an anchored row taken out of the middle with the rows after it rehashed', () => {
    const { db, log } = freshLog();
    for (let i = 0; i < 3; i += 1) log.append({ type: 'fact', actor: 'vigil', data: { i } });
    const anchor = { row: 2, hash: rowsOf(db)[1]?.hash ?? '' };
    db.sqlite.exec('DROP TRIGGER audit_events_no_delete');
    db.sqlite.prepare('DELETE FROM audit_events WHERE id = 2').run();
    rehashFrom(db, 3, (row) => row);
    expect(log.verify()).toMatchObject({ ok: true, rows: 2, lastRow: 3 });
    expect(log.verify([anchor])).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason:
        'the anchored row is missing, though the log goes on to row 3, so rows were removed or renumbered',
    });
  });

  it('checks every anchor given, the earliest failing one named', () => {
    const { log } = freshLog();
    const rows = [1, 2, 3].map((i) => log.append({ type: 'fact', actor: 'vigil', data: { i } }));
    const held = rows.map((r) => ({ row: r.id, hash: r.hash }));
    expect(log.verify(held)).toMatchObject({ ok: true, lastRow: 3 });
    expect(
      log.verify([...held, { row: 9, hash: 'b'.repeat(64) }, { row: 2, hash: 'a'.repeat(64) }]),
    ).toMatchObject({
      ok: false,
      brokenAt: 2,
    });
    expect(
      log.verify([
        { row: 9, hash: 'b'.repeat(64) },
        { row: 7, hash: 'b'.repeat(64) },
      ]),
    ).toMatchObject({
      ok: false,
      brokenAt: 7,
    });
  });
});

/** Every row of the log, in order. */
function rowsOf(db: Database): AuditRow[] {
  return db.sqlite
    .prepare<[], AuditRow>(
      'SELECT id, at, case_id AS caseId, type, actor, data, prev_hash AS prevHash, hash FROM audit_events ORDER BY id',
    )
    .all();
}

/** What someone with write access does: changes rows from `id` on and recomputes their links and hashes. */
function rehashFrom(db: Database, id: number, change: (row: AuditRow) => AuditRow): void {
  db.sqlite.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
  const update = db.sqlite.prepare('UPDATE audit_events SET data = ?, prev_hash = ?, hash = ? WHERE id = ?');
  const rows = rowsOf(db);
  let prevHash = rows.filter((r) => r.id < id).at(-1)?.hash ?? GENESIS_HASH;
  for (const row of rows.filter((r) => r.id >= id)) {
    const changed = { ...change(row), prevHash };
    prevHash = rowHash(changed);
    update.run(changed.data, changed.prevHash, prevHash, row.id);
  }
}

describe('audit log check in turns (a running Vigil)', () => {
  const many = (log: AuditLog, n: number) =>
    log.appendAll(Array.from({ length: n }, (_, i) => ({ type: 'fact', actor: 'vigil', data: { i } })));

  it('gives what the synchronous check gives: whole, broken, and against anchors', async () => {
    const { db, log } = freshLog();
    const rows = many(log, 12_000);
    const anchor = { row: 7_000, hash: rows[6_999]?.hash ?? '' };
    expect(await log.verifyInTurns()).toEqual(log.verify());
    expect(await log.verifyInTurns([anchor])).toEqual({ ...log.verify([anchor]), ok: true });
    expect(await log.verifyInTurns([{ row: 13_000, hash: anchor.hash }])).toEqual(
      log.verify([{ row: 13_000, hash: anchor.hash }]),
    );
    db.sqlite.exec('DROP TRIGGER audit_events_no_update');
    db.sqlite.prepare(`UPDATE audit_events SET data = '{"i":-1}' WHERE id = 9000`).run();
    expect(await log.verifyInTurns()).toMatchObject({ ok: false, brokenAt: 9_000 });
    expect(await log.verifyInTurns()).toEqual(log.verify());
  });

  it('lets the event loop go round while it hashes, and shares one check between callers without anchors', async () => {
    const { log } = freshLog();
    many(log, 12_000);
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const first = log.verifyInTurns();
    expect(log.verifyInTurns()).toBe(first);
    await first;
    done = true;
    // 12,000 rows are three pages: other work ran between them.
    expect(turns).toBeGreaterThanOrEqual(2);
    const again = log.verifyInTurns();
    expect(again).not.toBe(first);
    await again;
  });
});
