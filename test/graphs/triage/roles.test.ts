// The triage graph's roles end to end on real connectors and their local stubs: classification picks the
// playbook, enrichment finds the host's tags and the user's id, validation scores confidence and raises
// exceptions, policy auto-runs only where it allows, several proposals are worked in turn, a high-severity
// case gets exactly one Jira ticket, and every node run is in the audit chain.
import { Command } from '@langchain/langgraph';
import { afterEach, describe, expect, it } from 'vitest';
import { labFalcon } from '../../fakes/lab-falcon.js';
import { DefenderEndpoint, parseDefenderConfig } from '../../../connectors/defender-endpoint.js';
import { Jira, parseJiraConfig } from '../../../connectors/jira.js';
import { Okta, parseOktaConfig } from '../../../connectors/okta.js';
import { classifyAlert } from '../../../graphs/triage/nodes/classify.js';
import { sampleDefenderMachine, startDefenderStub } from '../../../src/lab/vendors/defender-stub.js';
import { STUB_TENANT_ID } from '../../../src/lab/vendors/microsoft-login-stub.js';
import { sampleFalconDevice } from '../../../src/lab/vendors/falcon-stub.js';
import { startJiraStub } from '../../../src/lab/vendors/jira-stub.js';
import { sampleOktaUser, startOktaStub } from '../../../src/lab/vendors/okta-stub.js';
import type { RunningStub } from '../../../src/lab/vendors/stub-server.js';
import { normalize, pendingApproval, resumeWith, setup, decided } from './harness.js';

const stubs: Array<Pick<RunningStub<never>, 'close'>> = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

async function falcon() {
  const lab = await labFalcon([
    sampleFalconDevice('dev-lab', 'LAB-WS-1', '10.9.0.1', 'normal', ['SensorGroupingTags/lab']),
    sampleFalconDevice('dev-prod', 'PAY-DB-1', '10.1.0.1', 'normal', ['SensorGroupingTags/prod']),
  ]);
  stubs.push(lab.stub);
  return lab;
}

async function defender() {
  const stub = await startDefenderStub({
    machines: [sampleDefenderMachine('m-lab', 'lab-ws-9', '10.9.0.9')],
  });
  stubs.push(stub);
  const config = parseDefenderConfig({
    DEFENDER_TENANT_ID: STUB_TENANT_ID,
    DEFENDER_CLIENT_ID: stub.state.tokens.clientId,
    DEFENDER_CLIENT_SECRET: stub.state.tokens.clientSecret,
    DEFENDER_API_URL: stub.url,
    DEFENDER_LOGIN_URL: stub.url,
  });
  if (!config) throw new Error('defender config expected');
  return { stub, edr: new DefenderEndpoint(config) };
}

async function okta() {
  const stub = await startOktaStub({ users: [sampleOktaUser('00uann', 'ann.lee@example.com')] });
  stubs.push(stub);
  const config = parseOktaConfig({ OKTA_ORG_URL: stub.url, OKTA_API_TOKEN: stub.state.token });
  if (!config) throw new Error('okta config expected');
  return { stub, identityProvider: new Okta(config) };
}

async function jira() {
  const stub = await startJiraStub();
  stubs.push(stub);
  const config = parseJiraConfig({
    JIRA_BASE_URL: stub.url,
    JIRA_EMAIL: stub.state.email,
    JIRA_API_TOKEN: stub.state.apiToken,
    JIRA_PROJECT_KEY: 'SOC',
  });
  if (!config) throw new Error('jira config expected');
  return { stub, ticketing: new Jira(config) };
}

const ENVIRONMENTS = `environments:
  default: prod
  match:
    - { name: prod, tags: [SensorGroupingTags/prod] }
    - { name: lab, tags: [SensorGroupingTags/lab] }
`;

const ISOLATE_POLICY = `version: 1
${ENVIRONMENTS}actions:
  isolate_host:
    approval: required
    approvers: { usergroup: soc-responders }
    tier: 2
    auto_run: { min_confidence: 0.8, environments: [lab] }
`;

const malware = (host: string) => ({
  format: 'crowdstrike.falcon',
  title: 'Malware detected: ransomware dropper',
  severity: 'critical',
  hosts: [host],
});

describe('triage roles', () => {
  it('classifies by format, title and observables, and says why', () => {
    const alert = (title: string, format = 'test', extra = {}) =>
      normalize({ title, format, severity: 'high', ...extra });
    expect(classifyAlert(alert('Ransomware behaviour on host', 'crowdstrike.falcon')).playbook).toBe(
      'endpoint-malware',
    );
    expect(
      classifyAlert(alert('Impossible travel sign-in', 'okta.system', { users: ['a@x'] })).playbook,
    ).toBe('identity-compromise');
    expect(classifyAlert(alert('S3 bucket made public', 'aws.cloudtrail')).playbook).toBe(
      'cloud-misconfiguration',
    );
    expect(
      classifyAlert(alert('ET SCAN Nmap scan', 'suricata.eve', { source_ip: '203.0.113.9' })).playbook,
    ).toBe('network-indicator');
    const other = classifyAlert(alert('Something happened'));
    expect(other).toMatchObject({ family: 'other', playbook: 'observe', by: 'heuristic' });
    expect(other.reasons).toContain('no signal points at a family');
    // Every reason names the family it counts for, and a tie says how it was settled.
    const tie = classifyAlert(alert('Exploitation of public VPN appliance followed by admin logon'));
    expect(tie.reasons).toEqual([
      'title mentions "exploit" (endpoint +3)',
      'title mentions "logon" (identity +3)',
      'endpoint and identity score 3 each: endpoint is weighed first',
    ]);
  });

  it('isolates a lab host without waiting when confidence clears the auto-run bar there, exactly once', async () => {
    const { stub, edr } = await falcon();
    const t = setup(ISOLATE_POLICY, { edr });
    const { config, input, caseId } = t.open(malware('LAB-WS-1'));
    const done = await t.graph.invoke(input, config);

    expect(Reflect.get(done, '__interrupt__')).toBeUndefined();
    expect(done.classification?.playbook).toBe('endpoint-malware');
    expect(done.validation).toMatchObject({ environment: 'lab', confidence: 0.85, exceptions: [] });
    expect(done.outcomes).toHaveLength(1);
    expect(done.outcomes[0]).toMatchObject({
      proposal: { kind: 'isolate_host', target: 'LAB-WS-1', parameters: { hostId: 'dev-lab' } },
      gate: { mode: 'auto', reason: 'auto-run: confidence 0.85 ≥ 0.8 in lab', tier: 2 },
      execution: { status: 'done' },
    });
    expect(stub.state.received('POST', '/devices/entities/devices-actions/v2')).toHaveLength(1);
    expect(t.actions.forCase(caseId).map((a) => [a.kind, a.status])).toEqual([['isolate_host', 'done']]);
    // A resumed finished thread repeats nothing.
    await t.graph.invoke(new Command({ resume: resumeWith('apr_none') }), config);
    expect(stub.state.received('POST', '/devices/entities/devices-actions/v2')).toHaveLength(1);
  });

  it('asks a person before isolating the same alert on a prod host, and shows why on the card', async () => {
    const { stub, edr } = await falcon();
    const t = setup(ISOLATE_POLICY, { edr });
    const { config, input } = t.open(malware('PAY-DB-1'));
    const first = await t.graph.invoke(input, config);

    const approvalId = pendingApproval(first);
    expect(first.gate).toMatchObject({
      mode: 'approval',
      reason: 'policy requires approval: auto-run is not allowed in prod',
    });
    expect(stub.state.received('POST', '/devices/entities/devices-actions/v2')).toHaveLength(0);
    const details = JSON.parse(String(t.approvals.get(approvalId)?.details)) as Record<string, unknown>;
    expect(details).toMatchObject({
      confidence: 0.85,
      environment: 'prod',
      reversible: true,
      tier: 2,
      blastRadius: expect.stringContaining('PAY-DB-1 loses all network access'),
      evidence: [expect.stringContaining('host PAY-DB-1 · crowdstrike-falcon: containment normal')],
    });
  });

  it('never auto-runs for a host in a maintenance window: the exception sends it to a person', async () => {
    const { stub, edr } = await falcon();
    const policy = ISOLATE_POLICY.replace(
      'actions:',
      `validation:
  maintenance_windows:
    - hosts: ['lab-*']
      start: 2026-11-21T11:00:00Z
      end: 2026-11-21T13:00:00Z
      reason: re-imaging the lab
actions:`,
    );
    const t = setup(policy, { edr });
    const { config, input } = t.open(malware('LAB-WS-1'));
    const first = await t.graph.invoke(input, config);
    expect(first.validation?.exceptions).toEqual([
      { kind: 'maintenance_window', subject: 'host LAB-WS-1', detail: 'in maintenance: re-imaging the lab' },
    ]);
    expect(first.gate).toMatchObject({ mode: 'approval', reason: expect.stringContaining('exceptions') });
    pendingApproval(first);
    expect(stub.state.received('POST', '/devices/entities/devices-actions/v2')).toHaveLength(0);
  });

  it('never proposes to block an allow-listed address', async () => {
    const policy = `version: 1
validation:
  allow_list: { ips: [198.51.100.0/28] }
actions:
  block_ip: { approval: auto }
`;
    const t = setup(policy);
    const { config, input } = t.open({
      title: 'Port scan',
      format: 'suricata.eve',
      source_ip: '198.51.100.5',
    });
    const done = await t.graph.invoke(input, config);
    expect(done.proposals).toEqual([]);
    expect(done.validation?.exceptions).toEqual([
      { kind: 'allow_list', subject: 'ip 198.51.100.5', detail: 'on the allow-list' },
    ]);
    expect(t.firewall.calls).toHaveLength(0);
  });

  it('works an identity compromise as two approvals in turn (disable the user, block the IP), each run once', async () => {
    const { stub, identityProvider } = await okta();
    const policy = `version: 1
actions:
  disable_user: { approval: required, approvers: { usergroup: soc-senior }, tier: 3 }
  block_ip: { approval: required, approvers: { usergroup: soc-responders } }
`;
    const t = setup(policy, { identityProvider });
    const { config, input, caseId } = t.open({
      format: 'okta.system',
      title: 'Suspicious sign-in: impossible travel',
      severity: 'high',
      users: ['ann.lee@example.com'],
      source_ip: '203.0.113.77',
    });
    const first = await t.graph.invoke(input, config);
    expect(first.proposals.map((p) => p.id)).toEqual([
      'disable_user:ann.lee@example.com',
      'block_ip:203.0.113.77',
    ]);
    const disableId = pendingApproval(first);
    t.approvals.decide(disableId, decided('approved'));
    const second = await t.graph.invoke(new Command({ resume: resumeWith(disableId) }), config);
    expect(stub.state.lifecycle).toEqual(['suspend 00uann']);
    expect(stub.state.received('DELETE', '/api/v1/users/00uann/sessions')).toHaveLength(1);

    const blockId = pendingApproval(second);
    expect(blockId).not.toBe(disableId);
    expect(t.firewall.calls).toHaveLength(0);
    t.approvals.decide(blockId, decided('denied', 'shared VPN egress'));
    const done = await t.graph.invoke(
      new Command({ resume: resumeWith(blockId, 'denied', 'shared VPN egress') }),
      config,
    );
    expect(done.outcomes.map((o) => [o.proposal.kind, o.execution?.status])).toEqual([
      ['disable_user', 'done'],
      ['block_ip', 'skipped'],
    ]);
    expect(done.summary).toContain('shared VPN egress');
    expect(stub.state.lifecycle).toEqual(['suspend 00uann']);
    expect(t.firewall.calls).toHaveLength(0);
    expect(t.cases.get(caseId)?.status).toBe('resolved');
    expect(t.audit.verify().ok).toBe(true);
  });

  it('opens one Jira issue for a high-severity alert with the exact fields, links it in the thread and records alert ↔ ticket', async () => {
    const { stub, ticketing } = await jira();
    const t = setup('version: 1\nactions: {}\n', { ticketing });
    const { config, input, caseId, alertId } = t.open({
      title: 'Exploitation of public VPN appliance',
      severity: 'critical',
      source_ip: '192.0.2.66',
    });
    const done = await t.graph.invoke(input, config);
    const nodes = t.audit
      .forCase(caseId)
      .filter((row) => row.type === 'node.completed')
      .map((row) => (JSON.parse(row.data) as { node: string }).node);
    expect(nodes.slice(0, 6)).toEqual([
      'normalise',
      'classify',
      'enrich',
      'validate',
      'open-ticket',
      'propose',
    ]);

    const issues = [...stub.state.issues.values()];
    expect(issues).toHaveLength(1);
    const fields = issues[0]?.fields ?? {};
    expect(fields).toMatchObject({
      project: { key: 'SOC' },
      issuetype: { name: 'Task' },
      priority: { name: 'Highest' },
      summary: 'High-Severity Alert: Exploitation of public VPN appliance',
      description: { type: 'doc', version: 1 },
    });
    expect(JSON.stringify(fields.description)).toContain('Source IPs: 192.0.2.66');
    expect(fields.labels).toEqual(expect.arrayContaining(['vigil', `vigil-case-${caseId}`, 'high-severity']));
    expect(done.ticket).toEqual({
      key: issues[0]?.key,
      url: `${stub.url}/browse/${issues[0]?.key}`,
      created: true,
    });
    expect(t.tickets.forAlert(alertId)).toEqual([
      expect.objectContaining({ key: issues[0]?.key, caseId, alertId, tracker: 'jira' }),
    ]);
    expect(t.notifier.notes.find((n) => n.title === 'Ticket')?.text).toContain(
      `Opened ${issues[0]?.key} in jira (priority Highest)`,
    );
    // The closing summary goes on the ticket as a comment, once.
    expect(issues[0]?.comments).toHaveLength(1);
    await t.graph.invoke(input, config);
    expect(stub.state.issues.size).toBe(1);
  });

  it('opens no ticket for a medium-severity alert', async () => {
    const { stub, ticketing } = await jira();
    const t = setup('version: 1\nactions: {}\n', { ticketing });
    const { config, input } = t.open({ title: 'Odd DNS query', severity: 'medium' });
    await t.graph.invoke(input, config);
    expect(stub.state.issues.size).toBe(0);
  });

  it("records every node run with its input and output digests under the workflow's version hash", async () => {
    const t = setup('version: 1\nactions: {}\n');
    const { config, input, caseId } = t.open({ title: 'Odd DNS query', severity: 'medium' });
    await t.graph.invoke(input, config);
    const rows = t.audit
      .forCase(caseId)
      .filter((row) => row.type === 'node.completed')
      .map((row) => JSON.parse(row.data) as { node: string; workflowHash: string; inputDigest: string });
    // A medium alert has no ticket to open: the run goes from validate straight to propose.
    expect(rows.map((r) => r.node)).toEqual([
      'normalise',
      'classify',
      'enrich',
      'validate',
      'propose',
      'summarise',
    ]);
    expect(new Set(rows.map((r) => r.workflowHash)).size).toBe(1);
    expect(rows[0]?.workflowHash).toMatch(/^[a-f0-9]{64}$/);
    expect(rows.every((r) => /^[a-f0-9]{64}$/.test(r.inputDigest))).toBe(true);
    expect(t.audit.verify().ok).toBe(true);
  });

  it('quarantines the file first, then isolates the host, on an EDR that can (Defender), each run once', async () => {
    const { stub, edr } = await defender();
    const sha1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
    const policy = `version: 1
environments: { default: lab }
actions:
  quarantine_file: { approval: auto, tier: 2 }
  isolate_host: { approval: auto, tier: 2 }
`;
    const t = setup(policy, { edr });
    const { config, input } = t.open({
      ...malware('lab-ws-9'),
      format: 'microsoft.defender',
      hashes: [sha1],
    });
    const done = await t.graph.invoke(input, config);
    expect(done.outcomes.map((o) => [o.proposal.kind, o.execution?.status])).toEqual([
      ['quarantine_file', 'done'],
      ['isolate_host', 'done'],
    ]);
    expect(stub.state.actions.map((a) => [a.type, a.machineId, a.sha1])).toEqual([
      ['StopAndQuarantineFile', 'm-lab', sha1],
      ['Isolate', 'm-lab', undefined],
    ]);
    expect(done.outcomes[0]?.proposal.reversible).toBe(false);
  });

  it('files a forbidden proposal with why, and still works the next one (the gate moves on by itself)', async () => {
    const { stub, edr } = await defender();
    const sha1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
    // quarantine_file is not named, so policy forbids it; isolate_host runs automatically.
    const policy = `version: 1
environments: { default: lab }
actions:
  isolate_host: { approval: auto, tier: 2 }
`;
    const t = setup(policy, { edr });
    const { config, input, caseId } = t.open({
      ...malware('lab-ws-9'),
      format: 'microsoft.defender',
      hashes: [sha1],
    });
    const done = await t.graph.invoke(input, config);
    expect(done.outcomes.map((o) => [o.proposal.kind, o.gate?.mode, o.execution?.status ?? null])).toEqual([
      ['quarantine_file', 'forbidden', null],
      ['isolate_host', 'auto', 'done'],
    ]);
    expect(stub.state.actions.map((a) => a.type)).toEqual(['Isolate']);
    const nodes = t.audit
      .forCase(caseId)
      .filter((row) => row.type === 'node.completed')
      .map((row) => (JSON.parse(row.data) as { node: string }).node);
    expect(nodes.slice(-4)).toEqual(['policy-gate', 'policy-gate', 'execute', 'summarise']);
    expect(done.summary).toContain('Proposed: quarantine_file lab-ws-9');
    expect(done.summary).toMatch(/Policy: forbidden/);
  });

  it('supersedes a pending card whose action changed when the run was repeated, and acts only on the new one', async () => {
    const { stub, edr } = await falcon();
    let now = Date.parse('2026-11-21T12:00:00Z');
    const t = setup(ISOLATE_POLICY, { edr, now: () => new Date(now) });
    const { config, input, caseId } = t.open(malware('PAY-DB-1'));
    const first = pendingApproval(await t.graph.invoke(input, config));

    // The host was re-enrolled under a new device id, and the run is repeated (its checkpoint was lost).
    const device = stub.state.devices.get('dev-prod');
    if (!device) throw new Error('seeded device missing');
    stub.state.devices.delete('dev-prod');
    stub.state.devices.set('dev-prod-2', { ...device, device_id: 'dev-prod-2' });
    now += 2 * 3600_000;
    const rerun = { configurable: { thread_id: `${config.configurable.thread_id}-rerun` } };
    const second = pendingApproval(await t.graph.invoke(input, rerun));

    expect(second).not.toBe(first);
    expect(t.approvals.get(first)).toMatchObject({
      status: 'stale',
      reason: 'what it would do changed after this card was posted',
    });
    expect(t.approvals.listDecidedNotResumed().map((a) => a.id)).not.toContain(first);
    expect(t.notifier.cards.filter((id) => id === first)).toHaveLength(2);
    expect(t.approvals.decide(first, decided('approved'))).toBeUndefined();

    t.approvals.decide(second, decided('approved'));
    await t.graph.invoke(new Command({ resume: resumeWith(second) }), rerun);
    expect(stub.state.actions).toEqual(['contain dev-prod-2']);
    expect(t.actions.forCase(caseId).filter((a) => a.kind === 'isolate_host')).toHaveLength(1);
  });
});
