// The Imperva Cloud WAF parser on synthetic Incapsula CEF lines: detection, the role of every indicator as
// Elastic's imperva_cloud_waf.event pipeline maps it, and no double claims in the registry.
import { describe, expect, it } from 'vitest';
import { impervaCloudWafParser } from '../../../src/intake/parsers/imperva-cloud-waf.js';
import { registryClaims } from './registry-claims.js';

const HEAD = 'CEF:0|Incapsula|SIEMintegration|1|1';
const attack = `${HEAD}|SQL Injection|5| fileId=1000000000000000001 sourceServiceName=shop.example.com siteid=4242 suid=7001 requestClientApplication=Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0 deviceFacility=fra cs2=true cs2Label=Javascript Support cs3=true cs3Label=CO Support src=192.0.2.10 caIP=192.0.2.10 ccode=DE tag=shop-tag cn1=403 in=512 xff=198.51.100.7, 203.0.113.9, unknown cs1=NOT_SUPPORTED cs1Label=Cap Support cs4=11111111-2222-3333-4444-555555555555 cs4Label=VID dproc=Browser cs6=Firefox cs6Label=clapp request=shop.example.com/login.php ref= requestMethod=POST cicode=Berlin cs7=52.5 cs7Label=latitude cs8=13.4 cs8Label=longitude start=1735689600000 qstr=id\\=1' or 1\\=1 sip=203.0.113.80 spt=443 ver=TLSv1.3 TLS_AES_128_GCM_SHA256 end=1735689600500 cs9=Block SQLi cs9Label=Rule name act=REQ_BLOCKED additionalReqHeaders=[{"x-trace":"10.0.0.5"}]`;
const normal = `${HEAD}|Normal|3| fileId=1000000000000000002 sourceServiceName=www.example.org siteid=4243 requestClientApplication=curl/8.0 src=2001:db8::10 sip=2001:db8::80 spt=80 xff=2001:db8::10 start=1735689700000 request=www.example.org/ requestMethod=GET act=REQ_PASSED`;
const noSite = `<14>Jan  1 00:00:00 collector ${HEAD}|Bot Access Control|7| sourceServiceName=api.example.net src=0.0.0.0 xff=0.0.0.0 start=1735689800000`;
const otherCef =
  'CEF:0|FORCEPOINT|Firewall|6.6.1|70019|Connection_Allowed|0|deviceExternalId=fw-lab src=192.0.2.30 dst=198.51.100.30';

describe('impervaCloudWafParser', () => {
  it('detects Incapsula CEF lines, bare or behind syslog, and nothing else', () => {
    for (const s of [attack, normal, noSite]) expect(impervaCloudWafParser.detect(s)).toBe(true);
    expect(impervaCloudWafParser.detect(otherCef)).toBe(false);
    expect(
      impervaCloudWafParser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for carol'),
    ).toBe(false);
    expect(impervaCloudWafParser.detect({ message: attack })).toBe(false);
  });

  it('reads the client as source, the site address as destination and every forwarded address as related', () => {
    const a = impervaCloudWafParser.parse(attack);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual(['203.0.113.80', '192.0.2.10', '198.51.100.7', '203.0.113.9']);
  });

  it('does not take addresses from request headers', () => {
    expect(impervaCloudWafParser.parse(attack).observables.ips).not.toContain('10.0.0.5');
  });

  it('reports the site user id as a user and the site name as a domain kept out of related hosts', () => {
    const a = impervaCloudWafParser.parse(attack);
    expect(a.observables.users).toEqual(['7001']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(impervaCloudWafParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports the event name, CEF severity, start time and rule name', () => {
    const a = impervaCloudWafParser.parse(attack);
    expect(a.title).toBe('SQL Injection');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(a.ruleId).toBe('Block SQLi');
    expect(a.recognizedBy).toBe('parser:imperva_cloud_waf');
  });

  it('reads IPv6 client and site addresses without duplicating the forwarded one', () => {
    const a = impervaCloudWafParser.parse(normal);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::80']);
    expect(a.observables.ips).toEqual(['2001:db8::80', '2001:db8::10']);
    expect(a.observables.users).toEqual([]);
  });

  it('never reports the unspecified address as an indicator', () => {
    const a = impervaCloudWafParser.parse(noSite);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['api.example.net']);
  });

  it('is claimed by no other specific parser in the registry except the generic CEF parser', () => {
    for (const s of [attack, normal, noSite]) {
      expect(registryClaims(s, 'imperva_cloud_waf').others.filter((n) => n !== 'cef')).toEqual([]);
    }
  });
});
