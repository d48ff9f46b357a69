// `vigil audit verify` as an operator runs it: the real bin, a real database file.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { AuditLog, rowHash, type AuditRow } from '../../src/audit/audit-log.js';
import { tempDataDir } from '../fakes/local-vigil.js';

const run = promisify(execFile);

async function vigil(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/vigil.js', ...args], {
      env: { PATH: process.env.PATH, VIGIL_DATA_DIR: dataDir },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('vigil audit verify', () => {
  it('passes on an untouched log and names the first altered row, exiting 1, once a row is edited', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(path.join(dataDir, 'vigil.db'));
    const log = new AuditLog(db.sqlite);
    for (const type of ['alert.received', 'case.opened', 'approval.decided', 'action.executed'])
      log.append({ type, actor: 'vigil', caseId: 1 });
    db.close();

    const ok = await vigil(dataDir, 'audit', 'verify');
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('audit chain OK: 4 rows verified') });

    const tamper = openDatabase(path.join(dataDir, 'vigil.db'));
    tamper.sqlite.exec('DROP TRIGGER audit_events_no_update');
    tamper.sqlite.prepare("UPDATE audit_events SET actor = 'mallory' WHERE id = 3").run();
    tamper.close();

    const broken = await vigil(dataDir, 'audit', 'verify');
    expect(broken).toMatchObject({ code: 1, out: expect.stringContaining('audit chain BROKEN at row 3') });
  });

  it('says where it looked when there is no database', async () => {
    const result = await vigil(path.join(tempDataDir(), 'nowhere'), 'audit', 'verify');
    expect(result).toMatchObject({ code: 2, out: expect.stringContaining('there is no Vigil database at') });
  });
  it('exits 2 for a mistake in what was asked (an unknown case, an option extract does not take), not 1', async () => {
    const dataDir = tempDataDir();
    openDatabase(path.join(dataDir, 'vigil.db')).close();
    const unknown = await vigil(dataDir, 'audit', 'export', 'VIG-999');
    expect(unknown).toEqual({ code: 2, out: expect.stringContaining('vigil: There is no case VIG-999') });
    const option = await vigil(dataDir, 'extract', '--help');
    expect(option).toEqual({ code: 2, out: expect.stringContaining('Usage: vigil extract') });
  });

  it('names the last row and its hash, so its answer can be kept as an anchor', async () => {
    const { dataDir, rows } = seeded(3);
    const ok = await vigil(dataDir, 'audit', 'verify');
    expect(ok).toEqual({
      code: 0,
      out: `audit chain OK: 3 rows verified, last row 3, hash ${rows[2]?.hash}\n`,
    });
  });

  it('fails, exiting 1 and naming the row, against an anchor whose row was removed from the end, where plain verify passes', async () => {
    const { dataDir, rows } = seeded(5);
    const anchor = `5:${rows[4]?.hash}`;
    expect(await vigil(dataDir, 'audit', 'verify', '--anchor', anchor)).toEqual({
      code: 0,
      out: `audit chain OK: 5 rows verified, last row 5, hash ${rows[4]?.hash}; it holds the anchor\n`,
    });

    const tamper = openDatabase(path.join(dataDir, 'vigil.db'));
    tamper.sqlite.exec('DROP TRIGGER audit_events_no_delete');
    tamper.sqlite.prepare('DELETE FROM audit_events WHERE id > 3').run();
    tamper.close();

    expect(await vigil(dataDir, 'audit', 'verify')).toMatchObject({
      code: 0,
      out: expect.stringContaining('audit chain OK: 3 rows verified, last row 3'),
    });
    expect(
      await vigil(dataDir, 'audit', 'verify', '--anchor', `2:${rows[1]?.hash}`, `--anchor=${anchor}`),
    ).toEqual({
      code: 1,
      out: 'audit chain BROKEN at row 5: the anchored row is missing; the log ends at row 3, so rows were removed (3 rows read)\n',
    });
  });

  it('fails, exiting 1, against an anchor once the log was rewritten before it and rehashed, where plain verify passes', async () => {
    const { dataDir, rows } = seeded(4);
    const tamper = openDatabase(path.join(dataDir, 'vigil.db'));
    tamper.sqlite.exec('DROP TRIGGER audit_events_no_update');
    const update = tamper.sqlite.prepare(
      'UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?',
    );
    let prevHash = rows[0]?.hash ?? '';
    for (const row of rows.slice(1)) {
      const changed = { ...row, actor: row.id === 2 ? 'mallory' : row.actor, prevHash };
      prevHash = rowHash(changed);
      update.run(changed.actor, changed.prevHash, prevHash, row.id);
    }
    tamper.close();

    expect(await vigil(dataDir, 'audit', 'verify')).toMatchObject({ code: 0 });
    const broken = await vigil(dataDir, 'audit', 'verify', '--anchor', `3:${rows[2]?.hash}`);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^audit chain BROKEN at row 3: its hash is [0-9a-f]{64}, not the anchored /);
    expect(broken.out).toContain(
      `not the anchored ${rows[2]?.hash}, so the log was rewritten at or before this row`,
    );
  });

  it('exits 2 with the expected form for a malformed anchor, a missing one, or an option verify does not take', async () => {
    const { dataDir, rows } = seeded(1);
    const asked = [
      ['--anchor', `${rows[0]?.hash}`],
      ['--anchor', '1:abc'],
      ['--anchor'],
      ['--since', '1'],
      [`1:${rows[0]?.hash}`],
    ];
    const results = await Promise.all(asked.map((args) => vigil(dataDir, 'audit', 'verify', ...args)));
    for (const [i, result] of results.entries()) {
      expect(result, asked[i]?.join(' ')).toMatchObject({
        code: 2,
        out: expect.stringContaining('Usage: vigil audit verify [--anchor <row>:<hash>]...'),
      });
    }
    expect(results[1]?.out).toContain(
      'vigil: --anchor "1:abc" is not an anchor: write it as <row>:<hash> (a row number, a colon and that row’s 64-hex-digit hash).',
    );
  });
});

/** A data directory whose audit log has `count` rows. */
function seeded(count: number): { dataDir: string; rows: AuditRow[] } {
  const dataDir = tempDataDir();
  const db = openDatabase(path.join(dataDir, 'vigil.db'));
  const log = new AuditLog(db.sqlite);
  const rows = Array.from({ length: count }, (_, i) =>
    log.append({ type: 'fact', actor: 'vigil', data: { i } }),
  );
  db.close();
  return { dataDir, rows };
}
