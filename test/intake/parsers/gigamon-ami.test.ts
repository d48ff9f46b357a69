// The Gigamon AMI parser on synthetic records: flow, DNS query and answer, reverse lookups, HTTP and TLS
// metadata, IPv6 endpoints, Elastic's `json` wrapper, and payloads it must not claim.
import { describe, expect, it } from 'vitest';
import { parsers } from '../../../src/intake/parsers/index.js';
import { gigamonAmiParser } from '../../../src/intake/parsers/gigamon-ami.js';
import { registryClaims } from './registry-claims.js';

const head = {
  ts: 'Tue Mar  5 10:15:42 2024',
  vendor: 'Gigamon',
  version: '6.5.00',
  generator: 'gs_apps_appInst3_00000000-0000-4000-8000-000000000001',
};

const flow = {
  ...head,
  src_mac: '00:00:5e:00:53:01',
  dst_mac: '00:00:5e:00:53:02',
  src_ip: '192.0.2.10',
  dst_ip: '198.51.100.20',
  protocol: '6',
  src_port: '50432',
  dst_port: '443',
  app_id: '68',
  app_name: 'https',
  src_bytes: '1200',
  dst_bytes: '5400',
  start_time: '2024:03:05 10:15:30.100',
  end_time: '2024:03:05 10:15:40.200',
  id: '1000001',
  seq_num: '17',
};

const dnsQuery = {
  ...head,
  src_ip: '192.0.2.53',
  dst_ip: '203.0.113.53',
  src_port: '53',
  dst_port: '51000',
  app_name: 'dns',
  dns_name: 'example.com',
  dns_query: 'portal.example.com',
  dns_host: 'ns1.example.net',
  dns_query_type: '1',
  dns_reply_code: '0',
};

const reverse = {
  ...head,
  src_ip: '192.0.2.53',
  dst_ip: '192.0.2.77',
  app_name: 'dns',
  dns_name: '2.0.192.in-addr.arpa',
  dns_query: '44.2.0.192.in-addr.arpa',
  dns_host: 'dc1.corp.example',
  dns_reverse_addr: '192.0.2.44',
  dns_host_type: 'SOA',
};

const answerOnly = {
  ...head,
  dns_qdcount: '0',
  dns_ancount: '3',
  dns_name: 'build-agent-7.local',
  dns_host: 'build-agent-7.local',
  dns_host_addr: '192.0.2.91',
  dns_host_type: 'A',
};

const http = {
  ...head,
  src_ip: '192.0.2.15',
  dst_ip: '198.51.100.80',
  src_port: '41000',
  dst_port: '8080',
  app_name: 'http',
  dns_host: 'should-be-replaced.local',
  http_host: 'intranet.example.org:8080',
  http_server: 'intranet.example.org',
  http_method: 'POST',
  http_uri_path: '/upload',
};

const tls = {
  ...head,
  src_ipv6: '2001:db8::10',
  dst_ipv6: '2001:db8::443',
  src_ip: '192.0.2.99',
  app_name: 'ssl',
  ssl_common_name: 'login.example.com',
  ssl_cipher_suite_id: '4866',
};

const unspecified = {
  ...head,
  src_ip: '0.0.0.0',
  dst_ip: '255.255.255.255',
  src_port: '68',
  dst_port: '67',
  app_name: 'dhcp',
};

const samples: unknown[] = [flow, dnsQuery, reverse, answerOnly, http, tls, unspecified, { json: flow }];

describe('gigamonAmiParser', () => {
  it('detects flow, DNS, HTTP and TLS records and the Elastic `json` wrapper', () => {
    for (const s of samples) expect(gigamonAmiParser.detect(s), JSON.stringify(s)).toBe(true);
  });

  it('does not claim other vendors, a bare vendor field, CEF text or non-objects', () => {
    const others: unknown[] = [
      { ...flow, vendor: 'Corelight' },
      { vendor: 'Gigamon', message: 'hello' },
      { src_ip: '192.0.2.1', dst_ip: '198.51.100.2', app_name: 'dns' },
      'CEF:0|Gigamon|GigaVUE|6.5|1|metadata generation|6|src=192.0.2.1 dst=198.51.100.2',
      [flow],
      null,
      42,
    ];
    for (const o of others) expect(gigamonAmiParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads a flow as source and destination, not related, with the application as the rule', () => {
    const a = gigamonAmiParser.parse(flow);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Gigamon AMI https: 192.0.2.10:50432 -> 198.51.100.20:443');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('https');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(a.recognizedBy).toBe('parser:gigamon.ami');
  });

  it('reads the DNS host as a host and the query name as a domain kept out of related hosts', () => {
    const a = gigamonAmiParser.parse(dnsQuery);
    expect(a.observables.hosts).toEqual(['ns1.example.net']);
    expect(a.observables.domains).toEqual(['portal.example.com']);
    expect(gigamonAmiParser.domainsInRelatedHosts).toBe(false);
  });

  it('relates the reverse-lookup address and ignores the arpa query name', () => {
    const a = gigamonAmiParser.parse(reverse);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
    expect(a.observables.hosts).toEqual(['dc1.corp.example']);
    expect(a.observables.domains).toEqual([]);
  });

  it('reads an answer-only record by its host and leaves the answer address out, as Elastic does', () => {
    const a = gigamonAmiParser.parse(answerOnly);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['build-agent-7.local']);
    expect(a.title).toBe('Gigamon AMI dns: build-agent-7.local');
  });

  it('prefers the HTTP Host header over the DNS host and reports the server as a domain', () => {
    const a = gigamonAmiParser.parse(http);
    expect(a.observables.hosts).toEqual(['intranet.example.org:8080']);
    expect(a.observables.domains).toEqual(['intranet.example.org']);
  });

  it('takes the IPv6 endpoints over the IPv4 ones and the TLS server name as a domain', () => {
    const a = gigamonAmiParser.parse(tls);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::443']);
    expect(a.observables.domains).toEqual(['login.example.com']);
  });

  it('never reports the unspecified address', () => {
    const a = gigamonAmiParser.parse(unspecified);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['255.255.255.255']);
  });

  it('reads a record inside the `json` wrapper like the bare record', () => {
    expect(gigamonAmiParser.parse({ json: flow }).observables).toEqual(
      gigamonAmiParser.parse(flow).observables,
    );
  });

  it('is claimed by no other specific parser in the registry', () => {
    expect(parsers.includes(gigamonAmiParser)).toBe(true);
    for (const s of samples) expect(registryClaims(s, 'gigamon.ami').others, JSON.stringify(s)).toEqual([]);
  });
});
