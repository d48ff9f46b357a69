// The Bitwarden event parser on synthetic public-API events: detection, the client address, the member and
// acting-user ids (as Elastic's bitwarden pipeline maps them), and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { bitwardenParser } from '../../../src/intake/parsers/bitwarden.js';
import { registryClaims } from './registry-claims.js';

const actor = '11111111-2222-4333-8444-555555555555';
const member = '66666666-7777-4888-9999-aaaaaaaaaaaa';

const login = {
  object: 'event',
  type: 1000,
  itemId: null,
  collectionId: null,
  groupId: null,
  policyId: null,
  memberId: null,
  actingUserId: actor,
  installationId: null,
  date: '2024-05-06T07:08:09.1234567Z',
  device: 9,
  ipAddress: '192.0.2.77',
};
const failedLogin = { ...login, type: 1005, ipAddress: '2001:db8:0:0:0:0:0:42' };
const memberUpdated = { ...login, type: 1502, memberId: member };
const sameUser = { ...login, type: 1502, memberId: actor };
const purged = { ...login, type: 1601, actingUserId: null, ipAddress: null };

const samples = { login, failedLogin, memberUpdated, sameUser, purged };

describe('bitwardenParser', () => {
  it('detects every event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(bitwardenParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a login: client address as source and the acting user id as user', () => {
    const a = bitwardenParser.parse(login);
    expect(a.format).toBe('bitwarden.event');
    expect(a.recognizedBy).toBe('parser:bitwarden');
    expect(a.observables.srcIps).toEqual(['192.0.2.77']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.77']);
    expect(a.observables.users).toEqual([actor]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('1000');
    expect(a.severity).toBe('info');
    expect(a.title).toContain('User_LoggedIn');
    expect(a.observedAt).toBe('2024-05-06T07:08:09.123Z');
  });

  it('rates a failed login medium and writes an IPv6 client canonically', () => {
    const a = bitwardenParser.parse(failedLogin);
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('User_FailedLogIn');
    expect(a.observables.srcIps).toEqual(['2001:db8::42']);
  });

  it('lists the member before the acting user, once when they are the same', () => {
    expect(bitwardenParser.parse(memberUpdated).observables.users).toEqual([member, actor]);
    expect(bitwardenParser.parse(sameUser).observables.users).toEqual([actor]);
  });

  it('reads an event without user or address and rates a vault purge high', () => {
    const a = bitwardenParser.parse(purged);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('high');
  });

  it('never reports the unspecified address', () => {
    expect(bitwardenParser.parse({ ...login, ipAddress: '0.0.0.0' }).observables.ips).toEqual([]);
  });

  it('does not claim other objects, other JSON or text', () => {
    const policy = { object: 'policy', id: 'p1', type: 0, enabled: true };
    const noIds = { object: 'event', type: 1000, date: '2024-05-06T07:08:09Z' };
    const github = { action: 'repo.create', actor: 'kit', '@timestamp': 1714557600000 };
    const line = '<134>1 2024-05-06T07:08:09Z host app - - - {"object":"event"}';
    for (const raw of [policy, noIds, github, line, null, 3, []]) {
      expect(bitwardenParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, bitwardenParser.name).others, name).toEqual([]);
    }
  });
});

describe('bitwardenParser on organisation records', () => {
  const memberId = '0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e';
  const accountId = '5f5f5f5f-6a6a-4b7b-8c8c-9d9d9d9d9d9d';
  const orgMember = {
    type: 1,
    accessAll: false,
    externalId: 'ext-7',
    resetPasswordEnrolled: false,
    object: 'member',
    id: memberId,
    userId: accountId,
    name: 'Robin Example',
    email: 'robin@example.org',
    twoFactorEnabled: false,
    status: 2,
    collections: [],
  };
  const group = {
    name: 'Ops',
    accessAll: false,
    externalId: null,
    object: 'group',
    id: '1c1c1c1c-2d2d-4e3e-8f4f-5a5a5a5a5a5a',
    collections: [{ id: '2d2d2d2d-3e3e-4f4f-8a5a-6b6b6b6b6b6b', readOnly: false }],
  };
  const collection = {
    externalId: null,
    object: 'collection',
    id: '3e3e3e3e-4f4f-4a5a-8b6b-7c7c7c7c7c7c',
    groups: null,
  };
  const policy = {
    enabled: true,
    data: { minLength: 12 },
    object: 'policy',
    id: '4f4f4f4f-5a5a-4b6b-8c7c-8d8d8d8d8d8d',
    type: 1,
  };
  const org = { orgMember, group, collection, policy };

  it('detects members, groups, collections and policies as the public API lists them', () => {
    for (const [name, sample] of Object.entries(org)) expect(bitwardenParser.detect(sample), name).toBe(true);
  });

  it('reads a member: name, member id, account id and e-mail as users, no addresses', () => {
    const a = bitwardenParser.parse(orgMember);
    expect(a.format).toBe('bitwarden.member');
    expect(a.observables.users).toEqual(['Robin Example', memberId, accountId, 'robin@example.org']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toContain('robin@example.org');
    expect(a.title).toContain('Admin');
  });

  it('reads groups, collections and policies as state records without indicators', () => {
    for (const [sample, format] of [
      [group, 'bitwarden.group'],
      [collection, 'bitwarden.collection'],
      [policy, 'bitwarden.policy'],
    ] as const) {
      const a = bitwardenParser.parse(sample);
      expect(a.format).toBe(format);
      expect([...a.observables.users, ...a.observables.ips, ...a.observables.hosts]).toEqual([]);
    }
    expect(bitwardenParser.parse(policy).title).toBe('Bitwarden policy MasterPassword');
    expect(bitwardenParser.parse(group).title).toBe('Bitwarden group Ops');
  });

  it('does not claim an organisation object that lacks the model’s keys', () => {
    expect(bitwardenParser.detect({ object: 'member', id: memberId, email: 'robin@example.org' })).toBe(
      false,
    );
    expect(bitwardenParser.detect({ object: 'list', data: [], continuationToken: null })).toBe(false);
    expect(bitwardenParser.detect({ object: 'customer', id: 'cus_1', email: 'robin@example.org' })).toBe(
      false,
    );
  });

  it('is the registry’s first choice for organisation records, and no other specific parser claims them', () => {
    for (const [name, sample] of Object.entries(org)) {
      expect(registryClaims(sample, bitwardenParser.name), name).toEqual({ first: 'bitwarden', others: [] });
    }
  });
});
