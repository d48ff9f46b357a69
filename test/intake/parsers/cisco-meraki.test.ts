// The Cisco Meraki parser on synthetic syslog lines of every supported message type: detection, the role of
// every indicator (as Elastic's cisco_meraki.log pipelines map them) and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { ciscoMerakiParser } from '../../../src/intake/parsers/cisco-meraki.js';
import { registryClaims } from './registry-claims.js';

const head = (device: string, type: string): string => `<134>1 1710000000.123456789 ${device} ${type}`;

const samples = {
  flowAllow: `${head('mx-lab-1', 'flows')} allow src=192.0.2.10 dst=198.51.100.20 mac=00:11:22:33:44:55 protocol=tcp sport=50100 dport=443`,
  flowPattern: `${head('mx-lab-1', 'flows')} src=192.0.2.11 dst=203.0.113.9 mac=00:11:22:33:44:56 protocol=udp sport=5353 dport=53 pattern: deny (dst 203.0.113.0/24)`,
  flowV6: `${head('mr-lab-2', 'flows')} allow src=2001:db8::10 dst=2001:db8:1::20 mac=00:11:22:33:44:57 protocol=icmp6 type=135`,
  firewall: `${head('mx-lab-1', 'vpn_firewall')} src=192.0.2.12 dst=198.51.100.21 mac=00:11:22:33:44:58 protocol=udp sport=9000 dport=53 pattern: allow all`,
  ipFlowStart: `${head('mx-lab-3', 'ip_flow_start')} src=192.0.2.13 dst=198.51.100.22 protocol=tcp sport=40000 dport=80 translated_src_ip=203.0.113.50 translated_port=40000`,
  ipFlowEnd: `${head('mx-lab-3', 'ip_flow_end')} src=192.0.2.14 dst=192.0.2.1 protocol=udp sport=7000 dport=53 translated_dst_ip=198.51.100.53 translated_port=53`,
  urls: `${head('mx-lab-1', 'urls')} src=192.0.2.15:51000 dst=198.51.100.80:443 mac=00:11:22:33:44:59 agent='Mozilla/5.0 (X11; Linux x86_64)' request: GET https://files.example.com/docs/report.pdf`,
  idsAlert: `${head('mx-lab-1', 'ids-alerts')} signature=1:2000001:3 priority=2 timestamp=1710000000.100000 direction=ingress protocol=tcp/ip src=203.0.113.66:80`,
  securityIds: `${head('mx-lab-1', 'security_event')} ids_alerted signature=1:3000002:1 priority=1 timestamp=1710000000.200000 dhost=00:11:22:33:44:60 direction=ingress protocol=tcp/ip src=203.0.113.67:443 dst=192.0.2.16:52000 decision=blocked message: SYNTHETIC-RULE exploit attempt detected`,
  fileScanned: `${head('mx-lab-1', 'security_event')} security_filtering_file_scanned url=http://downloads.example.net/tool.exe src=192.0.2.17:53000 dst=198.51.100.90:80 mac=00:11:22:33:44:61 name='Synthetic.Test.File' sha256=${'a'.repeat(64)} disposition=malicious action=block`,
  dispositionChange: `${head('mx-lab-1', 'security_event')} security_filtering_disposition_change name=Synthetic.Test.File sha256=${'b'.repeat(64)} disposition=malicious action=allow`,
  airmarshal: `${head('mr-lab-2', 'airmarshal_events')} type=rogue_ssid_detected ssid='LabGuest' bssid='02:00:00:00:00:01' src='02:00:00:00:00:01' dst='FF:FF:FF:FF:FF:FF' wired_mac='02:00:00:00:00:02' vlan_id='0' channel='6' rssi='20' fc_type='0' fc_subtype='8'`,
  vpnConnect: `${head('mx-lab-4', 'events')} client_vpn_connect user id 'alice.lab@example.org' local ip 192.0.2.200 connected from 203.0.113.70`,
  anyconnect: `${head('mx-lab-4', 'events')} anyconnect_vpn_disconnect user id 'bob.lab' local ip 192.0.2.201 connected from 203.0.113.71`,
  arpBlocked: `${head('ms-lab-5', 'events')} Blocked ARP Packet from 02:00:00:00:00:03 with IP 192.0.2.18 on VLAN 12`,
  dhcpServers: `${head('mr-lab-2', 'events')} type=multiple_dhcp_servers_detected  vap='0' original_server_ip='192.0.2.2' original_server_mac='02:00:00:00:00:04' server_ip='192.0.2.3' server_mac='02:00:00:00:00:05'`,
  dhcpLease: `${head('mx-lab-1', 'events')} dhcp lease of ip 192.0.2.19 from mx mac 02:00:00:00:00:06 for client mac 02:00:00:00:00:07 from router 192.0.2.1 on subnet 255.255.255.0 with dns 192.0.2.1`,
  eapSuccess: `${head('mr-lab-2', 'events')} type=8021x_eap_success radio='1' vap='3' client_mac='02:00:00:00:00:08' client_ip='0.0.0.0' identity='carol@example.org' aid='12345'`,
  siteToSite: `${head('mx-lab-1', 'events')} Site-to-Site VPN: <peer-1|7> IKE_SA peer-1[7] established between 198.51.100.1[198.51.100.1]...203.0.113.1[192.0.2.250]`,
  bareHeader:
    '1710000000.123456789 mx-lab-6 flows deny src=192.0.2.20 dst=198.51.100.23 protocol=tcp sport=1234 dport=22',
};

function parse(raw: string) {
  expect(ciscoMerakiParser.detect(raw)).toBe(true);
  return ciscoMerakiParser.parse(raw);
}

describe('ciscoMerakiParser', () => {
  it('reads an allowed flow: source and destination, no related address, the device not a host', () => {
    const a = parse(samples.flowAllow);
    expect(a.format).toBe('cisco_meraki.log');
    expect(a.recognizedBy).toBe('parser:cisco_meraki');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observedAt).toBe('2024-03-09T16:00:00.123Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('allow');
    expect(a.title).toBe('Meraki flows: allow tcp 192.0.2.10 -> 198.51.100.20 on mx-lab-1');
  });

  it('reads the verdict and rule of a flow from its pattern and rates a denied flow low', () => {
    const a = parse(samples.flowPattern);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.dstIps).toEqual(['203.0.113.9']);
    expect(a.ruleId).toBe('deny (dst 203.0.113.0/24)');
    expect(a.severity).toBe('low');
  });

  it('reads IPv6 flow endpoints', () => {
    const a = parse(samples.flowV6);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8:1::20']);
  });

  it('reads the firewall message types with the flows layout', () => {
    const a = parse(samples.firewall);
    expect(a.observables.srcIps).toEqual(['192.0.2.12']);
    expect(a.observables.dstIps).toEqual(['198.51.100.21']);
    expect(a.title).toBe('Meraki vpn_firewall: allow udp 192.0.2.12 -> 198.51.100.21 on mx-lab-1');
  });

  it('reports the translated source of an ip_flow_start in place of the original, as Elastic does', () => {
    const a = parse(samples.ipFlowStart);
    expect(a.observables.srcIps).toEqual(['203.0.113.50']);
    expect(a.observables.dstIps).toEqual(['198.51.100.22']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reports the translated destination of an ip_flow_end in place of the original', () => {
    const a = parse(samples.ipFlowEnd);
    expect(a.observables.srcIps).toEqual(['192.0.2.14']);
    expect(a.observables.dstIps).toEqual(['198.51.100.53']);
  });

  it('reads a urls record: endpoints without ports, the URL and its site as a domain kept out of hosts', () => {
    const a = parse(samples.urls);
    expect(a.observables.srcIps).toEqual(['192.0.2.15']);
    expect(a.observables.dstIps).toEqual(['198.51.100.80']);
    expect(a.observables.urls).toEqual(['https://files.example.com/docs/report.pdf']);
    expect(a.observables.domains).toEqual(['files.example.com']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Meraki urls: GET https://files.example.com/docs/report.pdf on mx-lab-1');
    expect(ciscoMerakiParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads an ids-alerts record: the source address, severity from the priority, the signature as rule', () => {
    const a = parse(samples.idsAlert);
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('1:2000001:3');
  });

  it('reads a security_event ids_alerted record: both endpoints, the message as title, priority 1 high', () => {
    const a = parse(samples.securityIds);
    expect(a.observables.srcIps).toEqual(['203.0.113.67']);
    expect(a.observables.dstIps).toEqual(['192.0.2.16']);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('1:3000002:1');
    expect(a.title).toBe('Meraki IDS alert: SYNTHETIC-RULE exploit attempt detected on mx-lab-1');
  });

  it('reads a file-scanned security event: endpoints, the download site as a domain, the hash, malicious high', () => {
    const a = parse(samples.fileScanned);
    expect(a.observables.srcIps).toEqual(['192.0.2.17']);
    expect(a.observables.dstIps).toEqual(['198.51.100.90']);
    expect(a.observables.domains).toEqual(['downloads.example.net']);
    expect(a.observables.hashes).toEqual(['a'.repeat(64)]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('security_filtering_file_scanned');
    expect(a.title).toBe(
      'Meraki security_filtering_file_scanned: Synthetic.Test.File (malicious, block) on mx-lab-1',
    );
  });

  it('reads a disposition change: the file hash and no addresses', () => {
    const a = parse(samples.dispositionChange);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hashes).toEqual(['b'.repeat(64)]);
    expect(a.ruleId).toBe('security_filtering_disposition_change');
  });

  it('reads an Air Marshal event with no IP, user or host indicators', () => {
    const a = parse(samples.airmarshal);
    expect(a.observables).toMatchObject({ srcIps: [], dstIps: [], ips: [], users: [], hosts: [] });
    expect(a.ruleId).toBe('rogue_ssid_detected');
    expect(a.severity).toBe('medium');
    expect(a.title).toBe(
      'Meraki Air Marshal rogue_ssid_detected: LabGuest (bssid 02:00:00:00:00:01) on mr-lab-2',
    );
  });

  it("reads a client VPN line's user id as the user (user.name) and keeps its peer address (client.ip only) out", () => {
    const a = parse(samples.vpnConnect);
    expect(ecsIndicators(a)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['alice.lab@example.org'],
      hosts: [],
    });
    expect(a.ruleId).toBe('client_vpn_connect');
    expect(a.title).toContain("user id 'alice.lab@example.org'");
    const b = parse(samples.anyconnect);
    expect(ecsIndicators(b).users).toEqual([]);
    expect(b.title).toContain("'bob.lab'");
  });

  it('keeps the URL and site of a content-filtering block but relates nothing, as Elastic maps none of it', () => {
    const a = parse(
      `${head('mx-lab-1', 'events')} content_filtering_block url='https://blocked.example.net/x' category0='Malware Sites' server='203.0.113.80:443' client_mac='02:00:00:00:00:0a'`,
    );
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(a.observables.urls).toEqual(['https://blocked.example.net/x']);
    expect(a.observables.domains).toEqual(['blocked.example.net']);
    expect(a.ruleId).toBe('content_filtering_block');
    expect(a.severity).toBe('low');
  });

  it('names DHCP and switch-port subtypes as Elastic does', () => {
    expect(parse(samples.dhcpLease).ruleId).toBe('dhcp_offer');
    expect(parse(`${head('mx-lab-1', 'events')} dhcp no offers for mac 02:00:00:00:00:09`).ruleId).toBe(
      'dhcp_no_offer',
    );
    expect(parse(`${head('ms-lab-5', 'events')} port 7 status changed from 100fdx to down`).ruleId).toBe(
      'port_status_changed',
    );
    expect(
      parse(`${head('ms-lab-5', 'events')} Port 7 changed STP role from designated to disabled`).ruleId,
    ).toBe('port_changed_stp_role');
  });

  it('takes the sender of a blocked ARP packet as the source address', () => {
    const a = parse(samples.arpBlocked);
    expect(a.observables.srcIps).toEqual(['192.0.2.18']);
    expect(a.ruleId).toBe('arp_blocked');
  });

  it('relates both DHCP servers of a multiple-DHCP-servers event, the original first', () => {
    const a = parse(samples.dhcpServers);
    expect(a.observables.ips).toEqual(['192.0.2.2', '192.0.2.3']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.ruleId).toBe('multiple_dhcp_servers_detected');
  });

  it('reports no indicator for a DHCP lease, an 802.1X identity or a site-to-site VPN message', () => {
    for (const raw of [samples.dhcpLease, samples.eapSuccess, samples.siteToSite]) {
      expect(parse(raw).observables).toMatchObject({ srcIps: [], dstIps: [], ips: [], users: [], hosts: [] });
    }
    expect(parse(samples.siteToSite).ruleId).toBe('Site-to-Site VPN');
  });

  it('reads a line forwarded without the PRI header', () => {
    const a = parse(samples.bareHeader);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['198.51.100.23']);
    expect(a.severity).toBe('low');
  });

  it('never emits the unspecified address', () => {
    const raw = `${head('mx-lab-1', 'flows')} allow src=0.0.0.0 dst=198.51.100.24 protocol=udp sport=68 dport=67`;
    expect(parse(raw).observables.srcIps).toEqual([]);
    expect(parse(raw).observables.dstIps).toEqual(['198.51.100.24']);
  });

  it('does not claim other formats, an unknown Meraki-like type, or non-text payloads', () => {
    const others = [
      '<134>1 2024-03-09T16:00:00Z host-a app 123 - - flows allow src=192.0.2.1 dst=192.0.2.2',
      '<134>1 1710000000.123 mx-lab-1 something_else src=192.0.2.1 dst=192.0.2.2',
      '<134>Mar  9 16:00:00 fw filterlog: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,192.0.2.2',
      'Mar  9 16:00:00 host-b sshd[1]: Accepted password for dave from 192.0.2.3 port 22 ssh2',
      '1710000000 flows',
    ];
    for (const raw of others) expect(ciscoMerakiParser.detect(raw)).toBe(false);
    expect(ciscoMerakiParser.detect({ message: samples.flowAllow })).toBe(false);
    expect(ciscoMerakiParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these lines', () => {
    for (const raw of Object.values(samples)) expect(registryClaims(raw, 'cisco_meraki').others).toEqual([]);
  });
});
