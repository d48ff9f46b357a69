// The Google Workspace parser on synthetic OAuth `token` activities: the caller address, the actor's
// name, profile id and e-mail, and the e-mail and owner domains, as Elastic's token pipeline maps them.
import { describe, expect, it } from 'vitest';
import { googleWorkspaceParser } from '../../../src/intake/parsers/google-workspace.js';
import { registryClaims } from './registry-claims.js';

const authorize = {
  kind: 'admin#reports#activity',
  id: {
    time: '2024-04-02T09:15:00.250Z',
    uniqueQualifier: '-1234567890',
    applicationName: 'token',
    customerId: 'C0demo01',
  },
  etag: '"demo-etag"',
  actor: { callerType: 'USER', email: 'jo.rivera@corp.example', profileId: '110000000000000000001' },
  ipAddress: '198.51.100.31',
  events: {
    name: 'authorize',
    parameters: [
      { name: 'client_id', value: '000000000000-demo.apps.googleusercontent.com' },
      { name: 'app_name', value: 'Demo Mail Helper' },
      { name: 'client_type', value: 'WEB' },
      { name: 'num_response_bytes', value: 512 },
      { name: 'scope', multiValue: ['https://www.googleapis.com/auth/gmail.readonly'] },
    ],
  },
};

const revokeForOwner = {
  kind: 'admin#reports#activity',
  id: { time: '2024-04-02T10:00:00Z', applicationName: 'token', customerId: 'C0demo01' },
  actor: { callerType: 'USER', email: 'ops.lead@corp.example', profileId: 2002 },
  ownerDomain: 'partner.example',
  ipAddress: '2001:db8::31',
  events: [{ name: 'revoke', type: 'auth' }],
};

const noEmail = {
  kind: 'admin#reports#activity',
  id: { time: '2024-04-02T11:00:00Z', applicationName: 'token' },
  actor: { callerType: 'KEY', profileId: '330000000000000000003', key: 'SYSTEM' },
  events: { name: 'request' },
};

describe('googleWorkspaceParser on token activities', () => {
  it('detects token activities', () => {
    for (const sample of [authorize, revokeForOwner, noEmail]) {
      expect(googleWorkspaceParser.detect(sample)).toBe(true);
    }
  });

  it('reads an authorisation: the caller as source, the name, profile id and e-mail as users, the domain as host', () => {
    const a = googleWorkspaceParser.parse(authorize);
    expect(a.format).toBe('google_workspace.token');
    expect(a.recognizedBy).toBe('parser:google_workspace');
    expect(a.observables.srcIps).toEqual(['198.51.100.31']);
    expect(a.observables.ips).toEqual(['198.51.100.31']);
    expect(a.observables.users).toEqual(['jo.rivera', '110000000000000000001', 'jo.rivera@corp.example']);
    expect(a.observables.domains).toEqual(['corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-04-02T09:15:00.250Z');
    expect(a.ruleId).toBe('token:authorize');
  });

  it('adds the owner domain after the e-mail domain and reads a numeric profile id', () => {
    const a = googleWorkspaceParser.parse(revokeForOwner);
    expect(a.observables.srcIps).toEqual(['2001:db8::31']);
    expect(a.observables.users).toEqual(['ops.lead', '2002', 'ops.lead@corp.example']);
    expect(a.observables.domains).toEqual(['corp.example', 'partner.example']);
    expect(a.ruleId).toBe('token:revoke');
  });

  it('reports only the profile id when the actor has no e-mail', () => {
    const a = googleWorkspaceParser.parse(noEmail);
    expect(a.observables.users).toEqual(['330000000000000000003']);
    expect(a.observables.domains).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('leaves other applications as they were read before: no profile id, no domain', () => {
    const login = {
      ...authorize,
      id: { ...authorize.id, applicationName: 'login' },
      events: [{ type: 'login', name: 'login_success' }],
    };
    const a = googleWorkspaceParser.parse(login);
    expect(a.format).toBe('google_workspace.login');
    expect(a.observables.users).toEqual(['jo.rivera']);
    expect(a.observables.domains).toEqual([]);
  });

  it('does not claim other formats', () => {
    const others: unknown[] = [
      { kind: 'admin#directory#user', id: 'x', primaryEmail: 'a@corp.example' },
      { id: { applicationName: 'token' }, actor: { email: 'a@corp.example' } },
      'token authorize jo.rivera@corp.example 198.51.100.31',
      null,
    ];
    for (const raw of others) expect(googleWorkspaceParser.detect(raw)).toBe(false);
  });

  it('is not claimed by any other parser in the registry', () => {
    for (const sample of [authorize, revokeForOwner, noEmail]) {
      expect(registryClaims(sample, googleWorkspaceParser.name).others).toEqual([]);
    }
  });
});
