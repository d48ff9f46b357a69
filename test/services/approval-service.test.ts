// ApprovalService on a real SQLite store, with a directory whose membership lookup the test holds (at click
// time it is two Slack calls): a click that was authorised before the deadline but lands after the expiry
// sweep escalated the request is refused, audited, and decides nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { ApprovalsRepository } from '../../db/repositories/approvals.js';
import { rebind } from '../../graphs/triage/action-binding.js';
import type { Approvers } from '../../graphs/triage/contracts.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { NotAuthorizedError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { parsePolicy } from '../../src/policy/policy.js';
import { PolicyStore } from '../../src/policy/policy-store.js';
import { ApprovalExpiry } from '../../src/services/approval-expiry.js';
import { ApprovalService } from '../../src/services/approval-service.js';
import { OwnAccountCheck } from '../../src/services/own-account.js';

let db: Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

function world(onExpiry: 'escalate' | 'deny') {
  let now = Date.parse('2026-11-21T12:00:00Z');
  const clock = () => new Date(now);
  db = openDatabase(':memory:');
  const approvals = new ApprovalsRepository(db.orm);
  const audit = new AuditLog(db.sqlite, clock);
  const text =
    'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers: { usergroup: soc-responders }\n';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-approvals-')), 'policy.yml');
  fs.writeFileSync(file, text);
  const logger = createLogger('silent');
  const policy = new PolicyStore(file, parsePolicy(text, file), logger);
  const row = {
    id: 'apr_000000000000000000000001',
    caseId: 1,
    action: 'block_ip',
    target: '203.0.113.9',
    parameters: '{"ip":"203.0.113.9"}',
    policyHash: policy.current().hash,
  };
  approvals.request({
    ...row,
    rationale: 'x',
    actionHash: rebind(row, 'v1'),
    approvers: JSON.stringify({ usergroup: 'soc-responders' }),
    requestedBy: 'webhook',
    requestedAt: clock().toISOString(),
    quorum: 1,
    expiresAt: new Date(now + 30 * 60_000).toISOString(),
    expiry: JSON.stringify(
      onExpiry === 'escalate'
        ? { kind: 'escalate', approvers: { usergroup: 'soc-senior' }, afterSeconds: 1800 }
        : { kind: 'deny' },
    ),
    details: null,
  });
  const groups: Record<string, string[]> = { 'soc-responders': ['UBOB'], 'soc-senior': ['UCAROL'] };
  let release: () => void = () => undefined;
  const lookup = new Promise<void>((resolve) => (release = resolve));
  const directory = {
    async isApprover(user: string, a: Approvers) {
      await lookup;
      return 'usergroup' in a && (groups[a.usergroup] ?? []).includes(user);
    },
    describe: (a: Approvers) => ('usergroup' in a ? `@${a.usergroup}` : 'them'),
    reference: async (a: Approvers) => ('usergroup' in a ? `@${a.usergroup}` : 'them'),
  };
  const notifier = {
    async caseUpdated() {},
    async approvalChanged() {},
    async threadNote() {
      return true;
    },
  };
  const resumed: string[] = [];
  const workflow = {
    version: 'v1',
    async resume(a: { status: string }) {
      resumed.push(a.status);
    },
  };
  const workflows = { workflowOf: () => workflow };
  const triage = { repostMissingCards: () => 0, resumeHeld: () => 0 };
  const service = new ApprovalService({
    approvals,
    workflows,
    directory,
    policy,
    audit,
    notifier,
    ownAccount: new OwnAccountCheck({ bySlackId: async () => null }),
    clock,
  });
  const expiry = new ApprovalExpiry({
    approvals,
    directory,
    audit,
    notifier,
    workflows,
    triage,
    clock,
    logger,
  });
  const refusals = () =>
    audit
      .forCase(1)
      .filter((r) => r.type === 'approval.refused')
      .map((r) => (JSON.parse(r.data) as { reason: string }).reason);
  return {
    approvals,
    service,
    expiry,
    id: row.id,
    release,
    resumed,
    refusals,
    advance: (ms: number) => (now += ms),
  };
}

it('refuses a click authorised just before the deadline that lands after the request moved to the next tier', async () => {
  const w = world('escalate');
  w.advance(30 * 60_000 - 500); // Bob clicks half a second before the deadline
  const click = w.service.decide({ approvalId: w.id, userId: 'UBOB', decision: 'approved' });
  w.advance(1_000);
  expect(await w.expiry.sweep()).toBe(1); // escalated to soc-senior while Bob's lookup runs
  w.release();
  await expect(click).rejects.toThrow(NotAuthorizedError);
  await expect(click).rejects.toThrow(/moved to @soc-senior while your click was checked/);
  expect(w.approvals.get(w.id)).toMatchObject({ status: 'pending', decidedBy: null, escalations: 1 });
  expect(w.approvals.approvers(w.id)).toEqual([]);
  expect(w.refusals()).toEqual(['escalated']);
  expect(w.resumed).toEqual([]);
});

it('refuses a click whose lookup ends after the deadline, before the sweep has run', async () => {
  const w = world('deny');
  w.advance(30 * 60_000 - 500);
  const click = w.service.decide({ approvalId: w.id, userId: 'UBOB', decision: 'approved' });
  w.advance(1_000); // past the deadline; the sweep has not run yet
  w.release();
  await expect(click).rejects.toThrow(/expired while your click was checked/);
  expect(w.approvals.get(w.id)?.status).toBe('pending');
  expect(w.refusals()).toEqual(['expired']);
  expect(await w.expiry.sweep()).toBe(1);
  expect(w.approvals.get(w.id)?.status).toBe('expired');
});

it('records a click that lands in time', async () => {
  const w = world('escalate');
  const click = w.service.decide({ approvalId: w.id, userId: 'UBOB', decision: 'approved' });
  w.release();
  expect((await click).status).toBe('approved');
  expect(w.resumed).toEqual(['approved']);
});
