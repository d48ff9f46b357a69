// The Jamf Protect parser on synthetic alerts, telemetry and Web Protection threat and traffic events:
// detection, the Mac's addresses, telemetry host names, users, visited domains and no double claims.
import { describe, expect, it } from 'vitest';
import { jamfProtectParser as parser } from '../../../src/intake/parsers/jamf-protect.js';
import { registryClaims } from './registry-claims.js';

const macHost = (ips: string[]) => ({
  hostname: 'LAB-MAC-07',
  ips,
  os: 'Version 14.4 (Build 23E214)',
  protectVersion: '5.5.0.1',
  provisioningUDID: '00000000-AAAA-BBBB-CCCC-DDDDDDDDDDDD',
  serial: 'C0TESTSERIAL',
});

const alert = {
  caid: 'aa',
  certid: 'bb',
  input: {
    eventType: 'GPProcessEvent',
    host: macHost(['192.0.2.17', '0.0.0.0']),
    match: {
      uuid: '11111111-2222-3333-4444-555555555555',
      severity: 2,
      event: { type: 1, timestamp: 1700000000.5 },
      facts: [{ name: 'SuspiciousShell', human: 'Shell spawned by an office app', severity: 2 }],
      actions: [{ name: 'Report' }],
    },
    related: {
      users: [
        { uid: 0, name: 'root' },
        { uid: 501, name: 'erin' },
      ],
      files: [],
    },
  },
};

const telemetry = (event: Record<string, unknown>) => ({
  event,
  event_type: 116,
  glob_seq_num: 10,
  host: macHost(['198.51.100.30']),
  metadata: { product: 'Device Telemetry Stream', schemaVersion: '1.0', vendor: 'Jamf' },
  time: '2025-01-02T03:04:05.678Z',
  uuid: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
});
const lock = telemetry({ lw_session_lock: { graphical_session_id: 257, username: 'frank' } });
const odUser = telemetry({ od_create_user: { db_path: '/var/db/dslocal', user_name: 'svc-backup' } });
const sudo = telemetry({
  sudo: { command: '/bin/ls', from_username: 'frank', to_username: 'root', success: true },
});

const threat = {
  event: {
    metadata: { schemaVersion: '1.0', vendor: 'Jamf', product: 'Threat Events Stream' },
    timestamp: '2025-01-02T03:04:05.678Z',
    alertId: '99999999-8888-7777-6666-555555555555',
    device: {
      deviceId: 'd1',
      os: 'IOS 17.2',
      deviceName: 'Apple iPhone (17.2)',
      userDeviceName: 'grace-phone',
    },
    eventType: { id: '303', description: 'Risky Host/Domain - Malware', name: 'ACCESS_BAD_HOST' },
    app: {},
    destination: { ip: '203.0.113.80', name: 'bad.example.net' },
    source: { ip: '198.51.100.7' },
    severity: 8,
    user: { email: 'grace@example.org', name: 'Grace Hopper' },
    action: 'Blocked',
  },
};

const traffic = {
  event: {
    signatureId: { id: '3', name: 'DNS Lookup' },
    metadata: { schemaVersion: '1.0', vendor: 'Jamf', product: 'Network Traffic Stream' },
    timestamp: '2025-01-02T03:04:05.678Z',
    device: { deviceId: 'd2', osType: 'MAC_OS' },
    destination: { ips: ['203.0.113.81'] },
    source: { ip: '198.51.100.8' },
    domain: 'example',
    tld: 'com',
    hostName: 'cdn.example.com',
    threat: { result: 'DIRTY', types: ['malware'] },
    blocked: true,
    user: { email: '', name: 'Heidi' },
  },
};

const samples = [alert, lock, odUser, sudo, threat, traffic];

describe('jamf protect parser', () => {
  it('detects every stream', () => {
    for (const raw of samples) expect(parser.detect(raw)).toBe(true);
  });

  it('reports an alert with the Mac addresses as related and the related users', () => {
    const a = parser.parse(alert);
    expect(a.format).toBe('jamf_protect.alerts');
    expect(a.observables.ips).toEqual(['192.0.2.17']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['root', 'erin']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Shell spawned by an office app');
    expect(a.observedAt).toBe('2023-11-14T22:13:20.500Z');
    expect(a.severity).toBe('medium');
  });

  it('reports a telemetry event with the host name, addresses and the event user', () => {
    const a = parser.parse(lock);
    expect(a.format).toBe('jamf_protect.telemetry');
    expect(a.observables.hosts).toEqual(['LAB-MAC-07']);
    expect(a.observables.ips).toEqual(['198.51.100.30']);
    expect(a.observables.users).toEqual(['frank']);
    expect(parser.parse(odUser).observables.users).toEqual(['svc-backup']);
  });

  it('reports no user for telemetry events whose pipeline sets none (sudo)', () => {
    expect(parser.parse(sudo).observables.users).toEqual([]);
  });

  it('reports a threat event with the user and the domain but no addresses', () => {
    const a = parser.parse(threat);
    expect(a.format).toBe('jamf_protect.web_threat_events');
    expect(a.observables.users).toEqual(['Grace Hopper']);
    expect(a.observables.domains).toEqual(['bad.example.net']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('303');
  });

  it('reports a traffic event with the user and the looked-up domain', () => {
    const a = parser.parse(traffic);
    expect(a.format).toBe('jamf_protect.web_traffic_events');
    expect(a.observables.users).toEqual(['Heidi']);
    expect(a.observables.domains).toEqual(['cdn.example.com']);
    expect(a.observables.ips).toEqual([]);
  });

  it('keeps domains out of related hosts', () => {
    expect(parser.domainsInRelatedHosts).toBe(false);
  });

  it('does not claim Compliance Reporter records or other formats', () => {
    const complianceReporter = {
      header: { event_name: 'AUE_CONNECT', event_id: 32, time_seconds_epoch: 1700000000 },
      host_info: { host_name: 'lab-mac-07' },
      subject: { user_name: 'erin' },
    };
    expect(parser.detect(complianceReporter)).toBe(false);
    expect(parser.detect({ event: { metadata: { vendor: 'Other', product: 'x' } } })).toBe(false);
    expect(parser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(parser.detect('not json')).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of samples) expect(registryClaims(raw, parser.name).others).toEqual([]);
  });
});
