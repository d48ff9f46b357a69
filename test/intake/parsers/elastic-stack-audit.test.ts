// The Elasticsearch and Kibana audit parser on synthetic records: detection, the indicators Elastic's
// `elasticsearch` and `kibana` audit pipelines map, the per-record format names, and no double claims.
import { describe, expect, it } from 'vitest';
import { elasticStackAuditParser } from '../../../src/intake/parsers/elastic-stack-audit.js';
import { registryClaims } from './registry-claims.js';

const accessGranted = {
  type: 'audit',
  timestamp: '2024-05-02T10:11:12,345+0000',
  'cluster.uuid': 'cLuStEr0000000000000001',
  'node.id': 'nOdE00000000000000000001',
  'event.type': 'transport',
  'event.action': 'access_granted',
  'authentication.type': 'REALM',
  'user.name': 'dana.ops',
  'user.realm': 'native1',
  'user.roles': ['editor'],
  'origin.type': 'rest',
  'origin.address': '198.51.100.23:50412',
  'request.id': 'req-0001',
  action: 'indices:data/read/search',
  'request.name': 'SearchRequest',
  indices: ['logs-app'],
};

const runAs = {
  ...accessGranted,
  'event.action': 'run_as_granted',
  'user.run_as.name': 'svc-report',
  'origin.address': '[2001:db8::17]:9300',
};

const anonymousDenied = {
  type: 'audit',
  timestamp: '2024-05-02T10:11:13,000+0000',
  'cluster.uuid': 'cLuStEr0000000000000001',
  'node.id': 'nOdE00000000000000000001',
  'event.type': 'rest',
  'event.action': 'anonymous_access_denied',
  'origin.type': 'rest',
  'origin.address': '203.0.113.40:61000',
  'url.path': '/secret-index',
  'request.method': 'PUT',
  'request.id': 'req-0002',
};

/** An older record: no `type`, `@timestamp` without a zone, and the node's name. */
const legacy = {
  '@timestamp': '2019-03-04T05:06:07,890',
  'node.name': 'es-node-7',
  'node.id': 'nOdE00000000000000000007',
  'event.type': 'rest',
  'event.action': 'authentication_success',
  'user.name': 'kim.admin',
  'origin.type': 'rest',
  'origin.address': '192.0.2.5:41000',
  'url.path': '/_cat/indices',
  'request.method': 'GET',
  'request.id': 'req-0003',
};

const putUser = {
  type: 'audit',
  timestamp: '2024-05-02T11:00:00,000+0000',
  'cluster.uuid': 'cLuStEr0000000000000001',
  'node.id': 'nOdE00000000000000000001',
  'event.type': 'security_config_change',
  'event.action': 'put_user',
  'user.name': 'root.admin',
  'request.id': 'req-0004',
  put: { user: { name: 'new.analyst', enabled: true, roles: ['viewer'], email: 'new.analyst@example.com' } },
};

const deleteUser = {
  type: 'audit',
  timestamp: '2024-05-02T11:05:00,000+0000',
  'cluster.uuid': 'cLuStEr0000000000000001',
  'node.id': 'nOdE00000000000000000001',
  'event.type': 'security_config_change',
  'event.action': 'delete_user',
  'request.id': 'req-0005',
  delete: { user: { name: 'old.analyst' } },
};

const kibanaLogin = {
  event: { action: 'user_login', category: ['authentication'], outcome: 'failure' },
  user: { name: 'sam.viewer' },
  kibana: { session_id: 'c2Vzc2lvbi0x', authentication_provider: 'basic', authentication_type: 'basic' },
  client: { ip: '198.51.100.99' },
  http: { request: { method: 'post' } },
  ecs: { version: '8.11.0' },
  '@timestamp': '2024-05-02T12:00:00.000+00:00',
  message: 'Failed attempt to login using basic provider [name=basic]',
  log: { level: 'INFO', logger: 'plugins.security.audit.ecs' },
};

const kibanaSavedObject = {
  event: { action: 'saved_object_update', category: ['database'], type: ['change'], outcome: 'unknown' },
  kibana: { space_id: 'soc', saved_object: { type: 'dashboard', id: 'dash-1' } },
  user: { name: 'sam.viewer', roles: ['editor'] },
  '@timestamp': '2024-05-02T12:01:00.000+00:00',
  message: 'User is updating dashboard [id=dash-1]',
};

const samples = {
  accessGranted,
  runAs,
  anonymousDenied,
  legacy,
  putUser,
  deleteUser,
  kibanaLogin,
  kibanaSavedObject,
};

describe('elasticStackAuditParser', () => {
  it('detects every supported Elasticsearch and Kibana audit record', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(elasticStackAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an Elasticsearch access record: the origin as source without related addresses, the user', () => {
    const a = elasticStackAuditParser.parse(accessGranted);
    expect(a.format).toBe('elasticsearch.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['dana.ops']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-05-02T10:11:12.345Z');
    expect(a.ruleId).toBe('access_granted');
    expect(a.severity).toBe('info');
  });

  it('reads a bracketed IPv6 origin and the run-as user as a second user', () => {
    const a = elasticStackAuditParser.parse(runAs);
    expect(a.observables.srcIps).toEqual(['2001:db8::17']);
    expect(a.observables.users).toEqual(['dana.ops', 'svc-report']);
  });

  it('reads a denied anonymous request as a low-severity event with no user', () => {
    const a = elasticStackAuditParser.parse(anonymousDenied);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.title).toContain('/secret-index');
  });

  it('reads an older record: its node name as the host and its zoneless time as UTC', () => {
    const a = elasticStackAuditParser.parse(legacy);
    expect(a.observables.hosts).toEqual(['es-node-7']);
    expect(a.observables.users).toEqual(['kim.admin']);
    expect(a.observedAt).toBe('2019-03-04T05:06:07.890Z');
  });

  it('reads a security-config change: the actor, then the changed user', () => {
    expect(elasticStackAuditParser.parse(putUser).observables.users).toEqual(['root.admin', 'new.analyst']);
  });

  it('reads a security-config change without an actor: the changed user is the user', () => {
    expect(elasticStackAuditParser.parse(deleteUser).observables.users).toEqual(['old.analyst']);
  });

  it('reads a Kibana audit record as kibana.audit: the user only, no client address', () => {
    const a = elasticStackAuditParser.parse(kibanaLogin);
    expect(a.format).toBe('kibana.audit');
    expect(a.observables.users).toEqual(['sam.viewer']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('user_login');
    expect(a.observedAt).toBe('2024-05-02T12:00:00.000Z');
  });

  it('reads a Kibana record without its logger by its kibana fields', () => {
    const a = elasticStackAuditParser.parse(kibanaSavedObject);
    expect(a.format).toBe('kibana.audit');
    expect(a.title).toBe('User is updating dashboard [id=dash-1]');
  });

  it('does not claim other formats', () => {
    const others: unknown[] = [
      { type: 'response', 'event.action': 'x', 'node.id': 'n' },
      { 'event.type': 'other', 'event.action': 'x', 'node.id': 'n' },
      { event: { action: 'login' }, user: { name: 'x' }, '@timestamp': '2024-01-01T00:00:00Z' },
      { type: 'request', request: { remote_address: '192.0.2.1', path: 'secret/x' } },
      '<134>1 2024-05-02T10:00:00Z host app - - - audit',
      null,
    ];
    for (const raw of others) expect(elasticStackAuditParser.detect(raw)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, elasticStackAuditParser.name).others, name).toEqual([]);
    }
  });
});
