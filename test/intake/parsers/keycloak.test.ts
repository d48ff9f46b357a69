// The Keycloak parser on synthetic server log lines (login and admin events, the quoted Quarkus spelling,
// ECS JSON lines, other Keycloak loggers): detection and the role of every indicator as Elastic's pipeline
// maps it, and that no other specific parser claims these lines.
import { describe, expect, it } from 'vitest';
import { keycloakParser } from '../../../src/intake/parsers/keycloak.js';
import { registryClaims } from './registry-claims.js';

const loginError =
  '2024-03-05 09:14:22,310 WARN  [org.keycloak.events] (executor-thread-7) type=LOGIN_ERROR, realmId=corp, ' +
  'clientId=portal, userId=0f8e2d41-5a6b-4c7d-8e9f-0a1b2c3d4e5f, ipAddress=203.0.113.25, ' +
  'error=invalid_user_credentials, auth_method=openid-connect, auth_type=code, ' +
  'redirect_uri=https://portal.example.org/callback, code_id=11111111-2222-3333-4444-555555555555, username=jdoe';

const unknownUser =
  '2024-03-05 09:15:01,002 WARN  [org.keycloak.events] (executor-thread-2) type=LOGIN_ERROR, realmId=corp, ' +
  'clientId=security-admin-console, userId=null, ipAddress=198.51.100.7, error=user_not_found, ' +
  'redirect_uri=http://192.0.2.80:8080/admin/corp/console/';

const adminEvent =
  '2024-03-05 10:02:44,118 DEBUG [org.keycloak.events] (executor-thread-4) operationType=UPDATE, realmId=corp, ' +
  'clientId=6b1d0c9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e, userId=0f8e2d41-5a6b-4c7d-8e9f-0a1b2c3d4e5f, ' +
  'ipAddress=2001:db8::42, resourceType=USER, resourcePath=users/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

const quotedLogout =
  '2024-03-06 18:40:00,001 INFO [org.keycloak.events] (executor-thread-9) type=\\"LOGOUT\\", realmId=\\"corp\\", ' +
  'clientId=\\"account-console\\", userId=\\"0f8e2d41-5a6b-4c7d-8e9f-0a1b2c3d4e5f\\", ipAddress=\\"192.0.2.14\\", ' +
  'redirect_uri=\\"https://sso.example.org/realms/corp/account/\\", username=\\"jdoe\\"';

const localRedirect =
  '09:20:11,514 WARN  [org.keycloak.events] (default task-3) type=LOGIN_ERROR, realmId=lab, clientId=lab, ' +
  'userId=null, ipAddress=0.0.0.0, error=invalid_redirect_uri, redirect_uri=http://localhost:8080';

const serviceLine =
  "2024-03-05 09:00:02,547 INFO  [org.keycloak.services] (main) KC-SERVICES0009: Added user 'opsadmin' to realm 'master'";

const ecsEvent = {
  '@timestamp': '2024-03-07T08:00:00.123456Z',
  'log.logger': 'org.keycloak.events',
  'log.level': 'WARN',
  message:
    'type=LOGIN_ERROR, realmId=corp, clientId=portal, userId=null, ipAddress=203.0.113.99, error=user_not_found, username=mallory',
  'host.hostname': 'kc-node-1',
  'service.name': 'Keycloak',
};

const ecsStartup = {
  '@timestamp': '2024-03-07T07:59:00.5Z',
  'log.logger': 'org.keycloak.quarkus.runtime.KeycloakMain',
  'log.level': 'INFO',
  message: 'Keycloak started',
  'host.hostname': 'kc-node-1',
};

const samples = {
  loginError,
  unknownUser,
  adminEvent,
  quotedLogout,
  localRedirect,
  serviceLine,
  ecsEvent,
  ecsStartup,
};

describe('keycloakParser', () => {
  it('detects Keycloak log lines of every supported shape', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(keycloakParser.detect(sample), name).toBe(true);
  });

  it('reads a failed login: client address, username then user id, and the redirect URI site as a domain', () => {
    const a = keycloakParser.parse(loginError);
    expect(a.recognizedBy).toBe('parser:keycloak.log');
    expect(a.observables.srcIps).toEqual(['203.0.113.25']);
    expect(a.observables.ips).toEqual(['203.0.113.25']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['jdoe', '0f8e2d41-5a6b-4c7d-8e9f-0a1b2c3d4e5f']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['portal.example.org']);
    expect(a.ruleId).toBe('LOGIN_ERROR');
    expect(a.severity).toBe('low');
    expect(a.title).toContain('invalid_user_credentials');
    expect(a.observedAt).toBe('2024-03-05T09:14:22.310Z');
  });

  it('skips a null user id and reports an address redirect host as a host, not as an address', () => {
    const a = keycloakParser.parse(unknownUser);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['192.0.2.80']);
    expect(a.observables.ips).toEqual(['198.51.100.7']);
  });

  it('reads an admin event: the acting user id and the target user id from the resource path', () => {
    const a = keycloakParser.parse(adminEvent);
    expect(a.observables.srcIps).toEqual(['2001:db8::42']);
    expect(a.observables.users).toEqual([
      '0f8e2d41-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    ]);
    expect(a.ruleId).toBe('UPDATE-USER');
    expect(a.severity).toBe('info');
  });

  it('trims the backslash-quoted values of the Quarkus spelling', () => {
    const a = keycloakParser.parse(quotedLogout);
    expect(a.observables.srcIps).toEqual(['192.0.2.14']);
    expect(a.observables.users).toEqual(['jdoe', '0f8e2d41-5a6b-4c7d-8e9f-0a1b2c3d4e5f']);
    expect(a.observables.domains).toEqual(['sso.example.org']);
    expect(a.ruleId).toBe('LOGOUT');
  });

  it('reads an old time-only line, never reports 0.0.0.0, and keeps a single-label redirect host', () => {
    const a = keycloakParser.parse(localRedirect);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['localhost']);
    expect(a.observedAt).toBeNull();
  });

  it('claims other Keycloak loggers without indicators, as Elastic maps none', () => {
    const a = keycloakParser.parse(serviceLine);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('KC-SERVICES0009');
  });

  it('reads the events of an ECS JSON line and nothing from its other lines', () => {
    const e = keycloakParser.parse(ecsEvent);
    expect(e.observables.srcIps).toEqual(['203.0.113.99']);
    expect(e.observables.users).toEqual(['mallory']);
    expect(e.observables.hosts).toEqual([]);
    expect(e.observedAt).toBe('2024-03-07T08:00:00.123Z');
    const s = keycloakParser.parse(ecsStartup);
    expect(s.observables.hosts).toEqual([]);
    expect(s.observables.users).toEqual([]);
    // A library Keycloak runs logs in the same stream, naming the service: no indicators either.
    const cluster = {
      ...ecsStartup,
      'log.logger': 'org.infinispan.CLUSTER',
      'service.name': 'Keycloak',
      message:
        'ISPN000079: Channel `ISPN` local address is `kc-node-1-18077`, physical addresses are `[192.0.2.3:7800]`',
    };
    expect(keycloakParser.detect(cluster)).toBe(true);
    expect(keycloakParser.parse(cluster).observables.ips).toEqual([]);
  });

  it('does not claim other Java server lines or other formats', () => {
    const jboss =
      '2024-03-05 09:00:03,327 INFO  [org.jboss.as] (Controller Boot Thread) WFLYSRV0060: Http management interface listening on http://192.0.2.1:9990/management';
    const syslog = '<134>1 2024-05-01T10:00:00Z kc-node-1 keycloak - - - type=LOGIN, ipAddress=192.0.2.3';
    const otherJson = { 'log.logger': 'com.example.App', message: 'type=LOGIN, ipAddress=192.0.2.3' };
    for (const raw of [jboss, syslog, otherJson, null, 42, [], {}])
      expect(keycloakParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, keycloakParser.name).others, name).toEqual([]);
    }
  });
});
