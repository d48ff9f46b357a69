// The AWS WAF parser on synthetic web ACL log records: detection, the client as the source, the requested
// host as a domain kept out of related hosts, severity by action, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { awsRoute53Parser } from '../../../src/intake/parsers/aws-route53.js';
import { awsWafParser } from '../../../src/intake/parsers/aws-waf.js';
import { registryClaims } from './registry-claims.js';

const blocked = {
  timestamp: 1714557600123,
  formatVersion: 1,
  webaclId:
    'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/demo-acl/0000aaaa-bbbb-cccc-dddd-eeeeffff0000',
  terminatingRuleId: 'Demo_SQLi',
  terminatingRuleType: 'REGULAR',
  action: 'BLOCK',
  terminatingRuleMatchDetails: [
    { conditionType: 'SQL_INJECTION', location: 'QUERY_STRING', matchedData: ['1', 'OR'] },
  ],
  httpSourceName: 'ALB',
  httpSourceId: 'alb-demo',
  ruleGroupList: [],
  rateBasedRuleList: [],
  nonTerminatingMatchingRules: [],
  httpRequest: {
    clientIp: '203.0.113.50',
    country: 'NL',
    headers: [
      { name: 'Host', value: 'shop.example.com:8443' },
      { name: 'User-Agent', value: 'demo-agent/1.0' },
    ],
    uri: '/search',
    args: 'q=1%20OR%201=1',
    httpVersion: 'HTTP/1.1',
    httpMethod: 'GET',
    requestId: 'req-1',
  },
};

const allowed = {
  timestamp: 1714557700000,
  formatVersion: 1,
  webaclId:
    'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge-acl/1111aaaa-bbbb-cccc-dddd-eeeeffff1111',
  terminatingRuleId: 'Default_Action',
  terminatingRuleType: 'REGULAR',
  action: 'ALLOW',
  httpSourceName: 'CF',
  httpSourceId: 'E2DEMO',
  nonTerminatingMatchingRules: [{ ruleId: 'Watch', action: 'COUNT' }],
  httpRequest: {
    clientIp: '2001:db8::77',
    host: 'cdn.example.org',
    headers: [],
    uri: '/',
    httpMethod: 'POST',
  },
};

const counted = {
  ...allowed,
  action: 'COUNT',
  httpRequest: { clientIp: '198.51.100.9', headers: [{ name: 'host', value: 'localhost:1989' }] },
};

describe('awsWafParser', () => {
  it('detects WAF log records', () => {
    for (const sample of [blocked, allowed, counted]) expect(awsWafParser.detect(sample)).toBe(true);
  });

  it('reports the client address as the source and related address, and nothing as a user or host', () => {
    const a = awsWafParser.parse(blocked);
    expect(a.format).toBe('aws.waf');
    expect(a.observables.srcIps).toEqual(['203.0.113.50']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.50']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports the Host header without its port as a domain, which Elastic keeps out of related hosts', () => {
    expect(awsWafParser.parse(blocked).observables.domains).toEqual(['shop.example.com']);
    expect(awsWafParser.domainsInRelatedHosts).toBe(false);
  });

  it('prefers httpRequest.host and writes an IPv6 client canonically', () => {
    const a = awsWafParser.parse(allowed);
    expect(a.observables.domains).toEqual(['cdn.example.org']);
    expect(a.observables.srcIps).toEqual(['2001:db8::77']);
  });

  it('reports the terminating rule, the action in the title, and the time', () => {
    const a = awsWafParser.parse(blocked);
    expect(a.ruleId).toBe('Demo_SQLi');
    expect(a.title).toContain('BLOCK GET /search from 203.0.113.50');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
  });

  it('rates a block medium, a count low and an allow informational', () => {
    expect(awsWafParser.parse(blocked).severity).toBe('medium');
    expect(awsWafParser.parse(counted).severity).toBe('low');
    expect(awsWafParser.parse(allowed).severity).toBe('info');
  });

  it('does not claim other AWS records or other formats', () => {
    const trail = { eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject' };
    const flow =
      '2 111122223333 eni-0abc1234 203.0.113.5 192.0.2.10 443 49152 6 10 840 1714557600 1714557660 ACCEPT OK';
    const resolver = {
      query_name: 'example.com.',
      srcaddr: '192.0.2.1',
      query_timestamp: '2024-05-01T10:00:00Z',
    };
    for (const other of [trail, flow, resolver, { webaclId: 'x' }, 'not json', null]) {
      expect(awsWafParser.detect(other)).toBe(false);
    }
    expect(awsRoute53Parser.detect(blocked)).toBe(false);
  });

  it('is read by its own parser and claimed by no other specific parser', () => {
    for (const sample of [blocked, allowed, counted]) {
      expect(registryClaims(sample, awsWafParser.name).others).toEqual([]);
      expect(registryClaims(sample, awsWafParser.name).first).toBe(awsWafParser.name);
    }
  });
});
