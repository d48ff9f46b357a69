// The Cisco IOS parser on synthetic syslog lines: header shapes, the source and destination of ACL, login,
// BADAUTH and PIM lines as Elastic's cisco_ios pipeline maps them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ciscoAironetParser } from '../../../src/intake/parsers/cisco-aironet.js';
import { ciscoAsaParser } from '../../../src/intake/parsers/cisco-asa.js';
import { ciscoIosParser } from '../../../src/intake/parsers/cisco-ios.js';
import { ciscoNexusParser } from '../../../src/intake/parsers/cisco-nexus.js';
import { registryClaims } from './registry-claims.js';

const acl =
  '<189>123: edge-rtr-1: *Mar  1 18:48:50.483 UTC: %SEC-6-IPACCESSLOGP: list 100 denied tcp 192.0.2.1(1234) -> 198.51.100.2(22), 1 packet';
const icmp =
  '<189>77: Mar  3 10:00:00.123: %SEC-6-IPACCESSLOGDP: list 101 permitted icmp 192.0.2.7 -> 203.0.113.9 (8/0), 3 packets';
const login =
  '<189>Oct 16 07:41:48 lab-sw-1.example.net 5512: *Oct 16 2024 07:39:09.425 UTC: %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: netops] [Source: 198.51.100.44] [localport: 22] at 07:39:09 UTC Wed Oct 16 2024';
const badauth =
  '<190>42: Dec 8 20:07:53.081: %TCP-6-BADAUTH: No MD5 digest from 192.0.2.5:179 to 198.51.100.6:5000 (RST) tableid - 0';
const named =
  '<190>43: Dec 8 20:07:53.081: %TCP-6-BADAUTH: Invalid MD5 digest from peer-a(179) to 198.51.100.6(5000)';
const rpJoin =
  '<187>12: *Apr  2 09:10:11.000: %PIM-1-INVALID_RP_JOIN: Received (*, 239.1.1.1) Join from 192.0.2.20 for invalid RP 203.0.113.30';
const plain =
  '<189>Oct 16 07:41:48 lab-sw-1.example.net 157: *Oct 16 2024 07:39:09.425 UTC: %AUTHMGR-5-SECURITY_VIOLATION: Security violation on the interface GigabitEthernet1/0/13, new MAC address (0011.2233.4455) is seen.';

/** An IOS XE platform record carrying the zone firewall's own tag and text. */
const platformDrop =
  '<190>88: 89: Aug 12 2023 12:15:33.963 mdt: %IOSXE-6-PLATFORM: R0/0: cpp_cp: QFP:0.0 Thread:001 TS:00000000000000000001 %FW-6-DROP_PKT: Dropping tcp pkt from GigabitEthernet1/0/2.6 192.0.2.44:53836 => 203.0.113.128:80(target:class)-(ZP_A:class-default) due to Policy drop:classify result with ip ident 1 tcp flag 0x2, seq 1, ack 0';
/** A header whose uptime counts years (`2y10w`). */
const yearsUp =
  '<166>7432: ASR920: 007438: 2y10w: %SYS-6-LOGOUT: User netops has exited tty session 3(192.0.2.71)';

describe('ciscoIosParser', () => {
  it('reads the record inside an IOS XE platform message by its own tag (a zone firewall drop)', () => {
    expect(ciscoIosParser.detect(platformDrop)).toBe(true);
    const a = ciscoIosParser.parse(platformDrop);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.dstIps).toEqual(['203.0.113.128']);
    expect(a.ruleId).toBe('FW-DROP_PKT');
  });

  it('reads a header whose uptime counts years', () => {
    expect(ciscoIosParser.detect(yearsUp)).toBe(true);
    const a = ciscoIosParser.parse(yearsUp);
    expect(a.observables.users).toEqual(['netops']);
    expect(a.observables.srcIps).toEqual(['192.0.2.71']);
  });

  it('reads an ACL log line as source and destination with the deny severity and the UTC time when a year is given', () => {
    const a = ciscoIosParser.parse(acl);
    expect(a.observables.srcIps).toEqual(['192.0.2.1']);
    expect(a.observables.dstIps).toEqual(['198.51.100.2']);
    expect(a.observables.ips).toEqual(['192.0.2.1', '198.51.100.2']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('SEC-IPACCESSLOGP');
    expect(a.severity).toBe('low');
  });

  it('reads an ICMP ACL line without ports', () => {
    const a = ciscoIosParser.parse(icmp);
    expect(a.observables.srcIps).toEqual(['192.0.2.7']);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
  });

  it('reads a login success as the user and the source address, not the device name', () => {
    const a = ciscoIosParser.parse(login);
    expect(a.observables.users).toEqual(['netops']);
    expect(a.observables.srcIps).toEqual(['198.51.100.44']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-10-16T07:39:09.425Z');
  });

  it('reads BADAUTH peers with either port spelling, a name becoming a related host', () => {
    expect(ciscoIosParser.parse(badauth).observables.ips).toEqual(['192.0.2.5', '198.51.100.6']);
    const a = ciscoIosParser.parse(named);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['peer-a']);
    expect(a.observables.dstIps).toEqual(['198.51.100.6']);
  });

  it('reads an invalid RP join as the joining source and the RP as destination', () => {
    const a = ciscoIosParser.parse(rpJoin);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['203.0.113.30']);
    expect(a.severity).toBe('critical');
  });

  it('reports no indicator for a line whose message Elastic does not dissect', () => {
    const a = ciscoIosParser.parse(plain);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('does not claim NX-OS, ASA, AireOS WLC or plain syslog lines', () => {
    const nexus =
      '<189>: 2024 Mar  5 10:00:00 UTC: %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 192.0.2.3@pts/0';
    const asa =
      '<166>Mar 05 2024 10:00:00 fw-1 : %ASA-6-302013: Built inbound TCP connection 1 for outside:192.0.2.1/1 (192.0.2.1/1) to inside:198.51.100.1/22 (198.51.100.1/22)';
    expect(ciscoIosParser.detect(nexus)).toBe(false);
    expect(ciscoIosParser.detect(asa)).toBe(false);
    const wlc =
      "<133>wlc-lab-1: *emWeb: Aug 22 18:11:40.438: %AAA-5-AAA_AUTH_ADMIN_USER: aaa.c:3083 Authentication succeeded for admin user 'netops' on 192.0.2.60";
    expect(ciscoAironetParser.detect(wlc)).toBe(true);
    expect(ciscoIosParser.detect(wlc)).toBe(false);
    expect(ciscoIosParser.detect('<13>Mar  5 10:00:00 host-a sshd[1]: Accepted password for bob')).toBe(
      false,
    );
    expect(ciscoIosParser.detect({ message: acl })).toBe(false);
  });

  it('is claimed by no other specific parser, and the Cisco siblings do not claim it', () => {
    for (const line of [acl, icmp, login, badauth, named, rpJoin, plain, platformDrop, yearsUp]) {
      expect(ciscoIosParser.detect(line)).toBe(true);
      expect(registryClaims(line, 'cisco_ios.log').others).toEqual([]);
      expect(
        ciscoNexusParser.detect(line) || ciscoAsaParser.detect(line) || ciscoAironetParser.detect(line),
      ).toBe(false);
    }
  });
});
