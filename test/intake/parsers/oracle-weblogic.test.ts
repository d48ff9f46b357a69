// The Oracle WebLogic parser on synthetic lines: the access log (common format with a trailing space), whose
// client the pipeline keeps as host.ip only, and the `####<…>` server log records, which carry no indicators.
import { describe, expect, it } from 'vitest';
import { nginxAccessParser } from '../../../src/intake/parsers/nginx-access.js';
import { oracleWeblogicParser } from '../../../src/intake/parsers/oracle-weblogic.js';
import { registryClaims } from './registry-claims.js';

const access = '192.0.2.20 - - [05/Mar/2024:10:15:42 +0530] "GET /shop/index.xhtml HTTP/1.1" 200 8863 ';
const accessV6 =
  '0:0:0:0:0:0:0:1 - wluser [05/Mar/2024:10:15:43 +0000] "GET /favicon.ico HTTP/1.1" 404 1164 ';
const admin =
  "####<Mar 5, 2024 10:29:51,636 AM GMT> <Info> <WorkManager> <wls-host-1> <AdminServer> <[STANDBY] ExecuteThread: '1' for queue: 'weblogic.kernel.Default (self-tuning)'> <> <opsuser> <> <1709634591636> <[severity-value: 64] [partition-id: 0] > <BEA-002942> <CMM memory level becomes 0.> ";
const managed =
  '####<Mar 5, 2024, 10:30:00,000 AM Coordinated Universal Time> <Error> <HTTP> <wls-host-2> <shop_server1> <Thread-8> <> <> <> <1709634600000> <[severity-value: 8] > <BEA-101020> <Servlet failed with an Exception\njava.lang.IllegalStateException: boom\n\tat example.Servlet.service(Servlet.java:10)> ';

const samples = [access, accessV6, admin, managed];

describe('oracleWeblogicParser', () => {
  it('detects access lines with the trailing space and server log records', () => {
    for (const s of samples) expect(oracleWeblogicParser.detect(s), s).toBe(true);
  });

  it('does not claim access lines without the trailing space, nor other formats', () => {
    const others = [
      access.trimEnd(),
      '192.0.2.10 - alice [05/Mar/2024:10:15:42 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0" ',
      '####<not a record>',
      '05-Mar-2024 10:17:01.123 SEVERE [main] org.apache.catalina.startup.Catalina.start Failed',
      { message: access },
      null,
    ];
    for (const o of others) expect(oracleWeblogicParser.detect(o), JSON.stringify(o)).toBe(false);
    expect(nginxAccessParser.detect(access.trimEnd())).toBe(true);
  });

  it('reports no indicator for an access line, as the pipeline keeps the client as host.ip only', () => {
    const a = oracleWeblogicParser.parse(access);
    expect(a.format).toBe('oracle_weblogic.access');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('GET /shop/index.xhtml HTTP/1.1 -> 200');
    expect(a.observedAt).toBe('2024-03-05T04:45:42.000Z');
    expect(a.ruleId).toBe('http:200');
    const b = oracleWeblogicParser.parse(accessV6);
    expect(b.observables.srcIps).toEqual([]);
    expect(b.observables.users).toEqual([]);
  });

  it('reads a server record: stream by server name, level, message id and the epoch time, no indicators', () => {
    const a = oracleWeblogicParser.parse(admin);
    expect(a.format).toBe('oracle_weblogic.admin_server');
    expect(a.ruleId).toBe('BEA-002942');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-03-05T10:29:51.636Z');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    const b = oracleWeblogicParser.parse(managed);
    expect(b.format).toBe('oracle_weblogic.managed_server');
    expect(b.severity).toBe('low');
    expect(b.ruleId).toBe('BEA-101020');
    expect(b.title).toContain('Servlet failed with an Exception');
  });

  it('is claimed by no other specific parser in the registry except the nginx/Apache access parser it precedes', () => {
    for (const s of samples) {
      const others = registryClaims(s, oracleWeblogicParser.name).others.filter((n) => n !== 'nginx.access');
      expect(others, s).toEqual([]);
    }
  });
});
