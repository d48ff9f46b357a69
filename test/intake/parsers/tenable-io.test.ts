// The tenable.io parser on synthetic audit events, vulnerability findings and assets: detection, the actor and
// target users, the scanned host's addresses and names (as Elastic's tenable_io pipelines map them), and
// that it leaves Tenable.sc and other formats alone.
import { describe, expect, it } from 'vitest';
import { tenableIoParser as parser } from '../../../src/intake/parsers/tenable-io.js';
import { tenableScParser } from '../../../src/intake/parsers/tenable-sc.js';
import { registryClaims } from './registry-claims.js';

const failedLogin = {
  id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  action: 'user.authenticate.password',
  crud: 'u',
  is_failure: true,
  received: '2024-03-01T10:15:00Z',
  description: null,
  actor: { id: '11111111-aaaa-4bbb-8ccc-000000000001', name: 'alice@corp.example' },
  is_anonymous: null,
  target: { id: '11111111-aaaa-4bbb-8ccc-000000000001', name: 'alice@corp.example', type: 'User' },
  fields: [
    { key: 'message', value: 'Invalid credentials.' },
    { key: 'X-Forwarded-For', value: '203.0.113.40' },
  ],
};

const anonymousSession = {
  ...failedLogin,
  action: 'session.create',
  crud: 'c',
  is_failure: false,
  actor: { id: null, name: null },
  is_anonymous: true,
  target: { id: '22222222-aaaa-4bbb-8ccc-000000000002', name: 'bob@corp.example', type: 'User' },
  fields: [{ key: 'X-Access-Type', value: 'Created by username' }],
};

const sessionTimeout = {
  ...failedLogin,
  action: 'session.delete',
  crud: 'd',
  is_failure: false,
  target: { id: 'feed01', name: null, type: 'Session' },
};

const finding = {
  asset: {
    fqdn: 'ws-gamma.corp.example',
    hostname: '198.51.100.23',
    uuid: '33333333-aaaa-4bbb-8ccc-000000000003',
    ipv4: '192.0.2.23',
    netbios_name: 'WS-GAMMA',
    operating_system: ['Linux Kernel 6.1'],
    tracked: true,
  },
  plugin: { id: 51192, name: 'Example Certificate Issue', family: 'General' },
  port: { port: '443', protocol: 'TCP' },
  scan: { uuid: 'scan-1' },
  severity: 'medium',
  severity_id: 2,
  first_found: '2024-02-01T08:00:00Z',
  last_found: '2024-03-01T08:00:00Z',
  state: 'OPEN',
};

const namedFinding = {
  ...finding,
  asset: { hostname: 'db-delta', ipv4: '192.0.2.24', ipv6: '2001:db8::24', uuid: 'x' },
  severity: 'critical',
};

const asset = {
  id: '44444444-aaaa-4bbb-8ccc-000000000004',
  has_agent: true,
  has_plugin_results: true,
  updated_at: '2024-03-02T09:00:00.000Z',
  ipv4s: ['203.0.113.9', '192.0.2.50'],
  ipv6s: [],
  fqdns: ['srv-epsilon.corp.example'],
  hostnames: ['srv-epsilon'],
  netbios_names: ['SRV-EPS01'],
  sources: [{ name: 'NESSUS_AGENT' }],
  network_interfaces: [
    { name: 'eth0', ipv4s: ['192.0.2.50', '198.51.100.50'], ipv6s: ['2001:db8::50'], fqdns: [] },
  ],
};

const plugin = {
  id: 990001,
  name: 'Example Service Outdated',
  attributes: {
    risk_factor: 'High',
    plugin_publication_date: '2023-01-10T00:00:00Z',
    plugin_modification_date: '2024-01-10T00:00:00Z',
    synopsis: 'The remote service is outdated.',
  },
};

const scan = {
  control: true,
  creation_date: 1700000000,
  id: 77,
  last_modification_date: 1700086400,
  name: 'Weekly Lab Scan',
  owner: 'carol@corp.example',
  rrules: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
  schedule_uuid: 'sched-1',
  status: 'completed',
  user_permissions: 128,
  uuid: 'scan-uuid-1',
  scan_details: { info: { targets: '192.0.2.0/24,198.51.100.5' } },
};

const scanner = {
  creation_date: 1700000000,
  hostname: 'scan-node-01',
  id: 4242,
  ip_addresses: ['192.0.2.200'],
  key: 'k',
  last_modification_date: 1700086400,
  linked: 1,
  name: 'Lab Scanner',
  owner_uuid: 'owner-1',
  pool: false,
  status: 'on',
  user_permissions: 128,
  uuid: 'scanner-uuid-1',
};

const samples = {
  failedLogin,
  anonymousSession,
  sessionTimeout,
  finding,
  namedFinding,
  asset,
  plugin,
  scan,
  scanner,
};

describe('tenable.io parser', () => {
  it('reads an audit event: the actor as user, the target user, failure and time; no forwarded-for address', () => {
    const a = parser.parse(failedLogin);
    expect(a.format).toBe('tenable_io.audit');
    expect(a.recognizedBy).toBe('parser:tenable_io');
    expect(a.observables.users).toEqual(['alice@corp.example', '11111111-aaaa-4bbb-8ccc-000000000001']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-01T10:15:00.000Z');
    expect(a.ruleId).toBe('user.authenticate.password');
    expect(a.title).toBe('Tenable.io audit: user.authenticate.password by alice@corp.example (failed)');
  });

  it('reads an anonymous audit event: only the target user id and name', () => {
    const a = parser.parse(anonymousSession);
    expect(a.observables.users).toEqual(['22222222-aaaa-4bbb-8ccc-000000000002', 'bob@corp.example']);
    expect(a.severity).toBe('info');
  });

  it('does not take a non-user target as a user', () => {
    const a = parser.parse(sessionTimeout);
    expect(a.observables.users).toEqual(['alice@corp.example', '11111111-aaaa-4bbb-8ccc-000000000001']);
  });

  it('reads a finding: NetBIOS name lower-cased, an address-like hostname as an address, then IPv4 and FQDN', () => {
    const a = parser.parse(finding);
    expect(a.format).toBe('tenable_io.vulnerability');
    expect(a.observables.ips).toEqual(['198.51.100.23', '192.0.2.23']);
    expect(a.observables.hosts).toEqual(['ws-gamma', 'ws-gamma.corp.example']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('51192');
    expect(a.observedAt).toBe('2024-03-01T08:00:00.000Z');
    expect(a.title).toBe('Tenable.io: Example Certificate Issue on ws-gamma.corp.example:443');
  });

  it('reads a finding whose hostname is a name, with IPv6', () => {
    const a = parser.parse(namedFinding);
    expect(a.observables.ips).toEqual(['192.0.2.24', '2001:db8::24']);
    expect(a.observables.hosts).toEqual(['db-delta']);
    expect(a.severity).toBe('critical');
  });

  it("reads an asset: its interfaces' addresses before its own, the NetBIOS name lower-cased first", () => {
    const a = parser.parse(asset);
    expect(a.format).toBe('tenable_io.asset');
    expect(a.observables.ips).toEqual(['192.0.2.50', '198.51.100.50', '2001:db8::50', '203.0.113.9']);
    expect(a.observables.hosts).toEqual(['srv-eps01', 'srv-epsilon', 'srv-epsilon.corp.example']);
    expect(a.observedAt).toBe('2024-03-02T09:00:00.000Z');
    expect(a.title).toBe('Tenable.io asset srv-epsilon.corp.example');
  });

  it('reads a plugin with its risk factor and no indicators', () => {
    const a = parser.parse(plugin);
    expect(a.format).toBe('tenable_io.plugin');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('990001');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a scan without taking its targets or owner as indicators', () => {
    const a = parser.parse(scan);
    expect(a.format).toBe('tenable_io.scan');
    expect(a.title).toBe('Tenable.io scan Weekly Lab Scan (completed)');
    expect(a.observedAt).toBe('2023-11-15T22:13:20.000Z');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('reads a scanner: its name and host name as hosts, its addresses not as related addresses', () => {
    const a = parser.parse(scanner);
    expect(a.format).toBe('tenable_io.scanner');
    expect(a.observables.hosts).toEqual(['Lab Scanner', 'scan-node-01']);
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim Tenable.sc rows, Qualys rows or other formats, and Tenable.sc does not claim these', () => {
    const others = [
      {
        pluginID: '19506',
        severity: { id: '3', name: 'High' },
        ip: '198.51.100.77',
        repository: { id: '3', name: 'Lab', sciID: '1', dataFormat: 'IPv4' },
      },
      { ID: '1', IP: '192.0.2.25', DETECTION_LIST: { QID: '1', SEVERITY: '3' } },
      { action: 'login', actor: { name: 'x' } },
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      null,
    ];
    for (const raw of others) expect(parser.detect(raw)).toBe(false);
    for (const raw of Object.values(samples)) expect(tenableScParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const raw of Object.values(samples)) {
      expect(parser.detect(raw)).toBe(true);
      expect(registryClaims(raw, parser.name).others).toEqual([]);
    }
  });
});
