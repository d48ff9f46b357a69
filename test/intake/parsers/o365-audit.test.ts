// The Office 365 audit parser on synthetic Management Activity API records (Azure AD, Exchange, SharePoint,
// Teams, DLP, Security & Compliance alerts, bare records): detection, the role of every indicator as Elastic's
// o365 pipeline maps it, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { clientAddress, o365AuditParser } from '../../../src/intake/parsers/o365-audit.js';
import { registryClaims } from './registry-claims.js';

const ORG = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

const azureAdLogon = {
  Actor: [
    { ID: '11111111-2222-3333-4444-555555555555', Type: 0 },
    { ID: 'dana.lee@contoso.example', Type: 5 },
  ],
  ActorIpAddress: '203.0.113.25',
  ClientIP: '203.0.113.25',
  CreationTime: '2024-03-01T08:15:00',
  ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }],
  Id: 'a1b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  ObjectId: '00000002-0000-0000-c000-000000000000',
  Operation: 'UserLoggedIn',
  OrganizationId: ORG,
  RecordType: 15,
  ResultStatus: 'Succeeded',
  Target: [{ ID: '00000002-0000-0000-c000-000000000000', Type: 0 }],
  UserId: 'dana.lee@contoso.example',
  UserType: 0,
  Version: 1,
  Workload: 'AzureActiveDirectory',
};

const azureAdUserChange = {
  Actor: [{ ID: 'admin.ops@contoso.example', Type: 5 }],
  ClientIP: '[2001:db8::44]:50123',
  CreationTime: '2024-03-01T09:00:00',
  Id: 'b1b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  ObjectId: 'new.hire@contoso.example',
  Operation: 'Add user.',
  OrganizationId: ORG,
  RecordType: 8,
  ResultStatus: 'Success',
  Target: [{ ID: 'new.hire@contoso.example', Type: 5 }],
  UserId: 'admin.ops@contoso.example',
  UserType: 0,
  Workload: 'AzureActiveDirectory',
};

const exchangeItem = {
  ClientIP: '198.51.100.7',
  ClientIPAddress: '198.51.100.7:41000',
  CreationTime: '2024-03-01T10:00:00',
  Id: 'c1b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  LogonUserSid: 'S-1-5-21-1000-2000-3000-1105',
  MailboxOwnerUPN: 'sam.ortiz@contoso.example',
  Operation: 'MailItemsAccessed',
  OrganizationId: ORG,
  OrganizationName: 'contoso.example',
  OriginatingServer: 'MBX01EXAMPLE (192.0.2.80)\r\n',
  RecordType: 2,
  ResultStatus: 'Succeeded',
  UserId: 'S-1-5-21-1000-2000-3000-1105',
  UserType: 0,
  Workload: 'Exchange',
};

const sharePointFile = {
  ClientIP: '::ffff:198.51.100.30',
  CreationTime: '2024-03-01T11:00:00',
  Id: 'd1b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  ObjectId: 'https://contoso.sharepoint.example/sites/finance/Shared Documents/q1.xlsx',
  Operation: 'FileDownloaded',
  OrganizationId: ORG,
  RecordType: 6,
  SiteUrl: 'https://contoso.sharepoint.example/sites/finance/',
  SourceFileName: 'q1.xlsx',
  UserId: 'lee.chan@contoso.example',
  UserType: 0,
  Workload: 'SharePoint',
};

const teamsMembers = {
  CreationTime: '2024-03-01T12:00:00',
  Id: 'e1b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  Members: [
    { DisplayName: 'Ana', Role: 1, UPN: 'ana.ruiz@contoso.example' },
    { DisplayName: 'Ben', Role: 1, UPN: '' },
  ],
  Operation: 'MemberAdded',
  OrganizationId: ORG,
  RecordType: 25,
  TeamName: 'Finance',
  UserId: 'team.owner@contoso.example',
  UserType: 0,
  Workload: 'MicrosoftTeams',
};

const dlpSharePoint = {
  CreationTime: '2024-03-01T13:00:00',
  Id: 'f1b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  Operation: 'DLPRuleMatch',
  OrganizationId: ORG,
  PolicyDetails: [{ PolicyName: 'PII', Rules: [{ RuleId: 'r1', RuleName: 'SSN', Severity: 'High' }] }],
  RecordType: 11,
  SharePointMetaData: { FileName: 'ids.docx', FileOwner: 'owner.kim', From: 'uploader@contoso.example' },
  UserId: '',
  UserType: 4,
  Workload: 'SharePoint',
};

const securityAlert = {
  AlertEntityId: 'victim.user@contoso.example',
  Category: 'ThreatManagement',
  CreationTime: '2024-03-01T14:00:00',
  Data: '{"f3u":"victim.user@contoso.example","ts":"2024-03-01T13:55:00Z","sip":"203.0.113.99"}',
  EntityType: 'User',
  Id: '01b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  Name: 'Suspicious email sending patterns detected',
  Operation: 'AlertTriggered',
  OrganizationId: ORG,
  PolicyId: '21b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  RecordType: '40',
  Severity: 'High',
  UserId: 'SecurityComplianceAlerts',
  UserType: '4',
  Workload: 'SecurityComplianceCenter',
};

/** A Defender for Office 365 mail verdict (ThreatIntelligence, TIMailData). */
const threatIntelMail = {
  CreationTime: '2024-03-01T16:00:00',
  Id: '41c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  Operation: 'TIMailData',
  OrganizationId: ORG,
  RecordType: 28,
  UserId: 'ThreatIntel',
  Workload: 'ThreatIntelligence',
  SenderIp: '203.0.113.77',
  P1Sender: 'billing@invoices.example',
  Recipients: ['dana.lee@contoso.example'],
  Verdict: 'Phish',
  DeliveryAction: 'Blocked',
};

const bareRecord = {
  ClientIP: '198.51.100.60:443',
  CreationTime: '2024-03-01T15:00:00',
  Id: '31b2c3d4-e5f6-4a5b-8c7d-0e1f2a3b4c5d',
  RecordType: -1,
};

const samples = {
  azureAdLogon,
  azureAdUserChange,
  exchangeItem,
  sharePointFile,
  teamsMembers,
  dlpSharePoint,
  securityAlert,
  threatIntelMail,
  bareRecord,
};

describe('o365AuditParser', () => {
  it('detects every supported record shape', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(o365AuditParser.detect(sample), name).toBe(true);
  });

  it('reads an Azure AD logon: the client address as the source and the UPN local part as the user', () => {
    const alert = o365AuditParser.parse(azureAdLogon);
    expect(alert.observables.srcIps).toEqual(['203.0.113.25']);
    expect(alert.observables.ips).toEqual(['203.0.113.25']);
    expect(alert.observables.users).toEqual(['dana.lee']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.domains).toEqual(['contoso.example']);
    expect(alert.observedAt).toBe('2024-03-01T08:15:00.000Z');
    expect(alert.ruleId).toBe('UserLoggedIn');
    expect(alert.recognizedBy).toBe('parser:o365.audit');
  });

  it('adds the Azure AD target object to the users and reads a bracketed IPv6 address with a port', () => {
    const alert = o365AuditParser.parse(azureAdUserChange);
    expect(alert.observables.srcIps).toEqual(['2001:db8::44']);
    expect(alert.observables.users).toEqual(['admin.ops', 'new.hire']);
  });

  it('prefers ClientIPAddress on Exchange and reads the originating server address as the destination', () => {
    const alert = o365AuditParser.parse(exchangeItem);
    expect(alert.observables.srcIps).toEqual(['198.51.100.7']);
    expect(alert.observables.dstIps).toEqual(['192.0.2.80']);
    expect(alert.observables.ips).toEqual(['198.51.100.7', '192.0.2.80']);
    // The user id is a SID (no user name); the mailbox owner is only an e-mail in Elastic's output.
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.domains).toEqual(['contoso.example']);
    expect(alert.observables.emails).toEqual(['sam.ortiz@contoso.example']);
  });

  it('unwraps an IPv4-mapped client address on SharePoint', () => {
    const alert = o365AuditParser.parse(sharePointFile);
    expect(alert.observables.srcIps).toEqual(['198.51.100.30']);
    expect(alert.observables.users).toEqual(['lee.chan']);
  });

  it('lists Teams members after the acting user', () => {
    const alert = o365AuditParser.parse(teamsMembers);
    expect(alert.observables.users).toEqual(['team.owner', 'ana.ruiz@contoso.example']);
    expect(alert.observables.ips).toEqual([]);
  });

  it('takes the DLP uploader when UserId is empty only as the pipeline does, and the file owner', () => {
    const alert = o365AuditParser.parse(dlpSharePoint);
    // An empty UserId still fills user.id, so the SharePoint uploader is not used.
    expect(alert.observables.users).toEqual(['owner.kim']);
    const { UserId: _dropped, ...withoutUser } = dlpSharePoint;
    expect(o365AuditParser.parse(withoutUser).observables.users).toEqual(['uploader', 'owner.kim']);
  });

  it('reports a Security & Compliance alert with its name, policy and severity, and no address from Data', () => {
    const alert = o365AuditParser.parse(securityAlert);
    expect(alert.title).toContain('Suspicious email sending patterns detected');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe(securityAlert.PolicyId);
    expect(alert.observables.ips).toEqual([]);
    // The alerted user, whole; the service that raised the alert (UserId) is no one.
    expect(alert.observables.users).toEqual(['victim.user@contoso.example']);
    expect(alert.observables.emails).toContain('victim.user@contoso.example');
  });

  it('relates the sending server of a ThreatIntelligence mail verdict without making it the source', () => {
    const o = o365AuditParser.parse(threatIntelMail).observables;
    expect(o.ips).toEqual(['203.0.113.77']);
    expect(o.srcIps).toEqual([]);
    expect(o.users).toEqual([]);
    const other = o365AuditParser.parse({ ...sharePointFile, SenderIp: '203.0.113.78' }).observables;
    expect(other.ips).not.toContain('203.0.113.78');
  });

  it('reads a bare record with only the common fields', () => {
    const alert = o365AuditParser.parse(bareRecord);
    expect(alert.observables.srcIps).toEqual(['198.51.100.60']);
    expect(alert.ruleId).toBe('recordtype:-1');
  });

  it('reads a record inside the o365audit envelope Elastic Agent’s input writes', () => {
    const a = normalizeAlert({ o365audit: azureAdLogon });
    expect(a.recognizedBy).toBe('parser:o365.audit');
    expect(a.observables).toEqual(o365AuditParser.parse(azureAdLogon).observables);
  });

  it('reads client addresses as the pipeline grok does', () => {
    expect(clientAddress('[192.0.2.1]:8080')).toBe('192.0.2.1');
    expect(clientAddress('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(clientAddress('[::ffff:192.0.2.1]:8080')).toBe('192.0.2.1');
    expect(clientAddress('2001:db8::5')).toBe('2001:db8::5');
    expect(clientAddress('gateway.example (192.0.2.9)')).toBe('192.0.2.9');
    // A bracketed address needs no port (as the current pipeline reads it); a name, with or without a
    // port, is a client domain.
    expect(clientAddress('[2001:db8::5]')).toBe('2001:db8::5');
    expect(clientAddress('[192.0.2.1]')).toBe('192.0.2.1');
    expect(clientAddress('[not-an-ip]')).toBeNull();
    expect(clientAddress('localhost')).toBeNull();
    expect(clientAddress('client.example:443')).toBeNull();
    expect(clientAddress('192.0.2.1:0')).toBeNull();
  });

  it('does not claim other Microsoft logs or unrelated JSON', () => {
    const signIn = {
      category: 'SignInLogs',
      operationName: 'Sign-in activity',
      properties: { ipAddress: '203.0.113.5', userPrincipalName: 'dana.lee@contoso.example' },
      time: '2024-03-01T08:00:00Z',
    };
    const graphAlert = {
      id: 'da637',
      providerAlertId: 'p1',
      title: 'Suspicious sign-in',
      severity: 'medium',
      createdDateTime: '2024-03-01T08:00:00Z',
      evidence: [],
    };
    const noOperation = { CreationTime: '2024-03-01T08:00:00', RecordType: 15, Id: 'not-a-guid' };
    const wrongType = { ...azureAdLogon, RecordType: 'AzureActiveDirectoryStsLogon' };
    for (const raw of [
      signIn,
      graphAlert,
      noOperation,
      wrongType,
      'CreationTime RecordType',
      null,
      [azureAdLogon],
    ]) {
      expect(o365AuditParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, o365AuditParser.name).others, name).toEqual([]);
    }
  });
});
