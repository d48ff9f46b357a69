// The onboarding graph, compiled on SqliteSaver, with the real Salesforce and Slack SCIM connectors against
// their local stubs: how many times each vendor call ran, independence of the two steps, refusal of an
// invalid request, and that a re-run of a finished case never provisions again.
import { Command } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSalesforceConfig, Salesforce } from '../../../connectors/salesforce.js';
import { parseSlackScimConfig, SlackScim } from '../../../connectors/slack-scim.js';
import { openDatabase, type Database } from '../../../db/client.js';
import { ActionsRepository } from '../../../db/repositories/actions.js';
import { CasesRepository } from '../../../db/repositories/cases.js';
import { onboardStepKey, onboardThreadId } from '../../../graphs/onboarding/contracts.js';
import { compileOnboardingGraph } from '../../../graphs/onboarding/graph.js';
import type { OnboardingDeps, OnboardingNotifier, StepFlag } from '../../../graphs/onboarding/ports.js';
import type { ThreadNote } from '../../../graphs/triage/ports.js';
import { AuditLog } from '../../../src/audit/audit-log.js';
import { startSalesforceStub, type SalesforceStubState } from '../../../src/lab/vendors/salesforce-stub.js';
import { startSlackScimStub, type SlackScimStubState } from '../../../src/lab/vendors/slack-scim-stub.js';
import type { RunningStub } from '../../../src/lab/vendors/stub-server.js';
import { parseRoles } from '../../../src/roles/roles.js';
import { testRuntime } from '../../connectors/support.js';

const ROLES = `version: 1
reviewers:
  usergroup: soc-responders
email_domains: [example.com]
roles:
  sales:
    titles: [Account Executive]
    salesforce:
      profile_id: 00eTEST00000001AAA
    slack:
      user_groups: [all-staff, sales]
  engineer:
    slack:
      user_groups: [engineering]
`;
const clock = () => new Date('2026-11-21T12:00:00Z');
const DANA = { email: 'dana.ruiz@example.com', name: 'Dana Ruiz', role: 'sales' };

/** Records what the graph tells people (the Slack side is tested end to end). */
class RecordingNotifier implements OnboardingNotifier {
  notes: ThreadNote[] = [];
  flags: StepFlag[] = [];
  async caseUpdated() {}
  async approvalChanged() {}
  async threadNote(_caseId: number, note: ThreadNote) {
    this.notes.push(note);
    return true;
  }
  async stepFlagged(flag: StepFlag) {
    this.flags.push(flag);
  }
}

let db: Database;
let saver: SqliteSaver;
let salesforce: RunningStub<SalesforceStubState>;
let scim: RunningStub<SlackScimStubState>;
let notifier: RecordingNotifier;
let deps: OnboardingDeps;

beforeEach(async () => {
  db = openDatabase(':memory:');
  saver = SqliteSaver.fromConnString(':memory:');
  salesforce = await startSalesforceStub({ profiles: { '00eTEST00000001AAA': 'Sales User' } });
  scim = await startSlackScimStub({
    groups: [
      { id: 'S01', displayName: 'all-staff', members: [] },
      { id: 'S02', displayName: 'sales', members: [] },
    ],
  });
  const runtime = testRuntime({ maxAttempts: 1 });
  const sfConfig = parseSalesforceConfig({
    SALESFORCE_URL: salesforce.url,
    SALESFORCE_CLIENT_ID: salesforce.state.tokens.clientId,
    SALESFORCE_CLIENT_SECRET: salesforce.state.tokens.clientSecret,
    SALESFORCE_PROFILE_ID: '00eDEFAULT0000001A',
  });
  const scimConfig = parseSlackScimConfig({
    SLACK_SCIM_TOKEN: scim.state.token,
    SLACK_SCIM_URL: `${scim.url}/scim/v1`,
  });
  if (!sfConfig || !scimConfig) throw new Error('stub configs expected');
  notifier = new RecordingNotifier();
  deps = {
    clock,
    cases: new CasesRepository(db.orm, db.sqlite),
    actions: new ActionsRepository(db.orm),
    roles: parseRoles(ROLES),
    audit: new AuditLog(db.sqlite, clock),
    notifier,
    connectors: {
      crm: new Salesforce(sfConfig, runtime.deps),
      slackAdmin: new SlackScim(scimConfig, runtime.deps),
    },
  };
});

afterEach(async () => {
  saver.db.close();
  db.close();
  await Promise.all([salesforce.close(), scim.close()]);
});

function openCase(): number {
  return deps.cases.create({
    title: 'Onboard',
    severity: 'low',
    requestedBy: 'U0ALICE001',
    at: clock().toISOString(),
  }).id;
}

async function run(caseId: number, request: unknown, threadId = onboardThreadId(caseId)) {
  const graph = compileOnboardingGraph(deps, saver);
  return graph.invoke(
    { caseId, request, requestedBy: 'U0ALICE001' },
    { configurable: { thread_id: threadId } },
  );
}

const created = () => salesforce.state.received('POST', '/services/data/v62.0/sobjects/User');
const provisioned = () => scim.state.received('POST', '/scim/v1/Users');
const auditTypes = () =>
  (db.sqlite.prepare('SELECT type FROM audit_events ORDER BY id').all() as Array<{ type: string }>).map(
    (r) => r.type,
  );

describe('onboarding graph', () => {
  it('provisions Salesforce with the role’s profile and Slack in the role’s groups, each vendor call once, both audited', async () => {
    const caseId = openCase();
    const final = await run(caseId, DANA);

    expect(created()).toHaveLength(1);
    const user = salesforce.state.users.get('dana.ruiz@example.com');
    expect(user).toMatchObject({ ProfileId: '00eTEST00000001AAA', FirstName: 'Dana', LastName: 'Ruiz' });
    expect(provisioned()).toHaveLength(1);
    const account = [...scim.state.users.values()].find((u) => u.emails[0]?.value === DANA.email);
    expect(account).toBeDefined();
    expect(scim.state.groups.get('S01')?.members).toEqual([account?.id]);
    expect(scim.state.groups.get('S02')?.members).toEqual([account?.id]);

    expect(final.outcomes).toMatchObject({
      'provision-salesforce': { status: 'done' },
      'provision-slack': { status: 'done' },
    });
    expect(notifier.flags).toEqual([]);
    expect(deps.cases.get(caseId)?.status).toBe('resolved');
    const rows = deps.actions.forCase(caseId).map((a) => [a.idempotencyKey, a.status]);
    expect(rows.sort()).toEqual([
      [`onboard:VIG-${caseId}:provision-salesforce`, 'done'],
      [`onboard:VIG-${caseId}:provision-slack`, 'done'],
    ]);
    const types = auditTypes();
    expect(types.filter((t) => t === 'action.started')).toHaveLength(2);
    expect(types.filter((t) => t === 'action.executed')).toHaveLength(2);
    expect(types).toContain('onboarding.validated');
    expect(types.at(-1)).toBe('case.closed');
  });

  it('flags a Salesforce rejection for review and still provisions Slack; the case stays open, failed', async () => {
    salesforce.state.takenElsewhere.add(DANA.email);
    const caseId = openCase();
    const final = await run(caseId, DANA);

    expect(created()).toHaveLength(1);
    expect(salesforce.state.users.size).toBe(0);
    expect(provisioned()).toHaveLength(1);
    expect(scim.state.groups.get('S02')?.members).toHaveLength(1);
    expect(final.outcomes['provision-salesforce']?.status).toBe('failed');
    expect(final.outcomes['provision-slack']?.status).toBe('done');
    expect(notifier.flags).toHaveLength(1);
    expect(notifier.flags[0]).toMatchObject({ step: 'provision-salesforce', title: 'Salesforce account' });
    expect(notifier.flags[0]?.error).toContain('username already exists');
    const row = deps.cases.get(caseId);
    expect(row?.status).toBe('failed');
    expect(row?.closedAt).toBeNull();
    expect(row?.summary).toContain('Needs review');
    expect(auditTypes()).toEqual(expect.arrayContaining(['action.failed', 'onboarding.needs_review']));
  });

  it('waits for Retry on the failed step; a retry runs that step alone, and the case resolves', async () => {
    salesforce.state.takenElsewhere.add(DANA.email);
    const caseId = openCase();
    const graph = compileOnboardingGraph(deps, saver);
    const config = { configurable: { thread_id: onboardThreadId(caseId) } };
    await graph.invoke({ caseId, request: DANA, requestedBy: 'U0ALICE001' }, config);
    const waiting = await graph.getState(config);
    expect(waiting.tasks.flatMap((t) => t.interrupts.map((i) => i.value))).toEqual([
      { kind: 'onboard-retry', caseId, steps: ['provision-salesforce'] },
    ]);

    salesforce.state.takenElsewhere.clear();
    expect(
      deps.actions.reopenFailed(onboardStepKey(caseId, 'provision-salesforce'), clock().toISOString()),
    ).toBe(true);
    const retry = { step: 'provision-salesforce', retriedBy: 'U0BOB00001', at: clock().toISOString() };
    const final = await graph.invoke(new Command({ resume: retry }), config);

    expect(created()).toHaveLength(2);
    expect(salesforce.state.users.get(DANA.email)?.ProfileId).toBe('00eTEST00000001AAA');
    expect(provisioned()).toHaveLength(1);
    expect(final.outcomes).toMatchObject({
      'provision-salesforce': { status: 'done' },
      'provision-slack': { status: 'done' },
    });
    expect((await graph.getState(config)).next).toEqual([]);
    expect(deps.cases.get(caseId)?.status).toBe('resolved');
    expect(auditTypes().filter((t) => t === 'action.started')).toEqual([
      'action.started',
      'action.started',
      'action.started',
    ]);
  });

  it('skips Salesforce for a role without it, and takes a job title for the role', async () => {
    const caseId = openCase();
    const final = await run(caseId, { ...DANA, role: 'engineer' });
    expect(created()).toHaveLength(0);
    expect(salesforce.state.requests).toHaveLength(0);
    expect(final.outcomes['provision-salesforce']?.status).toBe('skipped');
    // `engineering` is not a group in this Slack org: the Slack step fails, with the reason, and is flagged.
    expect(final.outcomes['provision-slack']?.status).toBe('failed');
    expect(notifier.flags[0]?.error).toContain('no user group named "engineering"');

    const second = await run(openCase(), { ...DANA, email: 'eli@example.com', role: 'account executive' });
    expect(second.grant?.role).toBe('sales');
    expect(second.outcomes['provision-salesforce']?.status).toBe('done');
  });

  it('refuses an invalid request with its reason, audited, and calls no vendor', async () => {
    const caseId = openCase();
    const final = await run(caseId, { email: 'not-an-address', name: 'X', role: 'astronaut' });
    expect(final.refused).toContain('email must be an e-mail address');
    const unknownRole = await run(openCase(), { ...DANA, role: 'astronaut' });
    expect(unknownRole.refused).toBe(
      'role "astronaut" is not in the role mapping; known roles: sales, engineer',
    );
    const outsider = await run(openCase(), { ...DANA, email: 'eve@EXAMPLE.com.attacker.example' });
    expect(outsider.refused).toBe(
      "eve@EXAMPLE.com.attacker.example is not in an e-mail domain roles.yml onboards (example.com): only your organisation's people get accounts; add the domain to email_domains if it is yours",
    );
    expect(salesforce.state.requests).toHaveLength(0);
    expect(scim.state.requests).toHaveLength(0);
    expect(deps.actions.forCase(caseId)).toEqual([]);
    expect(auditTypes().filter((t) => t === 'onboarding.refused')).toHaveLength(3);
    // The domain is compared without regard to case.
    expect((await run(openCase(), { ...DANA, email: 'dana@Example.COM' })).refused).toBeNull();
    expect(deps.cases.get(caseId)?.summary).toContain('Not onboarded: email must be an e-mail address');
  });

  it('never provisions twice: a re-run of a finished case (its checkpoint lost) finds both action rows done', async () => {
    const caseId = openCase();
    await run(caseId, DANA);
    const requestsBefore = salesforce.state.requests.length + scim.state.requests.length;
    const again = await run(caseId, DANA, `${onboardThreadId(caseId)}:replayed`);
    expect(salesforce.state.requests.length + scim.state.requests.length).toBe(requestsBefore);
    expect(again.outcomes).toMatchObject({
      'provision-salesforce': { status: 'done' },
      'provision-slack': { status: 'done' },
    });
    expect(auditTypes().filter((t) => t === 'action.started')).toHaveLength(2);
  });
});
