// A Retry that carries out an approved action (its execution threw, the cause was fixed) marks the approval resumed,
// so the next start-up's reconcile does not resume it as a decision a crash cut off (after a policy.yml change it
// was superseded, "… so nothing was done", though the block it approved was in force).
import { expect, it } from 'vitest';
import { AlertsRepository } from '../../db/repositories/alerts.js';
import { createLogger } from '../../src/logger.js';
import { parsePolicy } from '../../src/policy/policy.js';
import { routeApprovals } from '../../src/services/approval-router.js';
import { CaseRunner } from '../../src/services/case-runner.js';
import { TriageService } from '../../src/services/triage-service.js';
import { APPROVAL_POLICY, clock, decided, pendingApproval, setup } from '../graphs/triage/harness.js';

const FULL_DISK =
  "CREATE TRIGGER full_disk BEFORE INSERT ON actions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END";
const logger = createLogger('silent');

it('marks the approval a Retry carried out as resumed, so a later start-up does not supersede an action already done', async () => {
  const t = setup(APPROVAL_POLICY);
  let policyText = APPROVAL_POLICY;
  const runner: CaseRunner = new CaseRunner(logger, (caseId, error) => triage.failCase(caseId, error));
  const triage: TriageService = new TriageService({
    graph: t.graph,
    runner,
    cases: t.cases,
    alerts: new AlertsRepository(t.db.orm, t.db.sqlite),
    approvals: t.approvals,
    notifier: t.notifier,
    errors: { workflowFailed: async () => undefined, retryClaimed: async () => undefined },
    mayRetry: async () => true,
    audit: t.audit,
    clock,
    logger,
    workflowVersion: 'test@1',
    policyHash: () => parsePolicy(policyText).hash,
    held: new Set(),
    settleCutOff: async () => 0,
    workflows: routeApprovals({ version: 'test@1', resume: (a) => triage.resume(a) }, []),
  });
  const { input, config, caseId } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
  const approvalId = pendingApproval(await t.graph.invoke(input, config));
  const approval = t.approvals.decide(approvalId, decided('approved'));
  if (!approval) throw new Error('the approval was not decided');

  // The approved block's execution throws (the database refuses its action row); the case is failed.
  t.db.sqlite.exec(FULL_DISK);
  await triage.resume(approval);
  await runner.drain();
  expect(t.cases.get(caseId)?.status).toBe('failed');

  // The cause is fixed and an approver retries: the block is carried out.
  t.db.sqlite.exec('DROP TRIGGER full_disk');
  await triage.retryFailed(caseId, 'U0BOB00001');
  await runner.drain();
  expect(t.firewall.calls).toHaveLength(1);
  expect(t.actions.forCase(caseId).map((a) => a.status)).toEqual(['done']);

  // Later, policy.yml is edited (any edit changes its hash) and Vigil restarts.
  policyText = `${APPROVAL_POLICY}\n# reviewed\n`;
  await triage.reconcile();
  await runner.drain();
  const after = t.approvals.get(approvalId);
  const superseded = t.notifier.notes.filter((n) => n.title === 'Approval superseded').map((n) => n.text);
  expect({
    status: after?.status,
    superseded,
    blocked: t.actions.forCase(caseId).map((a) => a.status),
  }).toEqual({
    status: 'approved',
    superseded: [],
    blocked: ['done'],
  });
});
