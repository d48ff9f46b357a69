// The Armis parser on synthetic API records: alerts (affected device ids as hosts), devices (names, addresses
// and user ids) and vulnerabilities (matched device and the user who re-rated it), and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { armisParser } from '../../../src/intake/parsers/armis.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  activityUUIDs: ['00000000-0000-4000-8000-000000000001'],
  affectedDevicesCount: 2,
  alertId: 901,
  classification: 'Security - Threat',
  connectionIds: ['conn-1'],
  description: 'A device contacted a known malicious domain.',
  destinationEndpoints: ['bad-server'],
  deviceIds: [31, 'dev-32'],
  lastAlertUpdateTime: '2024-06-01T10:00:05.000000+00:00',
  mitreAttackLabels: 'T1071 - Application Layer Protocol',
  policyId: 4242,
  policyLabels: ['Threat Detection'],
  policyTitle: 'Malicious Domain Contact',
  severity: 'High',
  sourceEndpoints: ['lab-laptop-3'],
  status: 'Unhandled',
  time: '2024-06-01T10:00:00.123456+00:00',
  title: 'Connection to a malicious domain',
  type: 'System Policy Violation',
};

const device = {
  accessSwitch: 'lab-switch',
  boundaries: 'Corporate',
  businessImpact: 'Medium',
  category: 'Computers',
  dataSources: [{ name: 'lab-source', types: ['Asset Inventory'] }],
  displayTitle: 'LAB-WS-09.corp.example',
  firstSeen: '2024-05-01T08:00:00.000000+00:00',
  id: 7001,
  ipAddress: '192.0.2.90, 198.51.100.90, not-an-ip',
  ipv6: ['2001:db8::90', '::'],
  lastSeen: '2024-06-02T09:30:00.000000+00:00',
  macAddress: '00:00:5E:00:53:90',
  name: 'LAB-WS-09',
  names: 'LAB-WS-09,Lab-Ws-09-Alt',
  operatingSystem: 'Windows',
  purdueLevel: 4,
  riskLevel: 30,
  type: 'Workstations',
  typeEnum: 'WORKSTATION',
  userIds: [12, 13],
  visibility: 'Full',
};

const vulnerability = {
  affectedDevicesCount: 3,
  attackVector: 'Network',
  avmRating: 'HIGH',
  avmRatingManualChangedBy: 'vuln.reviewer',
  commonName: 'Sample library flaw',
  cveUid: 'CVE-2024-0001',
  cvssScore: 8.1,
  description: 'A synthetic vulnerability for tests.',
  id: 'CVE-2024-0001',
  lastDetected: '2024-06-03T12:00:00.000000+00:00',
  severity: 'High',
  status: 'Open',
  vulnerability_match: {
    cveUid: 'CVE-2024-0001',
    deviceId: 7001,
    lastDetected: '2024-06-03T11:00:00.000000+00:00',
    status: 'Open',
  },
};

const samples = [alert, device, vulnerability];

describe('armisParser', () => {
  it('detects alerts, devices and vulnerabilities', () => {
    for (const s of samples) expect(armisParser.detect(s)).toBe(true);
  });

  it('reports an alert by title, severity, time and policy, with its device ids as hosts', () => {
    const a = armisParser.parse(alert);
    expect(a.format).toBe('armis.alert');
    expect(a.recognizedBy).toBe('parser:armis');
    expect(a.title).toBe('Armis: Connection to a malicious domain');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-06-01T10:00:00.123Z');
    expect(a.ruleId).toBe('4242');
    expect(a.observables.hosts).toEqual(['31', 'dev-32']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('does not report an alert endpoint name, which Elastic leaves out of the indicators', () => {
    const a = armisParser.parse(alert);
    expect(a.observables.hosts).not.toContain('lab-laptop-3');
    expect(a.observables.hosts).not.toContain('bad-server');
  });

  it('reports a device by its lower-cased names, its valid addresses and its user ids', () => {
    const a = armisParser.parse(device);
    expect(a.format).toBe('armis.device');
    expect(a.title).toBe('Armis device: LAB-WS-09');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-06-02T09:30:00.000Z');
    expect(a.observables.hosts).toEqual(['lab-ws-09', 'lab-ws-09-alt']);
    expect(a.observables.ips).toEqual(['192.0.2.90', '198.51.100.90', '2001:db8::90']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['12', '13']);
  });

  it('reports a vulnerability by CVE and severity, with the matched device and the re-rating user', () => {
    const a = armisParser.parse(vulnerability);
    expect(a.format).toBe('armis.vulnerability');
    expect(a.title).toBe('Armis vulnerability: CVE-2024-0001 (Sample library flaw) on device 7001');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-06-03T11:00:00.000Z');
    expect(a.ruleId).toBe('CVE-2024-0001');
    expect(a.observables.users).toEqual(['vuln.reviewer']);
    expect(a.observables.hosts).toEqual(['7001']);
    expect(a.observables.ips).toEqual([]);
  });

  it('falls back to the AVM rating when a vulnerability has no severity', () => {
    const { severity: _severity, ...rest } = vulnerability;
    expect(armisParser.parse(rest).severity).toBe('high');
  });

  it('does not claim other records or another format', () => {
    expect(armisParser.detect({ alertId: 1, title: 'x' })).toBe(false);
    expect(armisParser.detect({ id: 5, name: 'host', visibility: 'Full' })).toBe(false);
    expect(armisParser.detect({ id: 'CVE-2024-0001', severity: 'High' })).toBe(false);
    expect(armisParser.detect('Jun  1 10:00:00 host sshd[1]: Accepted password for dave')).toBe(false);
    expect(armisParser.detect(null)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, armisParser.name).others).toEqual([]);
  });
});
