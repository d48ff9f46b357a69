// The Microsoft 365 Defender (Graph security alerts v2) parser on synthetic alerts: detection, the evidence
// indicators as Elastic's m365_defender alert pipeline maps them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { m365DefenderParser } from '../../../src/intake/parsers/m365-defender.js';
import { registryClaims } from './registry-claims.js';

const endpointAlert = {
  id: 'da0000aaaa-1111-2222-3333-444455556666_1',
  providerAlertId: '0000aaaa-1111-2222-3333-444455556666_1',
  incidentId: '7',
  status: 'new',
  severity: 'high',
  serviceSource: 'microsoftDefenderForEndpoint',
  detectionSource: 'microsoftDefenderForEndpoint',
  detectorId: 'd1e2f3a4-0000-4000-8000-000000000001',
  title: 'Suspicious script execution',
  category: 'Execution',
  assignedTo: null,
  createdDateTime: '2024-03-01T08:00:05.000Z',
  firstActivityDateTime: '2024-03-01T07:59:50.000Z',
  lastUpdateDateTime: '2024-03-01T08:01:00.000Z',
  comments: [],
  evidence: [
    {
      '@odata.type': '#microsoft.graph.security.deviceEvidence',
      mdeDeviceId: 'aa11bb22cc33dd44ee55ff6677889900aabbccdd',
      deviceDnsName: 'ws-demo-01',
      osPlatform: 'Windows10',
      version: '21H2',
      ipInterfaces: ['192.0.2.15', '127.0.0.1'],
      loggedOnUsers: [{ accountName: 'jdoe', domainName: 'EXAMPLE' }],
    },
    {
      '@odata.type': '#microsoft.graph.security.userEvidence',
      userAccount: {
        accountName: 'jdoe',
        domainName: 'EXAMPLE',
        userSid: 'S-1-5-21-1000-2000-3000-1104',
        azureAdUserId: null,
        userPrincipalName: 'jdoe@example.org',
      },
    },
    { '@odata.type': '#microsoft.graph.security.ipEvidence', ipAddress: '203.0.113.9' },
    { '@odata.type': '#microsoft.graph.security.urlEvidence', url: 'http://payload.example.net/a.exe' },
    {
      '@odata.type': '#microsoft.graph.security.processEvidence',
      imageFile: { sha1: 'a'.repeat(40), sha256: 'b'.repeat(64) },
      userAccount: { accountName: 'jdoe', domainName: 'EXAMPLE' },
    },
  ],
};

const mailAlert = {
  id: 'fa0000bbbb-1111-2222-3333-444455556666',
  providerAlertId: '0000bbbb-1111-2222-3333-444455556666',
  severity: 'informational',
  serviceSource: 'microsoftDefenderForOffice365',
  title: 'Email messages containing malicious URL removed after delivery',
  category: 'InitialAccess',
  assignedTo: 'analyst@example.org',
  createdDateTime: '2024-03-02T10:00:00Z',
  comments: [{ createdByDisplayName: 'Sam Analyst', comment: 'checking' }],
  evidence: [
    {
      '@odata.type': '#microsoft.graph.security.analyzedMessageEvidence',
      senderIp: '198.51.100.23',
      recipientEmailAddress: 'pat@example.org',
      p1Sender: {
        displayName: 'Billing',
        domainName: 'sender.example.com',
        emailAddress: 'billing@sender.example.com',
      },
    },
    {
      '@odata.type': '#microsoft.graph.security.mailboxEvidence',
      userAccount: { accountName: 'pat', domainName: 'example.org', userPrincipalName: 'pat@example.org' },
    },
  ],
};

const incident = {
  '@odata.type': '#microsoft.graph.security.incident',
  id: '4100',
  displayName: 'Multi-stage incident on one endpoint',
  severity: 'medium',
  assignedTo: 'lead@example.org',
  createdDateTime: '2024-03-03T09:00:00Z',
  lastUpdateDateTime: '2024-03-03T10:00:00Z',
  comments: [{ comment: 'triage', createdBy: 'reviewer@example.org' }],
  alerts: {
    '@odata.type': '#microsoft.graph.security.alert',
    id: 'da0000cccc_1',
    providerAlertId: 'da0000cccc_1',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectorId: 'c0ffee00-0000-4000-8000-000000000002',
    title: 'Hidden file executed',
    severity: 'low',
    createdDateTime: '2024-03-03T08:59:00Z',
    evidence: [
      {
        '@odata.type': '#microsoft.graph.security.deviceEvidence',
        mdeDeviceId: 'ffeeddccbbaa00998877665544332211ffeeddcc',
        deviceDnsName: 'SRV-Demo-02',
        osPlatform: 'WindowsServer2019',
        loggedOnUsers: [{ accountName: 'svc-backup', domainName: 'CORP' }],
      },
      { '@odata.type': '#microsoft.graph.security.ipEvidence', ipAddress: '2001:db8::5' },
      {
        '@odata.type': '#microsoft.graph.security.processEvidence',
        userAccount: { accountName: 'LocalSystem', domainName: 'NT AUTHORITY', userSid: 'S-1-5-18' },
      },
      {
        '@odata.type': '#microsoft.graph.security.analyzedMessageEvidence',
        recipientEmailAddress: 'dana@example.org',
        p1Sender: { emailAddress: 'bounce@mailer.example.net' },
        p2Sender: { emailAddress: 'billing@lookalike.example.net' },
      },
      {
        '@odata.type': '#microsoft.graph.security.userEvidence',
        userAccount: { azureAdUserId: 'f149b355-542f-4216-bce3-5347cf02a4aa' },
      },
    ],
  },
};

/** An incident of the older SIEM incidents API, split to one alert per record as the integration reads it. */
const legacyIncident = {
  incidentId: 31,
  incidentName: 'Suspicious sign-in followed by malware',
  status: 'Active',
  severity: 'Medium',
  createdTime: '2024-03-02T09:05:00Z',
  lastUpdateTime: '2024-03-02T10:00:00Z',
  assignedTo: 'soc@example.org',
  tags: [],
  alerts: {
    alertId: 'da0000000000000001_-1',
    incidentId: 31,
    title: 'Suspicious sign-in followed by malware',
    category: 'Malware',
    severity: 'Medium',
    serviceSource: 'MicrosoftDefenderATP',
    detectionSource: 'WindowsDefenderAv',
    assignedTo: 'Automation',
    firstActivity: '2024-03-02T09:00:00Z',
    creationTime: '2024-03-02T09:01:00Z',
    devices: [
      { deviceDnsName: 'WS-Demo-02', mdatpDeviceId: 'f'.repeat(40), osPlatform: 'Windows10' },
      { deviceDnsName: 'WS-Demo-03', mdatpDeviceId: '0'.repeat(40), osPlatform: 'Windows10' },
    ],
    entities: {
      entityType: 'User',
      userPrincipalName: 'kim@example.org',
      ipAddress: '198.51.100.44',
      sha1: 'e'.repeat(40),
    },
  },
};

describe('m365DefenderParser', () => {
  it('detects a Graph security alert and no other payload', () => {
    expect(m365DefenderParser.detect(endpointAlert)).toBe(true);
    expect(m365DefenderParser.detect(mailAlert)).toBe(true);
    expect(m365DefenderParser.detect({ title: 'x', evidence: [] })).toBe(false);
    expect(
      m365DefenderParser.detect('<134>Mar  1 08:00:00 fw1 filterlog: 5,,,1000000103,igb0,match,block'),
    ).toBe(false);
    expect(m365DefenderParser.detect(null)).toBe(false);
  });

  it('does not claim a Defender for Endpoint API alert', () => {
    const mde = {
      id: 'da637000000000000000_1',
      computerDnsName: 'ws-demo-01',
      alertCreationTime: '2024-03-01T08:00:00Z',
      detectionSource: 'WindowsDefenderAv',
      title: 'Malware detected',
    };
    expect(m365DefenderParser.detect(mde)).toBe(false);
  });

  it('maps device, user and IP evidence as the Elastic pipeline does', () => {
    const alert = m365DefenderParser.parse(endpointAlert);
    const o = alert.observables;
    expect(o.srcIps).toEqual([]);
    expect(o.ips).toEqual(['203.0.113.9']);
    expect(o.users).toEqual(['jdoe', 'jdoe@example.org', 'S-1-5-21-1000-2000-3000-1104']);
    expect(o.hosts).toEqual([
      'aa11bb22cc33dd44ee55ff6677889900aabbccdd',
      'Windows10',
      '21H2',
      'ws-demo-01',
      'EXAMPLE',
    ]);
    expect(o.domains).toEqual(['payload.example.net']);
    expect(o.hashes).toEqual(['a'.repeat(40), 'b'.repeat(64)]);
  });

  it('reports title, severity, time and rule of the alert', () => {
    const alert = m365DefenderParser.parse(endpointAlert);
    expect(alert.title).toBe('Suspicious script execution');
    expect(alert.severity).toBe('high');
    expect(alert.observedAt).toBe('2024-03-01T07:59:50.000Z');
    expect(alert.ruleId).toBe('d1e2f3a4-0000-4000-8000-000000000001');
    expect(alert.format).toBe('m365_defender.alert');
  });

  it('maps e-mail evidence: the sender address as source and the people as users', () => {
    const alert = m365DefenderParser.parse(mailAlert);
    const o = alert.observables;
    expect(o.srcIps).toEqual(['198.51.100.23']);
    expect(o.ips).toEqual(['198.51.100.23']);
    expect(o.users).toEqual([
      'pat',
      'analyst@example.org',
      'Sam Analyst',
      'pat@example.org',
      'Billing',
      'billing@sender.example.com',
    ]);
    expect(o.hosts).toEqual(['sender.example.com', 'example.org']);
    expect(alert.severity).toBe('info');
  });

  it('maps an incident with its alert as the incident pipeline does', () => {
    expect(m365DefenderParser.detect(incident)).toBe(true);
    const alert = m365DefenderParser.parse(incident);
    const o = alert.observables;
    expect(alert.format).toBe('m365_defender.incident');
    expect(alert.title).toBe('Multi-stage incident on one endpoint');
    expect(alert.severity).toBe('medium');
    // A logged-on account's domain is a related host, as the pipeline keeps it.
    expect(o.hosts).toEqual(['srv-demo-02', 'NT AUTHORITY', 'CORP']);
    // The recipient, the sender the recipient saw (p2), the Entra ID object id, then the accounts.
    expect(o.users).toEqual([
      'svc-backup',
      'lead@example.org',
      'reviewer@example.org',
      'dana@example.org',
      'billing@lookalike.example.net',
      'f149b355-542f-4216-bce3-5347cf02a4aa',
      'LocalSystem',
      'S-1-5-18',
    ]);
    // The incident pipeline maps IP evidence to source.ip.
    expect(o.srcIps).toEqual(['2001:db8::5']);
    expect(o.ips).toEqual(['2001:db8::5']);
  });

  it('reads an incident whose alerts are a list, as the API returns them', () => {
    const listed = { ...incident, alerts: [incident.alerts] };
    expect(m365DefenderParser.parse(listed).observables.ips).toEqual(['2001:db8::5']);
  });

  it('keeps URL sites out of related hosts', () => {
    expect(m365DefenderParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads an older SIEM API incident (the log stream): the device names lower-cased (host.name), the entity', () => {
    const a = m365DefenderParser.parse(legacyIncident);
    expect(a.format).toBe('m365_defender.log');
    expect(a.observables.hosts).toEqual(['ws-demo-02', 'ws-demo-03']);
    expect(a.observables.users).toEqual(['kim@example.org']);
    expect(a.observables.ips).toEqual(['198.51.100.44']);
    expect(a.observables.hashes).toEqual(['e'.repeat(40)]);
    expect(a.title).toBe('Suspicious sign-in followed by malware');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-02T09:00:00.000Z');
    expect(a.ruleId).toBe('WindowsDefenderAv:Malware');
  });

  it('does not take the SIEM incident’s assignee as a user, as the log pipeline does not', () => {
    expect(m365DefenderParser.parse(legacyIncident).observables.users).not.toContain('soc@example.org');
  });

  it('is the registry’s first choice for these samples, and no other specific parser claims them', () => {
    for (const sample of [endpointAlert, mailAlert, incident, legacyIncident]) {
      expect(registryClaims(sample, 'm365_defender')).toEqual({ first: 'm365_defender', others: [] });
    }
  });
});
