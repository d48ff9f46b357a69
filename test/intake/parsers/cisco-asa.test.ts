// The Cisco ASA parser on synthetic lines of the message shapes a first reading missed: interfaces with a
// prefix, endpoints without a port or written by name, bare AnyConnect users, VPN sessions, tags that are no
// users, and FTD's Snort sensor tag.
import { describe, expect, it } from 'vitest';
import { ciscoAsaParser } from '../../../src/intake/parsers/cisco-asa.js';

const HEAD = '<166>Mar 05 2024 10:00:00 asa-lab-01 : ';
const parse = (line: string) => {
  expect(ciscoAsaParser.detect(line), line).toBe(true);
  return ciscoAsaParser.parse(line);
};

describe('cisco asa syslog: the less common shapes', () => {
  it('reads 106023 endpoints whose interface has a prefix or that have no port, and a relay’s facility prefix', () => {
    const a = parse(
      'LOCAL4.WARNING: fw-lab-1 %ASA-4-106023: Deny udp src v1:outside:192.0.2.9/54864 dst inside:198.51.100.3 by access-group "outside_acl" [0x0, 0x0]',
    );
    expect(a.observables.srcIps).toEqual(['192.0.2.9']);
    expect(a.observables.dstIps).toEqual(['198.51.100.3']);
    expect(a.observables.hosts).toEqual(['fw-lab-1']);
  });

  it('reports an endpoint written by name as a host, beside the address of the other end', () => {
    const a = parse(
      `${HEAD}%ASA-6-302013: Built inbound TCP connection 11 for DMZ:files-07/5802 (files-07/5802) to SERVERS:192.0.2.121/80 (192.0.2.121/80)`,
    );
    expect(a.observables.hosts).toEqual(['asa-lab-01', 'files-07']);
    expect(a.observables.ips).toContain('192.0.2.121');
    const icmp = parse(
      `${HEAD}%ASA-6-302021: Teardown ICMP connection for faddr target.example.local/10005 gaddr 192.0.2.66/0 laddr prod-host.example/0`,
    );
    expect(icmp.observables.hosts).toEqual(['asa-lab-01', 'target.example.local', 'prod-host.example']);
  });

  it('takes no user from a security-group tag or a NAT’d name with its port', () => {
    const sgt = parse(
      `${HEAD}%ASA-4-106023: Deny tcp src outside:192.0.2.2/51982(9999:lab_Sgt) dst inside:192.0.2.3/443 by access-group "in" [0x0, 0x0]`,
    );
    expect(sgt.observables.users).toEqual([]);
    expect(sgt.observables.srcIps).toEqual(['192.0.2.2']);
    const nat = parse(
      `${HEAD}%ASA-3-338204: Dynamic filter dropped blacklisted TCP traffic from inside:192.0.2.5/11234 (source.example.net/11234) to outside:198.51.100.9/80 (www.example.org/80)`,
    );
    expect(nat.observables.users).toEqual([]);
  });

  it('reads a bare AnyConnect user and its address, a DAP record’s address and a teardown’s local host', () => {
    const ac = parse(
      `${HEAD}%ASA-4-113029: Group VPN_USERS User lab.user IP 198.51.100.14 Session could not be established`,
    );
    expect(ac.observables.users).toEqual(['lab.user']);
    expect(ac.observables.srcIps).toEqual(['198.51.100.14']);
    const dap = parse(
      `${HEAD}%ASA-6-734001: DAP: User erin@example.org, Addr 198.51.100.44, Connection AnyConnect: records dap_1`,
    );
    expect(dap.observables.srcIps).toEqual(['198.51.100.44']);
    const teardown = parse(`${HEAD}%ASA-7-609002: Teardown local-host net:192.0.2.22 duration 0:00:00`);
    expect(teardown.observables.srcIps).toEqual(['192.0.2.22']);
  });

  it('keeps a message’s from/to flow when a word after `Addr` is no address', () => {
    const a = parse(
      `${HEAD}%ASA-4-400013: IDS:2003 ICMP redirect from 192.0.2.1 to 198.51.100.2 on interface outside Addr face`,
    );
    expect(a.observables.srcIps).toEqual(['192.0.2.1']);
    expect(a.observables.dstIps).toEqual(['198.51.100.2']);
  });

  it('reads no flow between the client address and the address an AnyConnect session was given', () => {
    const a = parse(
      `${HEAD}%ASA-4-722051: Group <Lab> User <grace> IP <198.51.100.12> IPv4 Address <192.0.2.200> IPv6 address <::> assigned to session`,
    );
    expect(a.observables.srcIps).toEqual(['198.51.100.12']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toContain('192.0.2.200');
  });

  it('reads a 751025 VPN session: Local then Remote, the user without its domain, no address from a bad one', () => {
    const a = parse(
      `${HEAD}%ASA-6-751025: Local:192.0.2.10:4500 Remote:198.51.100.26:50467 Username:bob.smith@example.org IKEv2 Group:Lab IPv4 Address=172.16.58.31 IPv6 address=invalid-addr-2-0.0.0.0 assigned to session`,
    );
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.26']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.26', '172.16.58.31']);
    expect(a.observables.users).toEqual(['bob.smith']);
    const named = parse(
      `${HEAD}%ASA-6-751025: Local:vpn-01.example.com:4500 Remote:client-01.example.net:50469 Username:dave Group:Lab IPv4 Address=172.16.58.33 assigned to session`,
    );
    expect(named.observables.hosts).toEqual(['asa-lab-01', 'vpn-01.example.com', 'client-01.example.net']);
  });

  it('keeps the written order of an FTD “Built outbound” connection, which the ASA pipeline turns round', () => {
    const line = (tag: string) =>
      `${HEAD}%${tag}-6-302013: Built outbound TCP connection 7 for outside:203.0.113.9/443 (203.0.113.9/443) to inside:192.0.2.7/5000 (198.51.100.7/5000)`;
    expect(parse(line('ASA')).observables.srcIps).toEqual(['192.0.2.7']);
    expect(parse(line('FTD')).observables.srcIps).toEqual(['203.0.113.9']);
  });

  it('reads the Snort sensor’s %NGIPS- security events and an FTD tag written with a double dash as FTD', () => {
    const ngips = parse(
      '2024-03-05T10:00:00Z LAB-SENSOR-3D Alerts %NGIPS-0-430003: AccessControlRuleAction: Allow, SrcIP: 198.51.100.4, DstIP: 192.0.2.4, SrcPort: 65090, DstPort: 80, Protocol: tcp',
    );
    expect(ngips.format).toBe('cisco_ftd.log');
    expect(ngips.observables.srcIps).toEqual(['198.51.100.4']);
    const dashes = parse(
      '<166>:Mar 05 10:00:00 UTC: %FTD--6-852002: Received Full Proxy to Lightweight event from application Snort for TCP flow 192.0.2.10/710 to 198.51.100.44/47873',
    );
    expect(dashes.format).toBe('cisco_ftd.log');
    expect(dashes.ruleId).toBe('FTD-852002');
  });
});
