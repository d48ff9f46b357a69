// The Wiz parser on synthetic GraphQL records (audit log entries, issues, Defend detections): detection, the
// users and addresses Elastic's wiz pipelines keep, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { wizParser } from '../../../src/intake/parsers/wiz.js';
import { registryClaims } from './registry-claims.js';

const auditLogin = {
  id: 'c0000000-0000-4000-8000-000000000001',
  action: ' user Login',
  requestId: 'c0000000-0000-4000-8000-000000000001',
  status: 'SUCCESS',
  timestamp: '2024-04-10T08:00:00.125Z',
  actionParameters: {
    clientID: 'democlientid',
    name: 'demo-sa',
    role: '',
    userEmail: '',
    userID: 'demo-user-id-0001',
    userpoolID: 'eu-west-1_DemoPool',
  },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36',
  sourceIP: null,
  serviceAccount: { id: 'demo-user-id-0001', name: 'demo-sa' },
  user: { id: 'u-0042', name: 'analyst7' },
};

const auditFailure = {
  id: 'c0000000-0000-4000-8000-000000000002',
  action: 'Create Report',
  requestId: 'c0000000-0000-4000-8000-000000000002',
  status: 'FAILURE',
  timestamp: '2024-04-10T08:05:00Z',
  actionParameters: { userEmail: 'owner@example.com' },
  sourceIP: '203.0.113.50',
  serviceAccount: null,
  user: { id: 'u-0043', name: 'reporter' },
};

const issue = {
  id: 'd0000000-0000-4000-8000-000000000001',
  type: 'TOXIC_COMBINATION',
  severity: 'HIGH',
  status: 'OPEN',
  createdAt: '2024-04-09T00:00:00Z',
  updatedAt: '2024-04-10T00:00:00Z',
  statusChangedAt: '2024-04-10T01:02:03.5Z',
  entitySnapshot: { name: 'demo-bucket', type: 'BUCKET', cloudPlatform: 'AWS', region: 'eu-west-1' },
  notes: [
    { text: 'looking', user: { name: 'triager', email: 'triager@example.com' } },
    { text: 'fixed', user: { name: 'fixer', email: 'fixer@example.com' } },
  ],
  sourceRule: {
    __typename: 'Control',
    id: 'wc-id-demo',
    name: 'Publicly exposed bucket with sensitive data',
  },
};

const defend = {
  id: 'e0000000-0000-4000-8000-000000000001',
  title: 'Suspicious shell in container',
  severity: 'CRITICAL',
  createdAt: '2024-04-10T09:00:00Z',
  trigger: { ruleId: 'r-demo-1', ruleName: 'Demo rule', type: 'Created' },
  primaryActor: {
    id: 'actor-0001',
    name: 'deploy-bot',
    email: 'deploy-bot@example.com',
    type: 'SERVICE_ACCOUNT',
  },
  primaryResource: { id: 'res-1', name: 'web-container', type: 'CONTAINER' },
  triggeringEvent: {
    id: 'te-1',
    eventTime: '2024-04-10T08:59:58Z',
    actor: { id: 'actor-0001', name: 'Deploy Bot' },
    actorIP: '198.51.100.23',
    subjectResourceIp: '192.0.2.80',
    runtimeDetails: {
      processTree: [
        { path: '/bin/sh', userId: '1000', username: 'www' },
        { path: '/usr/bin/curl', userId: 0, username: 'root' },
      ],
    },
  },
};

const vulnerability = {
  id: 'f0000000-0000-4000-8000-000000000001',
  name: 'CVE-2024-00001',
  CVSSSeverity: 'MEDIUM',
  vendorSeverity: 'HIGH',
  status: 'OPEN',
  detectionMethod: 'PACKAGE',
  detailedName: 'libdemo',
  firstDetectedAt: '2024-01-01T00:00:00Z',
  lastDetectedAt: '2024-04-01T12:00:00Z',
  vulnerableAsset: {
    id: 'asset-1',
    type: 'VIRTUAL_MACHINE',
    name: 'build-vm-03',
    operatingSystem: 'Linux',
    ipAddresses: ['192.0.2.31', '2001:db8::31'],
  },
};

// A Defend detection of the v2 API: triggering events under `triggeringEvents.nodes`, the rule under `ruleMatch`.
const defendV2 = {
  id: 'det-v2-0001',
  type: 'MATCH_ONLY',
  origins: ['AWS_GUARD_DUTY'],
  severity: 'HIGH',
  createdAt: '2024-04-11T09:00:00.5Z',
  description: 'An instance is the target of SSH brute force attempts.',
  primaryResource: { type: 'VIRTUAL_MACHINE', name: 'web-vm-02', externalId: 'i-0000000000000002' },
  primaryActor: { id: 'a-1', name: '203.0.113.99', type: 'NETWORK_ADDRESS', email: null },
  triggeringEvents: {
    totalCountV2: 2,
    nodes: [
      { id: 'ev-1', actorIP: '203.0.113.99', timestamp: '2024-04-11T08:55:00Z' },
      { id: 'ev-2', actorIP: '203.0.113.100', timestamp: '2024-04-11T08:56:00Z' },
    ],
  },
  ruleMatch: { rule: { id: 'rule-v2-1', name: 'UnauthorizedAccess:EC2/SSHBruteForce', builtin: true } },
};

const samples = { auditLogin, auditFailure, issue, defend, defendV2, vulnerability };

describe('wizParser', () => {
  it('detects audit entries, issues, vulnerability findings and Defend detections', () => {
    for (const [name, sample] of Object.entries(samples)) expect(wizParser.detect(sample), name).toBe(true);
  });

  it('reports the audit user name, then its id, the target user id and the user pool id', () => {
    const alert = wizParser.parse(auditLogin);
    expect(alert.format).toBe('wiz.audit');
    expect(alert.observables.users).toEqual([
      'analyst7',
      'u-0042',
      'demo-user-id-0001',
      'eu-west-1_DemoPool',
    ]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.ruleId).toBe('user-login');
    expect(alert.observedAt).toBe('2024-04-10T08:00:00.125Z');
    expect(alert.severity).toBe('info');
  });

  it('reads the audit source address and a target e-mail, and flags a failure', () => {
    const alert = wizParser.parse(auditFailure);
    expect(alert.observables.srcIps).toEqual(['203.0.113.50']);
    expect(alert.observables.ips).toEqual(['203.0.113.50']);
    expect(alert.observables.users).toEqual(['reporter', 'u-0043', 'owner@example.com']);
    expect(alert.severity).toBe('low');
  });

  it('reads an issue: note authors (names, then e-mails), severity, rule and status change time', () => {
    const alert = wizParser.parse(issue);
    expect(alert.format).toBe('wiz.issue');
    expect(alert.observables.users).toEqual(['triager', 'fixer', 'triager@example.com', 'fixer@example.com']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('wc-id-demo');
    expect(alert.title).toContain('demo-bucket');
    expect(alert.observedAt).toBe('2024-04-10T01:02:03.500Z');
  });

  it('reads an issue of the newer API, which lists its source rules', () => {
    const { sourceRule, ...rest } = issue;
    const newer = { ...rest, sourceRules: [sourceRule] };
    expect(wizParser.detect(newer)).toBe(true);
    const alert = wizParser.parse(newer);
    expect(alert.format).toBe('wiz.issue');
    expect(alert.ruleId).toBe('wc-id-demo');
    expect(alert.title).toContain('Publicly exposed bucket');
    expect(alert.observables.users).toEqual(['triager', 'fixer', 'triager@example.com', 'fixer@example.com']);
  });

  it('reads a Defend detection: actor address related, subject resource address as destination, all actors', () => {
    const alert = wizParser.parse(defend);
    expect(alert.format).toBe('wiz.defend');
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual(['192.0.2.80']);
    expect(alert.observables.ips).toEqual(['198.51.100.23', '192.0.2.80']);
    expect(alert.observables.users).toEqual([
      'Deploy Bot',
      'deploy-bot@example.com',
      'actor-0001',
      'deploy-bot',
      '1000',
      '0',
      'www',
      'root',
    ]);
    expect(alert.severity).toBe('critical');
    expect(alert.ruleId).toBe('r-demo-1');
    expect(alert.observedAt).toBe('2024-04-10T08:59:58.000Z');
  });

  it('reads a v2 Defend detection: every triggering actor address as source, no user for an address actor', () => {
    const alert = wizParser.parse(defendV2);
    expect(alert.format).toBe('wiz.defend_v2');
    expect(alert.observables.srcIps).toEqual(['203.0.113.99', '203.0.113.100']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.title).toBe('Wiz Defend: UnauthorizedAccess:EC2/SSHBruteForce on web-vm-02');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('rule-v2-1');
    expect(alert.observedAt).toBe('2024-04-11T08:55:00.000Z');
    const byUser = {
      ...defendV2,
      primaryActor: { type: 'USER_ACCOUNT', name: 'jdoe', email: 'jdoe@example.com' },
    };
    expect(wizParser.parse(byUser).observables.users).toEqual(['jdoe@example.com', 'jdoe']);
  });

  it('reads a vulnerability finding: the asset as host, its addresses as related, the vendor severity', () => {
    const alert = wizParser.parse(vulnerability);
    expect(alert.format).toBe('wiz.vulnerability');
    expect(alert.observables.hosts).toEqual(['build-vm-03']);
    expect(alert.observables.ips).toEqual(['192.0.2.31', '2001:db8::31']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('CVE-2024-00001');
    expect(alert.observedAt).toBe('2024-04-01T12:00:00.000Z');
  });

  it('does not claim other formats', () => {
    const cloudtrail = { eventVersion: '1.08', eventName: 'ConsoleLogin', sourceIPAddress: '192.0.2.1' };
    const auditNoParams = { id: 'x', action: 'Login', status: 'SUCCESS', timestamp: '2024-04-10T08:00:00Z' };
    for (const other of [cloudtrail, auditNoParams, { triggeringEvent: {} }, 'action=Login', null]) {
      expect(wizParser.detect(other)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, wizParser.name).others, name).toEqual([]);
    }
  });
});
