// The Sophos firewall parser on synthetic UTM and XG / SFOS syslog lines: detection, the role of every
// indicator as Elastic's sophos.utm / sophos.xg pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { sophosFirewallParser } from '../../../src/intake/parsers/sophos-firewall.js';
import { registryClaims } from './registry-claims.js';

const utmPacketfilter =
  '<30>2024:03:05-10:00:00 utm-lab-01 ulogd[4242]: id="2001" severity="info" sys="SecureNet" sub="packetfilter" ' +
  'name="Packet dropped" action="drop" fwrule="60001" initf="eth0" srcmac="00:00:5e:00:53:01" ' +
  'dstmac="00:00:5e:00:53:02" srcip="198.51.100.7" dstip="192.0.2.20" proto="6" length="60" srcport="50000" dstport="22"';
const utmHttp =
  '2024:03:05-10:01:00 utm-lab-01 httpproxy[777]: id="0002" severity="info" sys="SecureWeb" sub="http" ' +
  'name="web request blocked" action="block" method="GET" srcip="192.0.2.30" dstip="203.0.113.40" user="alice" ' +
  'group="staff" statuscode="403" url="https://files.example.net/a/b?c=d" referer="" error="" reason="category"';
const utmHttpError =
  '2024:03:05-10:02:00 utm-lab-01 httpproxy[777]: id="0003" severity="info" sys="SecureWeb" sub="http" ' +
  'request="0x1" function="ssl_read" file="ssl.c" line="10" message="SSL_ERROR_SYSCALL: ret=-1"';
const utmDhcpAck =
  '2024:03:05-10:03:00 utm-lab-02 dhcpd: DHCPACK on 192.0.2.55 to 00:00:5e:00:53:09 (desk-17) via eth1';
const utmDhcpDiscover = '2024:03:05-10:03:01 utm-lab-02 dhcpd: DHCPDISCOVER from 00:00:5e:00:53:09 via eth1';
const utmDnsListen =
  '2024:03:05-10:04:00 utm-lab-02 named[99]: listening on IPv4 interface eth0, 192.0.2.1#53';
const utmDnsQuery = "2024:03:05-10:04:01 utm-lab-02 named[99]: client query '_x/IN' from 198.51.100.9";

const xgFirewall =
  'device="SFW" date=2024-03-05 time=10:05:00 timezone="UTC" device_name="XG-LAB" device_id=C0FFEE01 ' +
  'log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed" status="Allow" ' +
  'priority=Information duration=5 fw_rule_id=7 policy_type=1 user_name="bob" user_gp="staff" ' +
  'in_interface="Port1" out_interface="Port2" src_mac=00:00:5e:00:53:0a src_ip=192.0.2.60 src_country_code= ' +
  'dst_ip=203.0.113.70 dst_country_code= protocol="TCP" src_port=51000 dst_port=443 tran_src_ip=198.51.100.60 ' +
  'tran_src_port=0 tran_dst_ip= tran_dst_port=0 srczonetype="LAN" dstzonetype="WAN" connevent="Start"';
const xgDenied6 =
  '<30>device="SFW" date=2024-03-05 time=10:06:00 timezone="UTC" device_name="XG-LAB" device_id=C0FFEE01 ' +
  'log_id=011702605051 log_type="Firewall" log_component="MAC Filter" log_subtype="Denied" status="Deny" ' +
  'user_name="" src_ip=2001:db8::10 dst_ip=2001:db8::20 protocol="UDP" src_port=546 dst_port=547 tran_src_ip= ' +
  'tran_dst_ip=';
const xgUnspecified =
  'device="SFW" date=2024-03-05 time=10:07:00 timezone="UTC" device_name="XG-LAB" device_id=C0FFEE01 ' +
  'log_id=010102600002 log_type="Firewall" log_component="Firewall Rule" log_subtype="Denied" status="Deny" ' +
  'src_ip=0.0.0.0 dst_ip=192.0.2.99 protocol="ICMP"';

const parse = (raw: string) => sophosFirewallParser.parse(raw);

describe('sophosFirewallParser', () => {
  it('detects UTM and XG lines and names their format by shape', () => {
    for (const raw of [utmPacketfilter, utmHttp, utmHttpError, utmDhcpAck, utmDnsListen])
      expect(parse(raw).format).toBe('sophos.utm');
    for (const raw of [xgFirewall, xgDenied6]) expect(parse(raw).format).toBe('sophos.xg');
    expect(parse(xgFirewall).recognizedBy).toBe('parser:sophos');
  });

  it('reads a UTM packet-filter line: source, destination, and the UTM host as the host', () => {
    const a = parse(utmPacketfilter);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.dstIps).toEqual(['192.0.2.20']);
    expect(a.observables.ips).toEqual(['198.51.100.7', '192.0.2.20']);
    expect(a.observables.hosts).toEqual(['utm-lab-01']);
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.ruleId).toBe('60001');
    expect(a.title).toContain('Packet dropped');
    expect(a.severity).toBe('low');
  });

  it('reads a UTM web-proxy line: the proxy user, and the URL site as a domain, not a host', () => {
    const a = parse(utmHttp);
    expect(a.observables.srcIps).toEqual(['192.0.2.30']);
    expect(a.observables.dstIps).toEqual(['203.0.113.40']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual(['utm-lab-01']);
    expect(a.observables.domains).toEqual(['files.example.net']);
    // UTM's pipeline keeps the site out of related.hosts.
    expect(ecsIndicators(a).hosts).toEqual(['utm-lab-01']);
  });

  it('reports only the UTM host for a proxy diagnostic line', () => {
    const a = parse(utmHttpError);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['utm-lab-01']);
    expect(a.title).toContain('SSL_ERROR_SYSCALL');
  });

  it('reads UTM DHCP leases: the client address as related and its name as a host', () => {
    const ack = parse(utmDhcpAck);
    expect(ack.observables.srcIps).toEqual([]);
    expect(ack.observables.ips).toEqual(['192.0.2.55']);
    expect(ack.observables.hosts).toEqual(['utm-lab-02', 'desk-17']);
    expect(parse(utmDhcpDiscover).observables.ips).toEqual([]);
  });

  it('reads the UTM DNS listening address as related, but not a client named in free text', () => {
    expect(parse(utmDnsListen).observables.ips).toEqual(['192.0.2.1']);
    expect(parse(utmDnsQuery).observables.ips).toEqual([]);
  });

  it('reads an XG firewall record: endpoints, the NAT address as related, the user, and no device host', () => {
    const a = parse(xgFirewall);
    expect(a.observables.srcIps).toEqual(['192.0.2.60']);
    expect(a.observables.dstIps).toEqual(['203.0.113.70']);
    expect(a.observables.ips).toEqual(['192.0.2.60', '203.0.113.70', '198.51.100.60']);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-03-05T10:05:00.000Z');
    expect(a.ruleId).toBe('7');
    expect(a.severity).toBe('info');
  });

  it('reads an XG record with a syslog priority and IPv6 endpoints, ignoring empty fields', () => {
    const a = parse(xgDenied6);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
    expect(a.observables.ips).toEqual(['2001:db8::10', '2001:db8::20']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('reads an XG VPN event: the tunnel ends as source and destination and `name` as the user', () => {
    const a = parse(
      'device="SFW" date=2024-03-05 time=10:08:00 timezone="UTC" device_name="XG-LAB" device_id=C0FFEE01 ' +
        'log_id=062910617701 log_type="Event" log_component="IPSec" log_subtype="System" status="Established" ' +
        'name="carol" user_name="" remoteinterfaceip=198.51.100.80 localinterfaceip=203.0.113.1',
    );
    expect(a.observables.srcIps).toEqual(['198.51.100.80']);
    expect(a.observables.dstIps).toEqual(['203.0.113.1']);
    expect(a.observables.users).toEqual(['carol']);
  });

  it('reads an XG Anti-Spam record: the mail endpoints and addresses, but not user_name, which Elastic leaves unmapped', () => {
    const a = parse(
      'device="SFW" date=2025-01-01 time=10:00:00 timezone="UTC" device_name="XG1" device_id=X1 log_id=041107413001 ' +
        'log_type="Anti-Spam" log_component="SMTP" log_subtype="Spam" priority=Warning fw_rule_id=0 user_name="dave" ' +
        'from_email_address="eve@example.org" to_email_address="frank@example.net" src_domainname="example.org" ' +
        'src_ip=192.0.2.70 dst_ip=198.51.100.25 protocol="TCP" src_port=40000 dst_port=25',
    );
    expect(a.observables.srcIps).toEqual(['192.0.2.70']);
    expect(a.observables.dstIps).toEqual(['198.51.100.25']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.domains).toEqual(['example.org']);
    expect(a.severity).toBe('medium');
  });

  it('reads an XG Sandbox record: the user, the source address, the file hash and the download site as a domain', () => {
    const a = parse(
      'device="SFW" date=2025-01-01 time=10:05:00 timezone="UTC" device_name="XG1" device_id=X1 log_id=136502218042 ' +
        'log_type="Sandbox" log_component="Web" log_subtype="Denied" priority=Critical user_name="grace" ' +
        'src_ip=192.0.2.71 filename="tool.exe" sha1sum="a94a8fe5ccb19ba61c4c0873d391e987982fbbd3" ' +
        'source="downloads.example.com" reason="cached malicious" destination="" subject=""',
    );
    expect(a.observables.srcIps).toEqual(['192.0.2.71']);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.observables.domains).toEqual(['downloads.example.com']);
    expect(a.observables.hosts).toEqual([]);
    // XG's pipeline relates the site (source.domain, url.domain) as a host.
    expect(ecsIndicators(a).hosts).toEqual(['downloads.example.com']);
  });

  it('reads the sender’s domain of an XG Anti-Virus record of the mail proxy', () => {
    const a = parse(
      'device="SFW" date=2025-01-01 time=10:06:00 timezone="UTC" device_name="XG1" device_id=X1 log_id=031106210001 ' +
        'log_type="Anti-Virus" log_component="SMTP" log_subtype="Virus" priority=Critical ' +
        'from_email_address="mallory@postman.example" src_domainname="postman.example" src_ip=192.0.2.72 dst_ip=198.51.100.26 ' +
        'virus="EICAR-AV-Test"',
    );
    expect(a.observables.domains).toEqual(['postman.example']);
    expect(ecsIndicators(a).hosts).toEqual(['postman.example']);
  });

  it('never reports the unspecified address', () => {
    const a = parse(xgUnspecified);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.99']);
  });

  it('does not claim lines of other formats', () => {
    for (const raw of [
      '<134>Mar  5 10:00:00 fw01 filterlog: 5,,,1000000103,igb1,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,192.0.2.2,1,2,0,S,1,,,,',
      'Mar  5 10:00:00 host sshd[1]: Failed password for alice from 192.0.2.1 port 22 ssh2',
      'CEF:0|Sophos|XG|1|1|x|5|src=192.0.2.1',
      '{"device":"SFW","log_id":"1"}',
      'device="SFW" date=2024-03-05 src_ip=192.0.2.1',
    ])
      expect(sophosFirewallParser.detect(raw)).toBe(false);
    expect(sophosFirewallParser.detect({ device: 'SFW' })).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const raw of [
      utmPacketfilter,
      utmHttp,
      utmHttpError,
      utmDhcpAck,
      utmDnsListen,
      xgFirewall,
      xgDenied6,
    ])
      expect(registryClaims(raw, sophosFirewallParser.name).others).toEqual([]);
  });
});
