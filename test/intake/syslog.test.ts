// The syslog header reader: RFC 3164 and RFC 5424 headers, the variants devices write (a time zone after the
// time, a JSON message with no APP-NAME), and lines that only look like syslog.
import { describe, expect, it } from 'vitest';
import { parseSyslog } from '../../src/intake/syslog.js';

describe('parseSyslog', () => {
  it('reads an RFC 3164 header: PRI, time, host, program and pid', () => {
    expect(parseSyslog('<38>Mar  3 04:05:06 bastion sshd[777]: Accepted publickey for bob')).toMatchObject({
      pri: 38,
      timestamp: 'Mar  3 04:05:06',
      host: 'bastion',
      app: 'sshd',
      pid: '777',
      message: 'Accepted publickey for bob',
      rfc: '3164',
    });
  });

  it('reads an RFC 5424 header with structured data', () => {
    expect(
      parseSyslog('<165>1 2024-05-01T10:00:00Z fw01 filterd 42 ID7 [meta seq="1"] denied 192.0.2.1'),
    ).toMatchObject({
      pri: 165,
      host: 'fw01',
      app: 'filterd',
      pid: '42',
      structuredData: '[meta seq="1"]',
      message: 'denied 192.0.2.1',
      rfc: '5424',
    });
  });

  it('takes a known time zone after the time as part of it, and other capitals as the host', () => {
    expect(parseSyslog('Jun 27 05:32:54 EDT: %SEC-6-IPACCESSLOGP: list 100 permitted')).toMatchObject({
      timestamp: 'Jun 27 05:32:54 EDT',
    });
    expect(parseSyslog('Mar 08 02:54:46 VAULT {"Issuer":"PasswordManager","Action":"Logon"}')).toMatchObject({
      timestamp: 'Mar 08 02:54:46',
      host: 'VAULT',
      message: '{"Issuer":"PasswordManager","Action":"Logon"}',
    });
  });

  it('reads a 5424 header followed at once by a JSON message, without taking the JSON for the app', () => {
    expect(
      parseSyslog('<7>1 2023-03-08T02:54:46Z VAULT {"Issuer":"PasswordManager","Station":"10.0.1.20"}'),
    ).toEqual({
      pri: 7,
      timestamp: '2023-03-08T02:54:46Z',
      host: 'VAULT',
      app: null,
      pid: null,
      message: '{"Issuer":"PasswordManager","Station":"10.0.1.20"}',
      structuredData: null,
      rfc: '5424',
    });
  });

  it('reads a line with an ISO time and no PRI as syslog only when a program tag follows the host', () => {
    expect(parseSyslog('2024-05-01 10:00:00 web-01 nginx[12]: upstream timed out')).toMatchObject({
      host: 'web-01',
      app: 'nginx',
    });
    expect(parseSyslog('2024-05-01 10:00:00 192.0.2.10 GET /index.html 80 - 198.51.100.7')).toMatchObject({
      host: null,
      app: null,
      message: '192.0.2.10 GET /index.html 80 - 198.51.100.7',
    });
  });

  it('returns null for text with no syslog header', () => {
    expect(parseSyslog('just some text')).toBeNull();
    expect(parseSyslog('{"a":1}')).toBeNull();
  });
});
