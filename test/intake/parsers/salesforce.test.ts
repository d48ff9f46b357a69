// The Salesforce parser on synthetic events (Event Log File Login, Logout and ApexCallout rows, LoginEvent and
// LogoutEvent and AuraRequestEvent objects, a SetupAuditTrail record): detection, the indicators Elastic's salesforce pipelines
// keep, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { salesforceParser } from '../../../src/intake/parsers/salesforce.js';
import { registryClaims } from './registry-claims.js';

const elfLogin = {
  EVENT_TYPE: 'Login',
  TIMESTAMP: '20240501101500.123',
  REQUEST_ID: 'TID:demo0001',
  ORGANIZATION_ID: '00DDEMO000000001',
  USER_ID: '005DEMO00000001',
  USER_NAME: 'dana.lee@example.org',
  SOURCE_IP: '203.0.113.44',
  CLIENT_IP: '198.51.100.9',
  LOGIN_STATUS: 'LOGIN_ERROR_INVALID_PASSWORD',
  URI: '/index.jsp',
  TIMESTAMP_DERIVED: '2024-05-01T10:15:00.123Z',
  USER_ID_DERIVED: '005DEMO00000001AAA',
};

const elfLogout = {
  EVENT_TYPE: 'Logout',
  TIMESTAMP: '20240501113000.000',
  REQUEST_ID: 'demoRequest0002',
  ORGANIZATION_ID: '00DDEMO000000001',
  USER_ID: '005DEMO00000001',
  USER_TYPE: 'S',
  SESSION_TYPE: 'U',
  LOGIN_KEY: 'demoLoginKey0002',
  TIMESTAMP_DERIVED: '2024-05-01T11:30:00.000Z',
  USER_ID_DERIVED: '005DEMO00000001AAA',
  CLIENT_IP: '2001:db8::17',
};

const elfApex = {
  EVENT_TYPE: 'ApexCallout',
  TIMESTAMP: '20240501120000.000',
  REQUEST_ID: 'demoRequest0003',
  ORGANIZATION_ID: '00DDEMO000000001',
  USER_ID: '005DEMO00000002',
  SUCCESS: '1',
  URL: 'https://api.example.net/v1/orders',
  TIMESTAMP_DERIVED: '2024-05-01T12:00:00.000Z',
  CLIENT_IP: 'Salesforce.com IP',
};

const loginEvent = {
  EventDate: '2024-05-02T08:00:00Z',
  EventIdentifier: 'demo-0000-4000-8000-000000000004',
  CreatedDate: '2024-05-02T08:00:05Z',
  LoginKey: 'demoLoginKey0004',
  LoginType: 'Application',
  LoginUrl: 'demo.my.salesforce.com',
  Status: 'Success',
  Username: 'sam.new@example.org',
  UserId: '005DEMO00000003',
  SourceIp: '192.0.2.61',
  SessionKey: null,
  attributes: { type: 'LoginEvent' },
};

const logoutEvent = {
  EventDate: '2024-05-02T09:00:00Z',
  EventIdentifier: 'demo-0000-4000-8000-000000000005',
  CreatedDate: '2024-05-02T09:00:01Z',
  LoginKey: 'demoLoginKey0004',
  SessionKey: 'demoSessionKey5',
  SessionLevel: 'STANDARD',
  Username: 'sam.new@example.org',
  UserId: '005DEMO00000003',
  SourceIp: '192.0.2.61',
};

const setupAudit = {
  Action: 'changedUserEmailVerifiedStatusVerified',
  CreatedByContext: 'Automation',
  CreatedById: '005DEMO00000009',
  CreatedByIssuer: null,
  CreatedDate: '2024-05-03T07:45:00.000+0000',
  DelegateUser: 'helpdesk1',
  Display: 'For user riley@example.org, the User Verified Email status changed to verified',
  Id: '0YmDEMO0000001',
  Section: 'Manage Users',
  attributes: {
    type: 'SetupAuditTrail',
    url: '/services/data/v58.0/sobjects/SetupAuditTrail/0YmDEMO0000001',
  },
};

const samples = { elfLogin, elfLogout, elfApex, loginEvent, logoutEvent, setupAudit };

describe('salesforceParser', () => {
  it('reads an Event Log File Login row: SOURCE_IP is the source, CLIENT_IP and the user name are not indicators', () => {
    const a = salesforceParser.parse(elfLogin);
    expect(a.format).toBe('salesforce.login');
    expect(a.observables.srcIps).toEqual(['203.0.113.44']);
    expect(a.observables.ips).toEqual(['203.0.113.44']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-05-01T10:15:00.123Z');
  });

  it('reads an Event Log File Logout row with CLIENT_IP as the source', () => {
    const a = salesforceParser.parse(elfLogout);
    expect(a.format).toBe('salesforce.logout');
    expect(a.observables.srcIps).toEqual(['2001:db8::17']);
    expect(a.observables.ips).toEqual(['2001:db8::17']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('files Apex rows under salesforce.apex and drops the "Salesforce.com IP" placeholder', () => {
    const a = salesforceParser.parse(elfApex);
    expect(a.format).toBe('salesforce.apex');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a LoginEvent object: SourceIp is the source, Username (an e-mail) is not a user name', () => {
    const a = salesforceParser.parse(loginEvent);
    expect(a.format).toBe('salesforce.login');
    expect(a.observables.srcIps).toEqual(['192.0.2.61']);
    expect(a.observables.ips).toEqual(['192.0.2.61']);
    expect(a.observables.users).toEqual([]);
    expect(a.observedAt).toBe('2024-05-02T08:00:00.000Z');
  });

  it('marks a failed LoginEvent as low severity', () => {
    const a = salesforceParser.parse({ ...loginEvent, Status: 'Invalid Password' });
    expect(a.severity).toBe('low');
    expect(a.title).toContain('Invalid Password');
  });

  it('reads a LogoutEvent object without attributes as a logout', () => {
    const a = salesforceParser.parse(logoutEvent);
    expect(a.format).toBe('salesforce.logout');
    expect(a.observables.srcIps).toEqual(['192.0.2.61']);
    expect(a.observables.ips).toEqual(['192.0.2.61']);
  });

  it('takes the user a SetupAuditTrail change is for from Display, and no address', () => {
    const a = salesforceParser.parse(setupAudit);
    expect(a.format).toBe('salesforce.setupaudittrail');
    expect(a.observables.users).toEqual(['riley@example.org']);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('changedUserEmailVerifiedStatusVerified');
    expect(a.observedAt).toBe('2024-05-03T07:45:00.000Z');
  });

  it('reports no user for a SetupAuditTrail change not made for a user', () => {
    const a = salesforceParser.parse({
      ...setupAudit,
      Display: 'Changed password policy minimum length to 12',
    });
    expect(a.observables.users).toEqual([]);
  });

  it('does not claim other formats', () => {
    expect(salesforceParser.detect('<134>May  1 10:15:00 fw01 sshd[1]: Accepted password for dana')).toBe(
      false,
    );
    expect(salesforceParser.detect({ eventType: 'user.session.start', actor: { alternateId: 'x' } })).toBe(
      false,
    );
    expect(salesforceParser.detect({ EVENT_TYPE: 'Login' })).toBe(false);
    expect(salesforceParser.detect(null)).toBe(false);
    expect(salesforceParser.detect([elfLogin])).toBe(false);
  });

  it.each(Object.entries(samples))(
    'is the only specific parser that claims the %s sample',
    (_name, sample) => {
      expect(salesforceParser.detect(sample)).toBe(true);
      expect(registryClaims(sample, salesforceParser.name).others).toEqual([]);
    },
  );
});

const auraRequest = {
  ActionMessage: '1$serviceComponent://ui.setup.components.AppController/ACTION$saveApp=120',
  ClientIp: '198.51.100.9',
  CpuTime: 40,
  Id: '000000000000000AAA',
  LoginKey: 'LoginKeyTest0001',
  RequestIdentifier: 'TID:0000000001',
  RequestMethod: 'POST',
  SessionKey: 'SessionKeyTest01',
  Timestamp: '2026-08-05T02:52:53.911+0000',
  Uri: '/aura',
  UserIdentifier: '005000000000001AAA',
  UserType: 'Standard',
};

describe('salesforceParser: AuraRequestEvent objects', () => {
  it('reads the client address as source and the user id as a user, with the Aura action', () => {
    const a = salesforceParser.parse(auraRequest);
    expect(a.format).toBe('salesforce.aura_request');
    expect(a.observables.srcIps).toEqual(['198.51.100.9']);
    expect(a.observables.ips).toEqual(['198.51.100.9']);
    expect(a.observables.users).toEqual(['005000000000001AAA']);
    expect(a.title).toBe('Salesforce Aura request POST /aura (saveApp)');
    expect(a.ruleId).toBe('saveApp');
    expect(a.observedAt).toBe('2026-08-05T02:52:53.911Z');
  });

  it('is the only specific parser that claims an AuraRequestEvent object', () => {
    expect(salesforceParser.detect(auraRequest)).toBe(true);
    expect(registryClaims(auraRequest, salesforceParser.name).others).toEqual([]);
  });
});
