// The Microsoft Exchange Server parser on synthetic lines of the POP3/IMAP4 and SMTP protocol logs, the
// message-tracking log and the HTTP proxy log: strict detection per log type, the indicators Elastic's pipelines
// map (and those they do not), the reported facts, and that no other parser claims these lines.
import { describe, expect, it } from 'vitest';
import { exchangeServerParser } from '../../../src/intake/parsers/exchange-server.js';
import { registryClaims } from './registry-claims.js';

const imapLogin =
  '2026-03-05T10:15:42.123Z,0000000000C0FFEE,3,192.0.2.10:993,203.0.113.25:50211,jdoe,12,30,48,login,jdoe *****,"R=OK;Msg=""Proxy:mbx-02.corp.example:1993:SSL;ProxySuccess""",';
const imapDenied =
  '2026-03-05T10:16:02.004Z,0000000000C0FFEF,2,192.0.2.10:143,203.0.113.26:50300,mallory,5,22,40,authenticate,PLAIN,R=NO;Msg=AuthFailed:LogonDenied,';
const popV6 =
  '2026-03-05T10:17:00.500Z,0000000000C0FF10,1,[2001:db8::25]:995,[2001:db8:1::7]:61000,,0,0,0,CloseSession,,';

const smtpReceive =
  '2026-03-05T10:15:43.001Z,EXCH-01\\Default Frontend EXCH-01,08DC3C0FFEE12345,4,192.0.2.10:25,198.51.100.77:41022,<,MAIL FROM:<alerts@example.org> SIZE=2048,';
const smtpBanner =
  '2026-03-05T10:15:42.990Z,EXCH-01\\Default Frontend EXCH-01,08DC3C0FFEE12345,1,192.0.2.10:25,198.51.100.77:41022,>,"220 exch-01.corp.example Microsoft ESMTP MAIL Service ready at Thu, 5 Mar 2026 10:15:42 +0000",';
const smtpSendFailed =
  '2026-03-05T10:15:44.500Z,Internet Send Connector,08DC3C0FFEE12346,2,,203.0.113.40:25,*,,"Failed to connect. Winsock error code: 10060, Error Message: timed out 203.0.113.40:25."';

/** A 30-column message-tracking line with `cols` set by position. */
function tracking(cols: Record<number, string>): string {
  return Array.from({ length: 30 }, (_, i) => cols[i] ?? '').join(',');
}

const trackingReceive = tracking({
  0: '2026-03-05T10:20:01.250Z',
  1: '198.51.100.80',
  2: 'relay-7.example.net',
  3: '192.0.2.10',
  4: 'EXCH-01',
  5: '08DC3C0FFEE12345;2026-03-05T10:20:00.900Z;0',
  6: 'EXCH-01\\Default Frontend EXCH-01',
  7: 'SMTP',
  8: 'RECEIVE',
  9: '81604378625',
  10: '<c0ffee01@relay-7.example.net>',
  11: '3f2a7c10-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  12: 'jdoe@corp.example;asmith@corp.example',
  14: '5120',
  15: '2',
  18: 'Quarterly report',
  19: 'billing@example.net',
  20: 'billing@example.net',
  22: 'Incoming',
  24: '198.51.100.80',
  25: '192.0.2.10',
  26: 'S:DeliveryPriority=Normal;S:AccountForest=corp.example',
  27: 'Email',
  28: '0a1b2c3d-0000-4000-8000-0123456789ab',
  29: '15.02.1258.012',
});

const trackingFail = tracking({
  0: '2026-03-05T10:21:00.000Z',
  4: 'EXCH-01',
  5: 'No suitable shadow servers',
  7: 'SMTP',
  8: 'HAREDIRECTFAIL',
  9: '81604378626',
  10: '<c0ffee02@corp.example>',
  11: '4f2a7c10-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  12: 'jdoe@corp.example',
  18: 'Undelivered Mail Returned to Sender',
  19: 'MAILER-DAEMON@corp.example',
  22: 'Incoming',
  27: 'Email',
  28: '1a1b2c3d-0000-4000-8000-0123456789ab',
  29: '15.02.1258.012',
});

/** A 74-column HTTP proxy line with `cols` set by position over a plausible default. */
function proxy(cols: Record<number, string>): string {
  const base: Record<number, string> = {
    0: '2026-03-05T10:30:00.111Z',
    1: '6c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    2: '15',
    3: '2',
    4: '1258',
    5: '12',
    7: 'Ews',
    8: 'mail.corp.example',
    9: '/EWS/Exchange.asmx',
    11: 'Negotiate',
    12: 'true',
    13: 'CORP\\jdoe',
    14: 'corp.example',
    16: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0)',
    17: '203.0.113.60',
    18: 'EXCH-01',
    19: '200',
    20: '200',
    22: 'POST',
    23: 'Proxy',
    24: 'mbx-02.corp.example',
  };
  return Array.from({ length: 74 }, (_, i) => cols[i] ?? base[i] ?? '').join(',');
}

const proxyOk = proxy({});
const proxyUpn = proxy({ 13: 'asmith@corp.example', 19: '401', 12: 'false' });

const samples = [
  imapLogin,
  imapDenied,
  popV6,
  smtpReceive,
  smtpBanner,
  smtpSendFailed,
  trackingReceive,
  trackingFail,
];
const all = [...samples, proxyOk, proxyUpn];

describe('exchangeServerParser', () => {
  it('detects every log type and names each alert after its log type', () => {
    const formats = all.map((s) => {
      expect(exchangeServerParser.detect(s), s).toBe(true);
      return exchangeServerParser.parse(s).format;
    });
    expect(formats).toEqual([
      'microsoft_exchange_server.imap4_pop3',
      'microsoft_exchange_server.imap4_pop3',
      'microsoft_exchange_server.imap4_pop3',
      'microsoft_exchange_server.smtp',
      'microsoft_exchange_server.smtp',
      'microsoft_exchange_server.smtp',
      'microsoft_exchange_server.messagetracking',
      'microsoft_exchange_server.messagetracking',
      'microsoft_exchange_server.httpproxy',
      'microsoft_exchange_server.httpproxy',
    ]);
    expect(exchangeServerParser.parse(imapLogin).recognizedBy).toBe('parser:microsoft_exchange_server');
  });

  it('does not claim IIS W3C lines, other CSV, wrong column counts or malformed endpoints', () => {
    const others = [
      '2026-03-05 10:15:42 192.0.2.10 GET /owa/ - 443 CORP\\jdoe 203.0.113.25 Mozilla/5.0 - 200 0 0 15',
      '2026-03-05T10:15:42.123Z,alpha,beta,gamma',
      '2026-03-05T10:15:42.123Z,0000000000C0FFEE,3,192.0.2.10:993,203.0.113.25:50211,jdoe,12', // too few columns
      '2026-03-05T10:15:42.123Z,0000000000C0FFEE,3,192.0.2.10,203.0.113.25,jdoe,12,30,48,login,x,R=OK,', // no ports
      '2026-03-05T10:15:42.123Z,not-a-session-id,3,192.0.2.10:993,203.0.113.25:50211,jdoe,12,30,48,login,x,R=OK,',
      '2026-03-05T10:15:43.001Z,Connector,08DC3C0FFEE12345,4,192.0.2.10:25,198.51.100.77:41022,?,EHLO x,', // bad event
      '2026-03-05T10:15:43.001Z,Connector,08DC3C0FFEE12345,4,,,<,EHLO x,', // no endpoint at all
      '2026-03-05 10:15:43,Connector,08DC3C0FFEE12345,4,192.0.2.10:25,198.51.100.77:41022,<,EHLO x,',
      tracking({ 0: '2026-03-05T10:20:01.250Z', 1: 'relay-7', 7: 'SMTP', 8: 'RECEIVE' }), // client-ip is a name
      tracking({ 0: '2026-03-05T10:20:01.250Z', 7: 'smtp', 8: 'receive' }),
      `${trackingReceive},extra`,
      proxy({ 1: 'not-a-guid' }),
      proxy({ 2: 'fifteen' }),
      '#Fields: dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context,puid',
      `${imapLogin}\n${imapDenied}`,
      { message: imapLogin },
      42,
    ];
    for (const o of others) expect(exchangeServerParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reads the POP3/IMAP4 client endpoint as the source, relating no address and mapping no user', () => {
    const a = exchangeServerParser.parse(imapLogin);
    expect(a.observables.srcIps).toEqual(['203.0.113.25']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Exchange IMAP4 login by jdoe from 203.0.113.25');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2026-03-05T10:15:42.123Z');
    expect(a.ruleId).toBe('login');
  });

  it('reads bracketed IPv6 endpoints and names POP3 by its port', () => {
    const a = exchangeServerParser.parse(popV6);
    expect(a.observables.srcIps).toEqual(['2001:db8:1::7']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toBe('Exchange POP3 CloseSession from 2001:db8:1::7');
  });

  it('rates a refused POP3/IMAP4 sign-in low', () => {
    const a = exchangeServerParser.parse(imapDenied);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Exchange IMAP4 authenticate failed by mallory from 203.0.113.26');
    expect(a.observables.srcIps).toEqual(['203.0.113.26']);
  });

  it('maps no SMTP endpoint to an ECS address and keeps the envelope sender as an e-mail', () => {
    const a = exchangeServerParser.parse(smtpReceive);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.emails).toEqual(['alerts@example.org']);
    expect(a.ruleId).toBe('smtp:receive');
    expect(a.observedAt).toBe('2026-03-05T10:15:43.001Z');
    expect(exchangeServerParser.parse(smtpBanner).observables.domains).toEqual([]);
  });

  it('rates a failed SMTP send low and reports its connector', () => {
    const a = exchangeServerParser.parse(smtpSendFailed);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('smtp:information');
    expect(a.title).toContain('Internet Send Connector');
    expect(a.observables.ips).toEqual([]);
  });

  it('keeps message-tracking client and server addresses out of the indicators and reports the e-mails', () => {
    const a = exchangeServerParser.parse(trackingReceive);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.emails).toEqual(['billing@example.net', 'jdoe@corp.example', 'asmith@corp.example']);
    expect(a.title).toBe(
      'Exchange SMTP RECEIVE: billing@example.net -> jdoe@corp.example, asmith@corp.example (Quarterly report)',
    );
    expect(a.ruleId).toBe('RECEIVE');
    expect(a.severity).toBe('info');
    expect(exchangeServerParser.parse(trackingFail).severity).toBe('low');
  });

  it('reads the HTTP proxy user after the domain backslash and the URL host as a domain apart from hosts', () => {
    const a = exchangeServerParser.parse(proxyOk);
    expect(a.observables.users).toEqual(['jdoe']);
    expect(a.observables.domains).toEqual(['mail.corp.example']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toBe('Exchange Ews POST /EWS/Exchange.asmx -> 200 (jdoe)');
    expect(a.ruleId).toBe('ews:200');
    expect(a.observedAt).toBe('2026-03-05T10:30:00.111Z');
    expect(exchangeServerParser.domainsInRelatedHosts).toBe(false);
  });

  it('maps no user for an HTTP proxy user without a domain backslash, and rates a 401 low', () => {
    const a = exchangeServerParser.parse(proxyUpn);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('is the only specific parser in the registry that claims these lines', () => {
    for (const s of all) expect(registryClaims(s, exchangeServerParser.name).others, s).toEqual([]);
  });

  it('leaves an IIS W3C line to the IIS parser', () => {
    const iis =
      '2026-03-05 10:15:42 192.0.2.10 GET /owa/ - 443 CORP\\jdoe 203.0.113.25 Mozilla/5.0 - 200 0 0 15';
    expect(exchangeServerParser.detect(iis)).toBe(false);
    expect(registryClaims(iis, exchangeServerParser.name).first).toBe('iis.access');
  });
});
