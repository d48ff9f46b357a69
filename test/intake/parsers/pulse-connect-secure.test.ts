// The Pulse Connect Secure parser on synthetic syslog lines (RFC 5424-style `<pri>1` and RFC 3164-wrapped):
// the client as the source with no related address, the user without realm or domain, a VPN tunnel's
// hostname as the host, the reported facts; and that no other specific parser claims them.
import { describe, expect, it } from 'vitest';
import { pulseConnectSecureParser } from '../../../src/intake/parsers/pulse-connect-secure.js';
import { registryClaims } from './registry-claims.js';

const primary =
  '<174>1 2024-03-14T09:00:00+01:00 192.0.2.1 PulseSecure: - - - 2024-03-14 09:00:00 - vpn-node-a - [198.51.100.25] alice.smith(Staff)[Users] - Primary authentication successful for alice.smith/Staff from 198.51.100.25';
const tunnel =
  'Mar 14 09:01:00 vpn-node-a 1 2024-03-14T09:01:00+01:00 192.0.2.1 PulseSecure: - - - 2024-03-14 09:01:00 - vpn-node-a - [198.51.100.25] alice.smith(Staff)[Users] - VPN Tunneling: Session started for user (session: sid0123abcd) with IPv4 address 10.20.30.40, hostname LAPTOP-42';
const failed =
  '<174>1 2024-03-14T09:02:00+01:00 192.0.2.1 PulseSecure: - - - 2024-03-14 09:02:00 - vpn-node-a - [203.0.113.9] CORP\\bob(Staff)[] - AUT24414: Login failed using auth server Corp-AD. Reason: Failed';
const system =
  '<174>1 2024-03-14T09:03:00+01:00 192.0.2.1 PulseSecure: - - - 2024-03-14 09:03:00 - vpn-node-a - [127.0.0.1] System()[] - Syslog server 192.0.2.200 added to Events logs';
const ipv6Email =
  '<174>1 2024-03-14T09:04:00Z vpn-gw.example.com PulseSecure: - - - 2024-03-14 09:04:00 - vpn-node-b - [2001:db8::44] carol@corp.example(Partners)[Guests] - Agent login succeeded for carol/Partners (session:sid99) from 2001:db8::44 with Pulse-Secure/9.1 (Windows 10) Pulse/9.1.';

const samples = [primary, tunnel, failed, system, ipv6Email];

describe('pulseConnectSecureParser', () => {
  it('detects <pri>1 and RFC 3164-wrapped Pulse Secure events', () => {
    for (const s of samples) expect(pulseConnectSecureParser.detect(s), s).toBe(true);
  });

  it('does not claim other syslog lines, malformed events or non-text payloads', () => {
    const others = [
      '<174>1 2024-03-14T09:00:00+01:00 192.0.2.1 sshd 42 - - Accepted password for alice from 192.0.2.10',
      'PulseSecure: id=firewall time="2024-03-14 09:00:00" pri=6 fw=192.0.2.1 user=alice msg="AUT22670: Login succeeded"',
      '<174>1 2024-03-14T09:00:00+01:00 192.0.2.1 PulseSecure: something unstructured',
      { message: primary },
      '',
    ];
    for (const o of others) expect(pulseConnectSecureParser.detect(o), JSON.stringify(o)).toBe(false);
  });

  it('reports the client as the source, the user, and no related address', () => {
    const a = pulseConnectSecureParser.parse(primary);
    expect(a.observables).toMatchObject({
      srcIps: ['198.51.100.25'],
      dstIps: [],
      ips: [],
      users: ['alice.smith'],
      hosts: [],
    });
    expect(a.observedAt).toBe('2024-03-14T08:00:00.000Z');
    expect(a.title).toContain('Primary authentication successful');
  });

  it('reports the hostname a VPN tunnel announces as a host, not the tunnel address', () => {
    const o = pulseConnectSecureParser.parse(tunnel).observables;
    expect(o).toMatchObject({
      srcIps: ['198.51.100.25'],
      ips: [],
      users: ['alice.smith'],
      hosts: ['LAPTOP-42'],
    });
  });

  it('drops the domain from a DOMAIN\\user name, rates a failed login medium and keeps its message code', () => {
    const a = pulseConnectSecureParser.parse(failed);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('AUT24414');
  });

  it('keeps the System actor as Elastic does and ignores addresses inside the message', () => {
    const o = pulseConnectSecureParser.parse(system).observables;
    expect(o).toMatchObject({ srcIps: ['127.0.0.1'], ips: [], users: ['System'] });
  });

  it('reads an IPv6 client and an e-mail style user', () => {
    const o = pulseConnectSecureParser.parse(ipv6Email).observables;
    expect(o).toMatchObject({ srcIps: ['2001:db8::44'], users: ['carol'] });
  });

  it('is the only specific parser that claims these lines', () => {
    for (const s of samples) expect(registryClaims(s, pulseConnectSecureParser.name).others, s).toEqual([]);
  });
});
