// The LastPass event_report parser on synthetic Enterprise API `reporting` events: detection, the source
// address, the users an action's Data names (as Elastic's lastpass pipeline reads them), and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { lastpassParser } from '../../../src/intake/parsers/lastpass.js';
import { registryClaims } from './registry-claims.js';

const base = { Time: '2024-03-05 08:15:30', Username: 'dana@example.org', IP_Address: '203.0.113.10' };

const login = { ...base, Action: 'Log in', Data: 'intranet.example.org' };
const failed = {
  ...base,
  Action: 'Failed Login Attempt',
  Data: 'Wrong password',
  IP_Address: '2001:db8:0:0:0:0:0:9',
};
const adminConsole = { ...base, Action: 'Login to Admin Console', Data: 'kim@example.net' };
const adminConsoleName = { ...base, Action: 'Login to Admin Console', Data: 'kim' };
const created = {
  ...base,
  Action: 'Employee Account Created',
  Data: 'ana@example.net,ben@example.net,carl@example.net',
};
const makeAdmin = { ...base, Action: 'Make Admin', Data: 'lee@example.net' };
const addToFolder = { ...base, Action: 'Add to Shared Folder', Data: "'Ops Vault' 'sam@example.net'" };
const permissions = {
  ...base,
  Action: 'Update Folder Permissions',
  Data: "'Ops Vault' 'sam@example.net' 'Read only:1 Admin:0 Hide PW:1'",
};
const limitFolder = { ...base, Action: 'Limit Shared Folder', Data: 'Ops Vault rae@example.net' };
const group = { ...base, Action: 'Adding User to Group', Data: 'joe@example.net - Finance' };
const sharedAccount = {
  ...base,
  Action: 'Created LastPass Account',
  Data: 'max@example.net -Shared- Team Folder',
};
const policy = {
  Time: '2024-03-05 08:20:00',
  Username: 'dana@example.org',
  Action: 'Add Policy',
  Data: 'Require MFA',
};
const emptyIp = { ...base, IP_Address: '', Action: 'Reporting', Data: '' };
const winterLogin = { ...login, Time: '2024-01-15 12:00:00' };

const samples = {
  login,
  failed,
  adminConsole,
  adminConsoleName,
  created,
  makeAdmin,
  addToFolder,
  permissions,
  limitFolder,
  group,
  sharedAccount,
  policy,
  emptyIp,
  winterLogin,
};

describe('lastpassParser', () => {
  it('detects every reporting event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(lastpassParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the client address as the source and the acting user, dated in US/Eastern', () => {
    const a = lastpassParser.parse(login);
    expect(a.format).toBe('lastpass.event_report');
    expect(a.recognizedBy).toBe('parser:lastpass.event_report');
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.10']);
    expect(a.observables.users).toEqual(['dana@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.title).toBe('LastPass: Log in by dana@example.org');
    expect(a.ruleId).toBe('Log in');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T13:15:30.000Z');
  });

  it('applies daylight saving time when reading the US/Eastern time', () => {
    expect(lastpassParser.parse({ ...login, Time: '2024-07-01 12:00:00' }).observedAt).toBe(
      '2024-07-01T16:00:00.000Z',
    );
    expect(lastpassParser.parse(winterLogin).observedAt).toBe('2024-01-15T17:00:00.000Z');
  });

  it('raises a failed login to medium severity and writes an IPv6 client canonically', () => {
    const a = lastpassParser.parse(failed);
    expect(a.severity).toBe('medium');
    expect(a.observables.srcIps).toEqual(['2001:db8::9']);
  });

  it('puts the e-mail an admin action names before the acting user', () => {
    expect(lastpassParser.parse(adminConsole).observables.users).toEqual([
      'kim@example.net',
      'dana@example.org',
    ]);
    const a = lastpassParser.parse(makeAdmin);
    expect(a.observables.users).toEqual(['lee@example.net', 'dana@example.org']);
    expect(a.severity).toBe('medium');
  });

  it('ignores Data that is not an e-mail address for single-user actions', () => {
    expect(lastpassParser.parse(adminConsoleName).observables.users).toEqual(['dana@example.org']);
  });

  it('reads every user of a comma-separated employee list', () => {
    expect(lastpassParser.parse(created).observables.users).toEqual([
      'ana@example.net',
      'ben@example.net',
      'carl@example.net',
      'dana@example.org',
    ]);
  });

  it('reads the user of shared-folder, group and account actions', () => {
    expect(lastpassParser.parse(addToFolder).observables.users).toEqual([
      'sam@example.net',
      'dana@example.org',
    ]);
    expect(lastpassParser.parse(permissions).observables.users).toEqual([
      'sam@example.net',
      'dana@example.org',
    ]);
    expect(lastpassParser.parse(limitFolder).observables.users).toEqual([
      'rae@example.net',
      'dana@example.org',
    ]);
    expect(lastpassParser.parse(group).observables.users).toEqual(['joe@example.net', 'dana@example.org']);
    expect(lastpassParser.parse(sharedAccount).observables.users).toEqual([
      'max@example.net',
      'dana@example.org',
    ]);
  });

  it('does not read users from the Data of other actions', () => {
    const a = lastpassParser.parse({ ...login, Data: 'someone@example.net' });
    expect(a.observables.users).toEqual(['dana@example.org']);
  });

  it('reads an event without an address and rates a policy change low', () => {
    const a = lastpassParser.parse(policy);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('low');
    expect(lastpassParser.parse(emptyIp).observables.srcIps).toEqual([]);
  });

  it('never reports the unspecified address', () => {
    expect(lastpassParser.parse({ ...login, IP_Address: '0.0.0.0' }).observables.ips).toEqual([]);
  });

  it('does not claim lower-case username/action JSON, other audit logs or text', () => {
    const lower = { time: '2024-03-05 08:15:30', username: 'dana', ip_address: '192.0.2.1', action: 'login' };
    const missingData = { Time: '2024-03-05 08:15:30', Username: 'dana', Action: 'Log in' };
    const github = { action: 'repo.create', actor: 'dana', '@timestamp': 1714557600000, org: 'demo' };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"Action":"Log in"}';
    for (const raw of [lower, missingData, github, line, null, 42, []]) {
      expect(lastpassParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, lastpassParser.name).others, name).toEqual([]);
    }
  });
});
