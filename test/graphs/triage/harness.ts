// The triage graph compiled on a real SQLite store and checkpointer, with a counting firewall over the EDL and
// a notifier that records what it was told; vendors (EDR, identity provider, tracker) are the real
// connectors pointed at their local stubs when a test passes them.
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { afterEach, expect } from 'vitest';
import { EdlBlocklist } from '../../../connectors/edl-blocklist.js';
import { GeoIpLite } from '../../../connectors/geoip-lite.js';
import { IocFile, type IocEntry } from '../../../connectors/ioc-file.js';
import type {
  BlockIpRequest,
  Edr,
  Firewall,
  IdentityProvider,
  Ticketing,
} from '../../../connectors/types.js';
import { openDatabase, type Database } from '../../../db/client.js';
import { ActionsRepository } from '../../../db/repositories/actions.js';
import { AlertsRepository } from '../../../db/repositories/alerts.js';
import { ApprovalsRepository } from '../../../db/repositories/approvals.js';
import { BlocklistRepository } from '../../../db/repositories/blocklist.js';
import { CaseEntitiesRepository } from '../../../db/repositories/case-entities.js';
import { CasesRepository } from '../../../db/repositories/cases.js';
import { TicketsRepository } from '../../../db/repositories/tickets.js';
import { Alert, emptyObservables } from '../../../graphs/agents/extraction/contract.js';
import type { ExtractionAgent } from '../../../graphs/agents/extraction/model-agent.js';
import { compileTriageGraph, threadIdFor } from '../../../graphs/triage/graph.js';
import type { CaseNotifier, PolicyPort, ThreadNote } from '../../../graphs/triage/ports.js';
import { AuditLog } from '../../../src/audit/audit-log.js';
import { CaseEntityCorrelation } from '../../../src/intake/case-correlation.js';
import { readPayload } from '../../../src/intake/normalize.js';
import { parsePolicy } from '../../../src/policy/policy.js';
import { Enrichment } from '../../../src/services/enrichment.js';

export const APPROVAL_POLICY =
  'version: 1\nactions:\n  block_ip:\n    approval: required\n    approvers:\n      usergroup: soc-responders\n';
export const AUTO_POLICY = 'version: 1\nactions:\n  block_ip:\n    approval: auto\n    ttl: 1h\n';
export const clock = () => new Date('2026-11-21T12:00:00Z');

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * A tiny normaliser so these tests exercise the graph, not extraction: `title`, `severity`, `format`,
 * `source_ip`, `users` and `hosts` are taken as they are.
 */
export const normalize = (raw: unknown): Alert => {
  const record = typeof raw === 'object' && raw !== null ? raw : {};
  const field = (key: string) => Reflect.get(record, key);
  const ip = field('source_ip');
  return Alert.parse({
    format: typeof field('format') === 'string' ? field('format') : 'test',
    recognizedBy: 'parser:test',
    title: String(field('title') ?? 'Test alert'),
    severity: typeof field('severity') === 'string' ? field('severity') : 'high',
    observedAt: null,
    ruleId: null,
    observables: {
      ...emptyObservables(),
      srcIps: typeof ip === 'string' ? [ip] : [],
      users: strings(field('users')),
      hosts: strings(field('hosts')),
      hashes: strings(field('hashes')),
    },
  });
};

export class CountingFirewall implements Firewall {
  readonly name = 'test-firewall';
  calls: BlockIpRequest[] = [];
  constructor(private readonly inner: Firewall) {}
  async blockIp(request: BlockIpRequest) {
    this.calls.push(request);
    return this.inner.blockIp(request);
  }
}

export class RecordingNotifier implements CaseNotifier {
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
    return true;
  }
}

export interface SetupOptions {
  /** The model-backed extraction agent, and the normaliser that feeds it. */
  extraction?: ExtractionAgent;
  normalize?: (raw: unknown) => Alert;
  edr?: Edr;
  identityProvider?: IdentityProvider;
  ticketing?: Ticketing;
  iocs?: IocEntry[];
  now?: () => Date;
}

let db: Database | undefined;
let saver: SqliteSaver | undefined;
afterEach(() => {
  saver?.db.close();
  db?.close();
  saver = undefined;
  db = undefined;
});

export function setup(policyText: string, options: SetupOptions = {}) {
  const now = options.now ?? clock;
  const store = openDatabase(':memory:');
  db = store;
  saver = SqliteSaver.fromConnString(':memory:');
  const alerts = new AlertsRepository(store.orm, store.sqlite);
  const cases = new CasesRepository(store.orm, store.sqlite);
  const approvals = new ApprovalsRepository(store.orm);
  const actions = new ActionsRepository(store.orm);
  const tickets = new TicketsRepository(store.orm);
  const audit = new AuditLog(store.sqlite, now);
  const edl = new EdlBlocklist(new BlocklistRepository(store.orm), now);
  const firewall = new CountingFirewall(edl);
  const notifier = new RecordingNotifier();
  // The policy in force; `setPolicy` changes it as an edit of policy.yml would.
  let inForce = parsePolicy(policyText);
  const policy: PolicyPort = {
    evaluate: (action, context) => inForce.evaluate(action, context),
    validationRules: () => inForce.validationRules(),
    agentRules: (agent) => inForce.agentRules(agent),
  };
  const setPolicy = (text: string) => {
    inForce = parsePolicy(text);
    return inForce.hash;
  };
  const graph = compileTriageGraph(
    {
      clock: now,
      normalize: options.normalize ?? normalize,
      readPayload,
      extraction: options.extraction,
      workflowVersion: 'test@1',
      alerts,
      cases,
      approvals,
      actions,
      tickets,
      correlation: new CaseEntityCorrelation(new CaseEntitiesRepository(store.sqlite)),
      policy,
      enricher: new Enrichment({
        geoIp: new GeoIpLite(),
        threatIntel: new IocFile(options.iocs ?? []),
        edr: options.edr,
        identityProvider: options.identityProvider,
        audit,
        clock: now,
      }),
      responders: { firewall, edr: options.edr, identityProvider: options.identityProvider },
      ticketing: options.ticketing,
      audit,
      notifier,
    },
    saver,
  );
  let alertCount = 0;
  const open = (payload: unknown, requestedBy = 'U0ALICE001') => {
    const at = now().toISOString();
    const bytes = Buffer.from(JSON.stringify(payload));
    alertCount += 1;
    const alertId = `alr_${alertCount}`;
    alerts.insert({
      id: alertId,
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
    alerts.attachToCase(alertId, row.id);
    return {
      caseId: row.id,
      alertId,
      config: { configurable: { thread_id: threadIdFor(row.id) } },
      input: { caseId: row.id, alertId, requestedBy },
    };
  };
  return {
    db: store,
    graph,
    firewall,
    notifier,
    approvals,
    actions,
    tickets,
    cases,
    audit,
    edl,
    open,
    setPolicy,
  };
}

export const resumeWith = (
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

export const decided = (status: 'approved' | 'denied', reason: string | null = null) => ({
  status,
  decidedBy: 'U0BOB00001',
  decidedAt: clock().toISOString(),
  reason,
});

/** The approval id a run stopped for; fails the test if it did not stop. */
export function pendingApproval(state: { approvalId: string | null }): string {
  expect(state.approvalId).toMatch(/^apr_/);
  return String(state.approvalId);
}
