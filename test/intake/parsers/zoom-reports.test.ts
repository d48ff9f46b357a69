// The Zoom Reports API parser on synthetic records (sign-in activity, admin operation logs, meeting activity):
// detection, the indicators Elastic's zoom activity, operation and meeting_activity pipelines keep, and that
// no other parser (nor the Zoom webhook parser) claims them.
import { describe, expect, it } from 'vitest';
import { zoomReportsParser } from '../../../src/intake/parsers/zoom-reports.js';
import { zoomWebhookParser } from '../../../src/intake/parsers/zoom-webhook.js';
import { registryClaims } from './registry-claims.js';

const signIn = {
  client_type: 'Browser',
  email: 'rita.ops@example.org',
  ip_address: '198.51.100.44',
  time: '2025-02-03T08:15:00Z',
  type: 'Sign in',
  version: '6.1.0.2000',
};
const signOutNoAddress = { email: 'tom.desk@example.org', time: '2025-02-03T17:00:00Z', type: 'Sign out' };
const signInV6 = { ...signIn, ip_address: '2001:db8:0:0:0:0:0:44' };

const userOperation = {
  action: 'Delete',
  category_type: 'User',
  operation_detail: 'Delete User tom.desk@example.org',
  operator: 'it.admin@example.org',
  time: '2025-02-04T09:30:00Z',
};
const billingOperation = {
  category_type: 'Billing',
  operation_detail: 'Update billing contact information',
  time: '2025-02-04T10:00:00Z',
};

const meetingJoin = {
  activity_category: 'User joined',
  activity_detail: 'Rita Ops joined the meeting',
  activity_time: '2025-02-05 14:02:07:045',
  meeting_number: '555 010 2020',
  operator: 'Rita Ops',
  operator_email: 'rita.ops@example.org',
};
const meetingCreatedNoEmail = {
  activity_category: 'Meeting created',
  activity_detail: 'Meeting created',
  activity_time: '2025-02-05 13:59:00:5',
  meeting_number: '555 010 2021',
  operator: 'Tom Desk',
};

const samples = {
  signIn,
  signOutNoAddress,
  signInV6,
  userOperation,
  billingOperation,
  meetingJoin,
  meetingCreatedNoEmail,
};

describe('zoomReportsParser', () => {
  it('detects every report record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(zoomReportsParser.detect(sample), name).toBe(true);
    }
  });

  it('reports a sign-in address as the source and the e-mail as the user', () => {
    const a = zoomReportsParser.parse(signIn);
    expect(a.format).toBe('zoom.activity');
    expect(a.recognizedBy).toBe('parser:zoom.reports');
    expect(a.observables.srcIps).toEqual(['198.51.100.44']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.44']);
    expect(a.observables.users).toEqual(['rita.ops@example.org']);
    expect(a.observables.emails).toEqual(['rita.ops@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-02-03T08:15:00.000Z');
    expect(a.ruleId).toBe('Sign in');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Zoom sign in: rita.ops@example.org (Browser)');
  });

  it('reads an IPv6 sign-in address and a sign-out without an address', () => {
    expect(zoomReportsParser.parse(signInV6).observables.srcIps).toEqual(['2001:db8::44']);
    const a = zoomReportsParser.parse(signOutNoAddress);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['tom.desk@example.org']);
  });

  it('reports the operator of an admin operation as the only user and rates a user deletion low', () => {
    const a = zoomReportsParser.parse(userOperation);
    expect(a.format).toBe('zoom.operation');
    expect(a.observables.users).toEqual(['it.admin@example.org']);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('User.Delete');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-02-04T09:30:00.000Z');
    expect(a.title).toBe('Zoom operation: Delete User tom.desk@example.org by it.admin@example.org');
  });

  it('reports no user for an operation without an operator and rates billing info', () => {
    const a = zoomReportsParser.parse(billingOperation);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Billing');
  });

  it('reports a meeting operator by name, then by e-mail, and reads the colon-separated milliseconds', () => {
    const a = zoomReportsParser.parse(meetingJoin);
    expect(a.format).toBe('zoom.meeting_activity');
    expect(a.observables.users).toEqual(['Rita Ops', 'rita.ops@example.org']);
    expect(a.observedAt).toBe('2025-02-05T14:02:07.045Z');
    expect(a.ruleId).toBe('User joined');
    expect(a.title).toBe('Zoom meeting 555 010 2020: Rita Ops joined the meeting');
    const b = zoomReportsParser.parse(meetingCreatedNoEmail);
    expect(b.observables.users).toEqual(['Tom Desk']);
    expect(b.observedAt).toBe('2025-02-05T13:59:00.005Z');
  });

  it('claims no other JSON or text', () => {
    const webhook = {
      event: 'user.signed_in',
      event_ts: 1738570500000,
      payload: { account_id: 'acc1', object: { id: 'u1', email: 'rita.ops@example.org' } },
    };
    const otherType = { ...signIn, type: 'Login' };
    const manyKeys = { ...signIn, a: 1, b: 2, c: 3 };
    const line = '<134>1 2025-02-03T08:15:00Z host app - - - {"type":"Sign in"}';
    for (const raw of [webhook, otherType, manyKeys, line, null, 42, []]) {
      expect(zoomReportsParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry, nor by the Zoom webhook parser', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, zoomReportsParser.name).others, name).toEqual([]);
      expect(zoomWebhookParser.detect(sample), name).toBe(false);
    }
  });
});
