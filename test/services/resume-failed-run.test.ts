// A decided approval whose run then stopped on an error (here the database refuses the action row, as on a full
// disk) is not carried out by a later resume (a restart's reconcile resumes every decision not yet marked): the
// failed node is not run again by itself, in triage or in offboarding, and the approval is marked resumed. Each
// workflow's service on its real graph, store and checkpointer.
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { afterEach, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { ActionsRepository } from '../../db/repositories/actions.js';
import { AlertsRepository } from '../../db/repositories/alerts.js';
import { ApprovalsRepository } from '../../db/repositories/approvals.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { compileOffboardingGraph } from '../../graphs/offboarding/graph.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { createLogger } from '../../src/logger.js';
import { parsePolicy } from '../../src/policy/policy.js';
import { routeApprovals } from '../../src/services/approval-router.js';
import { CaseRunner } from '../../src/services/case-runner.js';
import { OffboardingService } from '../../src/services/offboarding-service.js';
import { TriageService } from '../../src/services/triage-service.js';
import { APPROVAL_POLICY, clock, decided, pendingApproval, setup } from '../graphs/triage/harness.js';

const FULL_DISK =
  "CREATE TRIGGER full_disk BEFORE INSERT ON actions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END";
const logger = createLogger('silent');

let offboardingDb: Database | undefined;
let saver: SqliteSaver | undefined;
afterEach(() => {
  saver?.db.close();
  offboardingDb?.close();
  saver = undefined;
  offboardingDb = undefined;
});

/**
 * The triage service on the harness's graph and store; the runner's failures are collected, and with `failCases` the
 * failed case is marked so (as compose wires it). `policyText` is the policy in force, read on every decision.
 */
function triageWorld(options: { failCases?: boolean; policyText?: () => string } = {}) {
  const t = setup(APPROVAL_POLICY);
  const failures: unknown[] = [];
  const runner: CaseRunner = new CaseRunner(logger, async (caseId, error) => {
    failures.push(error);
    if (options.failCases) await triage.failCase(caseId, error);
  });
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
    policyHash: () => parsePolicy(options.policyText?.() ?? APPROVAL_POLICY).hash,
    held: new Set(),
    settleCutOff: async () => 0,
    workflows: routeApprovals({ version: 'test@1', resume: (a) => triage.resume(a) }, []),
  });
  return { t, triage, runner, failures };
}

it('does not carry out a triage approval whose execution failed when its run is resumed again', async () => {
  const { t, triage, failures } = triageWorld();
  const { input, config } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
  const approvalId = pendingApproval(await t.graph.invoke(input, config));
  const approval = t.approvals.decide(approvalId, decided('approved'));
  if (!approval) throw new Error('the approval was not decided');

  t.db.sqlite.exec(FULL_DISK);
  await triage.resume(approval);
  expect(failures).toEqual([expect.objectContaining({ message: 'database or disk is full' })]);
  expect(t.approvals.get(approvalId)?.resumedAt).toBeNull();

  t.db.sqlite.exec('DROP TRIGGER full_disk');
  await triage.resume(approval);
  expect(t.firewall.calls).toEqual([]);
  expect(t.actions.forCase(approval.caseId)).toEqual([]);
  expect(t.approvals.get(approvalId)?.resumedAt).not.toBeNull();
});

it('carries out a Retry claimed just before a stop: the restart runs the failed step again, once', async () => {
  const { t, triage, runner, failures } = triageWorld();
  const { input, config } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
  const approvalId = pendingApproval(await t.graph.invoke(input, config));
  const approval = t.approvals.decide(approvalId, decided('approved'));
  if (!approval) throw new Error('the approval was not decided');
  t.db.sqlite.exec(FULL_DISK);
  await triage.resume(approval);
  expect(failures).toHaveLength(1);
  await triage.failCase(approval.caseId, failures[0]);
  t.db.sqlite.exec('DROP TRIGGER full_disk');

  // The Retry is claimed and audited, then the process stops before its job runs.
  const at = clock().toISOString();
  expect(t.cases.reopenFailed(approval.caseId, at)).toBe(true);
  t.audit.append({ type: 'case.retried', actor: 'U0BOB00001', caseId: approval.caseId, data: {} });
  await triage.reconcile();
  await triage.reconcile();
  await runner.drain();
  expect(t.firewall.calls).toHaveLength(1);
  expect(t.actions.forCase(approval.caseId).map((a) => a.status)).toEqual(['done']);
});

it('does not run again by itself, at a restart, a failed run nobody retried', async () => {
  const { t, triage, runner, failures } = triageWorld();
  const { input, config } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });
  const approvalId = pendingApproval(await t.graph.invoke(input, config));
  const approval = t.approvals.decide(approvalId, decided('approved'));
  if (!approval) throw new Error('the approval was not decided');
  t.db.sqlite.exec(FULL_DISK);
  await triage.resume(approval);
  await triage.failCase(approval.caseId, failures[0]);
  t.db.sqlite.exec('DROP TRIGGER full_disk');
  await triage.reconcile();
  await runner.drain();
  expect(t.firewall.calls).toEqual([]);
});

function offboardingWorld() {
  const db = openDatabase(':memory:');
  offboardingDb = db;
  saver = SqliteSaver.fromConnString(':memory:');
  const cases = new CasesRepository(db.orm, db.sqlite);
  const approvals = new ApprovalsRepository(db.orm);
  const actions = new ActionsRepository(db.orm);
  const audit = new AuditLog(db.sqlite, clock);
  const policy = parsePolicy(
    'version: 1\nactions:\n  offboard_user:\n    approval: required\n    approvers:\n      usergroup: soc-senior\n',
  );
  const stepsFailed: string[] = [];
  const notifier = {
    caseUpdated: async () => undefined,
    approvalChanged: async () => undefined,
    threadNote: async () => true,
    stepFailed: async (notice: { title: string }) => {
      stepsFailed.push(notice.title);
    },
    retryClaimed: async () => undefined,
    retryRecovered: async () => undefined,
  };
  const people = {
    bySlackId: async (slackUserId: string) => ({
      slackUserId,
      handle: 'victor',
      email: 'victor@example.com',
      realName: 'Victor',
    }),
    byEmail: async () => null,
  };
  const failures: unknown[] = [];
  const runner = new CaseRunner(logger, (_caseId, error) => {
    failures.push(error);
  });
  const offboarding = new OffboardingService({
    graph: compileOffboardingGraph(
      {
        clock,
        workflowVersion: 'offboarding@test',
        cases,
        approvals,
        actions,
        policy,
        audit,
        notifier,
        people,
        connectors: {},
      },
      saver,
    ),
    workflowVersion: 'offboarding@test',
    policyHash: () => policy.hash,
    held: new Set(),
    runner,
    cases,
    approvals,
    actions,
    people,
    directory: {
      isApprover: async () => true,
      describe: () => '@soc-senior',
      reference: async () => '@soc-senior',
    },
    policy,
    notifier,
    audit,
    transaction: (work) => db.sqlite.transaction(work).immediate(),
    clock,
  });
  return { db, approvals, actions, audit, runner, offboarding, stepsFailed, failures };
}

it('does not run again an offboarding step that failed with an error when its run is resumed again or Vigil restarts', async () => {
  const w = offboardingWorld();
  const { caseId } = await w.offboarding.request({ slackUserId: 'U0VICTOR01' }, 'U0ALICE001', 'test');
  await w.runner.drain();
  const [card] = w.approvals.forCase(caseId);
  if (!card) throw new Error('no approval card');
  const approval = w.approvals.decide(card.id, decided('approved'));
  if (!approval) throw new Error('the approval was not decided');

  w.db.sqlite.exec(FULL_DISK);
  await w.offboarding.resume(approval);
  expect(w.failures).toEqual([expect.objectContaining({ message: 'database or disk is full' })]);
  expect(w.approvals.get(card.id)?.resumedAt).toBeNull();

  w.db.sqlite.exec('DROP TRIGGER full_disk');
  await w.offboarding.resume(approval);
  expect(await w.offboarding.reconcile()).toBe(0);
  await w.runner.drain();
  expect(w.actions.forCase(caseId)).toEqual([]);
  expect(w.stepsFailed).toEqual([]);
  expect(w.approvals.get(card.id)?.resumedAt).not.toBeNull();
});

it('commits the audit facts of a resumed offboarding run before the resume ends', async () => {
  const w = offboardingWorld();
  const { caseId } = await w.offboarding.request({ slackUserId: 'U0VICTOR01' }, 'U0ALICE001', 'test');
  await w.runner.drain();
  const [card] = w.approvals.forCase(caseId);
  const approval = card && w.approvals.decide(card.id, decided('approved'));
  if (!approval) throw new Error('the approval was not decided');
  const flush = vi.spyOn(w.audit, 'flush');
  await w.offboarding.resume(approval);
  expect(w.stepsFailed).toEqual(['Step 1 of 3: Disable in the identity provider']);
  expect(flush).toHaveBeenCalled();
});

// A Retry that carries out an approved action (its execution threw, the cause was fixed) marks the approval resumed,
// so the next start-up's reconcile does not resume it as a decision a crash cut off (after a policy.yml change it
// was superseded, "… so nothing was done", though the block it approved was in force).
it('marks the approval a Retry carried out as resumed, so a later start-up does not supersede an action already done', async () => {
  let policyText = APPROVAL_POLICY;
  const { t, triage, runner } = triageWorld({ failCases: true, policyText: () => policyText });
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
