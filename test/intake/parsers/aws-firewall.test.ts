// The AWS Network Firewall parser on synthetic alert, netflow and TLS records: endpoints, the HTTP host and
// SNI as domains kept out of related hosts, severity by the alert's rank, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { awsFirewallParser } from '../../../src/intake/parsers/aws-firewall.js';
import { suricataEveParser } from '../../../src/intake/parsers/suricata-eve.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  firewall_name: 'demo-fw',
  availability_zone: 'eu-west-1a',
  event_timestamp: '1714557600',
  event: {
    timestamp: '2024-05-01T10:00:00.250000+0000',
    flow_id: 1234567890,
    event_type: 'alert',
    src_ip: '203.0.113.10',
    src_port: 51000,
    dest_ip: '198.51.100.20',
    dest_port: 80,
    proto: 'TCP',
    alert: {
      action: 'blocked',
      signature_id: 100001,
      rev: 1,
      signature: 'Demo deny web',
      category: '',
      severity: 1,
    },
    http: { hostname: 'shop.example.com', url: '/login', http_method: 'POST', length: 0 },
    app_proto: 'http',
  },
};

const netflow = {
  firewall_name: 'demo-fw',
  availability_zone: 'eu-west-1b',
  event_timestamp: 1714557700,
  event: {
    timestamp: '2024-05-01T10:01:40.000000+0000',
    flow_id: 42,
    event_type: 'netflow',
    src_ip: '2001:db8::5',
    src_port: 443,
    dest_ip: '2001:db8::9',
    dest_port: 50000,
    proto: 'TCP',
    netflow: { pkts: 3, bytes: 180, start: '2024-05-01T10:01:39.000000+0000', age: 1 },
  },
};

const tls = {
  firewall_name: 'edge-fw',
  availability_zone: 'us-east-1a',
  event_timestamp: '1714557800',
  event: {
    timestamp: '2024-05-01T10:03:20.000000+0000',
    event_type: 'tls',
    src_ip: '192.0.2.44',
    dest_ip: '203.0.113.80',
    dest_port: 443,
    tls: { sni: 'api.example.org', version: 'TLS 1.3' },
  },
};

const byIp = { ...alert, event: { ...alert.event, http: { hostname: '198.51.100.20', url: '/' } } };

describe('awsFirewallParser', () => {
  it('detects Network Firewall records of every event type', () => {
    for (const sample of [alert, netflow, tls, byIp]) expect(awsFirewallParser.detect(sample)).toBe(true);
  });

  it('reports the endpoints as source, destination and related addresses, and no user or host', () => {
    const a = awsFirewallParser.parse(alert);
    expect(a.format).toBe('aws.firewall_logs');
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['203.0.113.10', '198.51.100.20']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(awsFirewallParser.parse(netflow).observables.ips).toEqual(['2001:db8::5', '2001:db8::9']);
  });

  it('reports the HTTP host and TLS SNI as domains, which Elastic keeps out of related hosts', () => {
    expect(awsFirewallParser.parse(alert).observables.domains).toEqual(['shop.example.com']);
    expect(awsFirewallParser.parse(tls).observables.domains).toEqual(['api.example.org']);
    expect(awsFirewallParser.parse(byIp).observables.domains).toEqual([]);
    expect(awsFirewallParser.domainsInRelatedHosts).toBe(false);
  });

  it('titles an alert by its signature and action, rates it by rank and keeps its rule id and time', () => {
    const a = awsFirewallParser.parse(alert);
    expect(a.title).toContain('Demo deny web (blocked): 203.0.113.10 -> 198.51.100.20:80');
    expect(a.title).toContain('[demo-fw]');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('100001');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.250Z');
  });

  it('reads a flow record as informational, with the epoch time when the event time is missing', () => {
    const a = awsFirewallParser.parse(netflow);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('netflow');
    const noTime = { ...netflow, event: { ...netflow.event, timestamp: undefined } };
    expect(awsFirewallParser.parse(noTime).observedAt).toBe('2024-05-01T10:01:40.000Z');
  });

  it('does not claim bare Suricata EVE, other AWS records or other formats', () => {
    const eve = alert.event;
    const trail = { eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject' };
    for (const other of [
      eve,
      trail,
      { firewall_name: 'x' },
      { firewall_name: 'x', event: 'text' },
      'line',
      null,
    ])
      expect(awsFirewallParser.detect(other)).toBe(false);
    expect(suricataEveParser.detect(alert)).toBe(false);
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const sample of [alert, netflow, tls])
      expect(registryClaims(sample, awsFirewallParser.name).others).toEqual([]);
  });
});
