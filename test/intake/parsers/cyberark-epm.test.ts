// The CyberArk EPM parser on synthetic API records (raw events, policy audit raw events, admin audit): the
// users and hosts Elastic's cyberark_epm pipelines report, kept whole, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { cyberarkEpmParser } from '../../../src/intake/parsers/cyberark-epm.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

/** A raw event (`/Events/Search`) with the fields every record carries; `fields` override or add. */
function rawEvent(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    fileName: 'tool.exe',
    originalFileName: 'tool.exe',
    displayName: 'Lab Tool (tool.exe)',
    policyName: null,
    hash: '0123456789ABCDEF0123456789ABCDEF01234567',
    publisher: 'Example Labs',
    eventType: 'Launch',
    sourceType: 'LocalDisk',
    sourceName: 'Lab Installer',
    lastEventDate: '2024-06-01T10:00:00Z',
    firstEventDate: '2024-06-01T09:59:00Z',
    userName: 'LABDOM\\alice',
    justification: null,
    justificationEmail: null,
    threatProtectionAction: 'ALL',
    threatProtectionActionId: 0,
    filePath: 'C:\\Lab\\tool.exe',
    runAsUsername: null,
    originUserUID: null,
    userIsAdmin: false,
    accessAction: 'false',
    accessTargetType: 'Internet',
    sourceProcessUsername: null,
    exposedUsers: null,
    owner: 'BUILTIN\\Administrators',
    fileQualifier: '1234567890123456789',
    operatingSystemType: 'Windows',
    arrivalTime: '2024-06-01T10:00:05Z',
    lureUser: null,
    sourceWSName: null,
    sourceWSIp: null,
    logonAttemptTypeId: 2,
    logonStatusId: 0,
    agentId: '00000000-0000-4000-8000-000000000001',
    computerName: 'LAB-WS-01',
    ...fields,
  };
}

const windowsLaunch = rawEvent({});
const attack = rawEvent({
  eventType: 'AttackAttempt',
  policyName: 'Credential theft protection',
  userName: 'LABDOM\\bob',
  sourceProcessUsername: 'NT AUTHORITY\\SYSTEM',
  lureUser: 'lure-account',
  exposedUsers: [{ username: 'LABDOM\\carol' }, { username: 'LABDOM\\dave' }],
  sourceWSIp: '192.0.2.44',
  sourceWSName: 'REMOTE-WS-07',
  computerName: 'LAB-SRV-02',
});
const linuxElevation = rawEvent({
  fileName: 'systemctl',
  eventType: 'ElevationRequest',
  policyName: 'lab-elevate',
  userName: 'opsuser',
  runAsUsername: 'root',
  originUserUID: '1000',
  owner: 'root',
  justificationEmail: 'opsuser@example.org',
  operatingSystemType: 'Linux',
  computerName: 'lab-node-3',
});
/** An older agent's record: no computer name, arrival time or file qualifier. */
const olderAgent = (() => {
  const { computerName, arrivalTime, fileQualifier, ...rest } = rawEvent({ userName: 'LABWS\\erin' });
  void computerName;
  void arrivalTime;
  void fileQualifier;
  return rest;
})();

const policyAudit: Record<string, unknown> = {
  hash: 'fedcba9876543210fedcba9876543210fedcba98',
  publisher: '',
  eventType: 'StartElevated',
  sourceType: 'LocalDisk',
  sourceName: '/usr/bin/journalctl',
  lastEventDate: '2024-06-02T08:00:00Z',
  userName: 'devops',
  fileName: 'journalctl',
  workingDirectory: '/home/devops',
  runAsUsername: 'root',
  originUserUID: '1001',
  arguments: '-u sshd',
  justificationEmail: '',
  owner: 'root',
  policyName: 'Lab elevate',
  fileQualifier: '987654321',
  arrivalTime: '2024-06-02T08:00:02Z',
  operatingSystemType: 'Linux',
  policyAction: 'Elevate',
  mimeType: '',
  codeURL: '',
  parentProcess: '',
  agentId: '00000000-0000-4000-8000-000000000002',
  computerName: 'lab-node-4',
};

const adminAudit: Record<string, unknown> = {
  SetName: 'Lab/set',
  EventTime: '2024-06-03T07:00:00.5Z',
  PermissionDescription: 'View all policies.',
  Description: 'Read policies',
  Feature: 'Policies',
  LoggedAt: '2024-06-03T06:55:00Z',
  LoggedFrom: '203.0.113.9',
  Administrator: 'frank.admin@example.org',
  InternalSessionId: 42,
  Role: 'SetAdmin',
};

/** An aggregated event (`/aggregatedevents/search`). */
const aggregated: Record<string, unknown> = {
  fileQualifier: '111',
  lastEventDisplayName: 'tool.exe',
  hash: 'SHA1##0123456789ABCDEF0123456789ABCDEF01234567',
  totalEvents: 2,
  eventType: 'Launch',
  lastEventSourceType: 'LocalDisk',
  lastEventDate: '2024-06-01T10:00:00Z',
  lastEventUserName: 'LABDOM\\alice',
  lastEventComputerName: 'LAB-WS-01',
  agentId: '00000000-0000-4000-8000-000000000003',
  aggregatedBy: '0123456789ABCDEF0123456789ABCDEF01234567,2048',
  firstEventUserName: 'LABDOM\\bob',
  firstEventComputerName: 'LAB-WS-02',
  arrivalTime: '2024-06-01T10:00:05Z',
};

/** A policy audit aggregated event (`/policyaudit/aggregatedevents/search`) of a Linux elevation. */
const policyAggregated: Record<string, unknown> = {
  fileQualifier: '222',
  lastEventDisplayName: 'systemctl',
  hash: 'sha1##0123456789abcdef0123456789abcdef01234567',
  totalEvents: 4,
  eventType: 'StartElevated',
  lastEventSourceType: 'LocalDisk',
  lastEventDate: '2024-06-02T08:00:00Z',
  lastEventUserName: 'svc-deploy',
  firstEventUserName: 'svc-deploy',
  policyId: 4242,
  policyName: 'Lab elevation rule',
  aggregatedBy: '0123456789abcdef0123456789abcdef01234567,Lab elevation rule',
  arrivalTime: '2024-06-02T08:00:03Z',
};

const parse = (raw: unknown) => cyberarkEpmParser.parse(raw);

describe('cyberarkEpmParser', () => {
  it('detects raw events, policy audit events and admin audit records, also as JSON text', () => {
    for (const s of [
      windowsLaunch,
      attack,
      linuxElevation,
      olderAgent,
      policyAudit,
      adminAudit,
      aggregated,
      policyAggregated,
    ]) {
      expect(cyberarkEpmParser.detect(s)).toBe(true);
      const alert = normalizeAlert(JSON.stringify(s), { parsers: [cyberarkEpmParser, ...parsers] });
      expect(alert.recognizedBy).toBe('parser:cyberark_epm');
    }
  });

  it('keeps DOMAIN\\user whole for the user and the file owner, and reports the computer as the host', () => {
    const a = parse(windowsLaunch);
    expect(a.format).toBe('cyberark_epm.raw_event');
    expect(a.observables.users).toEqual(['LABDOM\\alice', 'BUILTIN\\Administrators']);
    expect(a.observables.hosts).toEqual(['LAB-WS-01']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2024-06-01T10:00:05.000Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Launch');
    expect(a.title).toContain('tool.exe');
  });

  it('maps an attack: exposed, lure and source-process users, and the source workstation address', () => {
    const a = parse(attack);
    expect(a.observables.users).toEqual([
      'LABDOM\\bob',
      'LABDOM\\carol',
      'LABDOM\\dave',
      'lure-account',
      'BUILTIN\\Administrators',
      'NT AUTHORITY\\SYSTEM',
    ]);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
    // Elastic keeps the source workstation name out of host.name and related.hosts.
    expect(a.observables.hosts).toEqual(['LAB-SRV-02']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('Credential theft protection');
  });

  it('reads a Linux elevation: the uid, run-as user and justification e-mail are related users', () => {
    const a = parse(linuxElevation);
    expect(a.observables.users).toEqual(['opsuser', 'opsuser@example.org', '1000', 'root']);
    expect(a.observables.emails).toEqual(['opsuser@example.org']);
    expect(a.observables.hosts).toEqual(['lab-node-3']);
  });

  it('reads an older agent record without a computer name, timed by its last event date', () => {
    const a = parse(olderAgent);
    expect(a.observables.users).toEqual(['LABWS\\erin', 'BUILTIN\\Administrators']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-06-01T10:00:00.000Z');
  });

  it('names a policy audit raw event by its data stream and maps it like a raw event', () => {
    const a = parse(policyAudit);
    expect(a.format).toBe('cyberark_epm.policyaudit_raw_event');
    expect(a.observables.users).toEqual(['devops', '1001', 'root']);
    expect(a.observables.hosts).toEqual(['lab-node-4']);
    expect(a.ruleId).toBe('Lab elevate');
  });

  it('names a Windows policy audit event’s user, file owner and run-as user without their domain', () => {
    const windows = {
      ...policyAudit,
      userName: 'NT AUTHORITY\\NETWORK SERVICE',
      owner: 'NT SERVICE\\TrustedInstaller',
      runAsUsername: 'CORP\\svc-deploy',
      originUserUID: '',
      operatingSystemType: 'Windows',
    };
    expect(parse(windows).observables.users).toEqual(['NETWORK SERVICE', 'TrustedInstaller', 'svc-deploy']);
  });

  it('maps an admin audit record: the login address as source, the administrator as name and e-mail', () => {
    const a = parse(adminAudit);
    expect(a.format).toBe('cyberark_epm.admin_audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.ips).toEqual(['203.0.113.9']);
    expect(a.observables.users).toEqual(['frank.admin', 'frank.admin@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('Policies');
    expect(a.observedAt).toBe('2024-06-03T07:00:00.500Z');
  });

  it('keeps an administrator that is not an e-mail address whole', () => {
    const a = parse({ ...adminAudit, Administrator: 'svc-epm-api' });
    expect(a.observables.users).toEqual(['svc-epm-api']);
  });

  it('never reports the unspecified address', () => {
    expect(parse({ ...adminAudit, LoggedFrom: '0.0.0.0' }).observables.ips).toEqual([]);
    expect(parse(rawEvent({ sourceWSIp: '::' })).observables.srcIps).toEqual([]);
  });

  it('reads an aggregated event: the first then the last user, kept whole, and no host', () => {
    expect(cyberarkEpmParser.detect(aggregated)).toBe(true);
    const a = cyberarkEpmParser.parse(aggregated);
    expect(a.observables.users).toEqual(['LABDOM\\bob', 'LABDOM\\alice']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('Launch');
    expect(a.observedAt).toBe('2024-06-01T10:00:05.000Z');
  });

  it('reads a policy audit aggregated event: one user, the policy name as the rule', () => {
    expect(cyberarkEpmParser.detect(policyAggregated)).toBe(true);
    const a = cyberarkEpmParser.parse(policyAggregated);
    expect(a.observables.users).toEqual(['svc-deploy']);
    expect(a.ruleId).toBe('Lab elevation rule');
    expect(a.title).toContain('systemctl');
  });

  it('does not claim CyberArk PAS records or other JSON', () => {
    const pas = {
      format: 'elastic',
      version: '1.0',
      syslog: { audit_record: { MessageID: '7', Issuer: 'alice', Station: '192.0.2.1', Desc: 'Logon' } },
    };
    const edr = { eventType: 'ProcessRollup2', agentId: 'x', userName: 'alice', ComputerName: 'h' };
    const { totalEvents: _omitted, ...notAggregated } = aggregated;
    for (const s of [
      notAggregated,
      pas,
      edr,
      'LABDOM\\alice launched tool.exe on LAB-WS-01',
      null,
      [windowsLaunch],
    ]) {
      expect(cyberarkEpmParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const s of [windowsLaunch, attack, linuxElevation, olderAgent, policyAudit, adminAudit]) {
      expect(registryClaims(s, cyberarkEpmParser.name).others).toEqual([]);
    }
  });
});
