// The Teleport audit parser on synthetic audit events (session, network, desktop, certificate, failed login,
// events without an id): detection, the indicators Elastic's teleport audit pipeline keeps, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { teleportAuditParser } from '../../../src/intake/parsers/teleport-audit.js';
import { registryClaims } from './registry-claims.js';

const sessionStart = {
  'addr.local': '192.0.2.10:3022',
  'addr.remote': '203.0.113.50:51234',
  code: 'T2000I',
  ei: 0,
  event: 'session.start',
  login: 'root',
  namespace: 'default',
  server_id: 'a1b2c3d4-0000-4000-8000-000000000001',
  server_hostname: 'bastion-01',
  server_addr: '192.0.2.10:3022',
  sid: 'a1b2c3d4-0000-4000-8000-000000000002',
  size: '80:25',
  time: '2024-05-01T10:00:00.123Z',
  uid: 'a1b2c3d4-0000-4000-8000-000000000003',
  user: 'dana@example.org',
};

const sessionNetwork = {
  code: 'T4002I',
  event: 'session.network',
  namespace: 'default',
  sid: 'a1b2c3d4-0000-4000-8000-000000000004',
  server_id: 'srv-demo',
  login: 'ubuntu',
  user: 'ray',
  pid: 4242,
  program: 'curl',
  src_addr: '198.51.100.7',
  dst_addr: '203.0.113.80',
  dst_port: '443',
  version: 4,
  time: '2024-05-01T10:01:00Z',
  action: 1,
};

const desktopStart = {
  cluster_name: 'demo-cluster',
  code: 'TDP00W',
  desktop_addr: '[2001:db8::15]:3389',
  desktop_name: 'win-demo',
  ei: 0,
  event: 'windows.desktop.session.start',
  sid: 'a1b2c3d4-0000-4000-8000-000000000005',
  success: false,
  time: '2024-05-01T10:02:00Z',
  uid: 'a1b2c3d4-0000-4000-8000-000000000006',
  user: 'sam',
  windows_domain: 'corp.example',
  windows_user: 'Administrator',
};

const desktopShare = {
  'addr.remote': 'win-demo.corp.example:3389',
  code: 'TDP04I',
  desktop_addr: 'win-demo.corp.example:3389',
  directory_name: 'shared',
  event: 'desktop.directory.share',
  proto: 'tdp',
  success: true,
  time: '2024-05-01T10:03:00Z',
  uid: 'a1b2c3d4-0000-4000-8000-000000000007',
  user: 'sam',
};

const certCreate = {
  ei: 0,
  event: 'cert.create',
  uid: 'a1b2c3d4-0000-4000-8000-000000000008',
  code: 'TC000I',
  time: '2024-05-01T10:04:00Z',
  cluster_name: 'demo-cluster',
  cert_type: 'user',
  identity: {
    user: 'bot-deployer',
    roles: ['access'],
    logins: ['root', 'ubuntu'],
    client_ip: '198.51.100.9',
  },
};

const loginFailed = {
  code: 'T1000W',
  error: 'user(name="mallory") not found',
  event: 'user.login',
  method: 'local',
  success: false,
  time: '2024-05-01T10:05:00Z',
  uid: 'a1b2c3d4-0000-4000-8000-000000000009',
  user: 'mallory',
  'addr.remote': '203.0.113.99:40000',
};

const scpError = {
  action: 'download',
  'addr.local': '192.0.2.10:3022',
  'addr.remote': '198.51.100.30:39932',
  code: 'T3004E',
  event: 'scp',
  login: 'root',
  path: '~/notes',
  time: '2024-05-01T10:06:00Z',
  uid: 'a1b2c3d4-0000-4000-8000-000000000010',
  user: 'root',
};

const syncWithoutId = {
  code: 'TOK007I',
  event: 'okta.user.sync',
  time: '2024-05-01T10:07:00Z',
  num_users_created: 3,
};

const samples = {
  sessionStart,
  sessionNetwork,
  desktopStart,
  desktopShare,
  certCreate,
  loginFailed,
  scpError,
  syncWithoutId,
};

describe('teleportAuditParser', () => {
  it('detects every audit event shape, with or without an event id', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(teleportAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the Teleport user, the OS login, the server reached and both ends of the connection (related only)', () => {
    const alert = teleportAuditParser.parse(sessionStart);
    expect(alert.recognizedBy).toBe('parser:teleport.audit');
    expect(alert.format).toBe('teleport.audit');
    expect(alert.observables.users).toEqual(['dana@example.org', 'root']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual(['203.0.113.50', '192.0.2.10']);
    expect(alert.observables.hosts).toEqual(['bastion-01']);
    expect(alert.ruleId).toBe('T2000I');
    expect(alert.severity).toBe('info');
    expect(alert.observedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(alert.title).toBe('Teleport session.start by dana@example.org');
  });

  it('reads a session network event as source and destination', () => {
    const o = teleportAuditParser.parse(sessionNetwork).observables;
    expect(o.srcIps).toEqual(['198.51.100.7']);
    expect(o.dstIps).toEqual(['203.0.113.80']);
    expect(o.ips).toEqual(['198.51.100.7', '203.0.113.80']);
    expect(o.users).toEqual(['ray', 'ubuntu']);
  });

  it('takes a desktop address as the destination, an IPv6 one canonically', () => {
    const alert = teleportAuditParser.parse(desktopStart);
    expect(alert.observables.dstIps).toEqual(['2001:db8::15']);
    expect(alert.observables.ips).toEqual(['2001:db8::15']);
    expect(alert.severity).toBe('low');
    expect(alert.title).toBe('Teleport windows.desktop.session.start by sam failed');
  });

  it('reports a named desktop as a domain kept out of the hosts', () => {
    const o = teleportAuditParser.parse(desktopShare).observables;
    expect(o.dstIps).toEqual([]);
    expect(o.domains).toEqual(['win-demo.corp.example']);
    expect(o.hosts).toEqual([]);
    expect(teleportAuditParser.domainsInRelatedHosts).toBe(false);
  });

  it('names the certificate identity user and the logins it allows (not internal ones), and its client address', () => {
    const o = teleportAuditParser.parse({
      ...certCreate,
      identity: {
        ...certCreate.identity,
        logins: [...certCreate.identity.logins, '-teleport-internal-join'],
      },
    }).observables;
    expect(o.users).toEqual(['bot-deployer', 'root', 'ubuntu']);
    expect(o.ips).toEqual(['198.51.100.9']);
  });

  it('rates a warning code low and an error code medium', () => {
    expect(teleportAuditParser.parse(loginFailed).severity).toBe('low');
    expect(teleportAuditParser.parse(loginFailed).observables.users).toEqual(['mallory']);
    expect(teleportAuditParser.parse(scpError).severity).toBe('medium');
    expect(teleportAuditParser.parse(scpError).observables.ips).toEqual(['198.51.100.30', '192.0.2.10']);
  });

  it('reads an event without an id or a user as one with no indicators', () => {
    const alert = teleportAuditParser.parse(syncWithoutId);
    expect(alert.observables.users).toEqual([]);
    expect(alert.ruleId).toBe('TOK007I');
    expect(alert.title).toBe('Teleport okta.user.sync');
  });

  it('does not claim other formats', () => {
    const vault = {
      time: '2024-05-01T10:00:00Z',
      type: 'request',
      request: { path: 'sys/health', remote_address: '192.0.2.1' },
    };
    const okta = { eventType: 'user.session.start', actor: { alternateId: 'a@example.org' }, uuid: 'x' };
    const badCode = { ...sessionStart, code: 'E2000' };
    const noEvent = { code: 'T2000I', uid: 'x', time: '2024-05-01T10:00:00Z' };
    const line = '<134>1 2024-05-01T10:00:00Z host teleport - - - {"code":"T2000I","event":"session.start"}';
    for (const raw of [vault, okta, badCode, noEvent, line, null, 42, []]) {
      expect(teleportAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, teleportAuditParser.name).others, name).toEqual([]);
    }
  });
});
