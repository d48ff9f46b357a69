// The Barracuda WAF parser on synthetic syslog lines of every log type (WF, TR, AUDIT, NF, SYS): detection,
// the role of every indicator as Elastic's barracuda.waf pipelines map it, and no double claims.
import { describe, expect, it } from 'vitest';
import { barracudaWafParser } from '../../../src/intake/parsers/barracuda-waf.js';
import { registryClaims } from './registry-claims.js';

const UA = '"Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/115.0"';

const webFirewall = `<129>2025-03-05 11:00:00.125 +0100  waf-lab-01 WF ALER SQL_INJECTION_IN_PARAM 192.0.2.10 51515 203.0.113.5 443 shop:login_url URL_POLICY DENY NONE [Parameter\\="user" value\\="x\\\\[0\\\\]' or 1\\=1 --"] POST /login.php TLSv1.3 "-" ${UA} 198.51.100.7 51515 "carol.test" "-" 18a0b1c2d3e-0f1e2d3c`;
const webFirewallNoUser = `<129>2025-03-05 11:00:01.000 +0100  waf-lab-01 WF ALER NO_DOMAIN_MATCH_IN_PROFILE 192.0.2.11 40000 203.0.113.5 443 shop GLOBAL LOG NONE ["-"] GET /robots.txt TLSv1.2 "-" "curl/8.0" 198.51.100.8 40000 "-" http://203.0.113.5/ 18a0b1c2d3f-1`;
const access = `<134>2025-03-05 11:00:02.500 +0100  waf-lab-01 TR 203.0.113.5 443 192.0.2.20 52000 "-" "-" GET TLSv1.2 shop.example.com HTTP/1.1 200 5120 310 0 42 198.51.100.30 8080 12 "-" SERVER PROFILED PROTECTED VALID /cart.php id=3 https://shop.example.com/ "-" ${UA} 198.51.100.9 52000 dave.test "-" "-" "-" 18a0b1c2d40-2`;
const accessIpHost = `<134>2025-03-05 11:00:03.000 +0000  waf-lab-01 TR 203.0.113.6 80 2001:db8::20 52001 "-" "-" GET HTTP 203.0.113.6 HTTP/1.1 404 100 90 0 1 198.51.100.31 80 0 "-" INTERNAL DEFAULT PROTECTED INVALID /.env "-" "-" "-" "Go-http-client/1.1" 0.0.0.0 52001 "-" "-" "-" "-" 18a0b1c2d41-3`;
const auditLogin = `<134>2025-03-05 11:00:04.000 +0100  waf-lab-01 AUDIT erin.admin GUI 192.0.2.30 50100 LOGIN 0 login  global - - "" "" []`;
const auditFailed = `<134>2025-03-05 11:00:05.000 +0100  waf-lab-01 AUDIT frank.admin GUI 192.0.2.31 50101 UNSUCCESSFUL LOGIN 0 login  global - - "" "" []`;
const networkFirewall = `<129>2025-03-05 11:00:06.000 +0100  waf-lab-01 NF ALER TCP 192.0.2.40 33000 203.0.113.7 22 DENY SSH_BLOCKLIST MGMT/LAN/WAN interface traffic:deny`;
const system = `<129>2025-03-05 11:00:07.000 +0100  waf-lab-01 SYS ABP_SVC ALER 62001 [192.0.2.50:443] service timed out`;

const samples = [
  webFirewall,
  webFirewallNoUser,
  access,
  accessIpHost,
  auditLogin,
  auditFailed,
  networkFirewall,
  system,
];

describe('barracudaWafParser', () => {
  it('detects every Barracuda WAF log type and no other format', () => {
    for (const line of samples) expect(barracudaWafParser.detect(line)).toBe(true);
    expect(
      barracudaWafParser.detect('<134>Mar  5 10:00:00 fw1 filterlog: 5,,,1000,em0,match,block,in,4,0x0'),
    ).toBe(false);
    expect(
      barracudaWafParser.detect(
        '<134>2025-03-05 11:00:00.000 +0100  waf-lab-01 XX 192.0.2.1 1 203.0.113.1 2',
      ),
    ).toBe(false);
    expect(barracudaWafParser.detect({ message: webFirewall })).toBe(false);
    expect(barracudaWafParser.detect(42)).toBe(false);
  });

  it('reads a web firewall alert: client as source, service as destination, no related addresses, the authenticated user', () => {
    const a = barracudaWafParser.parse(webFirewall);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['203.0.113.5']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['carol.test']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('SQL_INJECTION_IN_PARAM');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2025-03-05T10:00:00.125Z');
    expect(a.format).toBe('barracuda.waf');
    expect(a.recognizedBy).toBe('parser:barracuda.waf');
  });

  it('reports no user when the web firewall line says "-", and never the proxy or referrer address', () => {
    const a = barracudaWafParser.parse(webFirewallNoUser);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.dstIps).toEqual(['203.0.113.5']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('reads an access record: source, destination, proxy and backend server related, the user and the Host domain', () => {
    const a = barracudaWafParser.parse(access);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['203.0.113.5']);
    expect(a.observables.ips).toEqual(['192.0.2.20', '203.0.113.5', '198.51.100.9', '198.51.100.30']);
    expect(a.observables.users).toEqual(['dave.test']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(barracudaWafParser.domainsInRelatedHosts).toBe(false);
    expect(a.severity).toBe('info');
  });

  it('reads an IPv6 client in an access record, keeps an address Host out of domains and drops 0.0.0.0', () => {
    const a = barracudaWafParser.parse(accessIpHost);
    expect(a.observables.srcIps).toEqual(['2001:db8::20']);
    expect(a.observables.ips).toEqual(['2001:db8::20', '203.0.113.6', '198.51.100.31']);
    expect(a.observables.domains).toEqual([]);
    expect(a.observedAt).toBe('2025-03-05T11:00:03.000Z');
  });

  it('reads an audit record: the administrator and the client address as related only', () => {
    const a = barracudaWafParser.parse(auditLogin);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.30']);
    expect(a.observables.users).toEqual(['erin.admin']);
    expect(a.ruleId).toBe('LOGIN');
    expect(a.severity).toBe('info');
    expect(barracudaWafParser.parse(auditFailed).severity).toBe('medium');
  });

  it('reads a network firewall record: source and destination, no related addresses', () => {
    const a = barracudaWafParser.parse(networkFirewall);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['203.0.113.7']);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('SSH_BLOCKLIST');
  });

  it('reports no indicators for a system message, even one that names an address', () => {
    const a = barracudaWafParser.parse(system);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.ruleId).toBe('ABP_SVC:62001');
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const line of samples) {
      expect(registryClaims(line, 'barracuda.waf').others).toEqual([]);
    }
  });
});
