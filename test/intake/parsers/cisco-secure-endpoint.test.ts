// The Cisco Secure Endpoint parser on synthetic v1 events API records (wrapped and bare): detection, the
// computer's addresses, name and user, a flow's local and remote address, and no double claims.
import { describe, expect, it } from 'vitest';
import { ciscoSecureEndpointParser } from '../../../src/intake/parsers/cisco-secure-endpoint.js';
import { registryClaims } from './registry-claims.js';

const computer = {
  connector_guid: 'guid-0001',
  hostname: 'ws-finance-07.corp.example',
  external_ip: '203.0.113.40',
  active: true,
  network_addresses: [
    { ip: '192.0.2.17', mac: '00:00:5e:00:53:01' },
    { ip: '2001:db8::17', mac: '00:00:5e:00:53:02' },
  ],
  links: { computer: 'https://api.amp.example/v1/computers/guid-0001' },
};

const threatDetected = {
  version: 'v1.2.0',
  metadata: { links: { self: 'https://api.amp.example/v1/events?limit=500' }, results: { total: 2 } },
  data: {
    id: 640000000001,
    timestamp: 1717230000,
    timestamp_nanoseconds: 125000000,
    date: '2024-06-01T08:20:00+00:00',
    event_type: 'Threat Detected',
    event_type_id: 1090519054,
    detection: 'W32.Example.Trojan',
    detection_id: '6400000000000000001',
    connector_guid: 'guid-0001',
    group_guids: ['group-1'],
    severity: 'High',
    computer: { ...computer, user: 'pat.morgan@corp.example' },
    file: {
      disposition: 'Malicious',
      file_name: 'invoice.exe',
      file_path: '\\\\?\\C:\\Users\\pat\\Downloads\\invoice.exe',
      identity: { sha256: 'a'.repeat(64), sha1: 'b'.repeat(40), md5: 'c'.repeat(32) },
      parent: { process_id: 400, file_name: 'explorer.exe', identity: { sha256: 'd'.repeat(64) } },
    },
  },
};

const networkEvent = {
  id: 640000000002,
  timestamp: 1717230600,
  date: '2024-06-01T08:30:00+00:00',
  event_type: 'Executed malware',
  event_type_id: 1107296272,
  connector_guid: 'guid-0001',
  severity: 'Medium',
  computer: { ...computer, user: 'svc_backup' },
  network_info: {
    local_ip: '192.0.2.17',
    local_port: 50122,
    remote_ip: '198.51.100.80',
    remote_port: 443,
    dirty_url: 'https://downloads.bad.example/payload.bin',
    nfm: { direction: 'Outgoing connection from', protocol: 'TCP' },
  },
};

const policyUpdate = {
  version: 'v1.2.0',
  metadata: { links: {} },
  data: {
    id: 640000000003,
    timestamp: 1717231200,
    date: '2024-06-01T08:40:00+00:00',
    event_type: 'Policy Update',
    event_type_id: 553648130,
    connector_guid: 'guid-0002',
    computer: { connector_guid: 'guid-0002', hostname: 'lab-kiosk', external_ip: '0.0.0.0', active: true },
  },
};

const samples = { threatDetected, networkEvent, policyUpdate };

describe('ciscoSecureEndpointParser', () => {
  it('detects wrapped and bare events API records', () => {
    for (const [name, s] of Object.entries(samples))
      expect(ciscoSecureEndpointParser.detect(s), name).toBe(true);
  });

  it('reads a threat: the computer is the host, its addresses are related, the e-mail user is reduced', () => {
    const a = ciscoSecureEndpointParser.parse(threatDetected);
    expect(a.format).toBe('cisco_secure_endpoint.event');
    expect(a.recognizedBy).toBe('parser:cisco_secure_endpoint.event');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.40', '192.0.2.17', '2001:db8::17']);
    expect(a.observables.hosts).toEqual(['ws-finance-07.corp.example']);
    expect(a.observables.users).toEqual(['pat.morgan']);
    expect(a.observables.hashes).toEqual(['a'.repeat(64), 'b'.repeat(40), 'c'.repeat(32), 'd'.repeat(64)]);
    expect(a.title).toContain('Threat Detected');
    expect(a.title).toContain('W32.Example.Trojan');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-06-01T08:20:00.000Z');
    expect(a.ruleId).toBe('1090519054');
  });

  it('reads a flow: the local address is the source, the remote one the destination, the URL site a domain', () => {
    const a = ciscoSecureEndpointParser.parse(networkEvent);
    expect(a.observables.srcIps).toEqual(['192.0.2.17']);
    expect(a.observables.dstIps).toEqual(['198.51.100.80']);
    expect(a.observables.ips).toEqual(['192.0.2.17', '198.51.100.80', '203.0.113.40', '2001:db8::17']);
    expect(a.observables.users).toEqual(['svc_backup']);
    expect(a.observables.domains).toEqual(['downloads.bad.example']);
    expect(a.observables.urls).toEqual(['https://downloads.bad.example/payload.bin']);
    expect(a.severity).toBe('medium');
    expect(ciscoSecureEndpointParser.domainsInRelatedHosts).toBe(false);
  });

  it('never reports the unspecified address and rates an event without severity as informational', () => {
    const a = ciscoSecureEndpointParser.parse(policyUpdate);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['lab-kiosk']);
    expect(a.severity).toBe('info');
  });

  it('does not claim other formats or malformed records', () => {
    const others: unknown[] = [
      'Jun  1 08:20:00 host sshd[1]: Accepted password for root from 192.0.2.1 port 22 ssh2',
      { eventType: 'user.session.start', actor: { alternateId: 'a@example.com' } },
      { data: { event_type: 'Threat Detected' }, metadata: {} },
      { event_type: 'Threat Detected', event_type_id: 1, severity: 'High' },
      { ...networkEvent, event_type: 42 },
      null,
      [threatDetected],
    ];
    for (const o of others) expect(ciscoSecureEndpointParser.detect(o)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, s] of Object.entries(samples)) {
      expect(registryClaims(s, ciscoSecureEndpointParser.name).others, name).toEqual([]);
    }
  });
});
