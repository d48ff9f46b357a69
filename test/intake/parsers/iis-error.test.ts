// The IIS HTTP API error-log (HTTPERR) parser on synthetic lines: detection of each layout (the classic
// columns, the `streamid` variant, IPv6 with zone ids, a `#Fields:` block), the client as source and the
// server as destination, the reported facts, and that neither it nor the W3C access parser claims the other's lines.
import { describe, expect, it } from 'vitest';
import { iisErrorParser } from '../../../src/intake/parsers/iis-error.js';
import { iisW3cParser } from '../../../src/intake/parsers/iis-w3c.js';
import { registryClaims } from './registry-claims.js';

const badUrl =
  '2024-03-05 10:15:42 198.51.100.7 51234 192.0.2.20 443 HTTP/1.1 GET /scripts/..%5c../cmd.exe 400 - URL -';
const idle = '2024-03-05 10:16:00 203.0.113.9 50000 192.0.2.20 80 - - - - - Timer_ConnectionIdle -';
const withStreamId =
  '2024-03-05 10:17:00 198.51.100.8 61000 192.0.2.20 443 HTTP/2.0 GET /api/v1/items 5 503 3 AppOffline DefaultAppPool';
const ipv6Zone =
  '2024-03-05 10:18:00 2001:db8::7%12 49958 2001:db8::20%12 80 HTTP/1.1 GET / 404 - NotFound -';
const unspecified = '2024-03-05 10:19:00 0.0.0.0 0 192.0.2.20 80 - - - - - Connection_Dropped -';
const block = [
  '#Software: Microsoft HTTP API 2.0',
  '#Version: 1.0',
  '#Date: 2024-03-05 10:00:00',
  '#Fields: date time s-computername c-ip c-port s-ip s-port cs-version cs-method cs-uri cs-host sc-status s-siteid s-reason s-queuename',
  '2024-03-05 10:20:00 WEB-01 198.51.100.9 52000 192.0.2.20 443 HTTP/1.1 GET /login shop.example.com 400 1 Hostname -',
].join('\n');

const samples = [badUrl, idle, withStreamId, ipv6Zone, unspecified, block];

const accessLines = [
  '2024-03-05 10:15:42 W3SVC1 WEB-01 192.0.2.20 GET /default.aspx id=7 443 alice 198.51.100.7 Mozilla/5.0 - 200 0 0 31',
  '2024-03-05 10:15:42 192.0.2.20 GET / - 80 - 198.51.100.7 curl/8.0 - 200 0 0 5',
];
const accessBlock = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  accessLines[1] ?? '',
].join('\n');

describe('iisErrorParser', () => {
  it('detects every HTTPERR layout it supports', () => {
    for (const s of samples) expect(iisErrorParser.detect(s), s).toBe(true);
  });

  it('does not claim IIS access lines, other logs or non-text payloads', () => {
    const others = [
      ...accessLines,
      accessBlock,
      '2024-03-05 10:15:42 not-an-ip 51234 192.0.2.20 443 HTTP/1.1 GET / 400 - URL -',
      '2024-03-05 10:15:42 198.51.100.7 51234 192.0.2.20 443 HTTP/1.1 GET / OK - URL -',
      '<134>Mar  5 10:15:42 VAULT-01 Pleasant Password Server:192.0.2.10 - alice@corp.example -  - Success - Session Log On - x',
      `${badUrl}\n${idle}`,
      { message: badUrl },
      '',
    ];
    for (const o of others) expect(iisErrorParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('is not claimed by the W3C access parser, which keeps its own lines', () => {
    for (const s of samples) expect(iisW3cParser.detect(s), s).toBe(false);
    for (const s of accessLines) expect(iisW3cParser.detect(s), s).toBe(true);
  });

  it('reads the client as the source and the server as the destination', () => {
    const a = iisErrorParser.parse(badUrl);
    expect(a.format).toBe('iis.error');
    expect(a.recognizedBy).toBe('parser:iis.error');
    expect(a.observables).toMatchObject({
      srcIps: ['198.51.100.7'],
      dstIps: ['192.0.2.20'],
      ips: ['198.51.100.7', '192.0.2.20'],
      users: [],
      hosts: [],
      domains: [],
    });
  });

  it('reports the reason, request, status, time and rule', () => {
    const a = iisErrorParser.parse(badUrl);
    expect(a.title).toBe('HTTP.sys error URL: GET /scripts/..%5c../cmd.exe -> 400');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(a.ruleId).toBe('URL');
  });

  it('reads a connection timeout with no request as information', () => {
    const a = iisErrorParser.parse(idle);
    expect(a.title).toBe('HTTP.sys error Timer_ConnectionIdle');
    expect(a.severity).toBe('info');
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
  });

  it('reads the status after a stream id as the status', () => {
    const a = iisErrorParser.parse(withStreamId);
    expect(a.title).toBe('HTTP.sys error AppOffline: GET /api/v1/items -> 503');
    expect(a.observables.dstIps).toEqual(['192.0.2.20']);
  });

  it('drops IPv6 zone ids and never reports an unspecified address', () => {
    expect(iisErrorParser.parse(ipv6Zone).observables).toMatchObject({
      srcIps: ['2001:db8::7'],
      dstIps: ['2001:db8::20'],
    });
    expect(iisErrorParser.parse(unspecified).observables).toMatchObject({
      srcIps: [],
      dstIps: ['192.0.2.20'],
      ips: ['192.0.2.20'],
    });
  });

  it('reads a #Fields: block by its column names, the Host header as a domain and not the server name', () => {
    const a = iisErrorParser.parse(block);
    expect(a.observables).toMatchObject({
      srcIps: ['198.51.100.9'],
      dstIps: ['192.0.2.20'],
      hosts: [],
      domains: ['shop.example.com'],
    });
    expect(a.ruleId).toBe('Hostname');
  });

  it('is the only specific parser that claims these lines', () => {
    for (const s of samples) expect(registryClaims(s, iisErrorParser.name).others, s).toEqual([]);
  });
});
