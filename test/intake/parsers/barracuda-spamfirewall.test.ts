// The Barracuda Email Security Gateway (Spam Firewall) parser on synthetic syslog messages of every program it reads:
// detection, the role of every indicator as the Elastic Agent's barracuda.spamfirewall decoder maps it, no double claims.
import { describe, expect, it } from 'vitest';
import { barracudaSpamfirewallParser as parser } from '../../../src/intake/parsers/barracuda-spamfirewall.js';
import { registryClaims } from './registry-claims.js';

const notify =
  'notify/smtp[4100]: 192.0.2.10 1740000000 1740000001 accept alice@example.com 0 8F2A1B 2048 1.0 bob@example.com done';
const recvWithUser =
  'inbound/pass1[4101]: mail-gw-01[192.0.2.11] 1740000000-04101-1-0 1740000000 1740000001 RECV carol@example.com dave@example.com 2 21 -';
const scanWithoutPid =
  'inbound/pass1: relay.example.net[198.51.100.12] 1740000000-04102-1-0 1740000000 1740000002 SCAN - erin@example.com frank@example.com 5.1 0 0 - SZ:1234 SUBJ:Quarterly report';
const scanBlocked =
  'scan[4103]: gina.test[192.0.2.13] 1740000000-04103-1-0 1740000000 1740000003 block - hank@example.com ivan@example.com 9.8 2 60 - SZ:999 SUBJ:Invoice';
const outboundRelay =
  'outbound/smtp: 192.0.2.14 1740000000-04104-1-0 1740000000 1740000004 SEND - 1 7C3D 250 - ok 1740000004 Message 7C3D accepted #to#mx.example.org[203.0.113.15]:25';
const outboundBareRelay =
  'outbound/smtp: 192.0.2.16 1740000000-04105-1-0 1740000000 1740000005 SEND - 1 7C3E 250 queued #to#203.0.113.16';
const webLogin = 'web: [198.51.100.17] LOGIN (jules.admin)';
const webFailed = 'web: [2001:db8::18] FAILED_LOGIN (kim.admin)';
const webChange = 'web: [198.51.100.19] global CHANGE mta_settings (spam_scoring)';
const webSummary = 'web: Ret Policy Summary (Del:12 Kept:340)';
const reports = 'reports: REPORTS (daily_digest.exe) queued as 7C3F';
const syslogWrapped = `<22>Mar  5 10:00:00 esg-lab-01 ${webFailed}`;

const samples = [
  notify,
  recvWithUser,
  scanWithoutPid,
  scanBlocked,
  outboundRelay,
  outboundBareRelay,
  webLogin,
  webFailed,
  webChange,
  webSummary,
  reports,
  syslogWrapped,
];

const observablesOf = (line: string) => parser.parse(line).observables;

describe('barracudaSpamfirewallParser', () => {
  it('detects every message it reads, bare or after a syslog header', () => {
    for (const line of samples) expect(parser.detect(line)).toBe(true);
  });

  it('claims no other format, no unknown program and no message of the wrong shape', () => {
    expect(parser.detect('<134>Mar  5 10:00:00 fw1 filterlog: 5,,,1000,em0,match,block,in,4,0x0')).toBe(
      false,
    );
    expect(parser.detect('scan: nightly backup finished')).toBe(false);
    expect(parser.detect('outbound/smtp: not-an-address 1 2 3 SEND')).toBe(false);
    expect(parser.detect('web: user opened the dashboard')).toBe(false);
    expect(parser.detect('inbound/pass2: relay[192.0.2.1] 1 2 3 RECV a b 0 0 -')).toBe(false);
    expect(parser.detect({ message: notify })).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('reads the notifying client of notify/smtp as the source', () => {
    const obs = observablesOf(notify);
    expect(obs.srcIps).toEqual(['192.0.2.10']);
    expect(obs.ips).toEqual(['192.0.2.10']);
    expect(obs.users).toEqual([]);
  });

  it('reads the name before the client of an inbound RECV with a pid as the user', () => {
    const alert = parser.parse(recvWithUser);
    expect(alert.observables.srcIps).toEqual(['192.0.2.11']);
    expect(alert.observables.users).toEqual(['mail-gw-01']);
    expect(alert.severity).toBe('medium');
    expect(alert.observedAt).toBe('2025-02-19T21:20:00.000Z');
    expect(alert.ruleId).toBe('inbound/pass1');
  });

  it('reads the name before the client of a message without a pid as its domain, not as a user or host', () => {
    const obs = observablesOf(scanWithoutPid);
    expect(obs.srcIps).toEqual(['198.51.100.12']);
    expect(obs.users).toEqual([]);
    expect(obs.hosts).toEqual([]);
    expect(obs.domains).toEqual(['relay.example.net']);
    expect(parser.parse(scanWithoutPid).severity).toBe('info');
  });

  it('rates a blocked scan as medium and reads its user and client', () => {
    const alert = parser.parse(scanBlocked);
    expect(alert.observables.srcIps).toEqual(['192.0.2.13']);
    expect(alert.observables.users).toEqual(['gina.test']);
    expect(alert.severity).toBe('medium');
    expect(alert.title).toContain('block');
  });

  it('reads the relay an outbound message went to as the destination', () => {
    const obs = observablesOf(outboundRelay);
    expect(obs.srcIps).toEqual(['192.0.2.14']);
    expect(obs.dstIps).toEqual(['203.0.113.15']);
    expect(obs.ips).toEqual(['192.0.2.14', '203.0.113.15']);
    expect(obs.domains).toEqual(['mx.example.org']);
    const bare = observablesOf(outboundBareRelay);
    expect(bare.dstIps).toEqual(['203.0.113.16']);
    expect(bare.domains).toEqual([]);
  });

  it('reads the administrator and client of web logins, failed logins and setting changes', () => {
    expect(observablesOf(webLogin)).toMatchObject({ srcIps: ['198.51.100.17'], users: ['jules.admin'] });
    const failed = parser.parse(webFailed);
    expect(failed.observables).toMatchObject({ srcIps: ['2001:db8::18'], users: ['kim.admin'] });
    expect(failed.severity).toBe('low');
    expect(observablesOf(webChange)).toMatchObject({ srcIps: ['198.51.100.19'], users: [] });
  });

  it('reports no indicators for retention summaries and queued reports', () => {
    for (const line of [webSummary, reports]) {
      const obs = observablesOf(line);
      expect([...obs.srcIps, ...obs.ips, ...obs.users, ...obs.hosts]).toEqual([]);
    }
  });

  it('reads a message after a syslog header as the bare message', () => {
    expect(observablesOf(syslogWrapped)).toEqual(observablesOf(webFailed));
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const line of samples) expect(registryClaims(line, parser.name).others).toEqual([]);
  });
});
