// `vigil audit export <case>`: the evidence pack of a finished case, read from the database file by the
// real CLI, holds the alert digests, the approval with its votes, the action, and hash-chained audit rows.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { startLocalVigil, tempDataDir } from '../fakes/local-vigil.js';

const run = promisify(execFile);

describe('vigil audit export', () => {
  it('writes the evidence pack of a finished case as JSON', async () => {
    const t = await startLocalVigil();
    const body = JSON.stringify({ title: 'Beacon to C2', severity: 'critical', src_ip: '203.0.113.123' });
    await t.postAlert(body);
    const card = await t.approvalCard();
    await t.approveAndFinish(card);
    await t.stop();

    const { stdout } = await run(process.execPath, ['bin/vigil.js', 'audit', 'export', 'VIG-1'], {
      env: { PATH: process.env.PATH, VIGIL_DATA_DIR: t.dataDir },
      maxBuffer: 16 * 1024 * 1024,
    });
    const pack = JSON.parse(stdout);
    expect(pack).toMatchObject({
      format: 'vigil.evidence-pack/1',
      case: { key: 'VIG-1', status: 'resolved' },
      alerts: [{ source: 'webhook', bytes: Buffer.byteLength(body), recognizedBy: 'extractor' }],
      approvals: [
        {
          action: 'block_ip',
          target: '203.0.113.123',
          status: 'approved',
          votes: [{ user: SEED_IDS.users.bob, vote: 'approve' }],
        },
      ],
      chain: { verified: true },
    });
    // The response action, and (the alert being high severity) the lab Jira ticket with the alert it is for.
    expect(pack.actions.filter((a: { kind: string }) => a.kind === 'block_ip')).toMatchObject([
      { status: 'done', request: { ip: '203.0.113.123' } },
    ]);
    expect(pack.tickets).toEqual([
      expect.objectContaining({ key: 'SOC-1', tracker: 'jira (lab)', alertId: pack.alerts[0].id }),
    ]);
    const types = pack.audit.map((r: { type: string }) => r.type);
    // The alert's arrival says the case was opened by it.
    expect(pack.audit[0]).toMatchObject({
      type: 'alert.received',
      data: { alertId: pack.alerts[0].id, relation: 'opened' },
    });
    for (const type of [
      'alert.received',
      'policy.decided',
      'approval.requested',
      'approval.decided',
      'action.executed',
      'case.closed',
    ]) {
      expect(types).toContain(type);
    }
    expect(
      pack.audit.every(
        (r: { hash: string; prevHash: string }) =>
          /^[a-f0-9]{64}$/.test(r.hash) && /^[a-f0-9]{64}$/.test(r.prevHash),
      ),
    ).toBe(true);
  });

  it('exits 2, with its usage, for an option or a second case the command does not take', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(path.join(dataDir, 'vigil.db'));
    new CasesRepository(db.orm, db.sqlite).create({
      title: 'Beacon',
      severity: 'high',
      requestedBy: 'webhook',
      at: new Date().toISOString(),
    });
    db.close();
    const vigil = async (...args: string[]) =>
      run(process.execPath, ['bin/vigil.js', 'audit', 'export', ...args], {
        env: { PATH: process.env.PATH, VIGIL_DATA_DIR: dataDir },
        maxBuffer: 16 * 1024 * 1024,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );

    expect((await vigil('VIG-1')).code).toBe(0);
    for (const extra of [['--since', 'yesterday'], ['--anchor', '1:abc'], ['VIG-2']]) {
      const refused = await vigil('VIG-1', ...extra);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('vigil audit export <case id, e.g. VIG-12>');
    }
  });
});
