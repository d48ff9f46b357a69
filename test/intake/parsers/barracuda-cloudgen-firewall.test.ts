// The Barracuda CloudGen Firewall parser on synthetic Firewall Insights records (activity, web, threat):
// detection by shape, the role of every indicator as Elastic's pipelines map it, and no double claims.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { barracudaCloudgenFirewallParser } from '../../../src/intake/parsers/barracuda-cloudgen-firewall.js';
import { barracudaWafParser } from '../../../src/intake/parsers/barracuda-waf.js';
import { parsers } from '../../../src/intake/parsers/index.js';
import { registryClaims } from './registry-claims.js';

const activity = {
  version: 1,
  timestamp: 1709542542,
  action: 'AppBlock',
  duration: 12,
  src_iface: 'p1',
  src_ip: '192.0.2.40',
  src_port: 51000,
  src_mac: '02:00:5e:10:00:01',
  dst_iface: 'p2',
  dst_ip: '203.0.113.90',
  dst_port: 443,
  dst_mac: '00:00:00:00:00:00',
  fw_rule: 'LAN-TO-WAN',
  app_rule: '<App>:BLOCK-SOCIAL',
  fw_info: 4011,
  src_ip_nat: '198.51.100.40',
  dst_ip_nat: '0.0.0.0',
  fwd_bytes: 800,
  rev_bytes: 0,
  fwd_packets: 4,
  rev_packets: 0,
  ip_proto: 6,
  user: 'dora.kim',
  protos: ['HTTPS'],
  apps: ['Social networking'],
};

const web = {
  timestamp: 1709542600123,
  traffic_type: 0,
  action: 1,
  source_ip: '192.0.2.41',
  source_port: '52000',
  destination_ip: '203.0.113.91',
  destination_port: '443',
  method: 'GET',
  status_code: '0',
  user_agent: 'curl/8.5.0',
  content_type: '',
  name: 'https://files.example.com/archive.zip',
  size: 0,
  domain: 'files.example.com',
  category: ['12'],
  user: '192.0.2.41',
  user_type: 0,
  fw_rule: 'LAN-TO-WAN',
  app_rule: '<App>:<pass-no-match>',
};

const webNamedUser = {
  ...web,
  action: 0,
  source_ip: '2001:db8::41',
  name: 'https://portal.example.net/home',
  domain: 'portal.example.net',
  user: 'eli.novak',
  user_type: 1,
};

const threat = {
  app_target: 'invoice.js',
  component: 'firewall',
  date: '2024 03 04',
  description: 'JS.Downloader.Test',
  dst_ip: '203.0.113.92',
  operation: 'Block',
  port: '80',
  severity: 'Warning',
  src_ip: '192.0.2.42',
  threat_severity: '3',
  time: '09:30:00',
  timestamp: '2024-03-04T09:30:00+01:00',
  timezone: '+01:00',
  trans_proto: 'TCP',
  type: 'Virus',
  user: 'fay.ito',
};

const ips = {
  component: 'firewall',
  date: '2024 03 04',
  description: 'ID: 2000123 WEB Directory Traversal Test',
  dst_ip: '203.0.113.93',
  ips_category: 'Web Attack',
  operation: 'Block',
  port: '443',
  severity: 'Warning',
  src_ip: '-',
  threat_severity: '3',
  time: '09:31:00',
  timestamp: '-',
  timezone: '+02:00',
  trans_proto: 'TCP',
  type: 'IPS',
  user: '-',
};

const samples = [activity, web, webNamedUser, threat, ips];

describe('barracudaCloudgenFirewallParser', () => {
  it('detects activity, web and threat records, also as JSON text, and no other format', () => {
    for (const s of samples) expect(barracudaCloudgenFirewallParser.detect(s)).toBe(true);
    expect(normalizeAlert(JSON.stringify(web), { parsers: [barracudaCloudgenFirewallParser] }).format).toBe(
      'barracuda_cloudgen_firewall.log',
    );
    // Suricata EVE, a bare connection record and a Barracuda WAF syslog line are not claimed.
    const eve = {
      timestamp: '2024-03-04T09:30:00.000000+0000',
      event_type: 'alert',
      src_ip: '192.0.2.1',
      dest_ip: '203.0.113.1',
      proto: 'TCP',
      alert: { signature: 'test' },
    };
    expect(barracudaCloudgenFirewallParser.detect(eve)).toBe(false);
    expect(
      barracudaCloudgenFirewallParser.detect({ src_ip: '192.0.2.1', dst_ip: '203.0.113.1', action: 'allow' }),
    ).toBe(false);
    const wafLine =
      '<129>2025-03-05 11:00:06.000 +0100  waf-lab-01 NF ALER TCP 192.0.2.40 33000 203.0.113.7 22 DENY SSH_BLOCKLIST MGMT/LAN/WAN interface traffic:deny';
    expect(barracudaCloudgenFirewallParser.detect(wafLine)).toBe(false);
    for (const s of samples) expect(barracudaWafParser.detect(s)).toBe(false);
    expect(barracudaCloudgenFirewallParser.detect(null)).toBe(false);
  });

  it('reads an activity record: end points and user, NAT addresses left out of related addresses', () => {
    const a = barracudaCloudgenFirewallParser.parse(activity);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual(['203.0.113.90']);
    expect(a.observables.ips).toEqual(['192.0.2.40', '203.0.113.90']);
    expect(a.observables.users).toEqual(['dora.kim']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-03-04T08:55:42.000Z');
    expect(a.ruleId).toBe('LAN-TO-WAN');
    expect(a.severity).toBe('low');
    expect(a.title).toContain('AppBlock TCP 192.0.2.40:51000 -> 203.0.113.90:443');
    expect(a.format).toBe('barracuda_cloudgen_firewall.log');
    expect(a.recognizedBy).toBe('parser:barracuda_cloudgen_firewall.log');
  });

  it('reads a web record: end points and the site, never the client address written as its user', () => {
    const a = barracudaCloudgenFirewallParser.parse(web);
    expect(a.observables.srcIps).toEqual(['192.0.2.41']);
    expect(a.observables.dstIps).toEqual(['203.0.113.91']);
    expect(a.observables.ips).toEqual(['192.0.2.41', '203.0.113.91']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['files.example.com']);
    expect(a.observables.urls).toEqual(['https://files.example.com/archive.zip']);
    expect(a.observedAt).toBe('2024-03-04T08:56:40.123Z');
    expect(a.severity).toBe('low');
    expect(a.title).toContain('blocked');
  });

  it('takes the user of a web record when it is an authenticated name (user_type 1)', () => {
    const a = barracudaCloudgenFirewallParser.parse(webNamedUser);
    expect(a.observables.users).toEqual(['eli.novak']);
    expect(a.observables.srcIps).toEqual(['2001:db8::41']);
    expect(a.observables.domains).toEqual(['portal.example.net']);
    expect(a.severity).toBe('info');
  });

  it('reads a threat record: end points, user, signature and the device severity word', () => {
    const a = barracudaCloudgenFirewallParser.parse(threat);
    expect(a.observables.srcIps).toEqual(['192.0.2.42']);
    expect(a.observables.dstIps).toEqual(['203.0.113.92']);
    expect(a.observables.ips).toEqual(['192.0.2.42', '203.0.113.92']);
    expect(a.observables.users).toEqual(['fay.ito']);
    expect(a.observedAt).toBe('2024-03-04T08:30:00.000Z');
    expect(a.ruleId).toBe('JS.Downloader.Test');
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('Virus Block');
  });

  it('skips "-" placeholders and reads the time from date, time and zone when the timestamp is "-"', () => {
    const a = barracudaCloudgenFirewallParser.parse(ips);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['203.0.113.93']);
    expect(a.observables.ips).toEqual(['203.0.113.93']);
    expect(a.observables.users).toEqual([]);
    expect(a.observedAt).toBe('2024-03-04T07:31:00.000Z');
    expect(a.ruleId).toBe('2000123');
  });

  it('keeps the site out of related hosts and is the only specific parser in the registry that claims these records', () => {
    expect(barracudaCloudgenFirewallParser.domainsInRelatedHosts).toBe(false);
    for (const s of samples)
      expect(registryClaims(s, barracudaCloudgenFirewallParser.name).others).toEqual([]);
    expect(
      normalizeAlert(threat, { parsers: [barracudaCloudgenFirewallParser, ...parsers] }).recognizedBy,
    ).toBe('parser:barracuda_cloudgen_firewall.log');
  });
});
