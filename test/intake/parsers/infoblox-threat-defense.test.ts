// The Infoblox Threat Defense Data Connector parser on synthetic CEF lines (RPZ hit, DNS response, DHCP lease,
// audit, Atlas notification): endpoints, related addresses and hosts as Elastic's pipeline keeps them, the facts,
// negatives, and that no other specific parser but the generic CEF one claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { infobloxThreatDefenseParser as parser } from '../../../src/intake/parsers/infoblox-threat-defense.js';
import { registryClaims } from './registry-claims.js';

const rpz =
  'CEF:0|Infoblox|Data Connector|2.1.3|RPZ-QNAME-NXDOMAIN|RPZ EVENT QNAME NXDOMAIN|8|app=DNS dvc=192.0.2.10 ' +
  'dvchost=resolver01.example InfobloxB1OPHName=dfp01 InfobloxB1OPHIPAddress=198.51.100.7 ' +
  'InfobloxB1FeedName=Base InfobloxB1ThreatIndicator=bad.example msg="rpz QNAME NXDOMAIN rewrite x.bad.example. [A]" ' +
  'src=192.0.2.10 destinationDnsDomain=x.bad.example. spt=40000 InfobloxDNSQType=A dst=203.0.113.50 act=NXDOMAIN ' +
  'InfobloxRPZRule=base.x.bad.example. suser= InfobloxDNSView=default';

const dnsResponse =
  '<134>1 2025-06-08T15:42:47Z edge-host dataconnector - DNS-RESPONSE - CEF:0|Infoblox|Data Connector|2.1.3|' +
  'DNS Response|DNS Response IN A NXDOMAIN|1|app=DNS dvc=192.0.2.20 dvchost=192.0.2.20 InfobloxB1OPHIPAddress= ' +
  'suser= msg=example. 3600 IN SOA ns.example. src=192.0.2.21 destinationDnsDomain=nx.example. spt=5353 ' +
  'InfobloxDNSQType=A InfobloxDNSRCode=NXDOMAIN dst= proto=UDP';

const dhcp =
  'CEF:0|Infoblox|Data Connector|2.1.3|DHCP-LEASE-CREATE|DHCP Lease Create|1|src=192.0.2.30 ' +
  'InfobloxHostID=dhcp/host/4242 InfobloxRangeEnd=192.0.2.99 InfobloxRangeStart=192.0.2.1 smac=00:00:5e:00:53:01 ' +
  'shost=laptop-7. InfobloxLeaseOp=Create app=DHCP cat=DHCP Lease Create InfobloxHost=dhcp-node-1 dst=198.51.100.1';

const audit =
  '<134>1 2025-06-06T12:12:54Z edge-host dataconnector - AUDIT-LOG - CEF:0|Infoblox|Data Connector|2.1.3|' +
  'BloxOne-Audit-Log|BloxOne Audit Log|1|act=Create app=identity src=203.0.113.9 cat="BloxOne Audit Log" ' +
  'msg="Service API Key created" InfobloxResourceType=apikeys outcome=Success suser=alice@corp.example';

const atlas = (host: string): string =>
  '<134>1 2025-06-09T00:00:47Z edge-host dataconnector - ATLAS-NOTIFICATIONS - CEF:0|Infoblox|Data Connector|2.1.3|' +
  'BloxOne-Notifications-Log|BloxOne Atlas Notifications|8|cat="BloxOne Atlas Notifications" ' +
  `InfobloxEventOccurredTime=1749427247 InfobloxOnPremHostName=${host} msg="Interactive API key k1 is expiring" ` +
  'status=RAISED InfobloxNotificationType=ACCOUNT';

const samples = [rpz, dnsResponse, dhcp, audit, atlas('onprem-1'), atlas('(none)')];

describe('infobloxThreatDefenseParser', () => {
  it('detects Data Connector CEF, bare or behind an RFC 5424 header', () => {
    for (const s of samples) expect(parser.detect(s)).toBe(true);
  });

  it('maps an RPZ hit: src and dst endpoints, device and on-prem host addresses related, dvchost a host', () => {
    const a = parser.parse(rpz);
    expect(a.format).toBe('infoblox_threat_defense.event');
    expect(a.title).toBe('Infoblox Threat Defense: RPZ EVENT QNAME NXDOMAIN');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('base.x.bad.example.');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['192.0.2.10'],
      dst_ips: ['203.0.113.50'],
      ips: ['192.0.2.10', '203.0.113.50', '198.51.100.7'],
      users: [],
      hosts: ['resolver01.example'],
    });
  });

  it('relates a DNS response device host that is an address as an address, and reads the header time', () => {
    const a = parser.parse(dnsResponse);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-06-08T15:42:47.000Z');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['192.0.2.21'],
      dst_ips: [],
      ips: ['192.0.2.21', '192.0.2.20'],
      users: [],
      hosts: [],
    });
  });

  it('maps a DHCP lease: range bounds related, the DHCP host and host id related hosts, shost not', () => {
    expect(ecsIndicators(parser.parse(dhcp))).toEqual({
      src_ips: ['192.0.2.30'],
      dst_ips: ['198.51.100.1'],
      ips: ['192.0.2.30', '198.51.100.1', '192.0.2.99', '192.0.2.1'],
      users: [],
      hosts: ['dhcp-node-1', '4242'],
    });
  });

  it('maps an audit record: the source address and suser', () => {
    const i = ecsIndicators(parser.parse(audit));
    expect(i.src_ips).toEqual(['203.0.113.9']);
    expect(i.users).toEqual(['alice@corp.example']);
    expect(i.hosts).toEqual([]);
  });

  it('relates the on-prem host of a notification unless it is (none), timed by InfobloxEventOccurredTime', () => {
    const a = parser.parse(atlas('onprem-1'));
    expect(a.observedAt).toBe('2025-06-09T00:00:47.000Z');
    expect(ecsIndicators(a).hosts).toEqual(['onprem-1']);
    expect(ecsIndicators(parser.parse(atlas('(none)'))).hosts).toEqual([]);
  });

  it('does not claim other vendors CEF, Infoblox NIOS syslog, JSON or non-strings', () => {
    expect(parser.detect('CEF:0|Other|Data Connector|1|1|x|5|src=192.0.2.1')).toBe(false);
    expect(parser.detect('CEF:0|Infoblox|NIOS|9.0|1|x|5|src=192.0.2.1')).toBe(false);
    expect(
      parser.detect('<30>May 10 10:00:00 ns1 named[1]: client 192.0.2.1#5353: query: example.com IN A +'),
    ).toBe(false);
    expect(parser.detect({ message: rpz })).toBe(false);
    expect(parser.detect('{"vendor":"Infoblox","product":"Data Connector"}')).toBe(false);
    expect(parser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser except the generic CEF parser', () => {
    for (const s of samples)
      expect(registryClaims(s, 'infoblox_threat_defense.event').others.filter((n) => n !== 'cef')).toEqual(
        [],
      );
  });
});
