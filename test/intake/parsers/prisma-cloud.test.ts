// The Prisma Cloud audit parser on synthetic audit entries: detection, the caller address and users as
// Elastic's prisma_cloud.audit pipeline maps them, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { prismaCloudParser } from '../../../src/intake/parsers/prisma-cloud.js';
import { registryClaims } from './registry-claims.js';

const login = {
  timestamp: 1735725600000,
  user: 'alice.admin@example.com',
  ipAddress: '192.0.2.15',
  actionType: 'LOGIN',
  resourceName: 'alice.admin@example.com',
  action: "'alice.admin@example.com'(with role 'System Admin') logged in via access key.",
  resourceType: 'Login',
  result: 'Failed',
};
const internal = { ...login, user: 'svc-scanner', ipAddress: 'RedLock Internal IP', result: 'Successful' };
const anonymous = {
  timestamp: 1735725700000,
  ipAddress: '2001:db8::15',
  actionType: 'UPDATE POLICY',
  action: 'Policy updated',
  resourceType: 'Policy',
  resourceName: 'baseline',
};

describe('prismaCloudParser', () => {
  it('detects audit entries, as objects or JSON lines, and nothing else', () => {
    for (const e of [login, internal, anonymous]) expect(prismaCloudParser.detect(e)).toBe(true);
    expect(prismaCloudParser.detect(JSON.stringify(login))).toBe(true);
    expect(prismaCloudParser.detect({ action: 'x', actionType: 'LOGIN' })).toBe(false);
    expect(prismaCloudParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(prismaCloudParser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for carol')).toBe(
      false,
    );
  });

  it('reads the caller address as related only and the user with its local part', () => {
    const a = prismaCloudParser.parse(login);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.15']);
    expect(a.observables.users).toEqual(['alice.admin', 'alice.admin@example.com']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports the action, a failed result as low severity, the time and the action type', () => {
    const a = prismaCloudParser.parse(login);
    expect(a.title).toBe(login.action);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-01-01T10:00:00.000Z');
    expect(a.ruleId).toBe('LOGIN');
    expect(a.recognizedBy).toBe('parser:prisma_cloud.audit');
  });

  it('drops a non-address caller and keeps a user name without a domain as it is', () => {
    const a = prismaCloudParser.parse(internal);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['svc-scanner']);
    expect(a.severity).toBe('info');
  });

  it('reads an entry without a user', () => {
    const a = prismaCloudParser.parse(anonymous);
    expect(a.observables.ips).toEqual(['2001:db8::15']);
    expect(a.observables.users).toEqual([]);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const e of [login, internal, anonymous]) {
      expect(registryClaims(e, 'prisma_cloud.audit').others).toEqual([]);
    }
  });
});
