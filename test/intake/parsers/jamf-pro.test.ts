// The Jamf Pro parser on synthetic JSSACCESSLOG lines (bare and in the S3 envelope) and webhook events: detection,
// the client address as the source, the user (not `Unknown`), and no double claims.
import { describe, expect, it } from 'vitest';
import { jamfProParser as parser } from '../../../src/intake/parsers/jamf-pro.js';
import { registryClaims } from './registry-claims.js';

const line = (user: string, status: string, ip: string, entry = 'Single Sign On (SAML)') =>
  `[JSSACCESSLOG] 2025-03-04T10:11:12,345 - username=${user}, status=${status}, ipAddress=${ip}, entryPoint=${entry}`;
const envelope = (message: string) => ({ time: '2025-03-04T10:11:12.345678901Z', message });

const login = envelope(line('dana@example.org', 'Successful Login', '198.51.100.23'));
const failedToken = envelope(
  line('Unknown', 'Failed token creation', '203.0.113.9', 'Universal API (OAuth)'),
);
const noUser = envelope(line('', 'Successful SSO Logout', '2001:db8::44', 'Unknown'));
const bare = line('api-client-7', 'Token Expired', '192.0.2.55', 'JSS (API)');

describe('jamf pro access parser', () => {
  it('detects access lines in the envelope and bare', () => {
    for (const raw of [login, failedToken, noUser, bare]) expect(parser.detect(raw)).toBe(true);
  });

  it('reports the client address as the source and the full user name', () => {
    const a = parser.parse(login);
    expect(a.format).toBe('jamf_pro.access');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual(['dana@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-03-04T10:11:12.345Z');
    expect(a.title).toContain('Successful Login');
  });

  it('reports no user for Unknown or empty user names', () => {
    const a = parser.parse(failedToken);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.severity).toBe('low');
    const b = parser.parse(noUser);
    expect(b.observables.users).toEqual([]);
    expect(b.observables.srcIps).toEqual(['2001:db8::44']);
  });

  it('reads a bare line and takes its own timestamp', () => {
    const a = parser.parse(bare);
    expect(a.observables.users).toEqual(['api-client-7']);
    expect(a.observables.srcIps).toEqual(['192.0.2.55']);
    expect(a.observedAt).toBe('2025-03-04T10:11:12.345Z');
  });

  it('does not claim change-management lines or other formats', () => {
    expect(
      parser.detect(
        envelope('[CHANGEMANAGEMENT] 2025-03-04T10:11:12,345 [INFO ] - [dana (ID: 1)] [READ] [Search]'),
      ),
    ).toBe(false);
    expect(parser.detect('<13>Mar  4 10:11:12 host sshd[1]: Accepted password for dana from 192.0.2.1')).toBe(
      false,
    );
    expect(parser.detect({ time: 'x', message: 42 })).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of [login, failedToken, noUser, bare]) {
      expect(registryClaims(raw, parser.name).others).toEqual([]);
    }
  });
});

const computerCheckIn = {
  event: {
    computer: {
      deviceName: 'MAC-LAB-07',
      emailAddress: 'dana@example.org',
      ipAddress: '198.51.100.70',
      reportedIpAddress: '192.0.2.70',
      udid: 'A1B2C3D4-0000-4000-8000-000000000007',
      username: 'dana',
      osVersion: '14.4',
    },
    trigger: 'CHECKIN',
    username: 'dana',
  },
  webhook: { eventTimestamp: 1709547072001, id: 12, name: 'lab hooks', webhookEvent: 'ComputerCheckIn' },
};

const mobileEnrolled = {
  event: {
    deviceName: 'PHONE-OPS-3',
    ipAddress: '203.0.113.33',
    serialNumber: 'SN000333',
    udid: '0000-0003',
    username: 'ops.admin',
  },
  webhook: { eventTimestamp: 1709547072001, id: 13, name: 'lab hooks', webhookEvent: 'MobileDeviceEnrolled' },
};

const restOperation = {
  event: {
    authorized_username: 'api-client-7',
    object_id: 380,
    object_name: 'Lab Macs',
    operation_successful: false,
    rest_api_operation_type: 'DELETE',
  },
  webhook: { event_timestamp: 1709547072001, id: 14, name: 'lab hooks', webhook_event: 'RestAPIOperation' },
};

describe('jamf pro webhook events', () => {
  it("reads a computer event: its address as source only, the user and e-mail, the computer's name", () => {
    const a = parser.parse(computerCheckIn);
    expect(a.format).toBe('jamf_pro.events');
    expect(a.observables.srcIps).toEqual(['198.51.100.70']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['dana', 'dana@example.org']);
    expect(a.observables.hosts).toEqual(['MAC-LAB-07']);
    expect(a.title).toBe('Jamf Pro ComputerCheckIn: MAC-LAB-07 (dana)');
    expect(a.ruleId).toBe('ComputerCheckIn');
    expect(a.observedAt).toBe('2024-03-04T10:11:12.001Z');
  });

  it("reads a mobile device event: the user only, as Elastic maps neither the device's address nor name", () => {
    const a = parser.parse(mobileEnrolled);
    expect(a.observables.users).toEqual(['ops.admin']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads snake_case webhooks and marks a failed REST operation low', () => {
    const a = parser.parse(restOperation);
    expect(a.format).toBe('jamf_pro.events');
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Jamf Pro RestAPIOperation: Lab Macs failed');
    expect(a.observables.users).toEqual([]);
  });

  it('does not claim webhooks of other vendors', () => {
    expect(parser.detect({ webhook: { id: 1 }, event: { username: 'x' } })).toBe(false);
    expect(parser.detect({ webhook: 'x', event: {} })).toBe(false);
  });

  it('is the only specific parser in the registry that claims webhook events', () => {
    for (const raw of [computerCheckIn, mobileEnrolled, restOperation]) {
      expect(registryClaims(raw, parser.name).others).toEqual([]);
    }
  });
});
