// The Squid access.log parser on synthetic lines (native and extended formats, bare and after a syslog
// header): client → source, hierarchy peer (else the URL host) → destination, user, URL domain and Host header.
import { describe, expect, it } from 'vitest';
import { squidParser } from '../../../src/intake/parsers/squid.js';
import { registryClaims } from './registry-claims.js';

const miss =
  '1700000000.123    250 192.0.2.10 TCP_MISS/200 5120 GET http://www.example.org/index.html alice DIRECT/198.51.100.7 text/html';
const hit =
  '1700000001.500      2 192.0.2.11 TCP_MEM_HIT/200 900 GET http://cdn.example.net/app.js - NONE/- text/javascript';
const connect =
  '1700000002.000   1500 192.0.2.12 TCP_TUNNEL/200 4000 CONNECT secure.example.com:443 bob HIER_DIRECT/203.0.113.40 -';
const denied =
  '1700000003.000      0 192.0.2.13 TCP_DENIED/403 3900 GET http://blocked.example.com/ - HIER_NONE/- text/html';
const ipUrl =
  '1700000004.000     10 192.0.2.14 TCP_MISS/200 100 GET http://203.0.113.9/x - HIER_NONE/- text/plain';
const extended =
  '1700000005.391    104 192.0.2.20 51000 TCP_MISS/200 904 123 364 123 528 GET http://shop.example.com/ 1.1 carol HIER_DIRECT/203.0.113.10 80 text/html - - "-" "curl/8.0" "shop.example.com" "198.51.100.50" 53 -';
const extendedConnect =
  '1700000006.100    220 192.0.2.21 51002 TCP_TUNNEL/200 15432 1980 39 120 - CONNECT vault.example.com:443 1.1 - HIER_DIRECT/198.51.100.20 443 - - - "-" "curl/8.0" "vault.example.com:443" "-" "vault.example.com" 42 -';
const syslogged = `Mar  5 10:00:00 proxy-lab-01 squid[1234]: ${miss}`;

describe('squidParser', () => {
  it('detects native, extended and syslog-wrapped access lines', () => {
    for (const line of [miss, hit, connect, denied, ipUrl, extended, extendedConnect, syslogged])
      expect(squidParser.detect(line)).toBe(true);
  });

  it('maps the client to the source, the peer to the destination, the user and the URL domain', () => {
    const a = squidParser.parse(miss);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.7']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.7']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.domains).toEqual(['www.example.org']);
    expect(a.observables.urls).toEqual(['http://www.example.org/index.html']);
    expect(a.observedAt).toBe('2023-11-14T22:13:20.123Z');
    expect(a.ruleId).toBe('TCP_MISS');
    expect(a.title).toContain('TCP_MISS/200');
  });

  it('reports no destination and no user for a cache hit with dashes', () => {
    const a = squidParser.parse(hit);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.11']);
    expect(a.observables.domains).toEqual(['cdn.example.net']);
  });

  it('reports no domain for a native CONNECT line, as Elastic skips uri_parts there', () => {
    const a = squidParser.parse(connect);
    expect(a.observables.dstIps).toEqual(['203.0.113.40']);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observables.domains).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('rates a denied request low and an allowed one informational', () => {
    expect(squidParser.parse(denied).severity).toBe('low');
    expect(squidParser.parse(miss).severity).toBe('info');
  });

  it('takes an address URL host as the destination when there is no peer', () => {
    const a = squidParser.parse(ipUrl);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.observables.hosts).toEqual(['203.0.113.9']);
  });

  it('reads the extended format with X-Forwarded-For as a related address', () => {
    const a = squidParser.parse(extended);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['203.0.113.10']);
    expect(a.observables.ips).toEqual(['192.0.2.20', '198.51.100.50', '203.0.113.10']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('keeps the CONNECT Host header verbatim as a host and the SNI as a domain', () => {
    const a = squidParser.parse(extendedConnect);
    expect(a.observables.hosts).toEqual(['vault.example.com:443']);
    expect(a.observables.domains).toEqual(['vault.example.com']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads a line after a syslog header', () => {
    const a = squidParser.parse(syslogged);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.users).toEqual(['alice']);
  });

  it('does not claim lines of other formats', () => {
    expect(
      squidParser.detect('192.0.2.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8"'),
    ).toBe(false);
    expect(squidParser.detect('1700000000.1 2 3')).toBe(false);
    expect(squidParser.detect({ message: miss })).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const line of [miss, hit, connect, denied, ipUrl, extended, extendedConnect, syslogged])
      expect(registryClaims(line, squidParser.name).others).toEqual([]);
  });
});
