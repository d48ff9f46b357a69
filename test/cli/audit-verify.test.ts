// `vigil audit verify` as an operator runs it: the real bin, a real database file.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { AuditLog } from '../../src/audit/audit-log.js';
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
});
