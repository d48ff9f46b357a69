// The CrowdStrike Falcon host-inventory parser on synthetic device-details records: detection, the indicators
// Elastic's crowdstrike host pipeline keeps, and that neither the Falcon nor the FDR parser (nor any other) claims them.
import { describe, expect, it } from 'vitest';
import { crowdstrikeHostParser } from '../../../src/intake/parsers/crowdstrike-host.js';
import { registryClaims } from './registry-claims.js';

const macHost = {
  device_id: '0123456789abcdef0123456789abcdef',
  cid: 'fedcba9876543210fedcba9876543210',
  agent_version: '7.10.17000.0',
  agent_local_time: '2025-04-01T08:00:00.000Z',
  connection_ip: '203.0.113.40',
  external_ip: '203.0.113.40',
  local_ip: '192.0.2.41',
  hostname: 'mac-demo-07.local',
  machine_domain: 'DEMOCORP',
  mac_address: 'aa-bb-cc-00-11-22',
  first_seen: '2025-01-10T09:00:00Z',
  last_seen: '2025-04-01T08:05:00Z',
  modified_timestamp: '2025-04-01T08:06:00Z',
  os_version: 'Sonoma (14)',
  platform_name: 'Mac',
  product_type_desc: 'Workstation',
  status: 'normal',
  device_policies: { prevention: { policy_id: 'abc', applied: true, settings_hash: 'deadbeef' } },
  policies: [{ policy_type: 'prevention', policy_id: 'abc', applied: true }],
  tags: [],
};

const windowsServer = {
  device_id: '11112222333344445555666677778888',
  cid: '99990000aaaabbbbccccddddeeeeffff',
  agent_version: '7.22.19000.0',
  external_ip: '198.51.100.77',
  connection_ip: '192.0.2.90',
  local_ip: '192.0.2.90',
  default_gateway_ip: '192.0.2.1',
  hostname: 'SRV-DEMO-01',
  machine_domain: '',
  last_login_user: 'Administrator',
  os_version: 'Windows Server 2022',
  platform_name: 'Windows',
  product_type_desc: 'Server',
  status: 'containment_pending',
  modified_timestamp: '2025-05-02T10:00:00Z',
};

const samples = { macHost, windowsServer };

describe('crowdstrikeHostParser', () => {
  it('detects Falcon device-details records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(crowdstrikeHostParser.detect(sample), name).toBe(true);
    }
  });

  it('reports connection, external and local addresses as related addresses, and the host name and domain as hosts', () => {
    const a = crowdstrikeHostParser.parse(macHost);
    expect(a.format).toBe('crowdstrike.host');
    expect(a.recognizedBy).toBe('parser:crowdstrike.host');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.40', '192.0.2.41']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['mac-demo-07.local', 'DEMOCORP']);
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-04-01T08:06:00.000Z');
    expect(a.ruleId).toBe('normal');
  });

  it('keeps Elastic’s address order, skips an empty domain and does not report the last logged-in user', () => {
    const a = crowdstrikeHostParser.parse(windowsServer);
    expect(a.observables.ips).toEqual(['192.0.2.90', '198.51.100.77']);
    expect(a.observables.hosts).toEqual(['SRV-DEMO-01']);
    expect(a.observables.users).toEqual([]);
  });

  it('rates a host under containment medium', () => {
    expect(crowdstrikeHostParser.parse(windowsServer).severity).toBe('medium');
  });

  it('never reports the unspecified address', () => {
    const a = crowdstrikeHostParser.parse({ ...macHost, external_ip: '0.0.0.0', connection_ip: '::' });
    expect(a.observables.ips).toEqual(['192.0.2.41']);
  });

  it('claims neither Falcon streaming events, FDR events, alerts nor text', () => {
    const streaming = {
      metadata: { eventType: 'DetectionSummaryEvent' },
      event: { device_id: macHost.device_id },
    };
    const fdr = {
      event_simpleName: 'ProcessRollup2',
      aid: macHost.device_id,
      cid: macHost.cid,
      device_id: 'x',
    };
    const bare = { device_id: macHost.device_id, cid: macHost.cid, hostname: 'h' };
    const line = '2025-04-01T08:00:00Z device_id=0123456789abcdef hostname=mac-demo-07';
    for (const raw of [streaming, fdr, bare, line, null, 42, []]) {
      expect(crowdstrikeHostParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, crowdstrikeHostParser.name).others, name).toEqual([]);
    }
  });
});
