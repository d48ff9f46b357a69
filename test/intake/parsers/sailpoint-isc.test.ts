// The SailPoint Identity Security Cloud event parser on synthetic search-API events: detection, the actor
// as user and the client address as a related host (as Elastic's sailpoint_identity_sc pipeline maps them),
// and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { sailpointIscParser } from '../../../src/intake/parsers/sailpoint-isc.js';
import { registryClaims } from './registry-claims.js';

const passwordUpdate = {
  org: 'acme-test',
  pod: 'stg01-euwest1',
  created: '2025-02-03T04:05:06.789Z',
  id: 'e1f2a3b4c5d6e7f8',
  action: 'USER_PASSWORD_UPDATE_PASSED',
  type: 'PASSWORD_ACTIVITY',
  actor: { id: 'abc123', name: 'jane.roe', displayName: 'Jane Roe' },
  target: { name: 'jane.roe' },
  details: 'd1',
  trackingNumber: 't1',
  ipAddress: '192.0.2.60',
  attributes: { sourceName: 'IdentityNow', hostName: '192.0.2.60' },
  objects: ['USER', 'PASSWORD'],
  operation: 'UPDATE',
  status: 'PASSED',
  technicalName: 'USER_PASSWORD_UPDATE_PASSED',
  name: 'Update User Password Passed',
  _type: 'event',
};
const authFailed = {
  org: 'acme-test',
  pod: 'stg01-euwest1',
  created: '2025-02-03T04:06:00.000Z',
  id: 'f0',
  action: 'AUTHENTICATION-103',
  type: 'AUTH',
  actor: { name: 'sam.lee' },
  target: { name: 'acme-test' },
  ipAddress: '2001:db8::77',
  attributes: {},
  status: 'FAILED',
  technicalName: 'AUTHENTICATION_REQUEST_FAILED',
  name: 'Request Authentication Failed',
};
const policyCreated = {
  org: 'acme-test',
  pod: 'stg01-euwest1',
  created: '2025-02-03T04:07:00.000Z',
  id: 'f1',
  action: 'SOD_POLICY_CREATED',
  type: 'POLICY_UPDATE',
  actor: { name: 'policy.admin' },
  target: { name: 'Finance toxic combination' },
  ipAddress: '',
  trackingNumber: 't2',
  status: 'ACTION',
  technicalName: 'POLICY_UPDATE_SOD_POLICY_CREATED_ACTION',
  name: 'Sod_policy_created Policy_update Action',
};

const samples = { passwordUpdate, authFailed, policyCreated };

describe('sailpointIscParser', () => {
  it('detects every event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(sailpointIscParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a password update: the actor as user and the client address as a related host, not an IP', () => {
    const a = sailpointIscParser.parse(passwordUpdate);
    expect(a.format).toBe('sailpoint_identity_sc.events');
    expect(a.recognizedBy).toBe('parser:sailpoint_identity_sc');
    expect(a.observables.users).toEqual(['jane.roe']);
    expect(a.observables.hosts).toEqual(['192.0.2.60']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('USER_PASSWORD_UPDATE_PASSED');
    expect(a.severity).toBe('info');
    expect(a.title).toContain('Update User Password Passed');
    expect(a.observedAt).toBe('2025-02-03T04:05:06.789Z');
  });

  it('does not report the target as a user', () => {
    expect(sailpointIscParser.parse(authFailed).observables.users).toEqual(['sam.lee']);
    expect(sailpointIscParser.parse(policyCreated).observables.users).toEqual(['policy.admin']);
  });

  it('rates a failed authentication medium', () => {
    const a = sailpointIscParser.parse(authFailed);
    expect(a.severity).toBe('medium');
    expect(a.observables.hosts).toEqual(['2001:db8::77']);
  });

  it('reports no host for an empty address and rates an SoD policy change low', () => {
    const a = sailpointIscParser.parse(policyCreated);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('does not claim other objects, other JSON or text', () => {
    const noActor = { org: 'acme-test', pod: 'p', technicalName: 'X' };
    const noMarker = { org: 'acme-test', pod: 'p', actor: { name: 'kit' } };
    const okta = { actor: { alternateId: 'kit@example.com' }, eventType: 'user.session.start', uuid: 'u' };
    const line = '<134>1 2025-02-03T04:05:06Z host app - - - {"org":"acme"}';
    for (const raw of [noActor, noMarker, okta, line, null, 3, []]) {
      expect(sailpointIscParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, sailpointIscParser.name).others, name).toEqual([]);
    }
  });
});
