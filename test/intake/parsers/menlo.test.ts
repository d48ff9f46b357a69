// The Menlo Security parser on synthetic log API events: web (isolation and proxy) and DLP records, the
// client as the source and the origin as the destination, sites as domains kept out of related hosts,
// severity by action, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { menloParser } from '../../../src/intake/parsers/menlo.js';
import { registryClaims } from './registry-claims.js';

const common = {
  vendor: 'Menlo Security',
  product: 'MSIP',
  version: '2.0',
  severity: '5',
  region: 'eu-west-1a',
};

const isolate = {
  event: {
    ...common,
    name: 'page_request',
    event_time: '2025-02-10T08:30:15.250000',
    full_session_id: 'sess-demo-1',
    userid: 'jdoe@example.com',
    'x-client-ip': '192.0.2.10',
    origin_ip: '198.51.100.20',
    egress_ip: '203.0.113.5',
    dst: '198.51.100.20',
    xff_ip: 'NA',
    domain: 'news.example.org',
    url: 'https://news.example.org/story',
    top_url: 'https://news.example.org/',
    pe_action: 'isolate',
    pe_rulename: 'News Category',
    pe_reason: 'rule-uuid-demo',
    risk_score: 'low',
    categories: 'News',
    filename: 'NA',
    file_size: 'NA',
    request_type: 'GET',
    response_code: '200',
  },
};

const blockedDownload = {
  event: {
    ...isolate.event,
    pe_action: 'block',
    pe_rulename: 'Malware Block',
    url: 'http://files.example.net/tool.exe',
    domain: 'files.example.net',
    filename: 'tool.exe',
    sha256: 'c'.repeat(64),
    threats: 'Demo.Trojan',
    'x-client-ip': '2001:db8::10',
    origin_ip: 'NA',
    userid: 'asmith',
  },
};

const proxyEvent = {
  event: {
    ...common,
    name: 'proxy_event',
    event_time: '2025-02-10T09:00:00',
    pe_action: 'proxy_event',
    pe_rulename: 'proxy_event',
    proxyEventType: 'cert_error',
    domain: 'updates.example.com',
    url: 'updates.example.com:443',
    request_type: 'CONNECT',
    srcPort: '40000',
    risk_score: 'low',
    'x-client-ip': '203.0.113.77',
  },
};

const dlp = {
  event: {
    ...common,
    name: 'file_upload',
    event_time: '2025-02-11T12:00:00.500000',
    event_id: 'dlp-demo-1',
    dst_url: 'https://share.example.com/upload',
    src_url: 'https://share.example.com/',
    domain: 'share.example.com',
    protocol: 'https',
    file_type: 'CSV',
    filename: 'customers.csv',
    sha256: 'd'.repeat(64),
    ccl_ids: 'DemoCardNumbers',
    ccl_scores: '3',
    ccl_match_counts: '3',
    stream_name: '/safefile-input/working_file',
    status: 'dirty',
    rule_name: 'Card data block',
    rule_id: 'rule-demo-7',
    action: 'block',
    userid: 'jdoe@example.com',
  },
};

const { event: flatDlpEvent } = dlp;
const flatDlp = { ...flatDlpEvent, action: 'log' };

describe('menloParser', () => {
  it('reads a web event: the client as source, the origin as destination, the user whole, the site as a domain', () => {
    const a = menloParser.parse(isolate);
    expect(a.format).toBe('menlo.web');
    expect(a.recognizedBy).toBe('parser:menlo');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
    expect(a.observables.users).toEqual(['jdoe@example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['news.example.org']);
    expect(a.observables.urls).toEqual(['https://news.example.org/story']);
    expect(a.observedAt).toBe('2025-02-10T08:30:15.250Z');
    expect(a.ruleId).toBe('News Category');
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Menlo web isolate: news.example.org (News Category)');
  });

  it('keeps the egress, forwarded-for and resolved addresses out of the indicators', () => {
    const ips = menloParser.parse(isolate).observables.ips;
    expect(ips).not.toContain('203.0.113.5');
  });

  it('rates a blocked download with a threat high, reads an IPv6 client and skips an NA origin', () => {
    const a = menloParser.parse(blockedDownload);
    expect(a.severity).toBe('high');
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['asmith']);
    expect(a.observables.hashes).toEqual(['c'.repeat(64)]);
    expect(a.observables.domains).toEqual(['files.example.net']);
  });

  it('reads a proxy event with a host:port URL: the client as source and the domain field as the site', () => {
    const a = menloParser.parse(proxyEvent);
    expect(a.format).toBe('menlo.web');
    expect(a.observables.srcIps).toEqual(['203.0.113.77']);
    expect(a.observables.ips).toEqual(['203.0.113.77']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.domains).toEqual(['updates.example.com']);
    expect(a.observables.urls).toEqual([]);
    expect(a.observedAt).toBe('2025-02-10T09:00:00.000Z');
  });

  it('reads a DLP event as the user and the destination site, with the rule id and a block rated medium', () => {
    const a = menloParser.parse(dlp);
    expect(a.format).toBe('menlo.dlp');
    expect(a.observables.users).toEqual(['jdoe@example.com']);
    expect(a.observables.emails).toEqual(['jdoe@example.com']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['share.example.com']);
    expect(a.observables.hashes).toEqual(['d'.repeat(64)]);
    expect(a.ruleId).toBe('rule-demo-7');
    expect(a.severity).toBe('medium');
    expect(a.title).toBe('Menlo DLP block: Card data block on customers.csv');
    expect(a.observedAt).toBe('2025-02-11T12:00:00.500Z');
  });

  it('reads a bare (unwrapped) DLP event, a logged match rated low', () => {
    const a = menloParser.parse(flatDlp);
    expect(a.format).toBe('menlo.dlp');
    expect(a.severity).toBe('low');
    expect(a.observables.users).toEqual(['jdoe@example.com']);
  });

  it('says its domains stay out of related hosts', () => {
    expect(menloParser.domainsInRelatedHosts).toBe(false);
  });

  it('does not claim other vendors’ events or Menlo-less look-alikes', () => {
    expect(menloParser.detect({ event: { ...isolate.event, vendor: 'Other Vendor' } })).toBe(false);
    expect(
      menloParser.detect({ event: { action: 'block', userid: 'x', event_time: '2025-01-01T00:00:00' } }),
    ).toBe(false);
    expect(menloParser.detect({ vendor: 'Menlo Security', product: 'MSIP' })).toBe(false);
    expect(menloParser.detect(JSON.stringify(isolate))).toBe(false);
    expect(menloParser.detect(null)).toBe(false);
    expect(menloParser.detect([isolate])).toBe(false);
  });

  it('is claimed by no other specific parser', () => {
    for (const sample of [isolate, blockedDownload, proxyEvent, dlp, flatDlp]) {
      expect(menloParser.detect(sample)).toBe(true);
      expect(registryClaims(sample, 'menlo').others).toEqual([]);
    }
  });
});
