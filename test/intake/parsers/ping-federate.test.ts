// The PingFederate parser on synthetic audit (CEF and pipe-delimited) and admin lines: detection, the
// indicators Elastic's ping_federate pipelines map, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { pingFederateParser } from '../../../src/intake/parsers/ping-federate.js';
import { registryClaims } from './registry-claims.js';

const HEAD = 'CEF:0|Ping Identity|PingFederate|11.3';
const sso = `${HEAD}|SSO|SSO|0|rt=Jan 02 2025 10:00:00.000 duid=dana src=192.0.2.20 msg=failure cs1Label=Target Application URL cs1=https://app.example.com/ cs2Label=Connection ID cs2=sp:example cs3Label=Protocol cs3=SAML20 dvchost=idp01 cs4Label=Role cs4=IdP externalId=tid:abc123 cs5Label=SP Local User ID cs5=dana.local cs6Label=Attributes cs6={SAML_SUBJECT\\=dana}`;
const ipHost = `<134>Jan  2 10:00:01 idp01 ${HEAD}|AUTHN_SESSION_USED|AUTHN_SESSION_USED|0|rt=Jan 02 2025 10:00:01.000 duid=erin src=2001:db8::20 msg=success dvchost=198.51.100.2 cs5Label=SP Local User ID cs5=`;
const bare = `${HEAD}|UNKNOWN_TYPE|UNKNOWN_TYPE|0|`;
const auditPipe =
  '2025-01-02 10:00:02,123 | tid:def456 | AUTHN_ATTEMPT | frank | 203.0.113.30 | https://app.example.com/ | sp:example | SAML20 | idp02 | IdP | failure | HTMLFormAdapter | Invalid credentials | 15';
const auditPipe12 =
  '2025-01-02 10:00:03,000 | tid:ghi789 | tx-0001 | SSO | grace | 198.51.100.31 | https://app.example.com/ | sp:example | SAML20 | 192.0.2.99 | IdP | success | HTMLFormAdapter | | 20';
const admin =
  '2025-01-02 9:05:06,789 | admin01 | UserAdmin,Admin | 192.0.2.40 | A-abc123 | LICENSE | ROTATE | - Login was successful';
const adminNoIp = '2025-01-02 09:05:07,000 | admin02 |  |  |  | SERVER | LOGOUT | ';
const otherCef = 'CEF:0|Incapsula|SIEMintegration|1|1|Normal|3| src=192.0.2.10 suid=42';

describe('pingFederateParser', () => {
  it('detects PingFederate CEF, audit and admin lines, and nothing else', () => {
    for (const s of [sso, ipHost, bare, auditPipe, auditPipe12, admin, adminNoIp])
      expect(pingFederateParser.detect(s)).toBe(true);
    expect(pingFederateParser.detect(otherCef)).toBe(false);
    expect(pingFederateParser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for carol')).toBe(
      false,
    );
    expect(pingFederateParser.detect({ message: sso })).toBe(false);
  });

  it('reads the CEF subject as the user, the SP local user id as related and the client as source', () => {
    const a = pingFederateParser.parse(sso);
    expect(a.observables.users).toEqual(['dana', 'dana.local']);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.ips).toEqual(['192.0.2.20']);
    expect(a.observables.hosts).toEqual(['idp01']);
  });

  it('relates a server host given as an address before the client address', () => {
    const a = pingFederateParser.parse(ipHost);
    expect(a.observables.ips).toEqual(['198.51.100.2', '2001:db8::20']);
    expect(a.observables.srcIps).toEqual(['2001:db8::20']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual(['erin']);
  });

  it('reports nothing for a CEF line without extensions', () => {
    const o = pingFederateParser.parse(bare).observables;
    expect([...o.srcIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
  });

  it('reports the CEF event name, outcome, receipt time and format', () => {
    const a = pingFederateParser.parse(sso);
    expect(a.title).toBe('PingFederate SSO (failure)');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-01-02T10:00:00.000Z');
    expect(a.ruleId).toBe('SSO');
    expect(a.format).toBe('ping_federate.audit');
    expect(a.recognizedBy).toBe('parser:ping_federate');
  });

  it('reads the pipe-delimited audit layout: subject, client address and server host', () => {
    const a = pingFederateParser.parse(auditPipe);
    expect(a.observables.users).toEqual(['frank']);
    expect(a.observables.srcIps).toEqual(['203.0.113.30']);
    expect(a.observables.hosts).toEqual(['idp02']);
    expect(a.ruleId).toBe('AUTHN_ATTEMPT');
    expect(a.observedAt).toBe('2025-01-02T10:00:02.123Z');
    expect(a.format).toBe('ping_federate.audit');
  });

  it('reads the audit layout with a transaction id column (PingFederate 12 and later)', () => {
    const a = pingFederateParser.parse(auditPipe12);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.observables.srcIps).toEqual(['198.51.100.31']);
    expect(a.observables.ips).toEqual(['192.0.2.99', '198.51.100.31']);
    expect(a.ruleId).toBe('SSO');
  });

  it('reads admin lines: the administrator and the client address', () => {
    const a = pingFederateParser.parse(admin);
    expect(a.format).toBe('ping_federate.admin');
    expect(a.observables.users).toEqual(['admin01']);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.ips).toEqual(['192.0.2.40']);
    expect(a.ruleId).toBe('ROTATE');
    expect(a.observedAt).toBe('2025-01-02T09:05:06.789Z');
    const b = pingFederateParser.parse(adminNoIp);
    expect(b.observables.users).toEqual(['admin02']);
    expect(b.observables.ips).toEqual([]);
  });

  it('is claimed by no other specific parser in the registry except the generic CEF parser', () => {
    for (const s of [sso, ipHost, bare, auditPipe, auditPipe12, admin, adminNoIp]) {
      expect(registryClaims(s, 'ping_federate').others.filter((n) => n !== 'cef')).toEqual([]);
    }
  });
});
