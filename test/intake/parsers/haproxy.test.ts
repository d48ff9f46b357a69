// The HAProxy parser on synthetic lines: HTTP (with and without captured headers, with TLS fields, with a
// logged server address), TCP, connection-error and default lines, syslog-wrapped or bare; the client as the
// source, a logged server address as the destination, the SNI as a domain; and that nobody else claims them.
import { describe, expect, it } from 'vitest';
import { haproxyParser } from '../../../src/intake/parsers/haproxy.js';
import { registryClaims } from './registry-claims.js';

const http =
  'Mar 14 08:01:02 lb-edge-1 haproxy[2211]: 192.0.2.10:50123 [14/Mar/2024:08:01:02.125] web-in~ app_pool/app1 0/0/1/12/13 200 5120 - - ---- 4/4/1/1/0 0/0 {shop.example.com||} {|||} "GET /cart HTTP/1.1"';
const httpNoHeaders =
  'Mar 14 08:01:03 lb-edge-1 haproxy[2211]: 198.51.100.20:40001 [14/Mar/2024:08:01:03.500] web-in app_pool/app2 2/0/3/40/45 503 212 - - SC-- 9/9/2/0/0 0/0 "POST /api/orders HTTP/1.1"';
const httpServerAddress =
  'Mar 14 08:01:04 lb-edge-1 haproxy[2211]: 203.0.113.30:41000 [14/Mar/2024:08:01:04.010] web-in app_pool/app3 198.51.100.80 0/0/0/5/5 200 99 - - ---- 1/1/0/0/0 0/0 "GET /health HTTP/1.1"';
const httpServerName =
  'Mar 14 08:01:05 lb-edge-1 haproxy[2211]: -:41001 [14/Mar/2024:08:01:05.010] web-in app_pool/app3 api.example.net 0/0/0/5/5 200 99 - - ---- 1/1/0/0/0 0/0 "OPTIONS /v1/ HTTP/1.1"';
const https =
  'Mar 14 08:01:06 lb-edge-1 haproxy[2211]: 192.0.2.11:50200 [14/Mar/2024:08:01:06.777] tls-in static/srv1 1/0/2/8/11 200 1024 - - ---- 1/1/1/1/0 0/0 {portal.example.org} {} "GET / HTTP/1.1" 0/0/0/0/1 portal.example.org/TLSv1.3/TLS_AES_128_GCM_SHA256';
const tcp =
  'Mar 14 08:02:00 lb-edge-1 haproxy[2211]: 192.0.2.12:33000 [14/Mar/2024:08:01:58.100] db-in db_pool/db1 0/0/2050 4096 -- 2/2/1/1/0 0/0';
const tcpBare =
  '2001:db8::7:52000 [14/Mar/2024:08:03:00.000] mq-in mq_pool/<NOSRV> -1/-1/0 0 SC 1/1/0/0/0 0/0';
const error =
  'Mar 14 08:04:00 lb-edge-1 haproxy[2211]: 203.0.113.40:51515 [14/Mar/2024:08:04:00.321] tls-in/bind1: SSL handshake failure';
const dflt =
  'Mar 14 08:05:00 lb-edge-1 haproxy[2211]: Connect from 192.0.2.13:40100 to 198.51.100.90:8443 (admin-in/HTTP)';

const samples = [http, httpNoHeaders, httpServerAddress, httpServerName, https, tcp, tcpBare, error, dflt];

describe('haproxyParser', () => {
  it('detects HTTP, HTTPS, TCP, error and default lines, wrapped or bare', () => {
    for (const s of samples) expect(haproxyParser.detect(s), s).toBe(true);
  });

  it('does not claim other web or syslog lines, or non-text payloads', () => {
    const others = [
      '192.0.2.10 - - [14/Mar/2024:08:01:02 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.0"',
      'Mar 14 08:01:02 lb-edge-1 sshd[42]: Accepted password for alice from 192.0.2.10 port 22 ssh2',
      'Mar 14 08:01:02 lb-edge-1 haproxy[2211]: Proxy web-in started.',
      'Mar 14 08:01:02 lb-edge-1 haproxy[2211]: Server app_pool/app1 is DOWN, reason: Layer4 timeout',
      { message: http },
      '',
    ];
    for (const o of others) expect(haproxyParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reports an HTTP client as the source and in related addresses', () => {
    const a = haproxyParser.parse(http);
    expect(a.observables).toMatchObject({
      srcIps: ['192.0.2.10'],
      dstIps: [],
      ips: ['192.0.2.10'],
      hosts: [],
    });
    expect(a.observables.domains).toEqual([]);
    expect(a.observedAt).toBe('2024-03-14T08:01:02.125Z');
    expect(a.ruleId).toBe('haproxy:http');
    expect(a.title).toContain('GET /cart');
  });

  it('rates a 5xx response or an aborted session low and a normal one informational', () => {
    expect(haproxyParser.parse(httpNoHeaders).severity).toBe('low');
    expect(haproxyParser.parse(httpNoHeaders).observables.srcIps).toEqual(['198.51.100.20']);
    expect(haproxyParser.parse(http).severity).toBe('info');
  });

  it('reports a logged server address as the destination but not a logged server name', () => {
    expect(haproxyParser.parse(httpServerAddress).observables).toMatchObject({
      srcIps: ['203.0.113.30'],
      dstIps: ['198.51.100.80'],
      ips: ['203.0.113.30', '198.51.100.80'],
    });
    expect(haproxyParser.parse(httpServerName).observables).toMatchObject({
      srcIps: [],
      dstIps: [],
      ips: [],
      hosts: [],
    });
  });

  it('reports the TLS server name as a domain', () => {
    const o = haproxyParser.parse(https).observables;
    expect(o.srcIps).toEqual(['192.0.2.11']);
    expect(o.domains).toEqual(['portal.example.org']);
  });

  it('reads TCP lines, syslog-wrapped or bare with an IPv6 client', () => {
    expect(haproxyParser.parse(tcp).observables).toMatchObject({
      srcIps: ['192.0.2.12'],
      ips: ['192.0.2.12'],
    });
    expect(haproxyParser.parse(tcp).ruleId).toBe('haproxy:tcp');
    expect(haproxyParser.parse(tcpBare).observables.srcIps).toEqual(['2001:db8::7']);
  });

  it('reads a connection error with its client', () => {
    const a = haproxyParser.parse(error);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.ruleId).toBe('haproxy:error');
    expect(a.title).toContain('SSL handshake failure');
  });

  it('reads a default-format line: client as source, bound address as destination', () => {
    expect(haproxyParser.parse(dflt).observables).toMatchObject({
      srcIps: ['192.0.2.13'],
      dstIps: ['198.51.100.90'],
      ips: ['192.0.2.13', '198.51.100.90'],
    });
  });

  it('is the only specific parser that claims these lines', () => {
    for (const s of samples) expect(registryClaims(s, haproxyParser.name).others, s).toEqual([]);
  });
});
