// The PingDirectory SCIM parser on synthetic user and group resources: detection, the users Elastic's
// ping_directory user and group pipelines relate (logins, names, ids, e-mails; member uids), no addresses from
// `meta.location`, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { pingDirectoryScimParser } from '../../../src/intake/parsers/ping-directory-scim.js';
import { registryClaims } from './registry-claims.js';

const userId = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';
const coreUser = {
  displayName: 'Sam Tester',
  emails: ['sam.tester@example.org', 'sam@example.net'],
  name: { familyName: 'Tester', formatted: 'Sam Tester', givenName: 'Sam' },
  title: 'Analyst',
  userName: 'sam.tester',
  userType: 'Employee',
  id: userId,
  meta: { resourceType: 'User', location: `https://198.51.100.20:2443/scim/v2/Users/${userId}` },
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
};
const pingUser = {
  emails: [
    { primary: true, type: 'work', value: 'lee.example@example.com' },
    { primary: false, type: 'home', value: 'lee@example.net' },
  ],
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  meta: {
    created: '2024-03-01T09:00:00.000Z',
    lastModified: '2024-03-02T09:00:00.000Z',
    location: 'https://dir.example.com:443/scim/v2/Users/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    resourceType: 'Users',
  },
  name: { familyName: 'Example', formatted: 'Lee Example', givenName: 'Lee' },
  schemas: ['urn:pingidentity:schemas:sample:profile:1.0', 'urn:pingidentity:schemas:User:1.0'],
  userName: 'lexample',
};
const groupList = {
  displayName: 'soc-analysts',
  members: ['uid=sam.tester,ou=People,dc=example,dc=org', 'uid=kim.r,ou=People,dc=example,dc=org'],
  id: '2b3c4d5e-6f70-4819-9a0b-1c2d3e4f5a6b',
  meta: { resourceType: 'Group', location: 'https://203.0.113.40:2443/scim/v2/Groups/2b3c4d5e' },
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
};
const groupValue = {
  displayName: 'admins',
  members: {
    value: ['uid=root.ops,ou=Admins,dc=example,dc=org', 'cn=Backup Operator,ou=Admins,dc=example,dc=org'],
  },
  id: '3c4d5e6f-7081-4920-8b1c-2d3e4f5a6b7c',
  meta: { resourceType: 'Groups', location: 'https://dir.example.com:443/scim/v2/Groups/3c4d5e6f' },
  schemas: ['urn:pingidentity:schemas:Group:1.0'],
};
const samples = { coreUser, pingUser, groupList, groupValue };

describe('pingDirectoryScimParser', () => {
  it('detects SCIM core and PingDirectory user and group resources', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(pingDirectoryScimParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a user: login first, then display name, id, family, full and given names and e-mails', () => {
    const a = pingDirectoryScimParser.parse(coreUser);
    expect(a.format).toBe('ping_directory.user');
    expect(a.observables.users).toEqual([
      'sam.tester',
      'Sam Tester',
      userId,
      'Tester',
      'Sam',
      'sam.tester@example.org',
      'sam@example.net',
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('PingDirectory user sam.tester (Sam Tester)');
  });

  it('reads e-mails given as objects and keeps the formatted name when there is no display name', () => {
    const a = pingDirectoryScimParser.parse(pingUser);
    expect(a.observables.users).toEqual([
      'lexample',
      '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'Example',
      'Lee Example',
      'Lee',
      'lee.example@example.com',
      'lee@example.net',
    ]);
    expect(a.observedAt).toBe('2024-03-02T09:00:00.000Z');
  });

  it('reads a group’s member DNs, as a list or under `value`, as their uid or cn', () => {
    const list = pingDirectoryScimParser.parse(groupList);
    expect(list.format).toBe('ping_directory.group');
    expect(list.observables.users).toEqual(['sam.tester', 'kim.r']);
    expect(list.observables.ips).toEqual([]);
    expect(pingDirectoryScimParser.parse(groupValue).observables.users).toEqual([
      'root.ops',
      'Backup Operator',
    ]);
  });

  it('does not claim SCIM resources without a location, other schemas, list responses or text', () => {
    const { meta, ...noMeta } = coreUser;
    const listResponse = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      Resources: [coreUser],
      meta,
    };
    const noMembers = { displayName: 'empty', id: 'g-0', meta: groupList.meta, schemas: groupList.schemas };
    for (const raw of [noMeta, listResponse, noMembers, JSON.stringify(coreUser), null, []]) {
      expect(pingDirectoryScimParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, pingDirectoryScimParser.name).others, name).toEqual([]);
    }
  });
});
