// The ForgeRock parser on synthetic monitoring-API records (AM and IDM audit topics, am-core and idm-core
// debug logs, with and without the API's `source`): the data stream of each, that no address or name becomes
// an ECS indicator (Elastic's pipelines map none), the facts reported, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { forgerockParser } from '../../../src/intake/parsers/forgerock.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const amAccess = {
  payload: {
    _id: 'c0ffee00-0000-4000-8000-000000000001-101',
    client: { ip: '203.0.113.10', port: 51234 },
    component: 'OAuth',
    eventName: 'AM-ACCESS-OUTCOME',
    http: {
      request: {
        headers: { host: ['sso.example.com'], 'x-forwarded-for': ['198.51.100.23, 192.0.2.40'] },
        method: 'POST',
        path: 'https://sso.example.com/am/oauth2/access_token',
        secure: true,
      },
    },
    level: 'INFO',
    realm: '/',
    response: {
      detail: { username: 'svc-reporting' },
      elapsedTime: 12,
      elapsedTimeUnits: 'MILLISECONDS',
      status: 'SUCCESSFUL',
      statusCode: '200',
    },
    server: { ip: '192.0.2.5', port: 8080 },
    source: 'audit',
    timestamp: '2025-03-04T10:15:30.123Z',
    topic: 'access',
    transactionId: '1741083330000-aaaa-1/0',
    userId: 'id=svc-reporting,ou=agent,ou=am-config',
  },
  timestamp: '2025-03-04T10:15:30.124567891Z',
  type: 'application/json',
  source: 'am-access',
};

const amAccessFailed = {
  ...amAccess,
  payload: { ...amAccess.payload, response: { status: 'FAILED', statusCode: '401' } },
};

const amAuthFailed = {
  payload: {
    _id: 'c0ffee00-0000-4000-8000-000000000001-102',
    component: 'Authentication',
    entries: [{ info: { authIndex: 'service', ipAddress: '203.0.113.77' }, moduleId: 'Login' }],
    eventName: 'AM-LOGIN-COMPLETED',
    level: 'INFO',
    principal: ['jdoe'],
    realm: '/alpha',
    result: 'FAILED',
    source: 'audit',
    timestamp: '2025-03-04T10:16:00.000Z',
    topic: 'authentication',
    transactionId: '1741083360000-bbbb-2/0',
    userId: 'id=jdoe,ou=user,o=alpha,ou=services,ou=am-config',
  },
  timestamp: '2025-03-04T10:16:00.001Z',
  type: 'application/json',
  source: 'am-authentication',
};

const amActivity = {
  payload: {
    _id: 'c0ffee00-0000-4000-8000-000000000001-103',
    component: 'Session',
    eventName: 'AM-SESSION-CREATED',
    level: 'INFO',
    objectId: 'c0ffee00-0000-4000-8000-0000000000aa',
    operation: 'CREATE',
    runAs: 'id=jdoe,ou=user,o=alpha,ou=services,ou=am-config',
    source: 'audit',
    timestamp: '2025-03-04T10:16:01.000Z',
    topic: 'activity',
    userId: 'id=jdoe,ou=user,o=alpha,ou=services,ou=am-config',
  },
  timestamp: '2025-03-04T10:16:01.001Z',
  type: 'application/json',
  source: 'am-activity',
};

const amConfig = {
  payload: {
    _id: 'c0ffee00-0000-4000-8000-000000000001-104',
    changedFields: ['sunDynamicAttributeValue'],
    eventName: 'AM-CONFIG-CHANGE',
    level: 'INFO',
    objectId: 'ou=dashboard,ou=services,ou=am-config',
    operation: 'UPDATE',
    runAs: 'id=amadmin,ou=user,ou=am-config',
    source: 'audit',
    timestamp: '2025-03-04T10:17:00.000Z',
    topic: 'config',
    userId: 'id=amadmin,ou=user,ou=am-config',
  },
  timestamp: '2025-03-04T10:17:00.001Z',
  type: 'application/json',
  source: 'am-config',
};

const amCore = {
  payload: {
    context: 'default',
    level: 'ERROR',
    logger: 'org.forgerock.openam.core.rest.session.SessionResource',
    message: 'Unable to read session for host app01.example.net (192.0.2.99)',
    thread: 'http-nio-8080-exec-3',
    timestamp: '2025-03-04T10:18:00.000Z',
    transactionId: null,
  },
  timestamp: '2025-03-04T10:18:00.001Z',
  type: 'application/json',
  source: 'am-core',
};

/** An am-core record without the API's `source`: known by its AM logger. */
const amCoreBare = { payload: amCore.payload, timestamp: amCore.timestamp, type: 'application/json' };

const idmAccess = {
  payload: {
    _id: 'd00dfeed-0000-4000-8000-000000000002-201',
    client: { ip: '198.51.100.61', port: 40001 },
    eventName: 'access',
    http: { request: { headers: { host: ['idm'] }, method: 'GET', path: 'http://idm/openidm/info/ping' } },
    level: 'INFO',
    request: { operation: 'READ', protocol: 'CREST' },
    response: { elapsedTime: 3, elapsedTimeUnits: 'MILLISECONDS', status: 'SUCCESSFUL', statusCode: '200' },
    server: { ip: '192.0.2.8', port: 8080 },
    source: 'audit',
    timestamp: '2025-03-04T11:00:00.000Z',
    topic: 'access',
    userId: 'anonymous',
  },
  timestamp: '2025-03-04T11:00:00.001Z',
  type: 'application/json',
  source: 'idm-access',
};

/** An IDM access record without the API's `source`: known by its audit topic and IDM event name. */
const idmAccessBare = {
  payload: idmAccess.payload,
  timestamp: idmAccess.timestamp,
  type: 'application/json',
};
/** The same for AM: the `AM-` event name tells the product. */
const amAccessBare = { payload: amAccess.payload, timestamp: amAccess.timestamp, type: 'application/json' };

const idmActivity = {
  payload: {
    _id: 'd00dfeed-0000-4000-8000-000000000002-202',
    eventName: 'activity',
    level: 'INFO',
    message: 'password changed',
    objectId: 'managed/alpha_user/1234',
    operation: 'PATCH',
    passwordChanged: true,
    runAs: 'opsadmin',
    source: 'audit',
    status: 'FAIL',
    timestamp: '2025-03-04T11:01:00.000Z',
    topic: 'activity',
    userId: 'opsadmin',
  },
  timestamp: '2025-03-04T11:01:00.001Z',
  type: 'application/json',
  source: 'idm-activity',
};

const idmAuthentication = {
  payload: {
    _id: 'd00dfeed-0000-4000-8000-000000000002-203',
    eventName: 'authentication',
    level: 'INFO',
    method: 'MANAGED_USER',
    principal: ['opsadmin'],
    result: 'SUCCESSFUL',
    source: 'audit',
    timestamp: '2025-03-04T11:02:00.000Z',
    topic: 'authentication',
    userId: 'opsadmin',
  },
  timestamp: '2025-03-04T11:02:00.001Z',
  type: 'application/json',
  source: 'idm-authentication',
};

const idmConfig = {
  payload: {
    _id: 'd00dfeed-0000-4000-8000-000000000002-204',
    changedFields: ['/mappings'],
    eventName: 'CONFIG',
    level: 'INFO',
    objectId: 'sync',
    operation: 'UPDATE',
    revision: null,
    runAs: 'opsadmin',
    source: 'audit',
    timestamp: '2025-03-04T11:03:00.000Z',
    topic: 'config',
    userId: 'opsadmin',
  },
  timestamp: '2025-03-04T11:03:00.001Z',
  type: 'application/json',
  source: 'idm-config',
};

const idmSync = {
  payload: {
    _id: 'd00dfeed-0000-4000-8000-000000000002-205',
    action: 'UPDATE',
    eventName: 'sync',
    exception: null,
    level: 'INFO',
    mapping: 'managedAlpha_user_managedBeta_user',
    message: null,
    situation: 'CONFIRMED',
    source: 'audit',
    sourceObjectId: 'managed/alpha_user/1234',
    status: 'SUCCESS',
    targetObjectId: '5678',
    timestamp: '2025-03-04T11:04:00.000Z',
    topic: 'sync',
    userId: 'opsadmin',
  },
  timestamp: '2025-03-04T11:04:00.001Z',
  type: 'application/json',
  source: 'idm-sync',
};

const idmCoreText = {
  payload: 'WARNING: Connection to 192.0.2.150 refused for user jdoe',
  timestamp: '2025-03-04T11:05:00.123456789Z',
  type: 'text/plain',
  source: 'idm-core',
};

const idmCoreJson = {
  payload: { message: 'LOADED SECRET TO ESV', name: 'esv-demo', target: 'esv.demo', type: 'property' },
  source: 'idm-core',
  timestamp: '2025-03-04T11:06:00.5Z',
  type: 'application/json',
};

const samples = {
  amAccess,
  amAccessFailed,
  amAuthFailed,
  amActivity,
  amConfig,
  amCore,
  amCoreBare,
  idmAccess,
  idmAccessBare,
  amAccessBare,
  idmActivity,
  idmAuthentication,
  idmConfig,
  idmSync,
  idmCoreText,
  idmCoreJson,
};

const NO_INDICATORS = { srcIps: [], dstIps: [], ips: [], users: [], hosts: [], hashes: [], emails: [] };

describe('forgerock parser', () => {
  it('reports each record under its data stream, as forgerock.<stream>', () => {
    const formats = Object.fromEntries(
      Object.entries(samples).map(([k, raw]) => [k, forgerockParser.parse(raw).format]),
    );
    expect(formats).toEqual({
      amAccess: 'forgerock.am_access',
      amAccessFailed: 'forgerock.am_access',
      amAuthFailed: 'forgerock.am_authentication',
      amActivity: 'forgerock.am_activity',
      amConfig: 'forgerock.am_config',
      amCore: 'forgerock.am_core',
      amCoreBare: 'forgerock.am_core',
      idmAccess: 'forgerock.idm_access',
      idmAccessBare: 'forgerock.idm_access',
      amAccessBare: 'forgerock.am_access',
      idmActivity: 'forgerock.idm_activity',
      idmAuthentication: 'forgerock.idm_authentication',
      idmConfig: 'forgerock.idm_config',
      idmSync: 'forgerock.idm_sync',
      idmCoreText: 'forgerock.idm_core',
      idmCoreJson: 'forgerock.idm_core',
    });
  });

  it('maps no address, user or host to an indicator, as Elastic keeps them in client, server and user.id', () => {
    for (const raw of Object.values(samples)) {
      const a = forgerockParser.parse(raw);
      expect(a.recognizedBy).toBe('parser:forgerock');
      expect(a.observables).toMatchObject(NO_INDICATORS);
    }
  });

  it('keeps the request URL and its site as a domain, which the pipeline keeps out of related.hosts', () => {
    const a = forgerockParser.parse(amAccess);
    expect(a.observables.urls).toEqual(['https://sso.example.com/am/oauth2/access_token']);
    expect(a.observables.domains).toEqual(['sso.example.com']);
    expect(forgerockParser.domainsInRelatedHosts).toBe(false);
    expect(forgerockParser.parse(idmAccess).observables.domains).toEqual([]);
  });

  it('reports the event name as the rule, the payload time and an informational success', () => {
    const a = forgerockParser.parse(amAccess);
    expect(a.ruleId).toBe('AM-ACCESS-OUTCOME');
    expect(a.title).toBe('ForgeRock AM-ACCESS-OUTCOME (OAuth)');
    expect(a.observedAt).toBe('2025-03-04T10:15:30.123Z');
    expect(a.severity).toBe('info');
  });

  it('raises failed access and activity to low and a failed authentication to medium', () => {
    expect(forgerockParser.parse(amAccessFailed)).toMatchObject({
      severity: 'low',
      title: expect.stringMatching(/failed$/),
    });
    expect(forgerockParser.parse(idmActivity).severity).toBe('low');
    const auth = forgerockParser.parse(amAuthFailed);
    expect(auth.severity).toBe('medium');
    expect(auth.ruleId).toBe('AM-LOGIN-COMPLETED');
    expect(forgerockParser.parse(idmAuthentication).severity).toBe('info');
  });

  it('titles a sync event by its action and situation', () => {
    expect(forgerockParser.parse(idmSync).title).toBe('ForgeRock sync (UPDATE CONFIRMED)');
  });

  it('titles debug logs by their message, with the logger as the rule and the level as severity', () => {
    const core = forgerockParser.parse(amCore);
    expect(core.title).toBe('Unable to read session for host app01.example.net (192.0.2.99)');
    expect(core.ruleId).toBe('org.forgerock.openam.core.rest.session.SessionResource');
    expect(core.severity).toBe('medium');
    const text = forgerockParser.parse(idmCoreText);
    expect(text.title).toBe('WARNING: Connection to 192.0.2.150 refused for user jdoe');
    expect(text.severity).toBe('low');
    expect(text.ruleId).toBeNull();
    expect(text.observedAt).toBe('2025-03-04T11:05:00.123Z');
    expect(forgerockParser.parse(idmCoreJson).title).toBe('LOADED SECRET TO ESV');
  });

  it('claims no payload of another shape', () => {
    const others: unknown[] = [
      { event: 'meeting.started', payload: { account_id: 'abc', object: { id: '1', host_id: 'h' } } },
      { payload: 'plain text', timestamp: '2025-03-04T11:05:00Z', type: 'text/plain', source: 'web-server' },
      { payload: { topic: 'access', eventName: 'x', source: 'kafka' }, timestamp: '2025-03-04T11:05:00Z' },
      {
        payload: {
          logger: 'org.apache.kafka.clients.NetworkClient',
          level: 'WARN',
          thread: 'main',
          message: 'm',
        },
      },
      { eventType: 'user.session.start', actor: { alternateId: 'jdoe@example.com' }, displayMessage: 'x' },
      '<134>Mar  4 11:05:00 fw01 filterlog: 5,,,1000000103,igb0,match,block,in,4,0x0',
      null,
      [amAccess],
    ];
    for (const raw of others) expect(forgerockParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const raw of Object.values(samples)) {
      expect(forgerockParser.detect(raw)).toBe(true);
      expect(registryClaims(raw, forgerockParser.name).others).toEqual([]);
    }
  });

  it('reads a record sent as a JSON text line or inside a shipper message, ahead of the registry', () => {
    const withMine = [forgerockParser, ...parsers];
    for (const raw of [JSON.stringify(amAccess), { message: JSON.stringify(idmAccess) }]) {
      const a = normalizeAlert(raw, { parsers: withMine });
      expect(a.recognizedBy).toBe('parser:forgerock');
      expect(a.observables).toMatchObject(NO_INDICATORS);
    }
  });
});
