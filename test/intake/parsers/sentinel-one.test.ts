// The SentinelOne parser on synthetic management-console API records (threat, threat event, alert, unified
// alert, activity, agent, group, application, application risk): detection, the role of every indicator as Elastic's sentinel_one pipelines map them, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { sentinelOneParser } from '../../../src/intake/parsers/sentinel-one.js';
import { registryClaims } from './registry-claims.js';

const threat = {
  id: '900000000000000001',
  agentDetectionInfo: {
    accountId: '900000000000000002',
    accountName: 'Acme Tenant',
    agentDomain: 'CORP',
    agentIpV4: '192.0.2.21,192.0.2.22',
    agentIpV6: '2001:db8::21',
    agentLastLoggedInUserName: 'CORP\\jdoe',
    externalIp: '203.0.113.21',
    groupName: 'Default Group',
    siteName: 'Lab site',
  },
  agentRealtimeInfo: {
    accountName: 'Acme Tenant',
    agentComputerName: 'ws-lab-07',
    networkInterfaces: [
      { id: '1', inet: ['192.0.2.21', '192.0.2.23'], inet6: ['2001:db8::21'], name: 'eth0' },
    ],
  },
  indicators: [],
  threatInfo: {
    classification: 'Trojan',
    confidenceLevel: 'malicious',
    createdAt: '2024-05-02T09:00:01.000000Z',
    identifiedAt: '2024-05-02T09:00:00.500000Z',
    initiatedBy: 'agent_policy',
    processUser: 'svc-build',
    sha1: 'ab'.repeat(20),
    threatId: '900000000000000003',
    threatName: 'dropper.exe',
  },
};

/** A threat with no logged-in user: the process user is the user. */
const threatProcessUser = {
  ...threat,
  agentDetectionInfo: { ...threat.agentDetectionInfo, agentLastLoggedInUserName: '' },
  threatInfo: { ...threat.threatInfo, processUser: 'LAB\\svc-build', confidenceLevel: 'suspicious' },
};

const alert = {
  agentDetectionInfo: { name: 'srv-files-02', osFamily: 'windows', siteId: '1', uuid: 'u-1' },
  alertInfo: {
    alertId: '900000000000000010',
    createdAt: '2024-05-03T11:00:00.000000Z',
    dnsRequest: 'updates.example.net',
    dstIp: '198.51.100.30',
    eventType: 'TCPV4',
    loginsUserName: 'mallory',
    srcIp: '192.0.2.30',
    srcMachineIp: '192.0.2.31',
  },
  ruleInfo: { id: '900000000000000011', name: 'Outbound to rare host', severity: 'High' },
  sourceProcessInfo: { name: 'curl.exe', user: 'CORP\\builder', fileHashSha1: 'cd'.repeat(20) },
  sourceParentProcessInfo: { name: 'cmd.exe', user: 'NT AUTHORITY\\SYSTEM' },
  targetProcessInfo: {},
};

const activity = {
  accountId: '900000000000000020',
  accountName: 'Acme Tenant',
  activityType: 27,
  createdAt: '2024-05-04T08:00:00.000000Z',
  data: {
    accountName: 'Acme Tenant',
    byUser: 'Ops Admin',
    ipAddress: '203.0.113.40',
    username: 'Dana Lee',
  },
  id: '900000000000000021',
  primaryDescription: 'The management user Dana Lee logged in to the management console.',
};

const agentActivity = {
  accountName: 'Acme Tenant',
  activityType: 19,
  createdAt: '2024-05-04T08:05:00.000000Z',
  data: { accountName: 'Acme Tenant', computerName: 'ws-lab-08', externalIp: '198.51.100.41' },
  id: '900000000000000022',
  primaryDescription: 'System initiated a full disk scan to the agent: ws-lab-08.',
};

const agent = {
  accountName: 'Acme Tenant',
  activeThreats: 2,
  agentVersion: '23.1.2.3',
  computerName: 'ws-lab-09',
  externalIp: '203.0.113.50',
  id: '900000000000000030',
  infected: true,
  lastIpToMgmt: '192.0.2.50',
  lastLoggedInUserName: 'kim',
  networkInterfaces: [
    { gatewayIp: '192.0.2.1', inet: ['192.0.2.50'], inet6: ['2001:db8::50'], name: 'Ethernet' },
  ],
  updatedAt: '2024-05-05T07:00:00.000000Z',
};

const group = {
  createdAt: '2024-05-06T07:00:00.000000Z',
  creator: 'Pat Example',
  creatorId: '900000000000000040',
  filterName: null,
  id: '900000000000000041',
  inherits: true,
  isDefault: false,
  name: 'Lab servers',
  rank: 1,
  registrationToken: 'not-a-real-token',
  siteId: '900000000000000042',
  totalAgents: 3,
  type: 'static',
  updatedAt: '2024-05-06T07:30:00.000000Z',
};

const unifiedAlert = {
  id: '01900000-0000-7000-8000-000000000001',
  analystVerdict: 'UNDEFINED',
  analytics: { category: 'Reputation', name: 'Agent Policy', typeValue: 'STATIC', uid: 'analytic-lab-1' },
  assets: [
    {
      agentUuid: 'lab-agent-uuid-1',
      id: 'asset-lab-0001',
      lastLoggedInUser: 'kai',
      name: 'lab-web-03',
      role: 'TARGET',
      subcategory: 'Other Server',
    },
  ],
  assignee: { email: 'analyst@example.org', full_name: 'Ana Lyst', user_id: 'analyst-7' },
  classification: 'MALWARE',
  confidenceLevel: 'MALICIOUS',
  createdAt: '2024-06-01T10:00:01.000Z',
  detectedAt: '2024-06-01T10:00:00.000Z',
  detectionSource: { product: 'EDR', vendor: 'SentinelOne' },
  detectionTime: {
    assets: [
      {
        asset: {
          consoleIpAddress: '198.51.100.60',
          ipV4: '192.0.2.60',
          ipV6: '2001:db8::60',
          lastLoggedInUser: 'kai',
        },
        kubernetes: { nodeName: 'lab-node-1', clusterName: 'lab-cluster' },
        scope: { accountName: 'Acme Tenant', siteName: 'Lab site' },
      },
    ],
    attacker: { host: 'bad.example.net', ip: '203.0.113.60' },
    scope: { accountName: 'Acme Tenant' },
    targetUser: { domain: 'example.org', emailAddress: 'kai@example.org', name: 'Kai Moss' },
  },
  name: 'dropper.bin detected as Malware',
  process: { file: { sha1: 'ef'.repeat(20), name: 'dropper.bin' }, parentName: 'bash' },
  severity: 'HIGH',
  status: 'NEW',
  updatedAt: '2024-06-01T10:05:00.000Z',
};

const threatEvent = {
  agentIp: '192.0.2.70',
  agentName: 'lab-ws-11',
  agentUuid: 'lab-agent-uuid-2',
  createdAt: '2024-06-02T08:00:00Z',
  dnsRequest: 'cdn.example.net',
  dnsResponse: '198.51.100.99',
  dstIp: '198.51.100.71',
  eventType: 'TCP Connect',
  fileSha256: 'cd'.repeat(32),
  id: 'lab-event-1',
  indicatorName: 'SuspiciousBeacon',
  loginsUserName: 'svc-login',
  networkUrl: 'https://cdn.example.net/a',
  objectType: 'ip',
  processName: 'beacon.exe',
  processUniqueKey: 'lab-process-key',
  processUserName: 'LAB\\lee',
  relatedToThreat: true,
  siteName: 'Lab site',
  srcIp: '192.0.2.71',
  user: 'LAB\\lee',
};

const application = {
  accountName: 'Acme Tenant',
  applicationInstallationDate: '2024-01-02T03:04:05Z',
  applicationName: 'Example Zip',
  detectionDate: '2024-06-03T09:00:00.000000Z',
  endpointId: '900000000000000050',
  endpointName: 'lab-ws-12',
  endpointType: 'desktop',
  id: '900000000000000051',
  version: '1.2.3',
};

const applicationRisk = {
  application: 'Example Zip 1.2.3',
  applicationName: 'Example Zip',
  cveId: 'CVE-2024-0001',
  detectionDate: '2024-06-03T09:00:00.000000Z',
  endpointId: '900000000000000050',
  endpointName: 'lab-ws-12',
  id: '900000000000000052',
  lastScanDate: '2024-06-04T09:00:00Z',
  markedBy: null,
  severity: 'HIGH',
  status: 'Detected',
};

const samples = {
  threat,
  threatProcessUser,
  alert,
  activity,
  agentActivity,
  agent,
  group,
  unifiedAlert,
  threatEvent,
  application,
  applicationRisk,
};

describe('sentinelOneParser', () => {
  it('detects every supported SentinelOne record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(sentinelOneParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a threat: agent addresses, external address and interfaces as related, computer name as host', () => {
    const a = sentinelOneParser.parse(threat);
    expect(a.format).toBe('sentinel_one.threat');
    expect(a.recognizedBy).toBe('parser:sentinel_one');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([
      '192.0.2.21',
      '192.0.2.22',
      '2001:db8::21',
      '203.0.113.21',
      '192.0.2.23',
    ]);
    expect(a.observables.hosts).toEqual(['ws-lab-07']);
    expect(a.observables.hashes).toEqual(['ab'.repeat(20)]);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-05-02T09:00:00.500Z');
    expect(a.title).toContain('dropper.exe');
  });

  it('takes the logged-in user without its domain and never the tenant account name', () => {
    expect(sentinelOneParser.parse(threat).observables.users).toEqual(['jdoe']);
  });

  it('falls back to the process user when no user is logged in', () => {
    const a = sentinelOneParser.parse(threatProcessUser);
    expect(a.observables.users).toEqual(['svc-build']);
    expect(a.severity).toBe('medium');
  });

  it('reads an alert: source and destination, the machine address, the login user and the agent host', () => {
    const a = sentinelOneParser.parse(alert);
    expect(a.format).toBe('sentinel_one.alert');
    expect(a.observables.srcIps).toEqual(['192.0.2.30']);
    expect(a.observables.dstIps).toEqual(['198.51.100.30']);
    expect(a.observables.ips).toEqual(['192.0.2.30', '198.51.100.30', '192.0.2.31']);
    expect(a.observables.users).toEqual(['mallory']);
    expect(a.observables.hosts).toEqual(['srv-files-02']);
    expect(a.observables.domains).toEqual(['updates.example.net']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('900000000000000011');
    expect(a.observedAt).toBe('2024-05-03T11:00:00.000Z');
  });

  it('does not take process owners of an alert as users', () => {
    const a = sentinelOneParser.parse({ ...alert, alertInfo: { ...alert.alertInfo, loginsUserName: null } });
    expect(a.observables.users).toEqual([]);
  });

  it('keeps alert DNS requests out of related hosts', () => {
    expect(sentinelOneParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a console activity: the acting users and the login address, not the tenant account', () => {
    const a = sentinelOneParser.parse(activity);
    expect(a.format).toBe('sentinel_one.activity');
    expect(a.observables.users).toEqual(['Dana Lee', 'Ops Admin']);
    expect(a.observables.ips).toEqual(['203.0.113.40']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe(activity.primaryDescription);
    expect(a.ruleId).toBe('27');
  });

  it('reads an agent activity: the computer name as host and its external address', () => {
    const a = sentinelOneParser.parse(agentActivity);
    expect(a.observables.hosts).toEqual(['ws-lab-08']);
    expect(a.observables.ips).toEqual(['198.51.100.41']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads an agent record: external, management, gateway and interface addresses, last user and host', () => {
    const a = sentinelOneParser.parse(agent);
    expect(a.format).toBe('sentinel_one.agent');
    expect(a.observables.ips).toEqual(['203.0.113.50', '192.0.2.50', '192.0.2.1', '2001:db8::50']);
    expect(a.observables.users).toEqual(['kim']);
    expect(a.observables.hosts).toEqual(['ws-lab-09']);
    expect(a.severity).toBe('medium');
  });

  it('reads a group record: its creator as the only user', () => {
    const a = sentinelOneParser.parse(group);
    expect(a.format).toBe('sentinel_one.group');
    expect(a.observables.users).toEqual(['Pat Example']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-05-06T07:30:00.000Z');
  });

  it('takes an agent record’s domain or workgroup as a related host', () => {
    const a = sentinelOneParser.parse({ ...agent, domain: 'LABGROUP' });
    expect(a.observables.hosts).toEqual(['ws-lab-09', 'LABGROUP']);
  });

  it('reads a unified alert: the attacker as source, the asset’s addresses, users and names as Elastic maps them', () => {
    const a = sentinelOneParser.parse(unifiedAlert);
    expect(a.format).toBe('sentinel_one.unified_alert');
    expect(a.observables.srcIps).toEqual(['203.0.113.60']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.60', '192.0.2.60', '2001:db8::60', '203.0.113.60']);
    expect(a.observables.users).toEqual([
      'Kai Moss',
      'kai',
      'kai@example.org',
      'analyst@example.org',
      'Ana Lyst',
      'analyst-7',
    ]);
    expect(a.observables.hosts).toEqual(['lab-web-03', 'asset-lab-0001', 'bad.example.net']);
    expect(a.observables.hashes).toEqual(['ef'.repeat(20)]);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-06-01T10:00:00.000Z');
    expect(a.ruleId).toBe('analytic-lab-1');
    expect(a.title).toBe('SentinelOne alert: dropper.bin detected as Malware on lab-web-03');
  });

  it('reads a unified alert without a detection-time asset or attacker: only the asset and the target user', () => {
    const a = sentinelOneParser.parse({
      ...unifiedAlert,
      assignee: null,
      assets: [{ id: 'asset-lab-0002', name: 'lab-web-04', lastLoggedInUser: null }],
      detectionTime: { assets: [{ asset: null }], attacker: null, targetUser: { name: 'Kai Moss' } },
    });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['Kai Moss']);
    expect(a.observables.hosts).toEqual(['lab-web-04', 'asset-lab-0002']);
  });

  it('reads a threat event: agent, source and destination addresses, its users, the DNS question as a domain', () => {
    const a = sentinelOneParser.parse(threatEvent);
    expect(a.format).toBe('sentinel_one.threat_event');
    expect(a.observables.srcIps).toEqual(['192.0.2.71']);
    expect(a.observables.dstIps).toEqual(['198.51.100.71']);
    expect(a.observables.ips).toEqual(['192.0.2.70', '192.0.2.71', '198.51.100.71']);
    expect(a.observables.ips).not.toContain('198.51.100.99');
    expect(a.observables.users).toEqual(['LAB\\lee', 'svc-login']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['cdn.example.net']);
    expect(a.observables.urls).toEqual(['https://cdn.example.net/a']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('SuspiciousBeacon');
    expect(a.observedAt).toBe('2024-06-02T08:00:00.000Z');
  });

  it('reads an installed application: its endpoint as the host', () => {
    const a = sentinelOneParser.parse(application);
    expect(a.format).toBe('sentinel_one.application');
    expect(a.observables.hosts).toEqual(['lab-ws-12']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.title).toBe('SentinelOne application Example Zip 1.2.3 on lab-ws-12');
  });

  it('reads an application risk: the CVE and severity, the endpoint only in the title as Elastic keeps it out of hosts', () => {
    const a = sentinelOneParser.parse(applicationRisk);
    expect(a.format).toBe('sentinel_one.application_risk');
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('CVE-2024-0001');
    expect(a.title).toContain('lab-ws-12');
    expect(a.observedAt).toBe('2024-06-04T09:00:00.000Z');
  });

  it('never reports an unspecified address', () => {
    const a = sentinelOneParser.parse({ ...agent, externalIp: '0.0.0.0', lastIpToMgmt: '::' });
    expect(a.observables.ips).not.toContain('0.0.0.0');
    expect(a.observables.ips).not.toContain('::');
  });

  it('does not claim other formats', () => {
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'dana@example.org' },
      displayMessage: 'x',
    };
    const partial = { threatInfo: { threatName: 'x' } };
    const badAlert = { ...alert, alertInfo: 'not an object' };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"threatInfo":{}}';
    const badUnified = { ...unifiedAlert, assets: 'not a list' };
    const appOnly = { applicationName: 'Example Zip', version: '1.2.3' };
    for (const raw of [okta, partial, badAlert, badUnified, appOnly, line, null, 42, []]) {
      expect(sentinelOneParser.detect(raw)).toBe(false);
    }
  });

  it('is the registry’s first choice for these samples, and no other specific parser claims them', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, sentinelOneParser.name), name).toEqual({
        first: sentinelOneParser.name,
        others: [],
      });
    }
  });
});
