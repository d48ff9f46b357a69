// The Route 53 parser on synthetic Resolver query log records and public hosted zone query log lines:
// detection, the client as the source, answers and reverse lookups as related addresses, query and
// CNAME/PTR names as Elastic orders them, DNS Firewall verdicts, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { awsRoute53Parser } from '../../../src/intake/parsers/aws-route53.js';
import { awsWafParser } from '../../../src/intake/parsers/aws-waf.js';
import { registryClaims } from './registry-claims.js';

const base = {
  version: '1.100000',
  account_id: '111122223333',
  region: 'eu-west-1',
  vpc_id: 'vpc-0demo',
  query_timestamp: '2024-05-01T10:00:00Z',
  query_class: 'IN',
  rcode: 'NOERROR',
  srcaddr: '192.0.2.25',
  srcport: '53001',
  transport: 'UDP',
  srcids: { instance: 'i-0demo1234567890' },
};

const cname = {
  ...base,
  query_name: 'www.example.com.',
  query_type: 'A',
  answers: [
    { Rdata: 'edge.example.net.', Type: 'CNAME', Class: 'IN' },
    { Rdata: '198.51.100.80', Type: 'A', Class: 'IN' },
  ],
};

const aaaa = {
  ...base,
  query_name: 'v6.example.org.',
  query_type: 'AAAA',
  answers: [{ Rdata: '2001:0db8:0000:0000:0000:0000:0000:0080', Type: 'AAAA', Class: 'IN' }],
};

const ptr = {
  ...base,
  query_name: '9.113.0.203.in-addr.arpa.',
  query_type: 'PTR',
  answers: [{ Rdata: 'web-9.example.com.', Type: 'PTR', Class: 'IN' }],
};

const ptr6 = {
  ...base,
  query_name: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
  query_type: 'PTR',
  answers: [],
  rcode: 'NXDOMAIN',
};

const shortName = { ...base, query_name: 'build-box.', query_type: 'A', answers: [], rcode: 'NXDOMAIN' };

const firewall = {
  ...base,
  query_name: 'bad.example.net.',
  query_type: 'A',
  answers: [],
  firewall_rule_action: 'BLOCK',
  firewall_rule_group_id: 'rslvr-frg-0demo',
  firewall_domain_list_id: 'rslvr-fdl-0demo',
};

const publicLine =
  '1.0 2024-05-01T10:00:00.250Z Z0DEMO1234ABC mail.example.com MX NOERROR UDP FRA56-C1 198.51.100.33 -';
const publicV6 =
  '1.0 2024-05-01T10:00:01.000Z Z0DEMO1234ABC example.com AAAA NXDOMAIN TCP IAD12 2001:db8::53 2001:db8:abcd::/48';

const resolverSamples = [cname, aaaa, ptr, ptr6, shortName, firewall];
const publicSamples = [publicLine, publicV6];

describe('awsRoute53Parser', () => {
  it('detects Resolver query log records and public query log lines', () => {
    for (const sample of [...resolverSamples, ...publicSamples])
      expect(awsRoute53Parser.detect(sample)).toBe(true);
  });

  it('lists resolved addresses before the client and CNAME targets before the query name', () => {
    const a = awsRoute53Parser.parse(cname);
    expect(a.format).toBe('aws.route53_resolver_logs');
    expect(a.observables.srcIps).toEqual(['192.0.2.25']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.80', '192.0.2.25']);
    expect(a.observables.domains).toEqual(['edge.example.net', 'www.example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(awsRoute53Parser.domainsInRelatedHosts).not.toBe(false);
  });

  it('writes a resolved IPv6 address canonically', () => {
    expect(awsRoute53Parser.parse(aaaa).observables.ips).toEqual(['2001:db8::80', '192.0.2.25']);
  });

  it('turns a reverse lookup into the address it asks about and reports the PTR answer, not the arpa name', () => {
    const a = awsRoute53Parser.parse(ptr);
    expect(a.observables.ips).toEqual(['192.0.2.25', '203.0.113.9']);
    expect(a.observables.domains).toEqual(['web-9.example.com']);
    expect(awsRoute53Parser.parse(ptr6).observables.ips).toEqual(['192.0.2.25', '2001:db8::1']);
    expect(awsRoute53Parser.parse(ptr6).observables.domains).toEqual([]);
  });

  it('reports a single-label query name as a host', () => {
    const a = awsRoute53Parser.parse(shortName);
    expect(a.observables.hosts).toEqual(['build-box']);
    expect(a.observables.domains).toEqual([]);
  });

  it('rates a DNS Firewall block medium and names the rule group', () => {
    const a = awsRoute53Parser.parse(firewall);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('rslvr-frg-0demo');
    expect(a.title).toContain('BLOCK');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(awsRoute53Parser.parse(cname).severity).toBe('info');
  });

  it('reads a public hosted zone query line: the client and the query name', () => {
    const a = awsRoute53Parser.parse(publicLine);
    expect(a.format).toBe('aws.route53_public_logs');
    expect(a.observables.srcIps).toEqual(['198.51.100.33']);
    expect(a.observables.ips).toEqual(['198.51.100.33']);
    expect(a.observables.domains).toEqual(['mail.example.com']);
    expect(a.observedAt).toBe('2024-05-01T10:00:00.250Z');
    expect(awsRoute53Parser.parse(publicV6).observables.srcIps).toEqual(['2001:db8::53']);
  });

  it('does not claim other AWS records or other formats', () => {
    const trail = {
      eventVersion: '1.08',
      eventSource: 'route53.amazonaws.com',
      eventName: 'ListHostedZones',
    };
    const flow =
      '2 111122223333 eni-0abc1234 203.0.113.5 192.0.2.10 443 49152 6 10 840 1714557600 1714557660 ACCEPT OK';
    const waf = { webaclId: 'arn:aws:wafv2:x', action: 'BLOCK', httpRequest: { clientIp: '192.0.2.1' } };
    const syslog = '<13>May  1 10:00:00 host-a named[12]: client 192.0.2.1#53 query: example.com IN A';
    for (const other of [trail, flow, waf, syslog, { query_name: 'x.example.' }, null]) {
      expect(awsRoute53Parser.detect(other)).toBe(false);
    }
    for (const sample of [...resolverSamples, ...publicSamples])
      expect(awsWafParser.detect(sample)).toBe(false);
  });

  it('is read by its own parser and claimed by no other specific parser', () => {
    for (const sample of [...resolverSamples, ...publicSamples]) {
      expect(registryClaims(sample, awsRoute53Parser.name).others).toEqual([]);
      expect(registryClaims(sample, awsRoute53Parser.name).first).toBe(awsRoute53Parser.name);
    }
  });
});
