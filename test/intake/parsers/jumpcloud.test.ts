// The JumpCloud Directory Insights parser on synthetic events (directory, sso, radius, ldap, systems): detection,
// the addresses and users Elastic's jumpcloud pipeline keeps, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { jumpcloudParser } from '../../../src/intake/parsers/jumpcloud.js';
import { registryClaims } from './registry-claims.js';

const base = { '@version': '1', organization: 'a1b2c3d4e5f6a1b2c3d4e5f6', mfa: false };

const adminLogin = {
  ...base,
  id: 'e0000000000000000000001',
  event_type: 'admin_login_attempt',
  service: 'directory',
  client_ip: '198.51.100.7',
  success: true,
  timestamp: '2024-03-01T09:00:00.250Z',
  initiated_by: { id: 'f0000000000000000000001', email: 'ops.admin@example.com', type: 'admin' },
};

const ssoFailure = {
  ...base,
  id: 'e0000000000000000000002',
  event_type: 'sso_auth',
  service: 'sso',
  src_ip: '203.0.113.21',
  username: 'jdoe',
  sso_token_success: false,
  timestamp: '2024-03-01T09:01:00Z',
  initiated_by: { id: 'f0000000000000000000002', username: 'jdoe', type: 'user' },
};

const radius = {
  ...base,
  id: 'e0000000000000000000003',
  event_type: 'radius_auth_attempt',
  service: 'radius',
  src_ip: '192.0.2.44',
  username: 'asmith',
  success: true,
  timestamp: '2024-03-01T09:02:00Z',
  jumpcloud_protect_device: { ip: '198.51.100.90', os: 'iOS' },
};

const ldapBind = {
  ...base,
  id: 'e0000000000000000000004',
  event_type: 'ldap_bind',
  service: 'ldap',
  src_ip: '2001:db8::15',
  username: 'svc-ldap',
  success: false,
  timestamp: '2024-03-01T09:03:00Z',
};

const systemLogin = {
  ...base,
  id: 'e0000000000000000000005',
  event_type: 'login_attempt',
  service: 'systems',
  src_ip: '0.0.0.0',
  username: 'bwayne',
  success: true,
  timestamp: '2024-03-01T09:04:00Z',
  system: { id: 'd0000000000000000000001', hostname: 'laptop-demo-01' },
  initiated_by: { id: 'f0000000000000000000003', username: 'it-helper', type: 'user' },
};

const samples = { adminLogin, ssoFailure, radius, ldapBind, systemLogin };

describe('jumpcloudParser', () => {
  it('detects Directory Insights events of every service', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(jumpcloudParser.detect(sample), name).toBe(true);
  });

  it('does not report the client address of an admin login, nor the initiator e-mail', () => {
    const alert = jumpcloudParser.parse(adminLogin);
    expect(alert.format).toBe('jumpcloud.events');
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.ruleId).toBe('admin_login_attempt');
    expect(alert.observedAt).toBe('2024-03-01T09:00:00.250Z');
    expect(alert.severity).toBe('info');
  });

  it('reads the source address and user of a failed SSO authentication', () => {
    const alert = jumpcloudParser.parse(ssoFailure);
    expect(alert.observables.srcIps).toEqual(['203.0.113.21']);
    expect(alert.observables.ips).toEqual(['203.0.113.21']);
    expect(alert.observables.users).toEqual(['jdoe']);
    expect(alert.severity).toBe('low');
    expect(alert.title).toContain('failed');
  });

  it('lists a JumpCloud Protect device address before the source address', () => {
    const alert = jumpcloudParser.parse(radius);
    expect(alert.observables.srcIps).toEqual(['192.0.2.44']);
    expect(alert.observables.ips).toEqual(['198.51.100.90', '192.0.2.44']);
    expect(alert.observables.users).toEqual(['asmith']);
  });

  it('reads an IPv6 source of an LDAP bind', () => {
    const alert = jumpcloudParser.parse(ldapBind);
    expect(alert.observables.srcIps).toEqual(['2001:db8::15']);
    expect(alert.observables.users).toEqual(['svc-ldap']);
  });

  it('adds the initiator username, keeps the system hostname out of hosts and drops 0.0.0.0', () => {
    const alert = jumpcloudParser.parse(systemLogin);
    expect(alert.observables.users).toEqual(['bwayne', 'it-helper']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
  });

  it('does not claim other formats', () => {
    const box = { type: 'event', event_id: 'x', event_type: 'LOGIN', created_by: { login: 'a@example.com' } };
    const noOrg = { event_type: 'sso_auth', service: 'sso', timestamp: '2024-03-01T09:01:00Z' };
    for (const other of [box, noOrg, 'event_type=sso_auth service=sso', null, []]) {
      expect(jumpcloudParser.detect(other)).toBe(false);
    }
  });

  it('is claimed by no other specific parser but Suricata EVE, whose detector takes any event_type + src_ip', () => {
    // Suricata's detector accepts any object with `event_type`, `timestamp` and `src_ip`: register JumpCloud first.
    for (const [name, sample] of Object.entries(samples)) {
      const others = registryClaims(sample, jumpcloudParser.name).others.filter((p) => p !== 'suricata.eve');
      expect(others, name).toEqual([]);
    }
  });
});
