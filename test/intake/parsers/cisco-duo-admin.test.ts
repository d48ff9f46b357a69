// The Cisco Duo admin-logs parser on synthetic Admin API records (administrator, activity, telephony v1/v2,
// Trust Monitor): detection, indicators as Elastic's cisco_duo pipelines map them, and no double claims.
import { describe, expect, it } from 'vitest';
import { ciscoDuoParser } from '../../../src/intake/parsers/cisco-duo.js';
import { ciscoDuoAdminParser } from '../../../src/intake/parsers/cisco-duo-admin.js';
import { registryClaims } from './registry-claims.js';

const admin = {
  action: 'admin_login_error',
  description: '{"ip_address": "198.51.100.7", "error": "Invalid password"}',
  isotimestamp: '2024-03-04T08:15:00+00:00',
  object: 'kpoole',
  timestamp: 1709540100,
  username: 'mvance',
};

const adminNoUser = {
  action: 'admin_activate_duo_push',
  description: '{"number": "+15550100", "extension": ""}',
  isotimestamp: '2024-03-04T08:16:00+00:00',
  object: '555-0100',
  timestamp: 1709540160,
  username: '',
};

const activity = {
  access_device: {
    browser: 'Firefox',
    ip: { address: '203.0.113.25' },
    location: { city: 'Springfield', country: 'Exampleland' },
    os: 'Linux',
  },
  action: { details: null, name: 'phone_activation' },
  activity_id: '0f3c2a10-1111-4a2b-9c3d-000000000001',
  actor: { details: '{"status":"Active"}', key: 'DUEXAMPLE0001', name: 'tgreene', type: 'user' },
  akey: 'DAEXAMPLE0001',
  application: { key: 'DIEXAMPLE0001', name: 'Intranet Portal', type: 'websdk' },
  old_target: null,
  outcome: { result: 'FAILURE' },
  target: { details: null, key: 'PHEXAMPLE0001', name: 'Phone 1', type: 'phone' },
  ts: '2024-03-04T08:20:00.500000+00:00',
};

const activityByAdmin = {
  ...activity,
  access_device: { ip: { address: '2001:db8::44' } },
  actor: { key: 'DEEXAMPLE0002', name: 'Ops Admin', type: 'admin' },
  outcome: { result: 'SUCCESS' },
};

const telephony = {
  context: 'authentication',
  credits: 1,
  isotimestamp: '2024-03-04T08:30:00+00:00',
  phone: '+15550123',
  timestamp: 1709541000,
  type: 'sms',
};

const telephonyV2 = {
  context: 'enrollment',
  credits: 2,
  phone: '+15550124',
  telephony_id: 'aa11bb22-0000-4000-8000-000000000002',
  ts: '2024-03-04T08:31:00.000000+00:00',
  txid: 'cc33dd44-0000-4000-8000-000000000003',
  type: 'phone',
};

const trustMonitor = {
  explanations: [{ summary: 'wlogan has not logged in from this IP recently.', type: 'NEW_NETBLOCK' }],
  priority_event: true,
  priority_reasons: [{ label: 'XX', type: 'country' }],
  sekey: 'SEEXAMPLE0001',
  state: 'new',
  surfaced_auth: {
    access_device: { ip: '192.0.2.99' },
    result: 'denied',
    txid: 'ee55ff66-0000-4000-8000-000000000004',
    user: { name: 'wlogan' },
  },
  surfaced_timestamp: 1709541600000,
  triaged_as_interesting: false,
  type: 'auth',
};

const auth = {
  access_device: { hostname: 'ws-example-01', ip: '192.0.2.10' },
  application: { name: 'VPN' },
  auth_device: { ip: '198.51.100.20', name: '+15550199' },
  event_type: 'authentication',
  factor: 'duo_push',
  isotimestamp: '2024-03-04T08:40:00+00:00',
  reason: 'user_approved',
  result: 'success',
  timestamp: 1709541600,
  txid: '77aa88bb-0000-4000-8000-000000000005',
  user: { name: 'jdoe' },
};

const samples = { admin, adminNoUser, activity, activityByAdmin, telephony, telephonyV2, trustMonitor };

describe('ciscoDuoAdminParser', () => {
  it('reads an administrator log: the acting admin is the user, the object is not', () => {
    const alert = ciscoDuoAdminParser.parse(admin);
    expect(alert.format).toBe('cisco_duo.admin');
    expect(alert.observables.users).toEqual(['mvance']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.severity).toBe('medium');
    expect(alert.observedAt).toBe('2024-03-04T08:15:00.000Z');
    expect(alert.title).toContain('admin_login_error');
  });

  it('reads an offline enrollment: its own stream, the user, and the machine named in the description', () => {
    const enrollment = {
      action: 'o2fa_user_provisioned',
      description: JSON.stringify({
        user_agent: 'DuoCredProv/4.0.6.413',
        hostname: 'WS-ENROL-3',
        factor: 'duo_otp',
      }),
      isotimestamp: '2024-05-01T10:00:00+00:00',
      object: 'Example Windows Logon',
      timestamp: 1714557600,
      username: 'kdavis',
    };
    const a = ciscoDuoAdminParser.parse(enrollment);
    expect(a.format).toBe('cisco_duo.offline_enrollment');
    expect(a.observables.users).toEqual(['kdavis']);
    expect(a.observables.hosts).toEqual(['WS-ENROL-3']);
    // An administrator log's description is no machine's.
    const admin = { ...enrollment, action: 'user_update' };
    expect(ciscoDuoAdminParser.parse(admin).observables.hosts).toEqual([]);
    expect(ciscoDuoAdminParser.parse({ ...enrollment, description: 'not json' }).observables.hosts).toEqual(
      [],
    );
  });

  it('reports no user for an administrator log with an empty username', () => {
    const alert = ciscoDuoAdminParser.parse(adminNoUser);
    expect(alert.observables.users).toEqual([]);
    expect(alert.severity).toBe('info');
  });

  it('reads an activity log: the access device address is the source and a user actor is the user', () => {
    const alert = ciscoDuoAdminParser.parse(activity);
    expect(alert.format).toBe('cisco_duo.activity');
    expect(alert.observables.srcIps).toEqual(['203.0.113.25']);
    expect(alert.observables.ips).toEqual(['203.0.113.25']);
    expect(alert.observables.users).toEqual(['tgreene']);
    expect(alert.severity).toBe('low');
    expect(alert.observedAt).toBe('2024-03-04T08:20:00.500Z');
  });

  it('does not report an activity actor that is not a user', () => {
    const alert = ciscoDuoAdminParser.parse(activityByAdmin);
    expect(alert.observables.srcIps).toEqual(['2001:db8::44']);
    expect(alert.observables.users).toEqual([]);
  });

  it('reads telephony v1 and v2 logs with no indicators', () => {
    for (const [raw, format] of [
      [telephony, 'cisco_duo.telephony'],
      [telephonyV2, 'cisco_duo.telephony_v2'],
    ] as const) {
      const alert = ciscoDuoAdminParser.parse(raw);
      expect(alert.format).toBe(format);
      expect(alert.observables).toMatchObject({ srcIps: [], ips: [], users: [], hosts: [] });
    }
    expect(ciscoDuoAdminParser.parse(telephony).observedAt).toBe('2024-03-04T08:30:00.000Z');
    expect(ciscoDuoAdminParser.parse(telephonyV2).observedAt).toBe('2024-03-04T08:31:00.000Z');
  });

  it('reads a Trust Monitor event as a high-severity alert without the surfaced auth’s indicators', () => {
    const alert = ciscoDuoAdminParser.parse(trustMonitor);
    expect(alert.format).toBe('cisco_duo.trust_monitor');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('auth');
    expect(alert.observables).toMatchObject({ srcIps: [], ips: [], users: [] });
  });

  it('does not claim Duo authentication logs, and the auth parser does not claim its records', () => {
    expect(ciscoDuoAdminParser.detect(auth)).toBe(false);
    expect(ciscoDuoParser.detect(auth)).toBe(true);
    for (const sample of Object.values(samples)) expect(ciscoDuoParser.detect(sample)).toBe(false);
  });

  it('does not claim other payloads', () => {
    const okta = { actor: { alternateId: 'a@example.org' }, eventType: 'user.session.start', uuid: 'x' };
    const line = '<134>1 2024-03-04T08:00:00Z host app - - - {"action":"admin_login"}';
    for (const raw of [okta, line, { action: 'login', timestamp: 1 }, null, 42, []]) {
      expect(ciscoDuoAdminParser.detect(raw)).toBe(false);
    }
  });

  it('detects every supported sample and no existing specific parser claims them', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(ciscoDuoAdminParser.detect(sample), name).toBe(true);
      expect(registryClaims(sample, ciscoDuoAdminParser.name).others, name).toEqual([]);
    }
  });
});
