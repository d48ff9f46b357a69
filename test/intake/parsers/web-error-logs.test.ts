// The nginx / Apache error-log parser on synthetic lines: detection of each shape, what is an indicator
// (the client, for Apache and for nginx), the reported facts, and that
// no other specific parser claims these lines.
import { describe, expect, it } from 'vitest';
import { webErrorLogsParser } from '../../../src/intake/parsers/web-error-logs.js';
import { registryClaims } from './registry-claims.js';

const nginxError =
  '2024/03/05 10:15:42 [error] 4242#0: *17 open() "/srv/www/missing.png" failed (2: No such file or directory), client: 192.0.2.10, server: shop.example.com, request: "GET /missing.png HTTP/1.1", host: "shop.example.com:8443", referrer: "https://shop.example.com/"';
const nginxNotice = '2024/03/05 10:00:00 [notice] 4242#4242: signal process started';
const apache22 =
  '[Tue Mar 05 10:15:42 2024] [error] [client 198.51.100.7] File does not exist: /srv/www/robots.txt';
const apache22NoClient =
  '[Tue Mar 05 10:15:42 2024] [notice] Apache/2.2.34 configured -- resuming normal operations';
const apache24 =
  '[Tue Mar 05 10:15:42.123456 2024] [core:error] [pid 3141:tid 140000000] [client 203.0.113.5:51234] AH00128: File does not exist: /srv/www/wp-login.php';
const apache24V6 =
  '[Tue Mar 05 10:15:43.000001 2024] [authz_core:error] [pid 3141] [client [2001:db8::7]:4242] AH01630: client denied by server configuration: /srv/www/admin';
const apache24NoClient =
  '[Tue Mar 05 09:00:00.000000 2024] [mpm_event:notice] [pid 100] AH00489: Apache/2.4.58 configured';
const apacheBare =
  "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 192.0.2.1. Set the 'ServerName' directive globally to suppress this message";
const apacheHostClient =
  '[Tue Mar 05 10:15:42 2024] [warn] [client gateway.example.net] request failed: URI too long';

const samples = [
  nginxError,
  nginxNotice,
  apache22,
  apache22NoClient,
  apache24,
  apache24V6,
  apache24NoClient,
  apacheBare,
  apacheHostClient,
];

describe('webErrorLogsParser', () => {
  it('detects nginx error lines and every Apache error-line shape', () => {
    for (const s of samples) expect(webErrorLogsParser.detect(s), s).toBe(true);
  });

  it('does not claim access lines, syslog, other bracketed logs or non-text payloads', () => {
    const others = [
      '192.0.2.10 - alice [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.0"',
      '<13>Mar  5 10:15:42 web-01 nginx: something happened',
      '2024/03/05 10:15:42 [warning] not an nginx line',
      '2024-03-05 10:15:42 [error] 4242#0: dashes are not nginx dates',
      '[Tue Mar 05 10:15:42 2024] [fatal] not an Apache level',
      '[2024-03-05T10:15:42Z] [error] ISO stamps are not Apache',
      'AH0055: too few digits',
      { message: nginxError },
      '',
    ];
    for (const o of others) expect(webErrorLogsParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the nginx client as the source, and not the server name or the Host header', () => {
    const a = webErrorLogsParser.parse(nginxError);
    expect(a.format).toBe('nginx.error');
    expect(a.recognizedBy).toBe('parser:web.error');
    expect(a.observables).toMatchObject({
      srcIps: ['192.0.2.10'],
      dstIps: [],
      ips: [],
      users: [],
      hosts: [],
      domains: [],
    });
  });

  it('reports the nginx level, time and message', () => {
    const a = webErrorLogsParser.parse(nginxError);
    expect(a.title).toMatch(/^nginx error: open\(\) "\/srv\/www\/missing.png" failed/);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(a.ruleId).toBe('nginx:error');
  });

  it('reads the Apache 2.2 client as the source without relating it', () => {
    const a = webErrorLogsParser.parse(apache22);
    expect(a.format).toBe('apache.error');
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2024-03-05T10:15:42.000Z');
    expect(a.ruleId).toBe('apache:error');
  });

  it('reads the Apache 2.4 client without its port, in IPv4 and bracketed IPv6', () => {
    expect(webErrorLogsParser.parse(apache24).observables.srcIps).toEqual(['203.0.113.5']);
    expect(webErrorLogsParser.parse(apache24V6).observables.srcIps).toEqual(['2001:db8::7']);
    expect(webErrorLogsParser.parse(apache24V6).observables.ips).toEqual([]);
  });

  it('reads an unbracketed IPv6 client as the pipeline does: whole when it is an address, else before the port', () => {
    const line = (client: string): string =>
      `[Tue Mar 05 10:15:42.000000 2024] [core:error] [pid 1] [client ${client}] AH00128: File does not exist: /x`;
    expect(webErrorLogsParser.parse(line('2001:db8::7:4242')).observables.srcIps).toEqual([
      '2001:db8::7:4242',
    ]);
    expect(webErrorLogsParser.parse(line('2001:db8::7:54321')).observables.srcIps).toEqual(['2001:db8::7']);
  });

  it('never reports the unspecified address', () => {
    const line = '[Tue Mar 05 10:15:42 2024] [error] [client 0.0.0.0] File does not exist: /x';
    expect(webErrorLogsParser.parse(line).observables.srcIps).toEqual([]);
  });

  it('reports the Apache 2.4 module, level, AH code and microsecond time', () => {
    const a = webErrorLogsParser.parse(apache24);
    expect(a.title).toBe('apache core:error: AH00128: File does not exist: /srv/www/wp-login.php');
    expect(a.ruleId).toBe('AH00128');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:15:42.123Z');
  });

  it('reads a client host name as a domain kept out of related.hosts', () => {
    const a = webErrorLogsParser.parse(apacheHostClient);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.domains).toEqual(['gateway.example.net']);
    expect(a.observables.hosts).toEqual([]);
    expect(webErrorLogsParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports no indicator for lines without a client, even an address inside the message', () => {
    for (const s of [nginxNotice, apache22NoClient, apache24NoClient, apacheBare]) {
      const a = webErrorLogsParser.parse(s);
      expect(a.observables.srcIps, s).toEqual([]);
      expect(a.observables.ips, s).toEqual([]);
      expect(a.severity, s).toBe('info');
    }
    expect(webErrorLogsParser.parse(apacheBare).ruleId).toBe('AH00558');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, webErrorLogsParser.name).others, s).toEqual([]);
  });
});
