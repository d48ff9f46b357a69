// runProbe and resumeDecided on a small real graph (prepare → wait for an approval → act) with a checkpointer,
// and approvals and the audit log on a real SQLite store: what a run waiting, cut off, failed or never started
// reads as, and how a decided approval is carried to its run.
import { Annotation, Command, interrupt, MemorySaver, StateGraph } from '@langchain/langgraph';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { ApprovalsRepository } from '../../db/repositories/approvals.js';
import { rebind } from '../../graphs/triage/action-binding.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { resumeDecided, runProbe } from '../../src/services/workflow-run.js';

let db: Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

const APPROVAL_ID = 'apr_000000000000000000000001';
const POLICY_HASH = 'policy-hash';

const State = Annotation.Root({
  caseId: Annotation<number>,
  decision: Annotation<string | null>({ reducer: (_, next) => next, default: () => null }),
});

function world(durability: 'exit' | 'async' = 'exit') {
  const clock = () => new Date('2026-11-21T12:00:00Z');
  db = openDatabase(':memory:');
  const approvals = new ApprovalsRepository(db.orm);
  const audit = new AuditLog(db.sqlite, clock);
  const row = {
    id: APPROVAL_ID,
    caseId: 1,
    action: 'block_ip',
    target: '203.0.113.9',
    parameters: '{"ip":"203.0.113.9"}',
    policyHash: POLICY_HASH,
  };
  approvals.request({
    ...row,
    rationale: 'x',
    actionHash: rebind(row, 'v1'),
    approvers: JSON.stringify({ usergroup: 'soc-responders' }),
    requestedBy: 'webhook',
    requestedAt: clock().toISOString(),
    quorum: 1,
    expiresAt: null,
    expiry: null,
    details: null,
  });
  const acted: string[] = [];
  let failing = false;
  const builder = new StateGraph(State)
    .addNode('prepare', () => ({}))
    .addNode('wait', () => {
      const value: unknown = interrupt({ approvalId: APPROVAL_ID });
      return { decision: JSON.stringify(value) };
    })
    .addNode('act', (state) => {
      audit.record({ type: 'node.act', actor: 'vigil', caseId: state.caseId, data: {} });
      if (failing) throw new Error('database or disk is full');
      acted.push(state.decision ?? 'none');
      return {};
    })
    .addEdge('__start__', 'prepare')
    .addEdge('prepare', 'wait')
    .addEdge('wait', 'act')
    .addEdge('act', '__end__');
  const checkpointer = new MemorySaver();
  const graph = builder.compile({ checkpointer });
  // The same graph stopped before `wait`, as a kill between the two nodes leaves it.
  const cutOff = builder.compile({ checkpointer, interruptBefore: ['wait'] });
  const configFor = (caseId: number) => ({ configurable: { thread_id: `case:${caseId}` }, durability });
  const threads = { graph, configFor };
  const deps = {
    approvals,
    audit,
    notifier: { approvalChanged: async () => undefined, threadNote: async () => true },
    policyHash: () => POLICY_HASH,
    held: new Set<string>(),
    clock,
    workflowVersion: 'v1',
  };
  const approve = () =>
    approvals.decide(APPROVAL_ID, {
      status: 'approved',
      decidedBy: 'UBOB',
      decidedAt: clock().toISOString(),
      reason: null,
    });
  const committed = (type: string) =>
    db?.sqlite.prepare('SELECT count(*) AS n FROM audit_events WHERE type = ?').pluck().get(type);
  return {
    approvals,
    graph,
    cutOff,
    threads,
    deps,
    acted,
    approve,
    committed,
    config: configFor(1),
    fail: (on: boolean) => (failing = on),
  };
}

it('reads a run that never started as never checkpointed, and as neither cut off nor waiting', async () => {
  const w = world();
  const probe = await runProbe(w.threads, 1);
  expect(probe).toMatchObject({ neverCheckpointed: true, stoppedBetweenNodes: false });
  expect(probe.waitingOn(APPROVAL_ID)).toBe(false);
});

it('reads a run paused at an approval’s interrupt as waiting on that approval only', async () => {
  const w = world();
  await w.graph.invoke({ caseId: 1 }, w.config);
  const probe = await runProbe(w.threads, 1);
  expect(probe).toMatchObject({ neverCheckpointed: false, stoppedBetweenNodes: false });
  expect(probe.waitingOn(APPROVAL_ID)).toBe(true);
  expect(probe.waitingOn('apr_other')).toBe(false);
});

it('reads a run cut off between two nodes as stopped between nodes', async () => {
  const w = world();
  await w.cutOff.invoke({ caseId: 1 }, w.config);
  const probe = await runProbe(w.threads, 1);
  expect(probe).toMatchObject({ neverCheckpointed: false, stoppedBetweenNodes: true });
  expect(probe.waitingOn(APPROVAL_ID)).toBe(false);
});

it.each(['exit', 'async'] as const)(
  'does not read a run whose node threw as stopped between nodes (durability %s)',
  async (durability) => {
    const w = world(durability);
    await w.graph.invoke({ caseId: 1 }, w.config);
    w.fail(true);
    await expect(w.graph.invoke(new Command({ resume: { decision: 'approved' } }), w.config)).rejects.toThrow(
      'database or disk is full',
    );
    const snapshot = await w.graph.getState(w.config);
    expect(snapshot.next).toEqual(['act']);
    expect(snapshot.tasks.some((task) => task.error !== undefined)).toBe(true);
    const probe = await runProbe(w.threads, 1);
    expect(probe.stoppedBetweenNodes).toBe(false);
    expect(probe.waitingOn(APPROVAL_ID)).toBe(false);
  },
);

it('resumes the run waiting on a decided approval with its decision once, and marks the approval resumed', async () => {
  const w = world();
  await w.graph.invoke({ caseId: 1 }, w.config);
  const decided = w.approve();
  if (!decided) throw new Error('the approval was not decided');
  const after: number[] = [];
  await resumeDecided(w.deps, w.threads, decided, async (caseId) => {
    after.push(caseId);
  });
  expect(w.acted).toEqual([expect.stringContaining('"decision":"approved"')]);
  expect(w.approvals.get(APPROVAL_ID)?.resumedAt).toBe('2026-11-21T12:00:00.000Z');
  expect(after).toEqual([1]);
  await resumeDecided(w.deps, w.threads, decided);
  expect(w.acted).toHaveLength(1);
});

it('runs a run cut off before its interrupt on to it, then resumes it with the decision', async () => {
  const w = world();
  await w.cutOff.invoke({ caseId: 1 }, w.config);
  const decided = w.approve();
  if (!decided) throw new Error('the approval was not decided');
  await resumeDecided(w.deps, w.threads, decided);
  expect(w.acted).toEqual([expect.stringContaining('"decidedBy":"UBOB"')]);
  expect((await w.graph.getState(w.config)).next).toEqual([]);
});

it('does not run again the node of a run that failed after the decision, and marks the approval resumed', async () => {
  const w = world();
  await w.graph.invoke({ caseId: 1 }, w.config);
  const decided = w.approve();
  if (!decided) throw new Error('the approval was not decided');
  w.fail(true);
  await expect(resumeDecided(w.deps, w.threads, decided)).rejects.toThrow('database or disk is full');
  expect(w.approvals.get(APPROVAL_ID)?.resumedAt).toBeNull();
  w.fail(false);
  await resumeDecided(w.deps, w.threads, decided);
  expect(w.acted).toEqual([]);
  expect(w.approvals.get(APPROVAL_ID)?.resumedAt).not.toBeNull();
});

it('commits the facts the resumed run recorded before it returns, failed or not', async () => {
  const w = world();
  await w.graph.invoke({ caseId: 1 }, w.config);
  const decided = w.approve();
  if (!decided) throw new Error('the approval was not decided');
  w.fail(true);
  await expect(resumeDecided(w.deps, w.threads, decided)).rejects.toThrow();
  expect(w.committed('node.act')).toBe(1);
});

it('does nothing for an approval still pending', async () => {
  const w = world();
  await w.graph.invoke({ caseId: 1 }, w.config);
  const pending = w.approvals.get(APPROVAL_ID);
  if (!pending) throw new Error('no approval');
  await resumeDecided(w.deps, w.threads, pending);
  expect(w.acted).toEqual([]);
  expect((await runProbe(w.threads, 1)).waitingOn(APPROVAL_ID)).toBe(true);
});
