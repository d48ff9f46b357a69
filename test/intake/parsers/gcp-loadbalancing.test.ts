// The GCP load balancer request-log parser on synthetic LogEntry records (an address URL with a backend, a named
// site, a Cloud Armor denial): detection, the indicators Elastic's gcp loadbalancing_logs pipeline keeps, and that
// no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { gcpLoadbalancingParser } from '../../../src/intake/parsers/gcp-loadbalancing.js';
import { registryClaims } from './registry-claims.js';

const resource = {
  type: 'http_load_balancer',
  labels: {
    zone: 'global',
    url_map_name: 'demo-map',
    forwarding_rule_name: 'demo-rule',
    target_proxy_name: 'demo-proxy',
    backend_service_name: 'demo-backend',
    project_id: 'demo-project',
  },
};

const byAddress = {
  insertId: 'abc123',
  jsonPayload: {
    '@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry',
    statusDetails: 'response_sent_by_backend',
  },
  httpRequest: {
    requestMethod: 'GET',
    requestUrl: 'http://198.51.100.20:8080/static/logo.png',
    status: 200,
    remoteIp: '203.0.113.9:51000',
    serverIp: '192.0.2.30:9090',
    userAgent: 'DemoAgent/1.0',
  },
  resource,
  timestamp: '2025-06-08T23:41:30.078651Z',
  severity: 'INFO',
  logName: 'projects/demo-project/logs/requests',
  receiveTimestamp: '2025-06-08T23:41:30.588272510Z',
};

const byName = {
  ...byAddress,
  httpRequest: {
    requestMethod: 'POST',
    requestUrl: 'https://shop.example.com/login',
    status: 302,
    remoteIp: '2001:db8::7',
  },
};

const armorDeny = {
  ...byAddress,
  jsonPayload: {
    '@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry',
    statusDetails: 'denied_by_security_policy',
    enforcedSecurityPolicy: {
      name: 'demo-armor',
      priority: 1000,
      configuredAction: 'DENY',
      outcome: 'DENY',
    },
  },
  httpRequest: {
    requestMethod: 'GET',
    requestUrl: 'https://shop.example.com/admin?q=%27or%201=1',
    status: 403,
    remoteIp: '203.0.113.66',
  },
  resource: { type: 'internal_http_lb_rule', labels: { project_id: 'demo-project' } },
};

const samples = { byAddress, byName, armorDeny };

describe('gcpLoadbalancingParser', () => {
  it('detects load balancer request logs', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(gcpLoadbalancingParser.detect(sample), name).toBe(true);
  });

  it('reads an address URL: the client as source, the URL address as destination, the backend as related', () => {
    const a = gcpLoadbalancingParser.parse(byAddress);
    expect(a.format).toBe('gcp.loadbalancing_logs');
    expect(a.recognizedBy).toBe('parser:gcp.loadbalancing_logs');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['203.0.113.9'],
      dst_ips: ['198.51.100.20'],
      ips: ['203.0.113.9', '198.51.100.20', '192.0.2.30'],
      users: [],
      hosts: [],
    });
    expect(a.title).toBe('GCP load balancer: GET http://198.51.100.20:8080/static/logo.png → 200');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-06-08T23:41:30.078Z');
  });

  it('reads a named site as a related host and no destination address', () => {
    const a = gcpLoadbalancingParser.parse(byName);
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['2001:db8::7'],
      dst_ips: [],
      ips: ['2001:db8::7'],
      users: [],
      hosts: ['shop.example.com'],
    });
  });

  it('rates a Cloud Armor denial medium and names the policy', () => {
    const a = gcpLoadbalancingParser.parse(armorDeny);
    expect(ecsIndicators(a).src_ips).toEqual(['203.0.113.66']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('demo-armor');
    expect(a.title).toBe(
      'GCP load balancer: GET https://shop.example.com/admin?q=%27or%201=1 → 403 [Cloud Armor demo-armor: DENY]',
    );
  });

  it('claims no other Cloud Logging entry, text or non-objects', () => {
    const audit = {
      insertId: 'x',
      logName: 'projects/demo-project/logs/cloudaudit.googleapis.com%2Factivity',
      protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', methodName: 'x' },
      resource: { type: 'gce_instance', labels: {} },
      timestamp: '2025-06-08T23:41:30Z',
    };
    const runRequest = {
      ...byAddress,
      resource: { type: 'cloud_run_revision', labels: {} },
      jsonPayload: undefined,
    };
    for (const raw of [audit, runRequest, JSON.stringify(byAddress), null, 7, []])
      expect(gcpLoadbalancingParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(registryClaims(sample, gcpLoadbalancingParser.name).others, name).toEqual([]);
  });
});
