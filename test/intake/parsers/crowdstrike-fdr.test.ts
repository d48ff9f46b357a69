// The CrowdStrike FDR parser on synthetic Falcon Data Replicator events (network, DNS, process, external
// API, user info) and a Falcon Alerts API record: detection, the role of every indicator as Elastic's
// crowdstrike fdr and alert pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { crowdstrikeFdrParser } from '../../../src/intake/parsers/crowdstrike-fdr.js';
import { registryClaims } from './registry-claims.js';

const SHA256 = 'ab'.repeat(32);
const MD5 = 'cd'.repeat(16);

const outbound = {
  event_simpleName: 'NetworkConnectIP4',
  name: 'NetworkConnectIP4V5',
  aid: 'aid-0001',
  aip: '203.0.113.10',
  cid: 'cid-0001',
  id: '00000001-0000-0000-0000-000000000000',
  timestamp: '1714640400123',
  event_platform: 'Win',
  ComputerName: 'ws-lab-07',
  ConnectionDirection: '0',
  LocalAddressIP4: '192.0.2.10',
  LocalPort: '50123',
  RemoteAddressIP4: '198.51.100.20',
  RemotePort: '443',
  Protocol: '6',
};

const inbound = {
  ...outbound,
  event_simpleName: 'NetworkReceiveAcceptIP4',
  ConnectionDirection: '1',
  RemoteAddressIP4: '198.51.100.21',
};

const dns = {
  event_simpleName: 'DnsRequest',
  aid: 'aid-0002',
  aip: '203.0.113.11 2001:db8::11',
  cid: 'cid-0001',
  timestamp: '1714640400456',
  ComputerName: 'ws-lab-08',
  DomainName: 'updates.example.net',
  RequestType: '1',
  UserName: 'jdoe',
  UserPrincipal: 'jdoe@example.com',
};

const process = {
  event_simpleName: 'ProcessRollup2',
  aid: 'aid-0003',
  aip: '203.0.113.12',
  cid: 'cid-0001',
  timestamp: '1714640400789',
  ComputerName: 'srv-build-01',
  UserName: 'svc-build',
  CommandLine: 'C:\\Tools\\build.exe --fast',
  ImageFileName: '\\Device\\HarddiskVolume2\\Tools\\build.exe',
  SHA256HashData: SHA256,
  MD5HashData: MD5,
  SHA1HashData: '0'.repeat(40),
  metadata: {
    host: { ComputerName: 'SRV-BUILD-01.corp.example', aip: '203.0.113.13' },
    user: { LastLoggedOnHost: 'ws-lab-09' },
  },
};

const unspecifiedRemote = {
  event_simpleName: 'AppProtocolDetected',
  aid: 'aid-0004',
  aip: '2001:db8::4',
  cid: 'cid-0001',
  timestamp: '1714640401000',
  LocalAddressIP4: '192.0.2.14',
  RemoteAddressIP4: '0.0.0.0',
};

const externalApi = {
  EventType: 'Event_ExternalApiEvent',
  ExternalApiType: 'Event_ModuleSummaryInfoEvent',
  CustomerIdString: 'cid-0001',
  AgentIdString: 'aid-0005',
  UTCTimestamp: 1714640402000,
  SHA256HashData: SHA256,
  SubjectCN: 'Example Signer',
};

const userInfo = {
  cid: 'cid-0001',
  AccountType: 'Domain User',
  LastLoggedOnHost: 'ws-lab-10',
  LogonType: 'Interactive',
  User: { Name: 'CORP\\mallory', ID: '2001' },
  UserSid_readable: 'S-1-5-21-1-2-3-2001',
  _time: '1714640403.5',
  event_platform: 'Win',
};

const idpAlert = {
  composite_id: 'cid-0001:ind:cid-0001:AAAA-0001',
  id: 'ind:cid-0001:AAAA-0001',
  cid: 'cid-0001',
  agent_id: 'aid-0006',
  falcon_host_link: 'https://falcon.example.com/identity-protection/detections/AAAA-0001',
  name: 'IdpPolicyAccessDenied',
  display_name: 'Access denied by policy',
  product: 'idp',
  severity: 72,
  severity_name: 'High',
  timestamp: '2024-05-02T09:00:00.000Z',
  idp_policy_rule_id: 'RULE-0001',
  source_account_domain: 'CORP.EXAMPLE.COM',
  source_account_name: 'jdoe',
  source_account_upn: 'jdoe@example.com',
  source_endpoint_address_ip4: '198.51.100.40',
  source_endpoint_host_name: 'ws-lab-11.corp.example.com',
  source_endpoint_ip_address: '198.51.100.40',
  target_account_name: 'SRV-DC-01$',
  target_endpoint_host_name: 'srv-files-02.corp.example.com',
  target_domain_controller_host_name: 'SRV-DC-01',
  user_name: 'jdoe.admin',
};

const endpointAlert = {
  composite_id: 'cid-0001:ind:aid-0007:BBBB-0002',
  cid: 'cid-0001',
  agent_id: 'aid-0007',
  name: 'svc-build on srv-build-02',
  display_name: 'Suspicious process',
  product: 'epp',
  severity: 50,
  timestamp: '2024-05-03T10:00:00.000Z',
  device: { external_ip: '203.0.113.50', local_ip: '192.0.2.50', hostname: 'srv-build-02' },
  network_accesses: [{ local_address: '192.0.2.50', remote_address: '198.51.100.51' }],
  sha256: SHA256,
  parent_details: { md5: MD5, user_name: 'svc-build' },
};

/** An endpoint detection summary as FDR exports it (PascalCase, no event_simpleName). */
const detectionSummary = {
  AgentId: 'c8d1292a8a904216aa25ab728f4b45fd',
  CompositeId: 'cid1:ind:c8d1292a8a904216aa25ab728f4b45fd:1111-2222',
  FalconHostLink:
    'https://falcon.example/activity-v2/detections/cid1:ind:c8d1292a8a904216aa25ab728f4b45fd:1111-2222',
  Hostname: 'DESKTOP-7Q2',
  UserName: 'ann.lee',
  LocalIP: '10.20.30.41',
  LocalIPv6: '',
  Name: 'NGAV',
  Description: 'This file is classified as Adware/PUP based on its SHA256 hash.',
  Severity: 30,
  SeverityName: 'Low',
  SHA256String: SHA256,
  MD5String: MD5,
  SHA1String: '0'.repeat(40),
  PatternId: 10303,
  ProcessStartTime: 1718032715,
  Tactic: 'Malware',
  Technique: 'PUP',
};

const samples = [
  outbound,
  inbound,
  dns,
  process,
  unspecifiedRemote,
  externalApi,
  userInfo,
  idpAlert,
  endpointAlert,
  detectionSummary,
];

const correlationAlert = {
  cid: 'c0ffeec0ffeec0ffeec0ffeec0ffee01',
  composite_id: 'c0ffeec0ffeec0ffeec0ffeec0ffee01:ngsiem:c0ffeec0ffeec0ffeec0ffeec0ffee01:demo01',
  falcon_host_link: 'https://falcon.example.test/unified-detections/demo01',
  name: 'Inbound scan then login',
  display_name: 'Inbound scan then login',
  product: 'ngsiem',
  type: 'correlation-detection',
  severity: 50,
  severity_name: 'Medium',
  correlation_rule_id: 'rule-demo-1',
  host_names: ['ws-corr-01'],
  source_hosts: ['scanner.example.test', 'ws-corr-01'],
  destination_hosts: ['nas-corr-01'],
  source_ips: ['198.51.100.71'],
  destination_ips: ['192.0.2.72'],
  user_names: ['corr.user'],
  users: [{ user_name: 'corr.user', sid: '' }],
  timestamp: '2025-05-01T10:00:00Z',
};

const automatedLead = {
  agent_id: 'abababababababababababababababab',
  cid: 'c0ffeec0ffeec0ffeec0ffeec0ffee02',
  composite_id: 'c0ffeec0ffeec0ffeec0ffeec0ffee02:automated-lead:c0ffeec0ffeec0ffeec0ffeec0ffee02:lead01',
  falcon_host_link: 'https://falcon.example.test/automated-leads/lead01',
  name: 'lead-host-01 at 2025-05-01T10:00:00Z',
  product: 'automated-lead',
  type: 'automated-lead',
  score: 30,
  threatgraph_indicators: [{ hostname: 'lead-host-01', display_name: 'ReconUnderWebService' }],
  timestamp: '2025-05-01T10:05:00Z',
};

describe('crowdstrike.fdr parser', () => {
  it('detects FDR events, external API events, user info records and Falcon alerts', () => {
    for (const raw of samples) expect(crowdstrikeFdrParser.detect(raw)).toBe(true);
  });

  it('does not claim the streaming API shape, other JSON, text or garbage', () => {
    const streaming = {
      metadata: { eventType: 'DetectionSummaryEvent', customerIDString: 'cid-0001' },
      event: { event_simpleName: 'x', aid: 'aid-1', ComputerName: 'ws-lab-07' },
    };
    for (const raw of [
      streaming,
      { event_simpleName: 'ProcessRollup2' },
      { eventType: 'user.session.start', actor: { alternateId: 'jdoe@example.com' } },
      '<134>May  2 09:00:00 fw-01 filterlog: 5,,,1000,em0,match,block,in,4,0x0',
      null,
      42,
      [outbound],
    ])
      expect(crowdstrikeFdrParser.detect(raw)).toBe(false);
  });

  it('reads an outbound connection: the local address as source, the remote as destination, the sensor first', () => {
    const a = crowdstrikeFdrParser.parse(outbound);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['203.0.113.10', '192.0.2.10', '198.51.100.20']);
    expect(a.observables.hosts).toEqual(['ws-lab-07']);
    expect(a.format).toBe('crowdstrike.fdr');
    expect(a.recognizedBy).toBe('parser:crowdstrike.fdr');
    expect(a.observedAt).toBe('2024-05-02T09:00:00.123Z');
    expect(a.title).toContain('NetworkConnectIP4');
  });

  it('reads an inbound connection: the remote address as source, the local as destination', () => {
    const a = crowdstrikeFdrParser.parse(inbound);
    expect(a.observables.srcIps).toEqual(['198.51.100.21']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
  });

  it('reads a DNS request: every sensor address, the user and principal, the query as a domain', () => {
    const a = crowdstrikeFdrParser.parse(dns);
    expect(a.observables.ips).toEqual(['203.0.113.11', '2001:db8::11']);
    expect(a.observables.users).toEqual(['jdoe', 'jdoe@example.com']);
    expect(a.observables.domains).toEqual(['updates.example.net']);
    expect(a.observables.hosts).toEqual(['ws-lab-08']);
    expect(crowdstrikeFdrParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a process event: non-empty hashes, the host info enrichment and last logged-on host', () => {
    const a = crowdstrikeFdrParser.parse(process);
    expect(a.observables.hashes).toEqual([MD5, SHA256]);
    expect(a.observables.hosts).toEqual(['srv-build-01', 'SRV-BUILD-01.corp.example', 'ws-lab-09']);
    expect(a.observables.ips).toEqual(['203.0.113.12', '203.0.113.13']);
    expect(a.observables.users).toEqual(['svc-build']);
  });

  it('never reports the unspecified address 0.0.0.0', () => {
    const a = crowdstrikeFdrParser.parse(unspecifiedRemote);
    expect(a.observables.srcIps).toEqual(['192.0.2.14']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['2001:db8::4', '192.0.2.14']);
  });

  it('reads an external API event: its hash and time, no addresses', () => {
    const a = crowdstrikeFdrParser.parse(externalApi);
    expect(a.observables.hashes).toEqual([SHA256]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2024-05-02T09:00:02.000Z');
  });

  it('reads a user info record: the account name and its id, not the last logged-on host', () => {
    const a = crowdstrikeFdrParser.parse(userInfo);
    expect(a.observables.users).toEqual(['CORP\\mallory', '2001']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an identity alert: source endpoint, accounts, and every endpoint and domain name as host', () => {
    const a = crowdstrikeFdrParser.parse(idpAlert);
    expect(a.format).toBe('crowdstrike.alert');
    expect(a.observables.srcIps).toEqual(['198.51.100.40']);
    expect(a.observables.ips).toEqual(['198.51.100.40']);
    expect(a.observables.users).toEqual(['jdoe.admin', 'jdoe', 'jdoe@example.com', 'SRV-DC-01$']);
    expect(a.observables.hosts).toEqual([
      'CORP.EXAMPLE.COM',
      'ws-lab-11.corp.example.com',
      'srv-files-02.corp.example.com',
      'SRV-DC-01',
    ]);
    expect(a.severity).toBe('high');
    expect(a.title).toBe('Access denied by policy');
    expect(a.ruleId).toBe('RULE-0001');
  });

  it('reads an endpoint alert: device and network addresses, hashes, and the user and host of its name', () => {
    const a = crowdstrikeFdrParser.parse(endpointAlert);
    expect(a.observables.ips).toEqual(['203.0.113.50', '192.0.2.50', '198.51.100.51']);
    expect(a.observables.hashes).toEqual([SHA256, MD5]);
    expect(a.observables.users).toEqual(['svc-build']);
    expect(a.observables.hosts).toEqual(['srv-build-02']);
    expect(a.severity).toBe('medium');
  });

  it('reads an NG-SIEM correlation detection: its host, source and destination lists and user names', () => {
    const a = crowdstrikeFdrParser.parse(correlationAlert);
    expect(a.format).toBe('crowdstrike.alert');
    expect(a.observables.ips).toEqual(['198.51.100.71', '192.0.2.72']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['corr.user']);
    expect(a.observables.hosts).toEqual(['ws-corr-01', 'scanner.example.test', 'nas-corr-01']);
  });

  it('reads an endpoint detection summary: the local address as source, its user, host and hashes', () => {
    const a = crowdstrikeFdrParser.parse(detectionSummary);
    expect(a.format).toBe('crowdstrike.fdr');
    expect(a.observables.srcIps).toEqual(['10.20.30.41']);
    expect(a.observables.ips).toEqual(['10.20.30.41']);
    expect(a.observables.users).toEqual(['ann.lee']);
    expect(a.observables.hosts).toEqual(['DESKTOP-7Q2']);
    expect(a.observables.hashes).toEqual([MD5, SHA256]);
    expect(a.severity).toBe('low');
    expect(a.title).toContain('classified as Adware/PUP');
    expect(a.observedAt).toBe('2024-06-10T15:18:35.000Z');
  });

  it('reads an automated lead: the host names of its threat graph indicators', () => {
    const a = crowdstrikeFdrParser.parse(automatedLead);
    expect(a.observables.hosts).toEqual(['lead-host-01']);
    expect(a.observables.ips).toEqual([]);
  });

  it('ignores entity lists on alert types whose pipeline does not read them', () => {
    const a = crowdstrikeFdrParser.parse({ ...correlationAlert, type: 'ldt' });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('is the only specific parser of the registry that claims these samples', () => {
    for (const raw of [...samples, correlationAlert, automatedLead])
      expect(registryClaims(raw, crowdstrikeFdrParser.name).others).toEqual([]);
  });
});
