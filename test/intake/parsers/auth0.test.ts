// The Auth0 parser on synthetic tenant log events (Log Streams records and bare Management API entries):
// detection, the indicators Elastic's auth0 pipeline maps, severity by event type, and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { auth0Parser } from '../../../src/intake/parsers/auth0.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { registryClaims } from './registry-claims.js';

const LOG_ID_1 = '90020240501100000000000000000000000000000000000000000001';
const LOG_ID_2 = '90020240501100100000000000000000000000000000000000000002';

/** A Log Streams record: the event under `data`, its id repeated outside. */
const stream = (logId: string, data: Record<string, unknown>): Record<string, unknown> => ({
  log_id: logId,
  data: { ...data, log_id: logId },
});

const failedPassword = stream(LOG_ID_1, {
  date: '2024-05-01T10:00:00.123Z',
  type: 'fp',
  description: 'Wrong email or password.',
  connection: 'Username-Password-Authentication',
  connection_id: 'con_demo0000000001',
  client_id: 'demoClientId0000000000000000001',
  client_name: 'Demo Portal',
  ip: '203.0.113.25',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0',
  details: { error: { message: 'Wrong email or password.' } },
  user_id: 'auth0|0000demo0001',
  user_name: 'dana.lee@example.org',
  strategy: 'auth0',
  strategy_type: 'database',
  hostname: 'demo-tenant.eu.auth0.com',
});

const successV6 = stream(LOG_ID_2, {
  date: '2024-05-01T10:01:00.000Z',
  type: 's',
  description: 'Successful login',
  connection: 'google-oauth2',
  connection_id: 'con_demo0000000002',
  client_id: 'demoClientId0000000000000000001',
  client_name: 'Demo Portal',
  ip: '2001:db8:0:0:0:0:0:25',
  details: { prompts: [], initiatedAt: 1714557660000, completedAt: 1714557661000 },
  user_id: 'google-oauth2|1234567890',
  user_name: 'sam.ortiz',
  hostname: 'demo-tenant.eu.auth0.com',
});

const tokenExchange = stream('90020240501100200000000000000000000000000000000000000003', {
  date: '2024-05-01T10:02:00.000Z',
  type: 'seacft',
  description: '',
  connection_id: '',
  client_id: 'demoClientId0000000000000000001',
  client_name: 'Demo Portal',
  ip: '198.51.100.7',
  user_agent: 'node-fetch/1.0',
  details: { code: '*************demo' },
  hostname: 'demo-tenant.eu.auth0.com',
  user_id: 'auth0|0000demo0001',
  user_name: '',
});

const breached = stream('90020240501100300000000000000000000000000000000000000004', {
  date: '2024-05-01T10:03:00.000Z',
  type: 'pwd_leak',
  description: 'Blocked login: password found in a breach list',
  connection: 'Username-Password-Authentication',
  client_id: 'demoClientId0000000000000000001',
  ip: '192.0.2.200',
  user_name: 'pat.kim@example.org',
  hostname: 'demo-tenant.eu.auth0.com',
});

const bruteForce = stream('90020240501100400000000000000000000000000000000000000005', {
  date: '2024-05-01T10:04:00.000Z',
  type: 'limit_wc',
  description: 'Too many failed logins for one account from this address',
  client_id: 'demoClientId0000000000000000001',
  ip: '0.0.0.0',
  user_name: 'pat.kim@example.org',
});

/** A Management API entry: the bare event, with `_id`, `tenant_name` and the request it logs. */
const managementApi = {
  _id: '90020240501100500000000000000000000000000000000000000006',
  log_id: '90020240501100500000000000000000000000000000000000000006',
  date: '2024-05-01T10:05:00.000Z',
  type: 'sapi',
  description: 'Update a client',
  client_id: 'demoMgmtClient00000000000000001',
  client_name: '',
  ip: '198.51.100.44',
  isMobile: false,
  tenant_name: 'demo-tenant',
  user_agent: 'Firefox 120.0.0 / Linux 0.0.0',
  user_id: 'github|4242',
  details: {
    request: {
      method: 'patch',
      path: '/api/v2/clients/demoClientId0000000000000000001',
      ip: '198.51.100.44',
      auth: { strategy: 'jwt', user: { email: 'admin@example.org', user_id: 'github|4242' } },
    },
    response: { statusCode: 200 },
  },
};

/** A bare Guardian entry with no client, only the tenant name. */
const guardianUpdate = {
  _id: '90020240501100600000000000000000000000000000000000000007',
  log_id: '90020240501100600000000000000000000000000000000000000007',
  date: '2024-05-01T10:06:00.000Z',
  type: 'gd_tenant_update',
  description: 'Guardian - Updates tenant settings',
  ip: '203.0.113.90',
  tenant_name: 'demo-tenant',
  user_id: 'github|4242',
};

const samples = {
  failedPassword,
  successV6,
  tokenExchange,
  breached,
  bruteForce,
  managementApi,
  guardianUpdate,
};

describe('auth0Parser', () => {
  it('detects Log Streams records and bare Management API entries', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(auth0Parser.detect(sample), name).toBe(true);
    }
  });

  it('reports the client address as the source only and the login name as the user, not the tenant host', () => {
    const a = auth0Parser.parse(failedPassword);
    expect(a.format).toBe('auth0.logs');
    expect(a.recognizedBy).toBe('parser:auth0.logs');
    expect(a.observables.srcIps).toEqual(['203.0.113.25']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['dana.lee@example.org']);
    expect(a.observables.emails).toEqual(['dana.lee@example.org']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
  });

  it('reads a record inside the `json` envelope an HTTP-polling shipper writes, as the record itself', () => {
    const a = normalizeAlert({ json: failedPassword });
    expect(a.recognizedBy).toBe('parser:auth0.logs');
    expect(a.observables).toMatchObject(normalizeAlert(failedPassword).observables);
  });

  it('rates a failed login medium and names the event type, its description, user and address', () => {
    const a = auth0Parser.parse(failedPassword);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('fp');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(a.title).toBe(
      'Auth0 Incorrect password: Wrong email or password for dana.lee@example.org from 203.0.113.25',
    );
  });

  it('reads a successful login from an IPv6 address as informational, writing the address canonically', () => {
    const a = auth0Parser.parse(successV6);
    expect(a.severity).toBe('info');
    expect(a.observables.srcIps).toEqual(['2001:db8::25']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['sam.ortiz']);
    expect(a.observables.emails).toEqual([]);
    expect(a.title).toBe('Auth0 Successful login for sam.ortiz from 2001:db8::25');
  });

  it('reports no user for a token exchange whose user name is empty, and not the user id', () => {
    const a = auth0Parser.parse(tokenExchange);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('seacft');
  });

  it('rates a breached-password login high', () => {
    const a = auth0Parser.parse(breached);
    expect(a.severity).toBe('high');
    expect(a.observables.srcIps).toEqual(['192.0.2.200']);
    expect(a.observables.users).toEqual(['pat.kim@example.org']);
  });

  it('rates a brute-force block high and never reports 0.0.0.0 as an address', () => {
    const a = auth0Parser.parse(bruteForce);
    expect(a.severity).toBe('high');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a bare Management API entry: the caller address, no user from the request details', () => {
    const a = auth0Parser.parse(managementApi);
    expect(a.observables.srcIps).toEqual(['198.51.100.44']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('sapi');
    expect(a.observedAt).toBe('2024-05-01T10:05:00.000Z');
  });

  it('rates other failures low and shows an unnamed event type by its code', () => {
    const signupFailed = stream(LOG_ID_1, { date: '2024-05-01T10:07:00Z', type: 'fs', client_id: 'c1' });
    expect(auth0Parser.parse(signupFailed).severity).toBe('low');
    const unnamed = stream(LOG_ID_2, { date: '2024-05-01T10:08:00Z', type: 'sd', client_id: 'c1' });
    expect(auth0Parser.parse(unnamed).title).toBe('Auth0 event sd');
    expect(auth0Parser.parse(unnamed).severity).toBe('info');
  });

  it('does not claim Okta or other identity-provider events, nor text lines', () => {
    const okta = {
      uuid: 'a1b2',
      eventType: 'user.session.start',
      published: '2024-05-01T10:00:00Z',
      displayMessage: 'User login to Okta',
      actor: { alternateId: 'dana@example.org', type: 'User' },
      client: { ipAddress: '192.0.2.1' },
    };
    const keycloak = { type: 'LOGIN_ERROR', time: 1714557600000, clientId: 'app', ipAddress: '192.0.2.2' };
    const noAuth0Keys = { type: 's', date: '2024-05-01T10:00:00Z', log_id: '1', ip: '192.0.2.3' };
    const notAType = stream(LOG_ID_1, { date: '2024-05-01T10:00:00Z', type: 'User Login' });
    const noDate = { log_id: LOG_ID_1, data: { type: 's', client_id: 'c1' } };
    const line = '<134>May  1 10:00:00 idp-01 auth0: {"log_id":"1","data":{"type":"s"}}';
    for (const raw of [okta, keycloak, noAuth0Keys, notAType, noDate, line, null, 42, []]) {
      expect(auth0Parser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, auth0Parser.name).others, name).toEqual([]);
    }
  });
});
