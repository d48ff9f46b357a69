// The Infoblox NIOS parser on synthetic syslog lines (admin audit, BIND named queries and zone events,
// DHCPD leases): detection, every indicator as Elastic's infoblox_nios pipeline maps it, and no double claims.
import { describe, expect, it } from 'vitest';
import { infobloxNiosParser } from '../../../src/intake/parsers/infoblox-nios.js';
import { registryClaims } from './registry-claims.js';

const loginAllowed =
  '<29>Jun  3 08:15:02 gm.infoblox.example 192.0.2.10 httpd: 2025-06-03 08:15:02.123Z [ops\\040lead]: Login_Allowed - - to=AdminConnector ip=198.51.100.20 auth=LOCAL group=admins apparently_via=GUI';
const logout =
  '<29>Jun  3 08:20:00 gm.infoblox.example httpd[]: 2025-06-03 08:20:00.500Z [auditor]: Logout - - ip=198.51.100.21 group=admins trigger_event=Session\\040Expiration';
const modified =
  '<29>Jun  3 08:21:00 192.0.2.10 httpd: 2025-06-03 08:21:00.001Z [netadmin]: Modified Network 203.0.113.0/24 network_view=default: Changed comment:"a"->"b"';
const serial =
  '<29>Jun  3 08:22:00 192.0.2.10 serial_console: 2025-06-03 08:22:00.001Z [root]: Login_Allowed - - to=Serial\\040Console apparently_via=Direct';
const query =
  '<30>Jun  3 09:00:00 ns1.infoblox.example 192.0.2.11 named[2211]: client @0x7f3a2c0 198.51.100.30#53210 (www.example.com): query: www.example.com IN A +E(0)K (192.0.2.11)';
const plainBind =
  '<30>Jun  3 09:00:01 dns-a named[77]: queries: client @0x55aa 203.0.113.40#40000 (mail.example.org): view internal: query: mail.example.org IN MX + (192.0.2.53)';
const response =
  '<30>Jun  3 09:00:02 ns1.infoblox.example 192.0.2.11 named[2211]: 03-Jun-2025 09:00:02.100 client 198.51.100.31#5353: UDP: query: api.example.net IN A response: NOERROR +AE api.example.net. 300 IN CNAME edge.example.net.; edge.example.net. 60 IN A 203.0.113.90;';
const notify =
  '<30>Jun  3 09:00:03 ns1.infoblox.example 192.0.2.11 named[2211]: zone corp.example/IN: notify from 192.0.2.12#53: serial 2025060301';
const ack =
  '<30>Jun  3 10:00:00 dhcp1.infoblox.example 192.0.2.13 dhcpd[900]: DHCPACK on 198.51.100.50 to 00:11:22:aa:bb:cc (laptop-42) via eth1 relay 192.0.2.1 lease-duration 3600 (RENEW) uid 01:00:11:22:aa:bb:cc';
const request =
  '<30>Jun  3 10:00:01 dhcp1.infoblox.example 192.0.2.13 dhcpd[900]: DHCPREQUEST for 198.51.100.51 (192.0.2.13) from 00:11:22:aa:bb:cd (printer-7) via 192.0.2.2 TransID 5a1b2c3d uid 01:00:11:22:aa:bb:cd (RENEW)';
const samples = [loginAllowed, logout, modified, serial, query, plainBind, response, notify, ack, request];

describe('infobloxNiosParser', () => {
  it('detects NIOS audit, named and dhcpd lines and not other formats', () => {
    for (const line of samples) expect(infobloxNiosParser.detect(line)).toBe(true);
    expect(
      infobloxNiosParser.detect('<134>Jun  3 10:00:00 fw1 filterlog: 5,,,1000,em0,match,block,in,4'),
    ).toBe(false);
    // A plain ISC dhcpd line (pfSense forwards these, mapped by its own pipeline) is not claimed.
    expect(
      infobloxNiosParser.detect(
        '<190>Jun  3 10:00:00 dhcpd: DHCPACK on 198.51.100.50 to 00:11:22:aa:bb:cc via em1',
      ),
    ).toBe(false);
    expect(infobloxNiosParser.detect('<30>Jun  3 10:00:00 web1 httpd[12]: GET /index.html 200')).toBe(false);
    expect(infobloxNiosParser.detect({ message: loginAllowed })).toBe(false);
  });

  it('reads a login: the user with \\040 as a space, then the client and header addresses as related only', () => {
    const a = infobloxNiosParser.parse(loginAllowed);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.10']);
    expect(a.observables.users).toEqual(['ops lead']);
    expect(a.observables.hosts).toEqual(['gm.infoblox.example']);
    expect(a.observedAt).toBe('2025-06-03T08:15:02.123Z');
    expect(a.ruleId).toBe('httpd:login_allowed');
  });

  it('reads a logout whose header has a host name and no address', () => {
    const a = infobloxNiosParser.parse(logout);
    expect(a.observables.ips).toEqual(['198.51.100.21']);
    expect(a.observables.users).toEqual(['auditor']);
    expect(a.observables.hosts).toEqual(['gm.infoblox.example']);
  });

  it('takes the user of an object change but not the network it names, and an address-only header is no host', () => {
    const a = infobloxNiosParser.parse(modified);
    expect(a.observables.ips).toEqual(['192.0.2.10']);
    expect(a.observables.users).toEqual(['netadmin']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('maps a serial-console line by its header only, as Elastic parses audit detail for httpd alone', () => {
    const a = infobloxNiosParser.parse(serial);
    expect(a.observables.ips).toEqual(['192.0.2.10']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads a named query: client and server addresses related, the queried name a domain', () => {
    const a = infobloxNiosParser.parse(query);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.30', '192.0.2.11']);
    expect(a.observables.domains).toEqual(['www.example.com']);
    expect(a.observables.hosts).toEqual(['ns1.infoblox.example']);
  });

  it('reads a plain BIND query line with a category and a view the same way', () => {
    const a = infobloxNiosParser.parse(plainBind);
    expect(a.observables.ips).toEqual(['203.0.113.40', '192.0.2.53']);
    expect(a.observables.domains).toEqual(['mail.example.org']);
    expect(a.observables.hosts).toEqual(['dns-a']);
  });

  it('reads a query response with answers: answer addresses and names are indicators too', () => {
    const a = infobloxNiosParser.parse(response);
    expect(a.observables.ips).toEqual(['203.0.113.90', '198.51.100.31', '192.0.2.11']);
    expect(a.observables.domains).toEqual(['api.example.net', 'edge.example.net']);
    expect(a.observedAt).toBe('2025-06-03T09:00:02.100Z');
  });

  it('reads a zone notify: the notifying server and the zone', () => {
    const a = infobloxNiosParser.parse(notify);
    expect(a.observables.ips).toEqual(['192.0.2.12', '192.0.2.11']);
    expect(a.observables.domains).toEqual(['corp.example']);
  });

  it('reads a DHCPACK: the leased, interface and relay addresses and the client host name', () => {
    const a = infobloxNiosParser.parse(ack);
    expect(a.observables.ips).toEqual(['198.51.100.50', '192.0.2.1', '192.0.2.13']);
    expect(a.observables.hosts).toEqual(['laptop-42', 'dhcp1.infoblox.example']);
    expect(a.ruleId).toBe('dhcpd:dhcpack');
  });

  it('reads a DHCPREQUEST: the requested, router and interface addresses in Elastic’s order', () => {
    const a = infobloxNiosParser.parse(request);
    expect(a.observables.ips).toEqual(['198.51.100.51', '192.0.2.13', '192.0.2.2']);
    expect(a.observables.hosts).toEqual(['printer-7', 'dhcp1.infoblox.example']);
  });

  it('reads a dhcpd line whose header host is an address: that address is related, a network is no address', () => {
    const byAddress =
      '<30>Jun  3 10:00:02 192.0.2.13 dhcpd[900]: DHCPREQUEST for 198.51.100.52 from 00:11:22:aa:bb:ce via 192.0.2.2';
    expect(infobloxNiosParser.detect(byAddress)).toBe(true);
    expect(infobloxNiosParser.parse(byAddress).observables.ips).toEqual([
      '198.51.100.52',
      '192.0.2.2',
      '192.0.2.13',
    ]);
    const noLease =
      '<30>Jun  3 10:00:03 192.0.2.13 dhcpd[901]: DHCPDISCOVER from 00:11:22:aa:bb:cf via eth1 TransID 0a0b0c0d: network 198.51.100.0/24: no free leases';
    const a = infobloxNiosParser.parse(noLease);
    expect(a.observables.ips).toEqual(['192.0.2.13']);
    expect(a.observables.hosts).toEqual([]);
    // pfSense's parser reads any ISC dhcpd line; NIOS is registered ahead of it, so its members' lines are NIOS's.
    expect(registryClaims(byAddress, 'infoblox_nios')).toEqual({
      first: 'infoblox_nios',
      others: ['pfsense.log'],
    });
    // A dhcpd line under a plain host name (a Linux or pfSense DHCP server) is not NIOS's.
    expect(
      infobloxNiosParser.detect(
        '<30>Jun  3 10:00:04 dhcp-linux dhcpd[77]: DHCPACK on 198.51.100.53 to 00:11:22:aa:bb:d0 via eth0',
      ),
    ).toBe(false);
  });

  it('reads a NIOS RPZ CEF line: the addresses related only, the header host a host (cefParser also claims it)', () => {
    const rpz =
      '<30>Jun  3 10:00:05 ns1.infoblox.example named[300]: CEF:0|Infoblox|NIOS|9.0.1|RPZ-QNAME|NXDOMAIN|7|app=DNS dst=192.0.2.53 src=198.51.100.77 spt=53001 view=_default qtype=A msg="rpz QNAME NXDOMAIN rewrite bad.example [A] via bad.example.rpz.example" CAT=RPZ';
    expect(infobloxNiosParser.detect(rpz)).toBe(true);
    const a = infobloxNiosParser.parse(rpz);
    expect(a.observables.ips).toEqual(['198.51.100.77', '192.0.2.53']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['ns1.infoblox.example']);
    // Elastic's NIOS pipeline, not its CEF one, reads these: infobloxNiosParser must be registered before cefParser.
    expect(registryClaims(rpz, 'infoblox_nios').others).toEqual(['cef']);
  });

  it('reads a BIND query line whose category is followed by its own timestamp, and drops an unspecified answer', () => {
    const line =
      '<30>Jun  3 10:00:06 192.0.2.13 named[301]: infoblox-responses: 03-Jun-2025 10:00:06.120 client 198.51.100.8#50000: UDP: query: sinkhole.example IN A response: NOERROR + sinkhole.example. 60 IN A 0.0.0.0;';
    expect(infobloxNiosParser.detect(line)).toBe(true);
    const a = infobloxNiosParser.parse(line);
    expect(a.observables.ips).toEqual(['198.51.100.8', '192.0.2.13']);
    expect(a.observables.domains).toEqual(['sinkhole.example']);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const line of samples) expect(registryClaims(line, 'infoblox_nios').others).toEqual([]);
  });
});
