// The Tines audit log parser on synthetic audit records (a sign-in, a token creation, a story change without
// an address): detection, the indicators Elastic's tines audit_logs pipeline keeps, and that no other parser
// (nor the Mattermost parser) claims them.
import { describe, expect, it } from 'vitest';
import { mattermostParser } from '../../../src/intake/parsers/mattermost.js';
import { tinesParser } from '../../../src/intake/parsers/tines.js';
import { registryClaims } from './registry-claims.js';

const who = { tenant_id: 42, user_email: 'dana.lee@example.org', user_id: 7, user_name: 'Dana Lee' };

const login = {
  created_at: '2024-05-01T10:00:00Z',
  id: 1001,
  inputs: null,
  operation_name: 'Login',
  request_ip: '203.0.113.30',
  request_user_agent: 'Mozilla/5.0 (X11; Linux x86_64) DemoBrowser/1.0',
  updated_at: '2024-05-01T10:00:01Z',
  ...who,
};

const tokenCreation = {
  created_at: '2024-05-01T10:05:00Z',
  id: 1002,
  inputs: { inputs: { isServiceToken: true, name: 'demo-token' } },
  operation_name: 'AuthenticationTokenCreation',
  request_ip: '2001:db8:0:0:0:0:0:30',
  request_user_agent: 'curl/8.0',
  updated_at: '2024-05-01T10:05:00Z',
  ...who,
};

const storyChange = {
  created_at: '2024-05-01T10:10:00Z',
  id: 1003,
  inputs: { inputs: { storyId: 12, agents: [], links: [] }, liveEvents: null },
  operation_name: 'StoryItemsCreation',
  request_ip: '0.0.0.0',
  tenant_id: 42,
  user_email: 'sam.new@example.org',
  user_id: 8,
  user_name: 'Sam New',
};

const samples = { login, tokenCreation, storyChange };

describe('tinesParser', () => {
  it('detects every audit record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(tinesParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the request address as the source and the user name as the user', () => {
    const a = tinesParser.parse(login);
    expect(a.format).toBe('tines.audit_logs');
    expect(a.recognizedBy).toBe('parser:tines');
    expect(a.observables.srcIps).toEqual(['203.0.113.30']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.30']);
    expect(a.observables.users).toEqual(['Dana Lee']);
    expect(a.observables.emails).toEqual(['dana.lee@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('Login');
    expect(a.observedAt).toBe('2024-05-01T10:00:01.000Z');
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Tines audit: Login by Dana Lee');
  });

  it('reads an IPv6 request address and rates a token creation low', () => {
    const a = tinesParser.parse(tokenCreation);
    expect(a.observables.srcIps).toEqual(['2001:db8::30']);
    expect(a.severity).toBe('low');
  });

  it('rates a story change info and never reports the unspecified address', () => {
    const a = tinesParser.parse(storyChange);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['Sam New']);
    expect(a.observedAt).toBe('2024-05-01T10:10:00.000Z');
    expect(a.severity).toBe('info');
  });

  it('claims no other JSON or text', () => {
    const timeSaved = { date: '2024-05-01T00:00:00Z', value: 3600 };
    const noTenant = { id: 1, operation_name: 'Login', request_ip: '203.0.113.1' };
    const lowerCaseOperation = { ...login, operation_name: 'login' };
    const mattermost = {
      timestamp: '2024-05-01 10:00:00.000 Z',
      event: 'login',
      status: 'success',
      user_id: 'u1',
      ip_address: '203.0.113.1',
      api_path: '/api/v4/users/login',
    };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"operation_name":"Login"}';
    for (const raw of [timeSaved, noTenant, lowerCaseOperation, mattermost, line, null, 42, []]) {
      expect(tinesParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry, nor by the Mattermost parser', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, tinesParser.name).others, name).toEqual([]);
      expect(mattermostParser.detect(sample), name).toBe(false);
    }
  });
});
