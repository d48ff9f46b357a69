// The PingOne audit parser on synthetic `/activities` records: detection, the users Elastic's ping_one
// pipeline relates (actor name, client id and name, actor id), and that PingFederate lines and other
// formats are not claimed, nor these records by another specific parser.
import { describe, expect, it } from 'vitest';
import { pingFederateParser } from '../../../src/intake/parsers/ping-federate.js';
import { pingOneParser } from '../../../src/intake/parsers/ping-one.js';
import { registryClaims } from './registry-claims.js';

const env = 'https://api.pingone.eu/v1/environments/0a1b2c3d-0000-4000-8000-000000000001';

const userAction = {
  _links: { self: { href: `${env}/activities/5f5e5d5c-0000-4000-8000-000000000002` } },
  id: '5f5e5d5c-0000-4000-8000-000000000002',
  recordedAt: '2024-04-02T12:30:45.120Z',
  createdAt: '2024-04-02T12:30:45.180Z',
  correlationId: '7c7c7c7c-0000-4000-8000-000000000003',
  actors: {
    client: { id: 'adminconsole', name: 'Admin Console', type: 'CLIENT' },
    user: {
      id: '9e9e9e9e-0000-4000-8000-000000000004',
      name: 'pat.admin@example.org',
      environment: { id: '0a1b2c3d-0000-4000-8000-000000000001' },
      type: 'USER',
    },
  },
  action: { type: 'USER.DELETED', description: 'User Deleted' },
  resources: [
    {
      type: 'USER',
      id: '1d1d1d1d-0000-4000-8000-000000000005',
      name: 'old.account',
      href: `${env}/users/1d1d`,
    },
  ],
  result: { status: 'SUCCESS', description: 'Deleted User old.account' },
};

const systemAction = {
  _links: { self: { href: `${env}/activities/2b2b2b2b-0000-4000-8000-000000000006` } },
  id: '2b2b2b2b-0000-4000-8000-000000000006',
  recordedAt: '2024-04-02T12:00:00.000Z',
  correlationId: '3c3c3c3c-0000-4000-8000-000000000007',
  action: { type: 'SIGN_ON_POLICY.CREATED', description: 'Sign On Policy Created' },
  resources: [{ type: 'SIGN_ON_POLICY', id: '4d4d', name: 'Default policy' }],
  result: { status: 'SUCCESS', description: 'Created Sign On Policy' },
};

const failedCheck = {
  id: '6e6e6e6e-0000-4000-8000-000000000008',
  recordedAt: '2024-04-03T07:15:00.000Z',
  correlationId: '8f8f8f8f-0000-4000-8000-000000000009',
  actors: { user: { id: 'aaaa1111-0000-4000-8000-00000000000a', name: 'sam.user', type: 'USER' } },
  action: { type: 'PASSWORD.CHECK_FAILED', description: 'Password Check Failed' },
  resources: [{ type: 'USER', id: 'aaaa1111-0000-4000-8000-00000000000a', name: 'sam.user' }],
  result: { status: 'FAILED', description: 'Password check failed' },
};

const samples = { userAction, systemAction, failedCheck };

describe('pingOneParser', () => {
  it('detects PingOne audit activities with or without their API link', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(pingOneParser.detect(sample), name).toBe(true);
  });

  it('reports the actor name as the user, then the client id and name and the actor id, with no addresses', () => {
    const a = pingOneParser.parse(userAction);
    expect(a.recognizedBy).toBe('parser:ping_one.audit');
    expect(a.observables.users).toEqual([
      'pat.admin@example.org',
      'adminconsole',
      'Admin Console',
      '9e9e9e9e-0000-4000-8000-000000000004',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.ruleId).toBe('USER.DELETED');
    expect(a.observedAt).toBe('2024-04-02T12:30:45.120Z');
    expect(a.title).toContain('User Deleted');
    expect(a.severity).toBe('info');
  });

  it('reports no indicators for an activity without actors', () => {
    const a = pingOneParser.parse(systemAction);
    expect(a.observables.users).toEqual([]);
    expect(a.ruleId).toBe('SIGN_ON_POLICY.CREATED');
  });

  it('rates a failed activity low', () => {
    const a = pingOneParser.parse(failedCheck);
    expect(a.severity).toBe('low');
    expect(a.observables.users).toEqual(['sam.user', 'aaaa1111-0000-4000-8000-00000000000a']);
  });

  it('does not claim PingFederate lines or other JSON events', () => {
    const federate =
      '2024-04-02 12:30:45,832 | tid:abc | AUTHN_ATTEMPT | pat | 192.0.2.10 | app | conn | SAML20 | pf.example.org | IdP | success | adapter | desc | 12';
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'x@example.org' },
      published: '2024-01-01',
    };
    const lookalike = { recordedAt: '2024-04-02T12:00:00Z', action: { type: 'login' } };
    for (const raw of [federate, okta, lookalike, null, 42, [], {}])
      expect(pingOneParser.detect(raw)).toBe(false);
    expect(pingFederateParser.detect(federate)).toBe(true);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, pingOneParser.name).others, name).toEqual([]);
    }
  });
});
