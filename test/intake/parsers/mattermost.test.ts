// The Mattermost audit parser on synthetic audit lines (a config change, a sign-in, a user patch, a team
// member change, a failed sign-in): detection, the indicators Elastic's mattermost audit pipeline keeps, and
// that no other parser (nor the Tines parser) claims them.
import { describe, expect, it } from 'vitest';
import { mattermostParser } from '../../../src/intake/parsers/mattermost.js';
import { tinesParser } from '../../../src/intake/parsers/tines.js';
import { registryClaims } from './registry-claims.js';

const base = {
  session_id: 'sessdemo0000000000000000001',
  cluster_id: 'clusterdemo00000000000000001',
  client: 'Mozilla/5.0 (X11; Linux x86_64) DemoBrowser/1.0',
};
const actor = 'uactordemo000000000000000001';
const target = 'utargetdemo00000000000000001';

const configChange = {
  timestamp: '2024-05-01 10:00:00.123 Z',
  event: 'updateConfig',
  status: 'success',
  user_id: actor,
  ip_address: '203.0.113.10',
  api_path: '/api/v4/config',
  ...base,
};

const login = {
  timestamp: '2024-05-01 10:01:00.000 Z',
  event: 'login',
  status: 'success',
  user_id: '',
  session_id: '',
  ip_address: '2001:db8:0:0:0:0:0:7',
  api_path: '/api/v4/users/login',
  device_id: '',
  login_id: 'dana.lee',
  user: { id: actor, name: 'dana.lee', roles: 'system_user' },
  cluster_id: base.cluster_id,
};

const patchUser = {
  timestamp: '2024-05-01 10:02:00.000 Z',
  event: 'patchUser',
  status: 'success',
  user_id: actor,
  ip_address: '198.51.100.20',
  api_path: `/api/v4/users/${target}/patch`,
  patch: { id: target, name: 'sam.renamed', roles: 'system_user' },
  user: { id: target, name: 'sam.new', roles: 'system_user' },
  ...base,
};

const addMembers = {
  timestamp: '2024-05-01 10:03:00.000 Z',
  event: 'addTeamMembers',
  status: 'success',
  user_id: actor,
  ip_address: '198.51.100.21',
  api_path: '/api/v4/teams/tdemo/members/batch',
  team: { id: 'tdemo', name: 'blue-team' },
  user_ids: `[${target} uthirddemo000000000000000001]`,
  ...base,
};

const failedLogin = {
  timestamp: '2024-05-01 10:04:00.000 Z',
  event: 'login',
  status: 'fail',
  ip_address: '0.0.0.0',
  api_path: '/api/v4/users/login',
  login_id: 'mallory',
  cluster_id: base.cluster_id,
};

const samples = { configChange, login, patchUser, addMembers, failedLogin };

describe('mattermostParser', () => {
  it('detects every audit line shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(mattermostParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the client address as the source and the acting user id', () => {
    const a = mattermostParser.parse(configChange);
    expect(a.format).toBe('mattermost.audit');
    expect(a.recognizedBy).toBe('parser:mattermost.audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.10']);
    expect(a.observables.users).toEqual([actor]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('updateConfig');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(a.severity).toBe('low');
    expect(a.title).toBe(`Mattermost audit: updateConfig by ${actor}`);
  });

  it('keeps an empty user_id ahead of the login id, as the pipeline does, and reports the target id', () => {
    const a = mattermostParser.parse(login);
    expect(a.observables.srcIps).toEqual(['2001:db8::7']);
    expect(a.observables.users).toEqual([actor]);
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Mattermost audit: login by dana.lee');
  });

  it('reports a patched user’s new name, the acting id and the target id', () => {
    const a = mattermostParser.parse(patchUser);
    expect(a.observables.users).toEqual(['sam.renamed', actor, target]);
  });

  it('splits a bracketed user_ids list into target users', () => {
    const a = mattermostParser.parse(addMembers);
    expect(a.observables.users).toEqual([actor, target, 'uthirddemo000000000000000001']);
  });

  it('uses the login id when user_id is absent, rates a failed sign-in medium and drops 0.0.0.0', () => {
    const a = mattermostParser.parse(failedLogin);
    expect(a.observables.users).toEqual(['mallory']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.title).toBe('Mattermost audit: login failed by mallory');
  });

  it('claims no other JSON or text', () => {
    const isoStamp = { ...configChange, timestamp: '2024-05-01T10:00:00Z' };
    const noPath = { timestamp: '2024-05-01 10:00:00.000 Z', event: 'x', status: 'success' };
    const tines = {
      id: 1,
      operation_name: 'Login',
      tenant_id: 1,
      request_ip: '203.0.113.1',
      user_name: 'Dana Lee',
      created_at: '2024-05-01T10:00:00Z',
    };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"event":"login"}';
    for (const raw of [isoStamp, noPath, tines, line, null, 42, []]) {
      expect(mattermostParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry, nor by the Tines parser', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, mattermostParser.name).others, name).toEqual([]);
      expect(tinesParser.detect(sample), name).toBe(false);
    }
  });
});
