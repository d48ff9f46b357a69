// The Cisco Secure Email Gateway parser on synthetic lines of each log subscription (GUI, authentication, mail,
// consolidated CEF events, system, AMP, bounces, status): indicators as Elastic's pipelines map them, and claims.
import { describe, expect, it } from 'vitest';
import { ciscoSecureEmailParser } from '../../../src/intake/parsers/cisco-secure-email.js';
import { registryClaims } from './registry-claims.js';

const H = '<166>Mar  5 10:00:00';
const request = `${H} gui_logs: Info: req:192.0.2.10 user:mailadmin id:AbCdEf123 200 GET /monitor/overview HTTP/1.1 Mozilla/5.0 (X11; Linux x86_64)`;
const anonymous = `${H} gui_logs: Info: req:192.0.2.11 user:- id:AbCdEf124 302 GET /login HTTP/1.1 -`;
const session = `${H} gui_logs: Info: SourceIP:198.51.100.12 Destination:/login Username:mailadmin Privilege:admin session:XyZ987 Action: The HTTPS session has been established successfully.`;
const notFound = `${H} gui_logs: Info: Session XyZ988 from 198.51.100.13 not found Destination:/mail_policies`;
const sslError = `${H} gui_logs: Warning: SSL error with client 203.0.113.14:443 - (1, 'error:1:SSL routines:bad')`;
const connError = `${H} gui_logs: Info: Error in https connection from host 203.0.113.15 port 443 - [Errno 54] Connection reset by peer`;
const timeout = `${H} gui_logs: Info: Action: User mailadmin logged out from session XyZ989 beacuse of inactivity timeout`;
const subject = `${H} gui_logs: Info: PERIODIC REPORTS: nothing to archive from 192.0.2.99`;
const authFail = `${H} authentication: Info: An authentication attempt by the user opsuser from 192.0.2.30 failed using an SSH connection.`;
const authOk = `${H} authentication: Info: The user opsuser successfully logged on from 192.0.2.31 with privilege admin using an HTTPS connection.`;
const logout = `${H} authentication: Info: logout:192.0.2.32 user:opsuser session:Qw12`;

const cef = `${H} consolidated_event: CEF:0|Cisco|C100V Email Security Virtual Appliance|14.0.0-657|ESA_CONSOLIDATED_LOG_EVENT|Consolidated Log Event|5|deviceExternalId=ABC123 ESAMID=1 ESAICID=2 dvc=192.0.2.1 ESAAttachmentDetails={'a.txt': {'AMP': {'Verdict': 'FILE UNKNOWN', 'fileHash': '${'a'.repeat(64)}'}}} ESAMailFlowPolicy=ACCEPT suser=alice@example.org act=DELIVERED duser=bob@example.net ESAHeloDomain=mx.example.org ESAHeloIP=198.51.100.7 sourceHostName=mx.example.org sourceAddress=203.0.113.8 msg='Hello 192.0.2.250'`;
const icid = `${H} mail_logs: Info: New SMTP ICID 5 interface Management (192.0.2.2) address 203.0.113.9 reverse dns host mx.example.org verified yes`;
const dcid = `${H} mail_logs: Info: New SMTP DCID 8 interface 192.0.2.2 address 198.51.100.10`;
const smtpError = `${H} mail_logs: Warning: Internal SMTP Error: Failed to send message to host 198.51.100.11:25 for recipient ops: Unexpected SMTP response "553"`;
const named = `<94>Nov 24 14:22:57 esa-01.example.net mail_logs: Info: MID 204 URL https://www.example.org/a has reputation 0.0 matched Condition: URL Reputation Rule`;
const commit = `${H} system: Info: PID 1234: User mailadmin commit changes: updated policy`;
const amp = `${H} amp: Info: File Analysis complete. SHA256: ${'b'.repeat(64)}, Submit Timestamp: 1, Update Timestamp: 2, Disposition: 3 Score: 90, run_id: 4 Details: x Spyname:[y]`;
const bounce = `${H} bounces: Info: Bounced: DCID 8 MID 6 From:<alice@example.org> To:<bob@example.net> RID 0 - 5.1.0 - Unknown address error ('550', ['No such user'])`;
const status = `${H} status: Info: Status: CPULd 0 DskIO 0`;

describe('ciscoSecureEmailParser', () => {
  it('reads a consolidated CEF event as HELO, device and sender addresses, the sender as source', () => {
    const a = ciscoSecureEmailParser.parse(cef);
    expect(a.observables.srcIps).toEqual(['203.0.113.8']);
    expect(a.observables.ips).toEqual(['198.51.100.7', '192.0.2.1', '203.0.113.8']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
    expect(a.observables.emails).toEqual(['alice@example.org', 'bob@example.net']);
    expect(a.severity).toBe('medium');
  });

  it('reads mail log connections as related addresses and an internal SMTP error host as destination', () => {
    expect(ciscoSecureEmailParser.parse(icid).observables).toMatchObject({
      srcIps: [],
      ips: ['192.0.2.2', '203.0.113.9'],
    });
    expect(ciscoSecureEmailParser.parse(dcid).observables.ips).toEqual(['192.0.2.2', '198.51.100.10']);
    expect(ciscoSecureEmailParser.parse(smtpError).observables.dstIps).toEqual(['198.51.100.11']);
  });

  it('reads a header with the appliance name, which is no indicator, and keeps the URL', () => {
    const a = ciscoSecureEmailParser.parse(named);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.urls).toEqual(['https://www.example.org/a']);
  });

  it('reads the committing user of a system log, AMP hashes and bounce addresses, and nothing from status', () => {
    expect(ciscoSecureEmailParser.parse(commit).observables.users).toEqual(['mailadmin']);
    expect(ciscoSecureEmailParser.parse(amp).observables.hashes).toEqual(['b'.repeat(64)]);
    expect(ciscoSecureEmailParser.parse(bounce).observables).toMatchObject({
      ips: [],
      emails: ['alice@example.org', 'bob@example.net'],
    });
    expect(ciscoSecureEmailParser.parse(status).observables.ips).toEqual([]);
  });

  it('reads a GUI request as a related client address and the user', () => {
    const a = ciscoSecureEmailParser.parse(request);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10']);
    expect(a.observables.users).toEqual(['mailadmin']);
    expect(a.ruleId).toBe('gui_logs');
  });

  it('drops the dash user of an anonymous request', () => {
    const a = ciscoSecureEmailParser.parse(anonymous);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.11']);
  });

  it('reads HTTPS session and session-not-found lines as related addresses', () => {
    expect(ciscoSecureEmailParser.parse(session).observables).toMatchObject({
      ips: ['198.51.100.12'],
      users: ['mailadmin'],
    });
    expect(ciscoSecureEmailParser.parse(notFound).observables).toMatchObject({
      srcIps: [],
      ips: ['198.51.100.13'],
    });
  });

  it('reads SSL and connection errors as the source address', () => {
    expect(ciscoSecureEmailParser.parse(sslError).observables.srcIps).toEqual(['203.0.113.14']);
    expect(ciscoSecureEmailParser.parse(connError).observables.srcIps).toEqual(['203.0.113.15']);
  });

  it('reads the timed-out user and leaves a subject: description line without indicators', () => {
    expect(ciscoSecureEmailParser.parse(timeout).observables.users).toEqual(['mailadmin']);
    expect(ciscoSecureEmailParser.parse(subject).observables.ips).toEqual([]);
  });

  it('reads authentication attempts, logons and logouts as the user and a related address', () => {
    const failed = ciscoSecureEmailParser.parse(authFail);
    expect(failed.observables).toMatchObject({ srcIps: [], ips: ['192.0.2.30'], users: ['opsuser'] });
    expect(failed.severity).toBe('low');
    expect(ciscoSecureEmailParser.parse(authOk).observables.ips).toEqual(['192.0.2.31']);
    expect(ciscoSecureEmailParser.parse(logout).observables).toMatchObject({
      ips: ['192.0.2.32'],
      users: ['opsuser'],
    });
  });

  it('does not claim other syslog programs or non-text payloads', () => {
    expect(
      ciscoSecureEmailParser.detect(`${H} host-a sshd[1]: Accepted password for bob from 192.0.2.1`),
    ).toBe(false);
    expect(ciscoSecureEmailParser.detect(`${H} host-a cron: Info: job started`)).toBe(false);
    expect(ciscoSecureEmailParser.detect({ message: request })).toBe(false);
    expect(ciscoSecureEmailParser.detect(`${H} system: a line without a level word`)).toBe(false);
    expect(ciscoSecureEmailParser.detect(`${H} consolidated_event: not a CEF record`)).toBe(false);
  });

  it('is claimed by no other specific parser', () => {
    for (const line of [
      request,
      anonymous,
      session,
      notFound,
      sslError,
      connError,
      timeout,
      subject,
      authFail,
      authOk,
      logout,
    ]) {
      expect(ciscoSecureEmailParser.detect(line)).toBe(true);
      expect(registryClaims(line, 'cisco_secure_email_gateway.log').others).toEqual([]);
    }
  });

  it('claims consolidated events, which the generic CEF parser also reads, so it must come before it', () => {
    expect(ciscoSecureEmailParser.detect(cef)).toBe(true);
    expect(registryClaims(cef, 'cisco_secure_email_gateway.log').others).toEqual(['cef']);
  });
});
