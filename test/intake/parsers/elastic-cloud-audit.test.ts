// The Elastic Cloud audit parser on synthetic Cloud API audit landing documents: detection, the indicators
// Elastic's elastic_cloud audit pipeline maps, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { elasticCloudAuditParser } from '../../../src/intake/parsers/elastic-cloud-audit.js';
import { registryClaims } from './registry-claims.js';

const DEPLOYMENT = '0123456789abcdef0123456789abcdef';

const withKey = {
  '@timestamp': '2025-03-04T05:06:07.890Z',
  status_code: '200',
  organization_id: '2000000002',
  api_key_id: 'ak_demo_0001',
  api_key_name: 'demo-ci-key',
  request_method: 'POST',
  request_url: 'https://cloud.demo.example/api/v1/deployments',
  client_ip: '198.51.100.61',
  user_id: 'u_demo_0001',
  user_email: 'casey.cloud@demo.example',
  unvalidated_auth_user: 'u_demo_0001',
  request_payload: '{"name":"demo"}',
};

const refused = {
  '@timestamp': '2025-03-04T05:10:00.000Z',
  status_code: '401',
  organization_id: 'unknown',
  api_key_id: 'unknown',
  request_method: 'GET',
  request_url: `api.demo.example/api/v1/deployments/${DEPLOYMENT}`,
  client_ip: '2001:db8::61',
  user_id: 'unknown',
  unvalidated_auth_user: 'header-claimed-user',
};

const anonymous = {
  '@timestamp': '2025-03-04T05:12:00.000Z',
  status_code: 404,
  organization_id: 'unknown',
  request_method: 'GET',
  request_url: 'https://cloud.demo.example/api/v1/nothing',
  client_ip: '203.0.113.61',
  user_id: 'unknown',
  unvalidated_auth_user: 'unknown',
};

const samples = { withKey, refused, anonymous };

const ecs = (raw: unknown) => {
  const o = elasticCloudAuditParser.parse(raw).observables;
  return { src: o.srcIps, dst: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts, domains: o.domains };
};

describe('elasticCloudAuditParser', () => {
  it('detects Elastic Cloud API audit records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(elasticCloudAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the caller as a related address only and the user id and e-mail as users', () => {
    const a = elasticCloudAuditParser.parse(withKey);
    expect(a.format).toBe('elastic_cloud.audit');
    expect(a.recognizedBy).toBe('parser:elastic_cloud.audit');
    expect(a.observedAt).toBe('2025-03-04T05:06:07.890Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('POST /api/v1/deployments');
    expect(a.title).toBe('Elastic Cloud API: POST /api/v1/deployments (200) by casey.cloud@demo.example');
    expect(a.observables.emails).toEqual(['casey.cloud@demo.example']);
    expect(a.observables.urls).toEqual(['https://cloud.demo.example/api/v1/deployments']);
    expect(ecs(withKey)).toEqual({
      src: [],
      dst: [],
      ips: ['198.51.100.61'],
      users: ['u_demo_0001', 'casey.cloud@demo.example'],
      hosts: [],
      domains: ['cloud.demo.example'],
    });
  });

  it('keeps the URL site out of related hosts, as Elastic keeps it in url.domain', () => {
    expect(elasticCloudAuditParser.domainsInRelatedHosts).toBe(false);
  });

  it('drops the unknown sentinel, keeps the header-claimed user and reads a host+path URL as https', () => {
    const a = elasticCloudAuditParser.parse(refused);
    expect(ecs(refused)).toEqual({
      src: [],
      dst: [],
      ips: ['2001:db8::61'],
      users: ['header-claimed-user'],
      hosts: [],
      domains: ['api.demo.example'],
    });
    expect(a.observables.urls).toEqual([`https://api.demo.example/api/v1/deployments/${DEPLOYMENT}`]);
    expect(a.ruleId).toBe('GET /api/v1/deployments/{id}');
  });

  it('raises a refused (401/403) call to low severity', () => {
    expect(elasticCloudAuditParser.parse(refused).severity).toBe('low');
    expect(elasticCloudAuditParser.parse(anonymous).severity).toBe('info');
  });

  it('names no user when every identity is the unknown sentinel', () => {
    expect(ecs(anonymous)).toMatchObject({ ips: ['203.0.113.61'], users: [] });
    expect(ecs({ ...anonymous, client_ip: '0.0.0.0' })).toMatchObject({ ips: [] });
  });

  it('does not claim Elasticsearch or Kibana audit records, other access logs or other formats', () => {
    const esAudit = {
      type: 'audit',
      timestamp: '2025-03-04T05:06:07,890+0000',
      'node.id': 'node-1',
      'event.type': 'rest',
      'event.action': 'authentication_failed',
      'user.name': 'demo',
      'origin.address': '198.51.100.1:9200',
      'url.path': '/_search',
      'request.method': 'GET',
    };
    const kibana = {
      '@timestamp': '2025-03-04T05:06:07.890Z',
      message: 'User is requesting [/api/status]',
      event: { action: 'http_request', outcome: 'unknown' },
      log: { logger: 'plugins.security.audit.ecs' },
    };
    const accessLog = { ...withKey, user_agent: 'curl/8.0' };
    const noIdentity = {
      status_code: '200',
      request_method: 'GET',
      request_url: 'https://demo.example/',
      client_ip: '198.51.100.2',
    };
    const line = '198.51.100.2 - - [04/Mar/2025:05:06:07 +0000] "GET / HTTP/1.1" 200 12';
    for (const raw of [esAudit, kibana, accessLog, noIdentity, line, null, 42, []]) {
      expect(elasticCloudAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, elasticCloudAuditParser.name).others, name).toEqual([]);
    }
  });
});
