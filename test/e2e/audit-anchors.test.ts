// The audit chain's head goes off the box in Vigil's log: at start-up before anything is appended, and at a
// clean shutdown after the last write. Kept outside the database, the last such line shows the rows removed
// from the end afterwards, which the chain alone cannot.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import type { SlackEmulator } from '../../src/sandbox/emulator.js';
import { captureLogs } from '../fakes/log-capture.js';
import { hasButton, startLocalVigil, tempDataDir } from '../fakes/local-vigil.js';
import { startProcessSlack, startVigilProcess, type VigilProcess } from '../fakes/vigil-process.js';

const run = promisify(execFile);

let emulator: SlackEmulator | undefined;
const processes: VigilProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await emulator?.close();
  emulator = undefined;
});

/** A data directory whose audit log already has three rows; returns its head. */
function seeded(dataDir: string): { row: number; hash: string } {
  const db = openDatabase(path.join(dataDir, 'vigil.db'));
  const log = new AuditLog(db.sqlite);
  for (let i = 0; i < 3; i += 1) log.append({ type: 'fact', actor: 'vigil', data: { i } });
  const head = log.head();
  db.close();
  if (!head) throw new Error('the seeded log has no head');
  return head;
}

/** The audit log's head as the database holds it now. */
function headOf(dataDir: string): { row: number; hash: string } | undefined {
  const db = openDatabase(path.join(dataDir, 'vigil.db'));
  try {
    return new AuditLog(db.sqlite).head();
  } finally {
    db.close();
  }
}

/** `vigil audit verify [args]` on the data directory, as an operator runs it. */
async function verify(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/vigil.js', 'audit', 'verify', ...args], {
      env: { PATH: process.env.PATH, VIGIL_DATA_DIR: dataDir },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

const alert = JSON.stringify({ title: 'SSH brute force', severity: 'high', src_ip: '203.0.113.9' });

describe('audit head anchors', () => {
  it('logs the head as found at start-up, and the head after the last write at stop', async () => {
    const dataDir = tempDataDir();
    const found = seeded(dataDir);
    const logs = captureLogs(30);
    const t = await startLocalVigil({ dataDir, overrides: { logger: logs.logger } });
    const heads = () =>
      logs.lines.filter((l) => l.msg === 'audit head').map(({ row, hash }) => ({ row, hash }));
    expect(heads()).toEqual([found]);

    await t.postAlert(alert);
    await t.approvalCard();
    await t.vigil.drain();
    await t.stop();
    const last = headOf(dataDir);
    expect(last?.row).toBeGreaterThan(found.row);
    expect(heads()).toEqual([found, last]);
  });

  it('leaves on SIGTERM a last log line whose head, given to verify, shows the rows removed afterwards', async () => {
    const slack = await startProcessSlack((created) => (emulator = created));
    const dataDir = tempDataDir();
    const found = seeded(dataDir);
    const vigil = await startVigilProcess({ ...slack.env, VIGIL_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    processes.push(vigil);
    const res = await fetch(`${vigil.url}/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.intakeToken}`, 'content-type': 'application/json' },
      body: alert,
    });
    expect(res.status).toBe(202);
    await slack.emulator.workspace.waitFor('message', (m) => hasButton(m, 'approval.approve'));
    expect(await vigil.stop('SIGTERM')).toBe(0);

    const heads = vigil
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; row?: number; hash?: string })
      .filter((line) => line.msg === 'audit head')
      .map(({ row, hash }) => ({ row, hash }));
    const last = headOf(dataDir);
    expect(heads).toEqual([found, last]);
    if (!last) throw new Error('no head');

    const tamper = openDatabase(path.join(dataDir, 'vigil.db'));
    tamper.sqlite.exec('DROP TRIGGER audit_events_no_delete');
    tamper.sqlite.prepare('DELETE FROM audit_events WHERE id > ?').run(found.row + 1);
    tamper.close();
    expect(await verify(dataDir)).toMatchObject({ code: 0 });
    expect(await verify(dataDir, '--anchor', `${last.row}:${last.hash}`)).toMatchObject({
      code: 1,
      out: `audit chain BROKEN at row ${last.row}: the anchored row is missing; the log ends at row ${found.row + 1}, so rows were removed (${found.row + 1} rows read)\n`,
    });
  });
});
