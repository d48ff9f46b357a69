// The Citrix Web App Firewall parser on synthetic NetScaler AppFirewall lines (CEF and native syslog): detection,
// indicators as Elastic's citrix_waf pipeline maps them, and no double claims with the Citrix ADC parser.
import { describe, expect, it } from 'vitest';
import { citrixAdcParser } from '../../../src/intake/parsers/citrix-adc.js';
import { citrixWafParser } from '../../../src/intake/parsers/citrix-waf.js';
import { registryClaims } from './registry-claims.js';

const RELAY = 'Mar  4 10:15:30 <local0.info> 198.51.100.1';
const cefRelay = `${RELAY} CEF:0|Citrix|NetScaler|NS13.0|APPFW|APPFW_SQL|6|src=192.0.2.10 spt=51514 method=POST request=https://shop.example.com/cart.php?id\\=1 msg=SQL Keyword check failed for field id cn1=4242 cn2=777 cs1=prof_shop cs2=PPE0 cs3=abcSessionId0001 cs4=ALERT cs5=2024 cs6=sql act=blocked`;
const cefBare =
  '<134> CEF:0|Citrix|NetScaler|NS14.1|APPFW|APPFW_STARTURL|6|src=2001:db8::7 spt=443 method=GET request=https://portal.example.org/index.html msg=Disallow Illegal URL. cn1=5 cn2=6 cs1=prof_portal cs2=PPE1 cs4=ALERT cs5=2025 act=not blocked';
const cef5424 =
  '<134>1 2025-05-01T08:00:00Z waf01 APPFW 0-PPE-2 - - CEF:0|Citrix|NetScaler|NS14.1|APPFW|APPFW_STARTURL|6|src=0.0.0.0 spt=1 method=GET request=https://portal.example.org/ msg=Disallow Illegal URL. cn1=7 cn2=8 cs1=prof_portal cs2=PPE2 cs4=ALERT cs5=2025 act=not blocked';
const nativeRelay = `${RELAY} 03/04/2024:10:15:30 GMT waf01 0-PPE-0 : default APPFW APPFW_cross-site scripting 60 0 : 192.0.2.10 777-PPE0 abcSessionId0001 prof_shop https://shop.example.com/cart.php?q=%3Cscript%3E Cross-site script check failed for field q="Bad tag: script" <blocked>`;
const nativePri =
  '<134> 2024/03/04:10:16:00 GMT waf01 0-PPE-1 : default APPFW APPFW_SQL 1234 0 : 192.0.2.11 778-PPE1 sess0002 prof_shop http://shop.example.com/a.php?id=1 SQL Keyword check failed for field id <not blocked>';
const native5424 =
  '<134>1 2025-05-01T08:00:00Z waf01 APPFW 0-PPE-2 - - default APPFW_STARTURL 10 0 :  203.0.113.5 9-PPE2 sess0003 prof_portal Disallow Illegal URL: https://portal.example.org/admin <not blocked>';
const samples = [cefRelay, cefBare, cef5424, nativeRelay, nativePri, native5424];

const adcLines = [
  '<134> 03/04/2024:10:20:00 GMT adc01 0-PPE-0 : default SSLVPN LOGIN 5001 0 : Context alice@192.0.2.20 - SessionId: 12 - User alice - Client_ip 192.0.2.20 - Nat_ip 198.51.100.20 - Vserver 203.0.113.20:443',
  `${RELAY} 03/04/2024:10:20:00 GMT adc01 0-PPE-0 : TCP CONN_DELINK 5002 0 : Source 192.0.2.21:5000 - Vserver 203.0.113.21:80 - NatIP 192.0.2.21:5000 - Destination 203.0.113.21:80`,
];

describe('citrixWafParser', () => {
  it('detects Citrix NetScaler CEF lines and native APPFW events, behind any header', () => {
    for (const s of samples) expect(citrixWafParser.detect(s)).toBe(true);
  });

  it('does not claim Citrix ADC events of other modules, other vendors’ CEF or non-text payloads', () => {
    for (const s of adcLines) expect(citrixWafParser.detect(s)).toBe(false);
    expect(citrixWafParser.detect('CEF:0|Incapsula|SIEMintegration|1|1|Normal|3|src=192.0.2.1')).toBe(false);
    expect(citrixWafParser.detect('<14>Mar  4 10:00:00 host sshd[1]: Accepted password for carol')).toBe(
      false,
    );
    expect(citrixWafParser.detect({ message: cefRelay })).toBe(false);
  });

  it('reads the CEF client as the source only, as Elastic does, and not the syslog relay', () => {
    const a = citrixWafParser.parse(cefRelay);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(citrixWafParser.parse(cefBare).observables.srcIps).toEqual(['2001:db8::7']);
  });

  it('reports the request URL and its site as a domain kept out of related hosts', () => {
    const a = citrixWafParser.parse(cefRelay);
    expect(a.observables.urls).toEqual(['https://shop.example.com/cart.php?id=1']);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(citrixWafParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports the CEF event name, severity, message and the relay time in the year Citrix writes in cs5', () => {
    const a = citrixWafParser.parse(cefRelay);
    expect(a.title).toBe('Citrix WAF APPFW_SQL: SQL Keyword check failed for field id');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-04T10:15:30.000Z');
    expect(a.ruleId).toBe('APPFW_SQL');
    expect(a.recognizedBy).toBe('parser:citrix_waf.log');
    expect(a.format).toBe('citrix_waf.log');
    expect(citrixWafParser.parse(cefBare).observedAt).toBeNull();
  });

  it('reads the RFC 5424 time and never reports the unspecified address', () => {
    const a = citrixWafParser.parse(cef5424);
    expect(a.observedAt).toBe('2025-05-01T08:00:00.000Z');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reports no addresses from native events’ details, which Elastic leaves unparsed; a relay’s is related', () => {
    for (const s of [nativePri, native5424]) {
      const o = citrixWafParser.parse(s).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
    }
    const o = citrixWafParser.parse(nativeRelay).observables;
    expect(o.ips).toEqual(['198.51.100.1']);
    expect([...o.srcIps, ...o.dstIps, ...o.users, ...o.hosts]).toEqual([]);
  });

  it('reads the native event name, time, action and URL site', () => {
    const a = citrixWafParser.parse(nativeRelay);
    expect(a.ruleId).toBe('APPFW_cross-site scripting');
    expect(a.observedAt).toBe('2024-03-04T10:15:30.000Z');
    expect(a.severity).toBe('medium');
    expect(a.observables.domains).toEqual(['shop.example.com']);
    const b = citrixWafParser.parse(nativePri);
    expect(b.ruleId).toBe('APPFW_SQL');
    expect(b.observedAt).toBe('2024-03-04T10:16:00.000Z');
    expect(b.severity).toBe('low');
    const c = citrixWafParser.parse(native5424);
    expect(c.ruleId).toBe('APPFW_STARTURL');
    expect(c.observedAt).toBe('2025-05-01T08:00:00.000Z');
    expect(c.observables.domains).toEqual(['portal.example.org']);
  });

  it('leaves the Citrix ADC parser its own events', () => {
    expect(citrixAdcParser.detect(adcLines[0])).toBe(true);
    expect(citrixWafParser.detect(adcLines[0])).toBe(false);
  });

  it('is claimed by no other specific parser except the generic CEF parser and, for <pri> native lines, Citrix ADC', () => {
    for (const s of samples) {
      const others = registryClaims(s, 'citrix_waf.log').others.filter((n) => n !== 'cef');
      expect(others).toEqual(s === nativePri ? ['citrix_adc.log'] : []);
    }
  });
});
