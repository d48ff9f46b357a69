// The Infoblox BloxOne DDI parser on synthetic API records (DNS data, DNS config, DHCP lease): detection,
// every address related only (as Elastic's infoblox_bloxone_ddi pipelines map them), lease hosts, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { infobloxBloxoneDdiParser } from '../../../src/intake/parsers/infoblox-bloxone-ddi.js';
import { registryClaims } from './registry-claims.js';

const dnsData = {
  absolute_name_spec: 'www.lab.example.',
  absolute_zone_name: 'lab.example.',
  comment: '',
  created_at: '2024-03-01T08:00:00.000Z',
  disabled: false,
  dns_absolute_name_spec: 'www.lab.example.',
  dns_rdata: '192.0.2.50',
  id: 'dns/record/abc',
  inheritance_sources: { ttl: { action: 'inherit', display_name: 'x', source: 'y', value: 0 } },
  name_in_zone: 'www',
  options: { address: '192.0.2.51' },
  rdata: { address: '192.0.2.50' },
  source: ['STATIC'],
  tags: {},
  ttl: 3600,
  type: 'A',
  updated_at: '2024-03-01T09:00:00.000Z',
  view: 'dns/view/1',
  view_name: 'default',
  zone: 'dns/auth_zone/1',
};

const dnsConfig = {
  add_edns_option_in_outgoing_query: false,
  created_at: '2024-03-01T08:00:00Z',
  custom_root_ns: [{ address: '198.51.100.1', fqdn: 'root.lab.example.' }],
  custom_root_ns_enabled: true,
  dnssec_enabled: true,
  forwarders: [{ address: '198.51.100.2', fqdn: 'fwd.lab.example.' }],
  id: 'dns/view/1',
  inheritance_sources: {
    forwarders_block: { action: 'inherit', value: { forwarders: [{ address: '2001:db8::53' }] } },
  },
  match_clients_acl: [{ access: 'allow', address: '203.0.113.0', element: 'ip' }],
  match_destinations_acl: [{ access: 'allow', address: '', element: 'any' }],
  name: 'lab-view',
  updated_at: '2024-03-02T08:00:00Z',
  zone_authority: { mname: 'ns.lab.example' },
};

const lease = {
  address: '192.0.2.77',
  client_id: '01:02:00:5e:10:00:77',
  ends: '2024-03-01T12:00:00Z',
  fingerprint: 'Example OS',
  fingerprint_processed: 'processed',
  ha_group: 'dhcp/ha_group/1',
  hardware: '02:00:5e:10:00:77',
  host: 'dhcp/host/42',
  hostname: 'laptop-07.lab.example',
  iaid: 0,
  last_updated: '2024-03-01T10:00:00.5Z',
  options: '{"Options":[{"Code":"53","Value":"Aw=="}]}',
  protocol: 'ip4',
  space: 'ipam/ip_space/1',
  starts: '2024-03-01T10:00:00Z',
  state: 'used',
  type: 'DHCPv4',
};

describe('infoblox_bloxone_ddi parser', () => {
  it('reads a DNS record: option and rdata addresses are related, the owner name a domain', () => {
    expect(infobloxBloxoneDdiParser.detect(dnsData)).toBe(true);
    const a = infobloxBloxoneDdiParser.parse(dnsData);
    expect(a.format).toBe('infoblox_bloxone_ddi.dns_data');
    expect(a.observables.ips).toEqual(['192.0.2.51', '192.0.2.50']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['www.lab.example']);
    expect(a.observedAt).toBe('2024-03-01T09:00:00.000Z');
    expect(a.ruleId).toBe('A');
  });

  it('skips rdata that is not an address', () => {
    const a = infobloxBloxoneDdiParser.parse({ ...dnsData, options: {}, rdata: { address: 'not-an-ip' } });
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a DNS config: every root server, forwarder and ACL address is related', () => {
    expect(infobloxBloxoneDdiParser.detect(dnsConfig)).toBe(true);
    const a = infobloxBloxoneDdiParser.parse(dnsConfig);
    expect(a.format).toBe('infoblox_bloxone_ddi.dns_config');
    expect(a.observables.ips).toEqual(['198.51.100.1', '198.51.100.2', '2001:db8::53', '203.0.113.0']);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('reads a DHCP lease: the address is related, the host and host name are hosts', () => {
    expect(infobloxBloxoneDdiParser.detect(lease)).toBe(true);
    const a = infobloxBloxoneDdiParser.parse(lease);
    expect(a.format).toBe('infoblox_bloxone_ddi.dhcp_lease');
    expect(a.observables.ips).toEqual(['192.0.2.77']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['dhcp/host/42', 'laptop-07.lab.example']);
    expect(a.observedAt).toBe('2024-03-01T10:00:00.500Z');
  });

  it('keeps record names out of related hosts', () => {
    expect(infobloxBloxoneDdiParser.domainsInRelatedHosts).toBe(false);
  });

  it('does not claim NIOS syslog lines or unrelated JSON', () => {
    expect(
      infobloxBloxoneDdiParser.detect(
        '<30>Mar  1 10:00:00 ns1.lab.example 192.0.2.1 named[123]: client 192.0.2.9#5353: query: www.lab.example IN A +',
      ),
    ).toBe(false);
    expect(infobloxBloxoneDdiParser.detect({ address: '192.0.2.1', hardware: 'x' })).toBe(false);
    expect(infobloxBloxoneDdiParser.detect({ rdata: {}, view: 'v' })).toBe(false);
    expect(infobloxBloxoneDdiParser.detect([dnsData])).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [dnsData, dnsConfig, lease]) {
      expect(registryClaims(raw, 'infoblox_bloxone_ddi').others).toEqual([]);
    }
  });
});
