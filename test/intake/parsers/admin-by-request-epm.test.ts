// The Admin By Request EPM parser on synthetic API records: audit log entries and events, bare and under
// `message`, mapped to the users and hosts Elastic's pipelines emit, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { adminByRequestEpmParser } from '../../../src/intake/parsers/admin-by-request-epm.js';
import { registryClaims } from './registry-claims.js';

const elevation = {
  id: 1001,
  traceNo: '90000001',
  settingsName: 'Global',
  type: 'Run As Admin',
  typeCode: 0,
  status: 'Finished',
  statusCode: 2,
  reason: 'Install the new VPN client',
  approvedBy: 'Sam Approver',
  deniedReason: null,
  requestTime: '2024-02-01T09:00:00',
  requestTimeUTC: '2024-02-01T08:00:00',
  user: {
    account: 'EXAMPLE\\RLOPEZ',
    fullName: 'Rita Lopez',
    email: 'rita.lopez@example.org',
    isAdmin: false,
  },
  computer: { name: 'LAPTOP-RL01', platform: 'Windows', platformCode: 0 },
  application: {
    file: 'vpnsetup.exe',
    name: 'VPN Setup',
    sha256: 'AB'.repeat(32),
    scanResult: 'Clean',
    scanResultCode: 0,
  },
};

const deniedWithThreat = {
  ...elevation,
  traceNo: 90000002,
  status: 'Denied',
  deniedReason: 'Not business related',
  application: { ...elevation.application, scanResult: 'Malicious', scanResultCode: 2 },
};

const blockedEvent = {
  id: 2002,
  eventCode: 92,
  eventLevel: 0,
  eventText: 'Execution of file blocked by policy',
  eventTime: '2024-02-02T11:30:00.250',
  eventTimeUTC: '2024-02-02T10:30:00.250',
  computerName: 'DESKTOP-KM02',
  userAccount: 'EXAMPLE\\KMORI',
  userName: 'Ken Mori',
  alertAccount: null,
  auditLogURL: null,
  application: { file: 'tool.exe', sha256: 'CD'.repeat(32) },
};

const wrappedEvent = { message: blockedEvent };

const samples = { elevation, deniedWithThreat, blockedEvent, wrappedEvent };

describe('adminByRequestEpmParser', () => {
  it('detects audit log entries and events, bare and under message', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(adminByRequestEpmParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the requester full name and e-mail as users and the computer as a host', () => {
    const a = adminByRequestEpmParser.parse(elevation);
    expect(a.format).toBe('admin_by_request_epm.auditlog');
    expect(a.recognizedBy).toBe('parser:admin_by_request_epm');
    expect(a.observables.users).toEqual(['Rita Lopez', 'rita.lopez@example.org']);
    expect(a.observables.hosts).toEqual(['LAPTOP-RL01']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toBe('Admin By Request: Run As Admin Finished for Rita Lopez on LAPTOP-RL01 (VPN Setup)');
    expect(a.ruleId).toBe('Run As Admin');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-02-01T08:00:00.000Z');
  });

  it('rates a request whose application was found malicious as high', () => {
    expect(adminByRequestEpmParser.parse(deniedWithThreat).severity).toBe('high');
  });

  it('reports an event user name and computer, not the account', () => {
    const a = adminByRequestEpmParser.parse(blockedEvent);
    expect(a.format).toBe('admin_by_request_epm.events');
    expect(a.observables.users).toEqual(['Ken Mori']);
    expect(a.observables.hosts).toEqual(['DESKTOP-KM02']);
    expect(a.title).toBe('Admin By Request: Execution of file blocked by policy on DESKTOP-KM02');
    expect(a.ruleId).toBe('92');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-02-02T10:30:00.250Z');
  });

  it('reads an event kept under message', () => {
    expect(adminByRequestEpmParser.parse(wrappedEvent).observables.hosts).toEqual(['DESKTOP-KM02']);
  });

  it('claims no other JSON or text', () => {
    const noTypeCode = { ...elevation, typeCode: undefined };
    const noComputer = { eventCode: 92, eventText: 'x', eventTimeUTC: '2024-02-02T10:30:00' };
    const textCode = { ...blockedEvent, eventCode: 'E92' };
    const message = { message: 'Execution of file blocked by policy' };
    for (const raw of [noTypeCode, noComputer, textCode, message, 'eventCode=92', null, []]) {
      expect(adminByRequestEpmParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, adminByRequestEpmParser.name).others, name).toEqual([]);
    }
  });
});
