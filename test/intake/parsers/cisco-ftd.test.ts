// The Cisco ASA/FTD parser on synthetic Firepower Threat Defense syslog lines: ASA-style message ids sent
// by FTD, FTD's own 430001-430005 security events, the `cisco_ftd.log` format, and no double claims.
import { describe, expect, it } from 'vitest';
import { ciscoAsaParser } from '../../../src/intake/parsers/cisco-asa.js';
import { parsers } from '../../../src/intake/parsers/index.js';

const HEAD = '<166>Mar 05 2024 10:00:00 ftd-lab-01 : ';

const icmpInbound = `${HEAD}%FTD-6-302020: Built inbound ICMP connection for faddr 203.0.113.20/4321 gaddr 198.51.100.10/0 laddr 192.0.2.30/0 type 8 code 0`;
const icmpOutbound = `${HEAD}%FTD-6-302020: Built outbound ICMP connection for faddr 203.0.113.20/0 gaddr 198.51.100.10/0 laddr 192.0.2.30/0 type 8 code 0`;
const aaaRejected = `${HEAD}%FTD-6-113005: AAA user authentication Rejected : reason = Invalid password : server = 192.0.2.5 : user = carol_admin : user IP = 198.51.100.44`;
const nestedTag = `${HEAD}%FTD-6-113005: %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 192.0.2.5 : user = carol_admin : user IP = 198.51.100.44`;
const vpnDisconnect = `${HEAD}%FTD-4-113019: Group = LabVPN, Username = dave, IP = 203.0.113.77, Session disconnected. Session Type: SSL, Duration: 0h:10m:00s, Bytes xmt: 100, Bytes rcv: 200, Reason: User Requested`;
const anyConnect = `${HEAD}%FTD-auth-6-113039: Group <LabPolicy> User <Erin Laptop> IP <198.51.100.61> AnyConnect parent session started.`;
const intrusion = `${HEAD}%FTD-1-430001: DeviceUUID: 00000000-0000-0000-0000-000000000001, InstanceID: 1, SrcIP: 203.0.113.9, DstIP: 192.0.2.40, SrcPort: 4444, DstPort: 80, Protocol: tcp, IngressInterface: outside, EgressInterface: inside, Priority: 1, GID: 1, SID: 1000001, Revision: 1, Message: SYNTHETIC-TEST exploit attempt, Classification: Attempted Administrator Privilege Gain, User: LAB\\frank, IntrusionPolicy: Lab Policy`;
const connection = `${HEAD}%FTD-6-430003: DeviceUUID: 00000000-0000-0000-0000-000000000001, SrcIP: 192.0.2.50, DstIP: 198.51.100.80, SrcPort: 51000, DstPort: 443, Protocol: tcp, NAT_InitiatorIP: 203.0.113.50, NAT_ResponderIP: 198.51.100.80, User: Not Found, NetBIOSDomain: LABDOM, ReferencedHost: www.example.com, SSLServerName: api.example.net, URL: https://www.example.com/index.html, AccessControlRuleAction: Allow`;
const dnsEvent = `${HEAD}%FTD-6-430002: SrcIP: 2001:db8::10, DstIP: 2001:db8::53, SrcPort: 53000, DstPort: 53, Protocol: udp, DNSQuery: bad.example.org, User: No Authentication Required`;
const malware = `${HEAD}%FTD-1-430005: SrcIP: 198.51.100.90, DstIP: 192.0.2.60, FileName: invoice.exe, FileSHA256: ${'ab'.repeat(32)}, ThreatName: Synthetic.Trojan, User: grace`;
const asaLine =
  '<166>Mar 05 2024 10:00:00 asa-lab-01 : %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 192.0.2.5 : user = heidi : user IP = 198.51.100.45';

const samples = [
  icmpInbound,
  icmpOutbound,
  aaaRejected,
  nestedTag,
  vpnDisconnect,
  anyConnect,
  intrusion,
  connection,
  dnsEvent,
  malware,
];

describe('cisco ftd syslog', () => {
  it('reports FTD lines as cisco_ftd.log and ASA lines as cisco_asa.log', () => {
    for (const s of samples) expect(ciscoAsaParser.parse(s).format).toBe('cisco_ftd.log');
    expect(ciscoAsaParser.parse(asaLine).format).toBe('cisco_asa.log');
  });

  it('reads an inbound 302020 from the foreign to the local address, with the global one related', () => {
    const o = ciscoAsaParser.parse(icmpInbound).observables;
    expect(o.srcIps).toEqual(['203.0.113.20']);
    expect(o.dstIps).toEqual(['192.0.2.30']);
    expect([...o.ips].sort()).toEqual(['192.0.2.30', '198.51.100.10', '203.0.113.20']);
    expect(o.hosts).toEqual(['ftd-lab-01']);
  });

  it('reads an outbound 302020 from the local to the foreign address', () => {
    const o = ciscoAsaParser.parse(icmpOutbound).observables;
    expect(o.srcIps).toEqual(['192.0.2.30']);
    expect(o.dstIps).toEqual(['203.0.113.20']);
  });

  it('maps a rejected AAA login to user address → server, even behind a repeated ASA tag', () => {
    for (const s of [aaaRejected, nestedTag, asaLine]) {
      const a = ciscoAsaParser.parse(s);
      expect(a.observables.srcIps).toEqual(
        ['198.51.100.44'].map((ip) => (s === asaLine ? '198.51.100.45' : ip)),
      );
      expect(a.observables.dstIps).toEqual(['192.0.2.5']);
    }
    expect(ciscoAsaParser.parse(aaaRejected).observables.users).toEqual(['carol_admin']);
    expect(ciscoAsaParser.parse(nestedTag).title.startsWith('AAA user authentication')).toBe(true);
  });

  it('reports the VPN peer of a 113019 disconnect as the destination, as Elastic does', () => {
    const o = ciscoAsaParser.parse(vpnDisconnect).observables;
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual(['203.0.113.77']);
    expect(o.users).toEqual(['dave']);
  });

  it('keeps an AnyConnect user name with spaces whole', () => {
    const o = ciscoAsaParser.parse(anyConnect).observables;
    expect(o.users).toEqual(['Erin Laptop']);
    expect(o.srcIps).toEqual(['198.51.100.61']);
  });

  it('maps an intrusion event by key, dropping the user domain, with the rule message as title', () => {
    const a = ciscoAsaParser.parse(intrusion);
    expect(a.observables.srcIps).toEqual(['203.0.113.9']);
    expect(a.observables.dstIps).toEqual(['192.0.2.40']);
    expect(a.observables.ips).toEqual(['203.0.113.9', '192.0.2.40']);
    expect(a.observables.users).toEqual(['frank']);
    expect(a.title).toBe('SYNTHETIC-TEST exploit attempt');
  });

  it('relates NAT addresses, the NetBIOS domain as a host and the URL sites as domains of a connection event', () => {
    const o = ciscoAsaParser.parse(connection).observables;
    expect(o.srcIps).toEqual(['192.0.2.50']);
    expect(o.dstIps).toEqual(['198.51.100.80']);
    expect(o.ips).toEqual(['192.0.2.50', '203.0.113.50', '198.51.100.80']);
    expect(o.users).toEqual([]);
    expect(o.hosts).toEqual(['ftd-lab-01', 'LABDOM']);
    expect(o.domains).toEqual(['www.example.com', 'api.example.net']);
    expect(ciscoAsaParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads IPv6 endpoints and the DNS query of a connection event, with no placeholder user', () => {
    const o = ciscoAsaParser.parse(dnsEvent).observables;
    expect(o.srcIps).toEqual(['2001:db8::10']);
    expect(o.dstIps).toEqual(['2001:db8::53']);
    expect(o.users).toEqual([]);
    expect(o.domains).toEqual(['bad.example.org']);
  });

  it('reads a malware event with its user, file hash and threat name', () => {
    const a = ciscoAsaParser.parse(malware);
    expect(a.observables.srcIps).toEqual(['198.51.100.90']);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.observables.hashes).toEqual(['ab'.repeat(32)]);
    expect(a.title).toBe('Synthetic.Trojan');
  });

  it('reads the domain of an FTD 313005 source user as its first segment, LOCAL included', () => {
    const grouped = ciscoAsaParser.parse(
      `${HEAD}%FTD-4-313005: No matching connection for ICMP error message: icmp src lan:192.0.2.21(LOCAL\\labgroup\\judy) dst wan:198.51.100.31 (type 3, code 3) on lan interface.  Original IP payload: udp src 192.0.2.21/53 dst 198.51.100.31/40000.`,
    );
    expect(grouped.observables.users).toEqual(['judy']);
    expect(grouped.observables.hosts).toEqual(['ftd-lab-01', 'LOCAL']);
    const plain = ciscoAsaParser.parse(
      `${HEAD}%FTD-4-313005: No matching connection for ICMP error message: icmp src lan:192.0.2.21(LABDOM\\judy) dst wan:198.51.100.31 (type 3, code 3) on lan interface.  Original IP payload: udp src 192.0.2.21/53 dst 198.51.100.31/40000.`,
    );
    expect(plain.observables.hosts).toEqual(['ftd-lab-01', 'LABDOM']);
  });

  it('reports a 313005 payload endpoint written as a name as a host, not an address', () => {
    const a = ciscoAsaParser.parse(
      `${HEAD}%FTD-4-313005: No matching connection for ICMP error message: icmp src lan:192.0.2.22 dst wan:pc7.lab.example (type 3, code 3) on lan interface.  Original IP payload: udp src pc7.lab.example/53 dst 192.0.2.22/40001.`,
    );
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual(['192.0.2.22']);
    expect(a.observables.hosts).toEqual(['ftd-lab-01', 'pc7.lab.example']);
  });

  it('does not claim a line of another format', () => {
    expect(
      ciscoAsaParser.detect(
        '<13>Mar  5 10:00:00 web-01 sshd[42]: Accepted password for ivan from 192.0.2.7 port 22 ssh2',
      ),
    ).toBe(false);
    expect(ciscoAsaParser.detect({ SrcIP: '192.0.2.1' })).toBe(false);
  });

  it('is the only specific parser in the registry that claims the samples', () => {
    for (const s of samples) {
      expect(ciscoAsaParser.detect(s)).toBe(true);
      const others = parsers.filter((p) => p !== ciscoAsaParser && p.generic !== true && p.detect(s));
      expect(others.map((p) => p.name)).toEqual([]);
    }
  });
});
