import { Command } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { EdlBlocklist } from '../../../connectors/edl-blocklist.js';
import type { BlockIpRequest, Firewall } from '../../../connectors/types.js';
import { openDatabase, type Database } from '../../../db/client.js';
import { ActionsRepository } from '../../../db/repositories/actions.js';
import { AlertsRepository } from '../../../db/repositories/alerts.js';
import { ApprovalsRepository } from '../../../db/repositories/approvals.js';
import { BlocklistRepository } from '../../../db/repositories/blocklist.js';
import { CasesRepository } from '../../../db/repositories/cases.js';
import { emptyObservables, type Alert } from '../../../graphs/agents/extraction/contract.js';
import { compileTriageGraph, threadIdFor } from '../../../graphs/triage/graph.js';
import type { CaseNotifier, ThreadNote } from '../../../graphs/triage/ports.js';
import { GeoIpLite } from '../../../connectors/geoip-lite.js';
import { IocFile } from '../../../connectors/ioc-file.js';
import { AuditLog } from '../../../src/audit/audit-log.js';
import { Enrichment } from '../../../src/services/enrichment.js';
import { parsePolicy } from '../../../src/policy/policy.js';

const APPROVAL_POLICY =
  'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers:\n      usergroup: soc-responders\n';
const AUTO_POLICY = 'version: 1\nactions:\n  block_ip:\n    approval: auto\n    ttl: 1h\n';
const clock = () => new Date('2026-11-21T12:00:00Z');

/** A tiny normaliser so these tests exercise the graph, not extraction. */
const normalize = (raw: unknown): Alert => {
  const record = typeof raw === 'object' && raw !== null ? raw : {};
  const ip = Reflect.get(record, 'source_ip');
  return {
    format: 'test',
    recognizedBy: 'parser:test',
    title: String(Reflect.get(record, 'title') ?? 'Test alert'),
    severity: 'high',
    observedAt: null,
    ruleId: null,
    observables: { ...emptyObservables(), srcIps: typeof ip === 'string' ? [ip] : [] },
  };
};

class CountingFirewall implements Firewall {
  readonly name = 'test-firewall';
  calls: BlockIpRequest[] = [];
  constructor(private readonly inner: Firewall) {}
  async blockIp(request: BlockIpRequest) {
    this.calls.push(request);
    return this.inner.blockIp(request);
  }
}

class RecordingNotifier implements CaseNotifier {
  cards: string[] = [];
  notes: ThreadNote[] = [];
  caseUpdates = 0;
  async caseUpdated() {
    this.caseUpdates += 1;
  }
  async approvalChanged(id: string) {
    this.cards.push(id);
  }
  async threadNote(_caseId: number, note: ThreadNote) {
    this.notes.push(note);
  }
}

let db: Database;
let saver: SqliteSaver;
afterEach(() => {
  saver.db.close();
  db.close();
});

function setup(policyText: string) {
  db = openDatabase(':memory:');
  saver = SqliteSaver.fromConnString(':memory:');
  const alerts = new AlertsRepository(db.orm, db.sqlite);
  const cases = new CasesRepository(db.orm, db.sqlite);
  const approvals = new ApprovalsRepository(db.orm);
  const actions = new ActionsRepository(db.orm);
  const audit = new AuditLog(db.sqlite, clock);
  const blocklist = new BlocklistRepository(db.orm);
  const edl = new EdlBlocklist(blocklist, clock);
  const firewall = new CountingFirewall(edl);
  const notifier = new RecordingNotifier();
  const graph = compileTriageGraph(
    {
      clock,
      normalize,
      workflowVersion: 'test@1',
      alerts,
      cases,
      approvals,
      actions,
      policy: parsePolicy(policyText),
      enricher: new Enrichment({ geoIp: new GeoIpLite(), threatIntel: new IocFile([]), audit, clock }),
      firewall,
      audit,
      notifier,
    },
    saver,
  );
  const open = (payload: unknown, requestedBy = 'U0ALICE001') => {
    const at = clock().toISOString();
    const bytes = Buffer.from(JSON.stringify(payload));
    alerts.insert({
      id: 'alr_1',
      source: 'test',
      submittedBy: requestedBy,
      contentType: 'application/json',
      raw: bytes,
      rawSha256: 'x',
      status: 'received',
      error: null,
      normalized: null,
      fingerprint: null,
      caseId: null,
      relation: null,
      receivedAt: at,
    });
    const row = cases.create({ title: 'New alert', severity: 'info', requestedBy, at });
    alerts.attachToCase('alr_1', row.id);
    return {
      caseId: row.id,
      config: { configurable: { thread_id: threadIdFor(row.id) } },
      input: { caseId: row.id, alertId: 'alr_1', requestedBy },
    };
  };
  return { graph, firewall, notifier, approvals, actions, cases, audit, edl, open };
}

const resumeWith = (
  approvalId: string,
  decision: 'approved' | 'denied' = 'approved',
  reason: string | null = null,
) => ({
  approvalId,
  decision,
  decidedBy: 'U0BOB00001',
  decidedAt: clock().toISOString(),
  reason,
});

const decided = (status: 'approved' | 'denied', reason: string | null = null) => ({
  status,
  decidedBy: 'U0BOB00001',
  decidedAt: clock().toISOString(),
  reason,
});

/** The approval id a run stopped for; fails the test if it did not stop. */
function pendingApproval(state: { approvalId: string | null }): string {
  expect(state.approvalId).toMatch(/^apr_/);
  return String(state.approvalId);
}

describe('triage graph', () => {
  it('stops at the approval interrupt without blocking anything, then blocks exactly once after approval', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input, caseId } = t.open({ title: 'SSH brute force', source_ip: '203.0.113.7' });

    const first = await t.graph.invoke(input, config);
    expect(Reflect.get(first, '__interrupt__')).toHaveLength(1);
    expect(t.firewall.calls).toHaveLength(0);
    const approvalId = pendingApproval(first);
    expect(t.notifier.cards).toEqual([approvalId]);
    expect(t.cases.get(caseId)?.status).toBe('awaiting_approval');

    t.approvals.decide(approvalId, decided('approved'));
    const done = await t.graph.invoke(new Command({ resume: resumeWith(approvalId) }), config);

    expect(t.firewall.calls).toEqual([expect.objectContaining({ ip: '203.0.113.7', caseId })]);
    expect(done.execution).toMatchObject({ status: 'done' });
    expect(t.edl.render()).toBe('203.0.113.7\n');
    // The node before the interrupt did not run again on resume: one approval row, one card.
    expect(t.notifier.cards).toEqual([approvalId]);
    expect(t.cases.get(caseId)?.status).toBe('resolved');
    expect(t.audit.verify().ok).toBe(true);
  });

  it('runs the action once even if the finished thread is resumed again', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Scan', source_ip: '198.51.100.9' });
    const first = await t.graph.invoke(input, config);
    t.approvals.decide(pendingApproval(first), decided('approved'));
    await t.graph.invoke(new Command({ resume: resumeWith(pendingApproval(first)) }), config);
    await t.graph.invoke(new Command({ resume: resumeWith(pendingApproval(first)) }), config);
    expect(t.firewall.calls).toHaveLength(1);
  });

  it('records a denial with its reason and blocks nothing', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input, caseId } = t.open({ title: 'Scan', source_ip: '198.51.100.10' });
    const first = await t.graph.invoke(input, config);
    t.approvals.decide(pendingApproval(first), decided('denied', 'our scanner'));
    const done = await t.graph.invoke(
      new Command({ resume: resumeWith(pendingApproval(first), 'denied', 'our scanner') }),
      config,
    );
    expect(t.firewall.calls).toHaveLength(0);
    expect(done.execution).toMatchObject({ status: 'skipped' });
    expect(done.summary).toContain('our scanner');
    expect(t.actions.forCase(caseId)).toHaveLength(0);
  });

  it('refuses to execute when the recorded approval does not match the action (tampered hash)', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Scan', source_ip: '198.51.100.11' });
    const first = await t.graph.invoke(input, config);
    t.approvals.decide(pendingApproval(first), decided('approved'));
    db.sqlite.prepare("UPDATE approvals SET action_hash = 'forged' WHERE id = ?").run(pendingApproval(first));
    const done = await t.graph.invoke(new Command({ resume: resumeWith(pendingApproval(first)) }), config);
    expect(t.firewall.calls).toHaveLength(0);
    expect(done.execution).toMatchObject({ status: 'failed' });
  });

  it('rejects a resume value that is not a decision', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Scan', source_ip: '198.51.100.12' });
    await t.graph.invoke(input, config);
    await expect(
      t.graph.invoke(new Command({ resume: { approve: true } as unknown }), config),
    ).rejects.toThrow();
    expect(t.firewall.calls).toHaveLength(0);
  });

  it('runs the action without waiting when policy allows auto-run, with the policy TTL', async () => {
    const t = setup(AUTO_POLICY);
    const { config, input } = t.open({ title: 'Known bad IP', source_ip: '192.0.2.44' });
    const done = await t.graph.invoke(input, config);
    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(t.firewall.calls).toEqual([
      expect.objectContaining({ ip: '192.0.2.44', expiresAt: '2026-11-21T13:00:00.000Z' }),
    ]);
  });

  it('proposes nothing for an alert with no blockable source IP', async () => {
    const t = setup(APPROVAL_POLICY);
    const { config, input } = t.open({ title: 'Odd login', source_ip: '127.0.0.1' });
    const done = await t.graph.invoke(input, config);
    expect(done.proposal).toBeNull();
    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(t.notifier.cards).toHaveLength(0);
  });
});
