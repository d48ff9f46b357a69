// The Trend Micro Deep Security parser on synthetic CEF lines of several modules: detection, the role of every
// indicator as Elastic's trendmicro.deep_security pipeline maps it, the reported facts, and no double claims.
import { describe, expect, it } from 'vitest';
import { trendMicroDeepSecurityParser as parser } from '../../../src/intake/parsers/trend-micro-deep-security.js';
import { registryClaims } from './registry-claims.js';

const AGENT = 'CEF:0|Trend Micro|Deep Security Agent|20.0.1.690';
const MANAGER = 'CEF:0|Trend Micro|Deep Security Manager|20.0.877';

const ips = `<134>Mar  5 10:15:42 web-01 ${AGENT}|1000552|Generic Cross Site Scripting(XSS) Prevention|8|cn1=42 cn1Label=Host ID dvchost=web-01.corp.example TrendMicroDsTenant=Primary TrendMicroDsTenantId=0 dmac=00:00:5E:00:53:01 smac=00:00:5E:00:53:02 TrendMicroDsFrameType=IP src=198.51.100.23 dst=192.0.2.44 in=980 proto=TCP spt=51000 dpt=443 cnt=1 act=Reset cn3=10 cn3Label=DPI Packet Position cs5=10 cs5Label=DPI Stream Position xff=203.0.113.77`;
const firewall = `${AGENT}|20|Log for TCP Port 23|5|cn1=7 cn1Label=Host ID dvchost=db-02 TrendMicroDsTenant=Primary TrendMicroDsTenantId=0 act=Log src=2001:db8::15 dst=2001:db8::20 proto=TCP spt=40000 dpt=23 rt=1735689600000`;
const antiMalware = `<134>2025-01-01T00:00:00Z dsm ${AGENT}|4000000|Eicar_test_file|6|cn1=9 cn1Label=Host ID dvchost=laptop-9 filePath=C:\\\\Users\\\\carol\\\\eicar.com act=Delete msg=Realtime suser=CORP\\\\carol duser=svc-backup suid=1001 TrendMicroDsMalwareTarget=N/A rt=Jan 01 2025 02:00:00 GMT+02:00`;
const system = `${MANAGER}|600|User Signed In|3|src=0.0.0.0 suser=admin-dana target=admin-dana msg=User signed in from 203.0.113.5 TrendMicroDsTenant=Primary TrendMicroDsTenantId=0`;
const leefLine =
  'LEEF:2.0|Trend Micro|Deep Security Agent|20.0|4000000|cat=Anti-Malware\tsrc=192.0.2.1\tusrName=carol';
const otherTrend =
  'CEF:0|Trend Micro|Deep Discovery Inspector|6.0|100119|Suspicious file|6|src=192.0.2.9 dst=198.51.100.9 suser=erin';

describe('trendMicroDeepSecurityParser', () => {
  it('detects Deep Security CEF lines, bare or behind syslog, and nothing else', () => {
    for (const s of [ips, firewall, antiMalware, system]) expect(parser.detect(s)).toBe(true);
    expect(parser.detect(otherTrend)).toBe(false);
    expect(parser.detect(leefLine)).toBe(false);
    expect(parser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for carol')).toBe(false);
    expect(parser.detect({ message: ips })).toBe(false);
  });

  it('relates the destination, then the source, then the forwarded-for address', () => {
    const a = parser.parse(ips);
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.dstIps).toEqual(['192.0.2.44']);
    expect(a.observables.ips).toEqual(['192.0.2.44', '198.51.100.23', '203.0.113.77']);
  });

  it('reports the host id as the related host and keeps the device host name out', () => {
    const a = parser.parse(ips);
    expect(a.observables.hosts).toEqual(['42']);
    expect(a.observables.hosts).not.toContain('web-01.corp.example');
    expect(a.observables.users).toEqual([]);
  });

  it('reads IPv6 firewall endpoints and the epoch receipt time', () => {
    const a = parser.parse(firewall);
    expect(a.observables.srcIps).toEqual(['2001:db8::15']);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
    expect(a.observables.ips).toEqual(['2001:db8::20', '2001:db8::15']);
    expect(a.observables.hosts).toEqual(['7']);
    expect(a.observedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('relates the source user, the destination user and the source user id in that order', () => {
    const a = parser.parse(antiMalware);
    expect(a.observables.users).toEqual(['CORP\\carol', 'svc-backup', '1001']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('never reports the unspecified address, nor addresses inside the message', () => {
    const a = parser.parse(system);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['admin-dana']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports the event name, CEF severity, signature id and header time', () => {
    const a = parser.parse(ips);
    expect(a.title).toBe('Generic Cross Site Scripting(XSS) Prevention');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('1000552');
    expect(a.recognizedBy).toBe('parser:trendmicro.deep_security');
    expect(a.format).toBe('trendmicro.deep_security');
    expect(parser.parse(antiMalware).severity).toBe('medium');
  });

  it('is claimed by no other specific parser in the registry except the generic CEF parser', () => {
    for (const s of [ips, firewall, antiMalware, system]) {
      expect(registryClaims(s, parser.name).others.filter((n) => n !== 'cef')).toEqual([]);
    }
  });
});
