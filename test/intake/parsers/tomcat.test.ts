// The Tomcat parser on synthetic lines: the extended AccessLogValve line (client, local and forwarded addresses),
// the combined line with an unclosed user-agent quote, catalina/localhost log lines, and what it leaves alone.
import { describe, expect, it } from 'vitest';
import { nginxAccessParser } from '../../../src/intake/parsers/nginx-access.js';
import { tomcatParser } from '../../../src/intake/parsers/tomcat.js';
import { registryClaims } from './registry-claims.js';

const extended =
  '192.0.2.10 - - [05/Mar/2024:10:15:42 +0530] "POST /manager/html/upload HTTP/1.1" 200 2048 198.51.100.5 /manager/html/upload + "http://app.example.com/manager/html" "Mozilla/5.0 (X11; Linux x86_64)" X-Forwarded-For="203.0.113.7, 203.0.113.8"';
const extendedTimed =
  '2001:db8::10 - - [05/Mar/2024:10:15:43 +0000] "GET /app/ HTTP/1.1" 503 - 198.51.100.5 /app/ X 12 "-" "curl/8.5.0" X-Forwarded-For="-"';
const namedClient =
  'ws-17.corp.example - - [05/Mar/2024:10:15:44 +0000] "GET / HTTP/1.1" 200 10 198.51.100.5 / - "-" "curl/8.5.0" X-Forwarded-For="';
const unclosed =
  '192.0.2.11 - tcadmin [05/Mar/2024:10:16:00 +0530] "GET /manager/status HTTP/1.1" 200 4654 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)';
const catalina =
  '05-Mar-2024 10:17:01.123 SEVERE [main] org.apache.catalina.core.StandardService.startInternal Failed to start connector [Connector[HTTP/1.1-8080]]\n\tjava.net.BindException: Address already in use';
const localhost =
  '05-Mar-2024 10:17:02.456 INFO [http-nio-8080-exec-1] org.apache.catalina.core.ApplicationContext.log Initializing Spring root WebApplicationContext';

const samples = [extended, extendedTimed, namedClient, unclosed, catalina, localhost];

describe('tomcatParser', () => {
  it('detects the extended access line, the unclosed combined line and catalina/localhost lines', () => {
    for (const s of samples) expect(tomcatParser.detect(s), s).toBe(true);
  });

  it('does not claim plain common or combined access lines, which the nginx/Apache parser reads alike', () => {
    const others = [
      '192.0.2.10 - - [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512',
      '192.0.2.10 - alice [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
      // Apache's combined line with X-Forwarded-For appended and no Tomcat field.
      'monitoring-server - - [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 45 "-" "curl/7.79.1" X-Forwarded-For="192.0.2.5"',
      '2024/03/05 10:15:42 [error] 1#0: *1 upstream timed out',
      'Mar  5 10:15:42 web-1 sshd[42]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      { message: extended },
      42,
    ];
    for (const o of others) expect(tomcatParser.detect(o), JSON.stringify(o)).toBe(false);
    expect(nginxAccessParser.detect(others[1])).toBe(true);
    expect(nginxAccessParser.detect(others[2])).toBe(true);
  });

  it('reads the client as source and the local and forwarded addresses as related addresses', () => {
    const a = tomcatParser.parse(extended);
    expect(a.format).toBe('apache_tomcat.access');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.5', '203.0.113.7', '203.0.113.8']);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('POST /manager/html/upload -> 200');
    expect(a.observedAt).toBe('2024-03-05T04:45:42.000Z');
    expect(a.ruleId).toBe('http:200');
  });

  it('reads an IPv6 client and a line with a response time and no forwarded address', () => {
    const a = tomcatParser.parse(extendedTimed);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.ips).toEqual(['2001:db8::10', '198.51.100.5']);
    expect(a.severity).toBe('low');
  });

  it('reads lines that leave out the local address, the connection status or the time taken, as the pipeline does', () => {
    const head = '192.0.2.12 - - [05/Mar/2024:10:15:45 +0000] "POST /manager/html HTTP/1.1" 200 20486';
    const tail = '"http://app.example.com/manager/html" "Mozilla/5.0"';
    const read = (middle: string, forwarded: string) =>
      tomcatParser.parse(`${head}${middle} ${tail} X-Forwarded-For="${forwarded}`).observables;
    // Local address and time taken, no connection status; two forwarded addresses.
    expect(read(' 198.51.100.6 40', '203.0.113.9, 203.0.113.10"')).toMatchObject({
      srcIps: ['192.0.2.12'],
      ips: ['192.0.2.12', '198.51.100.6', '203.0.113.9', '203.0.113.10'],
    });
    // Connection status and time taken, no local address.
    expect(read(' X 400', '203.0.113.9"').ips).toEqual(['192.0.2.12', '203.0.113.9']);
    // Time taken only; an empty forwarded list.
    expect(read(' 50', '"').ips).toEqual(['192.0.2.12']);
    // Nothing between the size and the referrer; the forwarded list cut off.
    expect(read('', '').ips).toEqual(['192.0.2.12']);
    // Local address and connection status, with the forwarded list written without spaces.
    expect(read(' 198.51.100.6 -', '203.0.113.9,203.0.113.11"').ips).toEqual([
      '192.0.2.12',
      '198.51.100.6',
      '203.0.113.9',
      '203.0.113.11',
    ]);
  });

  it('reports a client host name as a user, as the pipeline maps it to source.user.name', () => {
    const a = tomcatParser.parse(namedClient);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['ws-17.corp.example']);
    expect(a.observables.ips).toEqual(['198.51.100.5']);
  });

  it('leaves the authenticated user out, as the pipeline maps it to a non-ECS field', () => {
    const a = tomcatParser.parse(unclosed);
    expect(a.format).toBe('apache_tomcat.access');
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.ips).toEqual(['192.0.2.11']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads catalina and localhost lines as events without indicators, their time as UTC', () => {
    const a = tomcatParser.parse(catalina);
    expect(a.format).toBe('apache_tomcat.catalina');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:17:01.123Z');
    expect(a.ruleId).toBe('tomcat:severe');
    expect(a.title).toContain('Failed to start connector');
    expect(a.observables.ips).toEqual([]);
    const b = tomcatParser.parse(localhost);
    expect(b.severity).toBe('info');
    expect(b.observables.users).toEqual([]);
    expect(b.observables.hosts).toEqual([]);
  });

  it('is claimed by no other specific parser in the registry except the nginx/Apache access parser it precedes', () => {
    for (const s of samples) {
      const others = registryClaims(s, tomcatParser.name).others.filter((n) => n !== 'nginx.access');
      expect(others, s).toEqual([]);
    }
  });
});
