// The Carbon Black Cloud parser on synthetic alerts (v6 and v7), endpoint events, watchlist hits and audit
// entries: detection, the indicators as Elastic's carbon_black_cloud pipelines map them, and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { carbonBlackCloudParser } from '../../../src/intake/parsers/carbon-black-cloud.js';
import { registryClaims } from './registry-claims.js';

const SHA256 = 'ab'.repeat(32);
const MD5 = 'cd'.repeat(16);
const PARENT_SHA256 = 'ef'.repeat(32);

/** A v6 (Alerts API v6) CB Analytics alert, as the alert data stream reads it. */
const alertV6 = {
  type: 'CB_ANALYTICS',
  id: 'alert-0001',
  legacy_alert_id: 'EXAMPLE1',
  org_key: 'EXAMPLEK',
  create_time: '2024-03-01T10:00:05Z',
  last_update_time: '2024-03-01T10:00:09Z',
  first_event_time: '2024-03-01T10:00:00Z',
  last_event_time: '2024-03-01T10:00:01Z',
  threat_id: 't-0001',
  severity: 7,
  category: 'THREAT',
  device_id: 101,
  device_os: 'WINDOWS',
  device_name: 'WS-LAB-01',
  device_username: 'analyst@example.com',
  policy_name: 'default',
  device_internal_ip: '192.0.2.10',
  device_external_ip: '203.0.113.10',
  reason: 'The application fetcher.exe attempted to run a fileless script.',
  reason_code: 'R_FILELESS',
  process_name: 'fetcher.exe',
  threat_cause_actor_sha256: SHA256,
  threat_cause_actor_name: 'fetcher.exe',
  workflow: { state: 'OPEN', changed_by: 'Carbon Black' },
};

/** A v6 device-control alert whose device and user carry a `DOMAIN\` prefix. */
const deviceControlAlert = {
  ...alertV6,
  type: 'DEVICE_CONTROL',
  id: 'alert-0002',
  severity: 3,
  device_name: 'EXAMPLECORP\\WS-LAB-02',
  device_username: 'EXAMPLECORP\\kim',
  device_internal_ip: '0.0.0.0',
  device_external_ip: '198.51.100.22',
  reason: 'Access attempted on unapproved USB device.',
  reason_code: 'DC-0001',
};

/** A v7 (Alerts API v7) watchlist alert. */
const alertV7 = {
  org_key: 'EXAMPLEK',
  alert_url: 'https://defense.example.net/alerts?orgKey=EXAMPLEK',
  id: 'alert-0003',
  type: 'WATCHLIST',
  backend_timestamp: '2024-03-02T08:00:10.000Z',
  detection_timestamp: '2024-03-02T08:00:05.000Z',
  first_event_timestamp: '2024-03-02T08:00:00.000Z',
  last_event_timestamp: '2024-03-02T08:00:01.000Z',
  severity: 9,
  reason: 'Process powershell.exe matched a watchlist report',
  reason_code: 'WL-REPORT-1',
  device_id: 202,
  device_name: 'srv-db-03',
  device_os: 'WINDOWS',
  device_username: 'LABDOM\\svc-backup',
  device_internal_ip: '192.0.2.30',
  device_external_ip: '203.0.113.30',
  process_name: 'c:\\windows\\system32\\powershell.exe',
  process_sha256: SHA256,
  process_md5: MD5,
  process_username: 'LABDOM\\svc-backup',
  parent_sha256: PARENT_SHA256,
  netconn_remote_ip: '198.51.100.99',
  netconn_local_ip: '192.0.2.30',
};

/** A v7 container-runtime alert with no device user. */
const containerAlert = {
  org_key: 'EXAMPLEK',
  id: 'alert-0004',
  type: 'CONTAINER_RUNTIME',
  backend_timestamp: '2024-03-03T08:00:10.000Z',
  detection_timestamp: '2024-03-03T08:00:05.000Z',
  severity: 5,
  reason: 'Egress to an unexpected destination',
  device_id: 0,
  device_name: '',
  device_username: '',
  netconn_remote_ipv4: '198.51.100.77',
};

/** An outbound network-connection endpoint event. */
const netconnOut = {
  type: 'endpoint.event.netconn',
  event_type: 'netconn',
  org_key: 'EXAMPLEK',
  device_id: 303,
  device_name: 'EXAMPLECORP\\ws-lab-04',
  device_os: 'WINDOWS',
  device_external_ip: '203.0.113.40',
  device_internal_ip: '192.0.2.40',
  device_timestamp: '2024-03-04 09:00:00.123 +0000 UTC',
  backend_timestamp: '2024-03-04 09:00:05 +0000 UTC',
  event_id: 'ev-0001',
  event_description: 'The application fetcher.exe established a TCP connection to 198.51.100.40:443',
  local_ip: '192.0.2.40',
  local_port: 50000,
  remote_ip: '198.51.100.40',
  remote_port: 443,
  netconn_domain: 'updates.example.com',
  netconn_inbound: false,
  netconn_protocol: 'PROTO_TCP',
  process_username: 'EXAMPLECORP\\dana',
  process_hash: [MD5, SHA256],
};

/** An inbound connection: the remote address is the source. */
const netconnIn = {
  ...netconnOut,
  event_id: 'ev-0002',
  device_name: 'ws-lab-05',
  netconn_inbound: true,
  local_ip: '192.0.2.50',
  remote_ip: '2001:db8::50',
  device_internal_ip: '192.0.2.50',
  device_external_ip: undefined,
};

/** A process-start endpoint event with a child process user. */
const procstart = {
  type: 'endpoint.event.procstart',
  org_key: 'EXAMPLEK',
  device_name: 'ws-lab-06',
  device_internal_ip: '192.0.2.60',
  device_timestamp: '2024-03-05 09:00:00 +0000 UTC',
  event_id: 'ev-0003',
  process_username: 'NT AUTHORITY\\SYSTEM',
  childproc_username: 'ws-lab-06\\operator',
  childproc_hash: [SHA256],
};

/** A watchlist hit from the event forwarder. */
const watchlistHit = {
  schema: 1,
  create_time: '2024-03-06T07:00:00.000Z',
  device_external_ip: '203.0.113.70',
  device_id: 404,
  device_internal_ip: '192.0.2.70',
  device_name: 'EXAMPLECORP\\ws-lab-07',
  device_os: 'WINDOWS',
  ioc_hit: '(process_name:certutil.exe)',
  ioc_id: 'ioc-1',
  org_key: 'EXAMPLEK',
  parent_username: 'EXAMPLECORP\\lee',
  process_username: 'EXAMPLECORP\\lee',
  process_hash: [SHA256],
  report_id: 'report-1',
  report_name: 'Certutil download',
  severity: 4,
  type: 'watchlist.hit',
};

/** An audit log entry. */
const audit = {
  requestUrl: null,
  eventTime: 1709712000000,
  eventId: 'audit-0001',
  loginName: 'admin@example.com',
  orgName: 'Example Org',
  flagged: false,
  clientIp: '198.51.100.80',
  verbose: false,
  description: 'Logged in successfully',
};

/** One device of the vulnerability assessment's asset summary. */
const assetSummary = {
  cve_ids: null,
  device_id: 4242,
  highest_risk_score: 9.1,
  host_name: 'LAB-WS-09',
  last_sync_ts: '2024-03-01T09:00:00.123456Z',
  name: 'LAB-WS-09-VM',
  os_info: { os_arch: '64-bit', os_name: 'Example OS', os_type: 'WINDOWS', os_version: '10.0' },
  severity: 'CRITICAL',
  sync_status: 'COMPLETED',
  sync_type: 'SCHEDULED',
  type: 'ENDPOINT',
  vm_id: '',
  vm_name: '',
  vuln_count: 12,
};

const samples = {
  assetSummary,
  alertV6,
  deviceControlAlert,
  alertV7,
  containerAlert,
  netconnOut,
  netconnIn,
  procstart,
  watchlistHit,
  audit,
};

describe('carbonBlackCloudParser', () => {
  it('detects every supported Carbon Black Cloud record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(carbonBlackCloudParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a v6 alert: the device host and user, both device addresses as related addresses only', () => {
    const a = carbonBlackCloudParser.parse(alertV6);
    expect(a.format).toBe('carbon_black_cloud.alert');
    expect(a.recognizedBy).toBe('parser:carbon_black_cloud');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10', '203.0.113.10']);
    expect(a.observables.users).toEqual(['analyst@example.com']);
    expect(a.observables.hosts).toEqual(['WS-LAB-01']);
    expect(a.observables.hashes).toEqual([SHA256]);
  });

  it('reports the v6 alert reason, severity, creation time and reason code', () => {
    const a = carbonBlackCloudParser.parse(alertV6);
    expect(a.title).toBe(`${alertV6.reason} on WS-LAB-01`);
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-03-01T10:00:05.000Z');
    expect(a.ruleId).toBe('R_FILELESS');
  });

  it('splits DOMAIN\\name at the first backslash, keeping the domain as a related host', () => {
    const a = carbonBlackCloudParser.parse(deviceControlAlert);
    expect(a.observables.users).toEqual(['kim']);
    expect(a.observables.hosts).toEqual(['WS-LAB-02', 'EXAMPLECORP']);
    expect(a.severity).toBe('low');
  });

  it('never reports the unspecified address 0.0.0.0', () => {
    expect(carbonBlackCloudParser.parse(deviceControlAlert).observables.ips).toEqual(['198.51.100.22']);
  });

  it('reads a v7 alert: host, user without its domain, hashes, and no addresses as Elastic maps none', () => {
    const a = carbonBlackCloudParser.parse(alertV7);
    expect(a.format).toBe('carbon_black_cloud.alert_v7');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['svc-backup']);
    expect(a.observables.hosts).toEqual(['srv-db-03', 'LABDOM']);
    expect(a.observables.hashes).toEqual([SHA256, MD5, PARENT_SHA256]);
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2024-03-02T08:00:05.000Z');
    expect(a.ruleId).toBe('WL-REPORT-1');
  });

  it('reads a v7 alert without a device name or user as having no host or user', () => {
    const a = carbonBlackCloudParser.parse(containerAlert);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('Egress to an unexpected destination');
    expect(a.ruleId).toBe('CONTAINER_RUNTIME');
  });

  it('reads an outbound connection: local address as source, remote as destination, the local one related', () => {
    const a = carbonBlackCloudParser.parse(netconnOut);
    expect(a.format).toBe('carbon_black_cloud.endpoint_event');
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['198.51.100.40']);
    expect(a.observables.ips).toEqual(['192.0.2.40', '203.0.113.40']);
    expect(a.observables.users).toEqual(['EXAMPLECORP\\dana']);
    expect(a.observables.hosts).toEqual(['ws-lab-04', 'EXAMPLECORP']);
    expect(a.observables.hashes).toEqual([MD5, SHA256]);
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-04T09:00:00.123Z');
    expect(a.ruleId).toBe('endpoint.event.netconn');
  });

  it('reads an inbound connection: the remote address is the source', () => {
    const a = carbonBlackCloudParser.parse(netconnIn);
    expect(a.observables.srcIps).toEqual(['2001:db8::50']);
    expect(a.observables.dstIps).toEqual(['192.0.2.50']);
    expect(a.observables.ips).toEqual(['2001:db8::50', '192.0.2.50']);
    expect(a.observables.hosts).toEqual(['ws-lab-05']);
  });

  it('keeps endpoint-event process users whole, as Elastic copies them to related.user', () => {
    const a = carbonBlackCloudParser.parse(procstart);
    expect(a.observables.users).toEqual(['NT AUTHORITY\\SYSTEM', 'ws-lab-06\\operator']);
    expect(a.observables.ips).toEqual(['192.0.2.60']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hashes).toEqual([SHA256]);
  });

  it('reads a watchlist hit: host, domain, process users and device addresses', () => {
    const a = carbonBlackCloudParser.parse(watchlistHit);
    expect(a.format).toBe('carbon_black_cloud.watchlist_hit');
    expect(a.observables.hosts).toEqual(['ws-lab-07', 'EXAMPLECORP']);
    expect(a.observables.users).toEqual(['EXAMPLECORP\\lee']);
    expect(a.observables.ips).toEqual(['192.0.2.70', '203.0.113.70']);
    expect(a.title).toBe('Certutil download on ws-lab-07');
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('report-1');
    expect(a.observedAt).toBe('2024-03-06T07:00:00.000Z');
  });

  it('reads an asset vulnerability summary: the device name, then its host name, as hosts', () => {
    const a = carbonBlackCloudParser.parse(assetSummary);
    expect(a.observables.hosts).toEqual(['LAB-WS-09-VM', 'LAB-WS-09']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2024-03-01T09:00:00.123Z');
    expect(a.title).toContain('12 vulnerabilities');
  });

  it('reads an audit entry: the client address as a related address and no user', () => {
    const a = carbonBlackCloudParser.parse(audit);
    expect(a.format).toBe('carbon_black_cloud.audit');
    expect(a.observables.ips).toEqual(['198.51.100.80']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('Logged in successfully');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-06T08:00:00.000Z');
    expect(carbonBlackCloudParser.parse({ ...audit, flagged: true }).severity).toBe('low');
  });

  it('does not claim other vendors’ JSON or text lines', () => {
    const others: unknown[] = [
      '<134>Mar  1 10:00:00 fw01 filterlog: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,198.51.100.2,5000,443,0,S',
      { type: 'CB_ANALYTICS', device_name: 'ws', create_time: '2024-03-01T10:00:05Z' },
      { org_key: 'EXAMPLEK', type: 'endpoint.event.netconn', remote_ip: 5 },
      { metadata: { eventType: 'DetectionSummaryEvent' }, event: { ComputerName: 'ws' } },
      { agentDetectionInfo: { name: 'ws' }, threatInfo: { threatName: 'x' } },
      { type: 'Event::Endpoint::Threat::Detected', customer_id: 'c', severity: 'high', when: 'x' },
      { eventId: 'e', loginName: 'x', eventTime: 1 },
      { device_id: 1, host_name: 'ws', vuln_count: 3 },
      null,
      [alertV6],
    ];
    for (const raw of others) expect(carbonBlackCloudParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, 'carbon_black_cloud').others, name).toEqual([]);
    }
  });
});
