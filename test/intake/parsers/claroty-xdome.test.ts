// The Claroty xDome parser on synthetic API records: alerts (with and without alert_info), device
// vulnerabilities and communication events, the indicators Elastic's pipelines map, negatives, and that no
// other specific parser claims these records.
import { describe, expect, it } from 'vitest';
import { clarotyCtdParser } from '../../../src/intake/parsers/claroty-ctd.js';
import { clarotyXdomeParser } from '../../../src/intake/parsers/claroty-xdome.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  alert_info: {
    id: 4242,
    alert_name: 'Unusual Outbound Traffic',
    alert_type_name: 'Outbound Communication',
    alert_class: 'Threat Alerts',
    category: 'Network Threat',
    description: 'An Outbound Communication alert was created for 1 device',
    detected_time: '2024-06-01T08:00:00.000000Z',
    updated_time: '2024-06-01T09:30:00.123456Z',
  },
  device_name: 'hmi-line-07',
  uid: '0f6b7c2e-1111-4a2b-9c3d-0123456789ab',
  asset_id: 'QWERTYU',
  combined_os: 'Windows 10',
  os_name: 'Windows',
  site_name: 'Plant North',
  local_name: 'HMI07',
  dhcp_hostnames: ['hmi07-dhcp'],
  dhcp_last_seen_hostname: 'hmi07-dhcp-last',
  domains: ['PLANT'],
  http_hostnames: [],
  http_last_seen_hostname: null,
  other_hostnames: ['hmi07.plant.example'],
  snmp_hostnames: [null],
  snmp_last_seen_hostname: null,
  windows_hostnames: ['HMI07-WIN'],
  windows_last_seen_hostname: 'HMI07-WIN',
  ip_list: ['192.0.2.17', 'not-an-ip', '0.0.0.0'],
  switch_ip_list: ['198.51.100.2', null],
  assignees: ['OT Team (Group)', 'Dana Example'],
  assignees_data: [
    { id: 'dana.example', type: 'user', is_active: true, display_name: 'Dana Example' },
    { id: 12, type: 'group', display_name: 'OT Team' },
  ],
  authentication_user_list: ['svc-historian'],
  last_domain_user: 'operator1',
  risk_score: 'High',
  risk_score_points: 71.5,
  purdue_level: 'Level 2',
  device_type_family: 'HMI',
  mac_list: ['00:00:5e:00:53:01'],
  slot_cards: { racks: [{ cards: [{ slot_number: 1, ip: '203.0.113.99' }] }], cards_count: 1 },
};

/** An alert-stream device row without alert_info, named by its address. */
const deviceRow = {
  device_name: '192.0.2.40',
  uid: '22222222-3333-4444-5555-666666666666',
  combined_os: 'VxWorks',
  purdue_level: 'Level 1',
  device_type_family: 'PLC',
  device_subcategory: 'Control',
  ip_list: ['192.0.2.41'],
  switch_ip_list: ['2001:db8::2'],
  mac_oui_list: ['Example Automation'],
  risk_score: 'Very Low',
  last_seen_reported: '2024-06-02T00:00:00+00:00',
};

const vulnerability = {
  vulnerability_info: {
    id: 'ABCDEFG',
    name: 'CVE-2024-00001',
    description: 'CVE-2024-00001 - A synthetic flaw.',
    adjusted_vulnerability_score_level: 'High',
    cvss_v3_score: 7.5,
    published_date: '2024-05-01T00:00:00Z',
  },
  vulnerability_last_updated: '2024-05-20T00:00:00+00:00',
  vulnerability_relevance: 'Confirmed',
  device_name: 'eng-ws-03',
  uid: '77777777-8888-4999-aaaa-bbbbbbbbbbbb',
  combined_os: 'Windows 11',
  os_name: 'Windows',
  site_name: 'Plant South',
  ip_list: ['198.51.100.30'],
  assignees: ['Lee Example'],
  authentication_user_list: ['local-admin'],
  last_domain_user: 'engineer2',
  risk_score: 'Medium',
  purdue_level: 'Level 3',
};

const event = {
  event_id: 900,
  event_type: 'Configuration Download',
  description: 'Configuration Download was detected from 203.0.113.5 to 198.51.100.6',
  detection_time: '2024-06-03T12:00:00.500000+00:00',
  source_ip: '203.0.113.5',
  source_port: 50111,
  dest_ip: '198.51.100.6',
  dest_port: 44818,
  source_device_name: 'ENG-LAPTOP-9',
  dest_device_name: '198.51.100.6',
  source_asset_id: 'SRCASST',
  dest_asset_id: 'DSTASST',
  source_username: 'field.tech',
  protocol: 'CIP',
  ip_protocol: 'TCP',
};

const samples = [alert, deviceRow, vulnerability, event];

describe('clarotyXdomeParser', () => {
  it('detects alerts, device rows, vulnerabilities and events', () => {
    for (const s of samples) expect(clarotyXdomeParser.detect(s)).toBe(true);
  });

  it('maps an alert: device hosts in the pipeline order, address lists, assignees and the domain user', () => {
    const a = clarotyXdomeParser.parse(alert);
    expect(a.format).toBe('claroty_xdome.alert');
    expect(a.title).toBe('Claroty xDome alert: Outbound Communication');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('4242');
    expect(a.observedAt).toBe('2024-06-01T09:30:00.123Z');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.17', '198.51.100.2']);
    expect(a.observables.users).toEqual([
      'OT Team (Group)',
      'Dana Example',
      'dana.example',
      '12',
      'OT Team',
      'operator1',
    ]);
    expect(a.observables.hosts).toEqual([
      'hmi-line-07',
      'Windows 10',
      'hmi07-dhcp',
      'hmi07-dhcp-last',
      'PLANT',
      'HMI07',
      'Windows',
      'hmi07.plant.example',
      'Plant North',
      '0f6b7c2e-1111-4a2b-9c3d-0123456789ab',
      'HMI07-WIN',
    ]);
  });

  it('leaves the alert authentication users and slot card addresses out, as the alert pipeline does', () => {
    const a = clarotyXdomeParser.parse(alert);
    expect(a.observables.users).not.toContain('svc-historian');
    expect(a.observables.ips).not.toContain('203.0.113.99');
  });

  it('reads a device name that is an address as a related address, not a host', () => {
    const a = clarotyXdomeParser.parse(deviceRow);
    expect(a.format).toBe('claroty_xdome.alert');
    expect(a.title).toBe('Claroty xDome device: 192.0.2.40');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-06-02T00:00:00.000Z');
    expect(a.observables.ips).toEqual(['192.0.2.41', '192.0.2.40', '2001:db8::2']);
    expect(a.observables.hosts).toEqual(['VxWorks', '22222222-3333-4444-5555-666666666666']);
  });

  it('maps a vulnerability: the authentication users first, then assignees and the domain user', () => {
    const a = clarotyXdomeParser.parse(vulnerability);
    expect(a.format).toBe('claroty_xdome.vulnerability');
    expect(a.title).toBe('Claroty xDome vulnerability: CVE-2024-00001 on eng-ws-03');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('CVE-2024-00001');
    expect(a.observedAt).toBe('2024-05-01T00:00:00.000Z');
    expect(a.observables.ips).toEqual(['198.51.100.30']);
    expect(a.observables.users).toEqual(['local-admin', 'Lee Example', 'engineer2']);
    expect(a.observables.hosts).toEqual([
      'eng-ws-03',
      'Windows 11',
      'Windows',
      'Plant South',
      '77777777-8888-4999-aaaa-bbbbbbbbbbbb',
    ]);
  });

  it('maps an event: source and destination, device addresses related, asset ids and names as hosts', () => {
    const a = clarotyXdomeParser.parse(event);
    expect(a.format).toBe('claroty_xdome.event');
    expect(a.title).toBe('Claroty xDome event: Configuration Download');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Configuration Download');
    expect(a.observedAt).toBe('2024-06-03T12:00:00.500Z');
    expect(a.observables.srcIps).toEqual(['203.0.113.5']);
    expect(a.observables.dstIps).toEqual(['198.51.100.6']);
    expect(a.observables.ips).toEqual(['198.51.100.6', '203.0.113.5']);
    expect(a.observables.users).toEqual(['field.tech']);
    expect(a.observables.hosts).toEqual(['ENG-LAPTOP-9', 'DSTASST', 'SRCASST']);
  });

  it('relates a source device named by its address and names no host for it', () => {
    const a = clarotyXdomeParser.parse({
      ...event,
      source_device_name: '192.0.2.77',
      dest_device_name: 'plc-9',
    });
    expect(a.observables.ips).toEqual(['198.51.100.6', '192.0.2.77', '203.0.113.5']);
    expect(a.observables.hosts).toEqual(['DSTASST', 'plc-9', 'SRCASST']);
  });

  it('skips a scalar field written as a list instead of reporting its rendering', () => {
    const a = clarotyXdomeParser.parse({ ...alert, combined_os: ['Windows 10'], local_name: ['HMI07'] });
    expect(a.observables.hosts).not.toContain('Windows 10');
    expect(a.observables.hosts).not.toContain('HMI07');
  });

  it('does not claim other JSON, Claroty CTD records or text', () => {
    expect(clarotyXdomeParser.detect({ alert_info: 'x', device_name: 'a' })).toBe(false);
    expect(clarotyXdomeParser.detect({ uid: 'a', device_name: 'b' })).toBe(false);
    expect(clarotyXdomeParser.detect({ vulnerability_info: {}, cve: 'CVE-2024-1' })).toBe(false);
    expect(clarotyXdomeParser.detect({ source_ip: '192.0.2.1', dest_ip: '192.0.2.2', event_type: 'x' })).toBe(
      false,
    );
    expect(
      clarotyXdomeParser.detect({
        source_entity: { ipv4: '192.0.2.1' },
        destination_entity: { ipv4: '192.0.2.2' },
        transmission: 'TCP / 502',
      }),
    ).toBe(false);
    expect(clarotyXdomeParser.detect('CEF:0|Claroty|CTD|4.10.0|Alert/Policy Violation|x|7|')).toBe(false);
    expect(clarotyXdomeParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser, the Claroty CTD one included', () => {
    for (const s of samples) {
      expect(clarotyCtdParser.detect(s)).toBe(false);
      expect(registryClaims(s, 'claroty_xdome').others).toEqual([]);
    }
  });
});
