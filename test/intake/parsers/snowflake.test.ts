// The Snowflake account-usage parser on synthetic LOGIN_HISTORY, SESSIONS and GRANTS_TO_USERS rows: detection,
// the indicators Elastic's snowflake.* pipelines give for the same shapes, and that it claims nothing else.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { snowflakeParser } from '../../../src/intake/parsers/snowflake.js';
import { registryClaims } from './registry-claims.js';

const loginOk = {
  EVENT_ID: '4101',
  EVENT_TIMESTAMP: '2024-02-03 07:30:00.250 +0000',
  EVENT_TYPE: 'LOGIN',
  USER_NAME: 'mara.quill',
  CLIENT_IP: '198.51.100.44',
  REPORTED_CLIENT_TYPE: 'PYTHON_DRIVER',
  REPORTED_CLIENT_VERSION: '3.1.0',
  FIRST_AUTHENTICATION_FACTOR: 'PASSWORD',
  SECOND_AUTHENTICATION_FACTOR: 'MFA_TOKEN',
  IS_SUCCESS: 'YES',
  ERROR_CODE: null,
  ERROR_MESSAGE: null,
  CONNECTION: null,
  CLIENT_PRIVATE_LINK_ID: null,
  LOGIN_DETAILS: null,
  AUTHORIZING_INTEGRATION_NAME: null,
};

const loginBlocked = {
  ...loginOk,
  EVENT_ID: '4102',
  EVENT_TIMESTAMP: '2024-02-03T07:31:00.000+00:00',
  USER_NAME: 'tobin.ash',
  CLIENT_IP: '203.0.113.77',
  IS_SUCCESS: 'NO',
  ERROR_CODE: '390100',
  ERROR_MESSAGE: 'Incorrect username or password was specified.',
  LOGIN_DETAILS: JSON.stringify({
    malicious_ip_protection_info: JSON.stringify({ result: 'BLOCKED', riskClassification: 'HIGH' }),
  }),
};

const loginInternal = {
  ...loginOk,
  EVENT_ID: '4103',
  USER_NAME: null,
  CLIENT_IP: 'INTERNAL_SNOWFLAKE_IP/0.0.0.0',
  IS_SUCCESS: 'NO',
};

const session = {
  SESSION_ID: '77001',
  CREATED_ON: '2024-02-03 07:30:01.000 +0000',
  USER_NAME: 'mara.quill',
  AUTHENTICATION_METHOD: 'PASSWORD',
  LOGIN_EVENT_ID: '4101',
  CLIENT_APPLICATION_ID: 'PYTHON_DRIVER',
  CLIENT_APPLICATION_VERSION: '3.1.0',
  CLIENT_ENVIRONMENT: '{"OS":"Linux"}',
  ACCESS_TIME: '2024-02-03 08:00:00.000 +0000',
  IS_OPEN: 'false',
  CLOSED_REASON: 'LOGOUT',
};

const grantRevoked = {
  CREATED_ON: '2024-02-01 09:00:00.000 +0000',
  DELETED_ON: '2024-02-02 09:00:00.000 +0000',
  ROLE: 'SECURITYADMIN',
  GRANTED_TO: 'USER',
  GRANTEE_NAME: 'tobin.ash',
  GRANTED_BY: 'ACCOUNTADMIN',
};

const grantNoGrantee = { ...grantRevoked, DELETED_ON: null, ROLE: 'ANALYST', GRANTEE_NAME: null };

const samples = { loginOk, loginBlocked, loginInternal, session, grantRevoked, grantNoGrantee };

describe('snowflakeParser', () => {
  it('detects every account-usage row shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(snowflakeParser.detect(sample), name).toBe(true);
    }
  });

  it('maps a login: CLIENT_IP as the source, USER_NAME as the related user', () => {
    const a = snowflakeParser.parse(loginOk);
    expect(a.format).toBe('snowflake.login_history');
    expect(a.recognizedBy).toBe('parser:snowflake');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['198.51.100.44'],
      dst_ips: [],
      ips: ['198.51.100.44'],
      users: ['mara.quill'],
      hosts: [],
    });
    expect(a.title).toBe('Snowflake login by mara.quill succeeded');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-02-03T07:30:00.250Z');
    expect(a.ruleId).toBe('LOGIN');
  });

  it('raises a login that malicious-IP protection blocked', () => {
    const a = snowflakeParser.parse(loginBlocked);
    expect(ecsIndicators(a).src_ips).toEqual(['203.0.113.77']);
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('failed: Incorrect username or password was specified.');
    expect(a.title).toContain('malicious IP blocked');
    expect(a.observedAt).toBe('2024-02-03T07:31:00.000Z');
  });

  it('keeps a CLIENT_IP that is not a bare address out of the indicators, as the pipeline does', () => {
    const a = snowflakeParser.parse(loginInternal);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(a.severity).toBe('low');
  });

  it('maps a session to its user and access time', () => {
    const a = snowflakeParser.parse(session);
    expect(a.format).toBe('snowflake.sessions');
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: ['mara.quill'], hosts: [] });
    expect(a.title).toBe('Snowflake session 77001 of mara.quill closed (LOGOUT)');
    expect(a.observedAt).toBe('2024-02-03T08:00:00.000Z');
  });

  it('maps a grant to its grantee, timed at revocation when revoked', () => {
    const a = snowflakeParser.parse(grantRevoked);
    expect(a.format).toBe('snowflake.grants_to_users');
    expect(ecsIndicators(a).users).toEqual(['tobin.ash']);
    expect(a.title).toBe('Snowflake role SECURITYADMIN revoked from tobin.ash by ACCOUNTADMIN');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-02-02T09:00:00.000Z');
    const b = snowflakeParser.parse(grantNoGrantee);
    expect(ecsIndicators(b).users).toEqual([]);
    expect(b.severity).toBe('info');
    expect(b.observedAt).toBe('2024-02-01T09:00:00.000Z');
  });

  it('claims no other JSON, text or non-object payload', () => {
    const others: unknown[] = [
      {
        eventType: 'user.session.start',
        actor: { alternateId: 'a@example.org' },
        client: { ipAddress: '192.0.2.1' },
      },
      { EVENT_TYPE: 'LOGIN', CLIENT_IP: '192.0.2.1' },
      { SESSION_ID: '1', USER_NAME: 'x' },
      { ROLE: 'ADMIN', GRANTEE_NAME: 'x' },
      { ...loginOk, EVENT_TYPE: 42 },
      'CEF:0|Snowflake|Snowflake|1|LOGIN|Login|3|src=192.0.2.1',
      '<13>Feb  3 07:30:00 host snowflake: LOGIN mara.quill 192.0.2.1',
      JSON.stringify(loginOk),
      null,
      42,
      [loginOk],
    ];
    for (const raw of others) expect(snowflakeParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, snowflakeParser.name).others, name).toEqual([]);
    }
  });
});
