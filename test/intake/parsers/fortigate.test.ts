// The FortiGate parser on synthetic FortiOS key=value syslog lines of every type it maps (traffic, utm, dns,
// event: system, vpn, user): detection, the role of each indicator as Elastic's fortinet_fortigate.log pipelines
// map it, and that neither FortiMail/FortiManager/FortiAnalyzer lines nor other parsers' formats collide.
import { describe, expect, it } from 'vitest';
import { fortigateParser } from '../../../src/intake/parsers/fortigate.js';
import { registryClaims } from './registry-claims.js';

const HEAD =
  'date=2024-03-05 time=10:00:00 devname="FGT-LAB" devid="FGT60F0000000001" eventtime=1709632800123456789 tz="+0100"';

const traffic = `<189>${HEAD} logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.10 srcport=51000 srcintf="port1" srcname="Desk-17" dstip=198.51.100.20 dstport=443 dstintf="wan1" dstname="files.example.net" policyid=7 service="HTTPS" trandisp="snat" transip=203.0.113.1 transport=40000 action="accept" user="alice" sentbyte=1200 rcvdbyte=3400`;

const trafficDnat = `${HEAD} logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=198.51.100.30 dstip=203.0.113.5 tranip=192.0.2.80 tranport=8443 action="deny" policyid=0 unauthuser="bob" dstunauthuser="carol" srcname="N/A"`;

const trafficUnspecified = `${HEAD} logid="0000000013" type="traffic" subtype="local" level="notice" srcip=0.0.0.0 dstip=255.255.255.255 action="deny"`;

const webfilter = `<185>${HEAD} logid="0316013056" type="utm" subtype="webfilter" eventtype="ftgd_blk" level="warning" vd="root" policyid=3 srcip=192.0.2.11 srcport=52000 dstip=198.51.100.21 dstport=443 service="HTTPS" hostname="bad-site.example" url="/payload.exe" action="blocked" user="dave" catdesc="Malicious Websites" msg="URL belongs to a denied category in policy"`;

const ips = `${HEAD} logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" srcip=203.0.113.66 dstip=192.0.2.12 srcport=4444 dstport=80 attack="Example.Remote.Code.Execution" attackid=12345 severity="critical" action="dropped" msg="web_misc: Example.Remote.Code.Execution"`;

const dns = `${HEAD} logid="1501054802" type="utm" subtype="dns" eventtype="dns-response" level="notice" srcip=192.0.2.13 srcport=53000 dstip=198.51.100.53 dstport=53 qname="www.example.org" qtype="A" ipaddr="198.51.100.80, 198.51.100.81" action="pass" msg="Domain is monitored"`;

const adminLogin = `${HEAD} logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" user="erin" ui="https(192.0.2.50)" method="https" srcip=192.0.2.50 dstip=192.0.2.1 action="login" status="failed" msg="Administrator erin login failed from https(192.0.2.50) because of invalid password"`;

const sshLogin = `${HEAD} logid="0100032003" type="event" subtype="system" level="warning" logdesc="Admin login failed" ui="ssh" action="login" status="failed" msg="Login from ssh: Failed for frank from 198.51.100.99 port 38654"`;

const configChange = `${HEAD} logid="0100044547" type="event" subtype="system" level="information" logdesc="Object attribute configured" user="erin" ui="https(192.0.2.50)" action="Edit" cfgpath="system.admin" msg="Edit system.admin erin"`;

const vpn = `${HEAD} logid="0101037141" type="event" subtype="vpn" level="notice" logdesc="IPsec tunnel statistics" action="tunnel-stats" remip=203.0.113.40 locip=192.0.2.2 remport=500 locport=500 user="203.0.113.40" group="N/A" eapuser="grace" assignip=192.0.2.200 tunnelip=192.0.2.200 vpntunnel="staff"`;

const vpnXauth = `${HEAD} logid="0101037138" type="event" subtype="vpn" level="notice" action="negotiate" remip=2001:db8::40 locip=2001:db8::2 xauthuser="heidi" status="success"`;

const userAuth = `${HEAD} logid="0102043008" type="event" subtype="user" level="notice" srcip=192.0.2.14 dstip=192.0.2.1 user="ivan" action="authentication" status="success" msg="User ivan succeeded in authentication"`;

const labTraffic = `<189>date=2024-03-05 time=10:00:00 devname="lab-fw" devid="LABFW0001" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.30 dstip=198.51.100.40 trandisp="snat" transip=203.0.113.30 action="deny" policyid=0`;

const noDevidVpn = `date=2024-03-05 time=10:00:00 logid="0101037127" type="event" subtype="vpn" level="notice" remip=203.0.113.50 locip=192.0.2.3 action="negotiate" user="N/A" xauthuser="N/A"`;

const prefixedIps = `2024-03-05T10:00:00+00:00 192.0.2.254 date=2024-03-05 time=10:00:00 logid="0419016384" type="utm" subtype="ips" level="alert" srcip=203.0.113.70 dstip=192.0.2.31 attack="Example.Attack" attackid=777 action="dropped"`;

const samples = [
  traffic,
  trafficDnat,
  trafficUnspecified,
  webfilter,
  ips,
  dns,
  adminLogin,
  sshLogin,
  configChange,
  vpn,
  vpnXauth,
  userAuth,
];
const parse = (raw: string) => fortigateParser.parse(raw);

describe('fortigateParser', () => {
  it('detects every FortiGate sample and names the format', () => {
    for (const raw of samples) expect(fortigateParser.detect(raw)).toBe(true);
    const a = parse(traffic);
    expect(a.format).toBe('fortinet_fortigate.log');
    expect(a.recognizedBy).toBe('parser:fortinet_fortigate.log');
  });

  it('reads forward traffic: endpoints, the source NAT address as related, the user and srcname as the host', () => {
    const a = parse(traffic);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20', '203.0.113.1']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual(['files.example.net', 'desk-17']);
    expect(a.ruleId).toBe('0000000013');
    expect(a.observedAt).toBe('2024-03-05T09:00:00.000Z');
  });

  it('reads denied traffic: the destination NAT address, unauthuser and the destination user, N/A dropped', () => {
    const a = parse(trafficDnat);
    expect(a.observables.ips).toEqual(['198.51.100.30', '203.0.113.5', '192.0.2.80']);
    expect(a.observables.users).toEqual(['bob', 'carol']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('never emits 0.0.0.0 as an indicator', () => {
    const a = parse(trafficUnspecified);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['255.255.255.255']);
  });

  it('reads a web filter block: the site as a domain kept out of hosts, the URL, and the user', () => {
    const a = parse(webfilter);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.dstIps).toEqual(['198.51.100.21']);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['bad-site.example']);
    expect(a.observables.urls).toEqual(['https://bad-site.example/payload.exe']);
    expect(fortigateParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads an IPS detection as at least medium, with the attack id as the rule', () => {
    const a = parse(ips);
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.dstIps).toEqual(['192.0.2.12']);
    expect(a.ruleId).toBe('12345');
    expect(['medium', 'high', 'critical']).toContain(a.severity);
    expect(a.title).toContain('Example.Remote.Code.Execution');
  });

  it('reads a DNS response: the query as a related host and the resolved addresses as related', () => {
    const a = parse(dns);
    expect(a.observables.ips).toEqual(['192.0.2.13', '198.51.100.53', '198.51.100.80', '198.51.100.81']);
    expect(a.observables.hosts).toEqual(['www.example.org']);
  });

  it('reads an administrator login: source and destination, the administrator as the user', () => {
    const a = parse(adminLogin);
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.dstIps).toEqual(['192.0.2.1']);
    expect(a.observables.users).toEqual(['erin']);
    expect(a.severity).toBe('critical');
  });

  it('reads an SSH login failure from its message: the user and the source address', () => {
    const a = parse(sshLogin);
    expect(a.observables.srcIps).toEqual(['198.51.100.99']);
    expect(a.observables.users).toEqual(['frank']);
  });

  it('reads a configuration change: the user only, not the ui address', () => {
    const a = parse(configChange);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['erin']);
  });

  it('reads a VPN record: the remote peer as the source, the FortiGate as the destination, eapuser as the user', () => {
    const a = parse(vpn);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.observables.dstIps).toEqual(['192.0.2.2']);
    expect(a.observables.ips).toEqual(['203.0.113.40', '192.0.2.2', '192.0.2.200']);
    expect(a.observables.users).toEqual(['grace']);
  });

  it('reads an IPv6 VPN negotiation with an XAUTH user', () => {
    const a = parse(vpnXauth);
    expect(a.observables.srcIps).toEqual(['2001:db8::40']);
    expect(a.observables.dstIps).toEqual(['2001:db8::2']);
    expect(a.observables.users).toEqual(['heidi']);
  });

  it('reads a user authentication event', () => {
    const a = parse(userAuth);
    expect(a.observables.srcIps).toEqual(['192.0.2.14']);
    expect(a.observables.users).toEqual(['ivan']);
  });

  it('does not claim FortiMail, FortiManager, FortiAnalyzer or other formats', () => {
    const others = [
      '<187>date=2024-03-05,time=10:00:00,device_id=FEVM010000000001,log_id=0200001234,type=statistics,pri=information,client_ip="198.51.100.25"',
      '<134>date=2024-03-05 time=10:00:00 devname="FMG-LAB" devid="FMGVMS0000000001" logid="0031040026" type="event" subtype="system" level="information" user="admin"',
      'date=2024-03-05 time=10:00:00 devname="FAZ-LAB" devid="FAZVMS0000000001" logid="0031040026" type="event" subtype="system" level="information"',
      'Mar  5 10:00:00 host-a sshd[123]: Accepted password for alice from 192.0.2.9 port 22 ssh2',
      `date=2024-03-05 time=10:00:00 devname="FGT-LAB" devid="FGT60F0000000001" type="traffic" srcip=192.0.2.1`,
      `CEF:0|Fortinet|Fortigate|7.4|0000000013|traffic:forward accept|3|devid=FGT60F0000000001 logid=0000000013 type=traffic src=192.0.2.1`,
      { message: traffic },
      '',
    ];
    for (const raw of others) expect(fortigateParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of samples) expect(registryClaims(raw, 'fortinet_fortigate.log').others).toEqual([]);
  });

  it('reads FortiOS records without a FortiGate serial: a lab devid, none at all, or a syslog prefix first', () => {
    for (const raw of [labTraffic, noDevidVpn, prefixedIps]) expect(fortigateParser.detect(raw)).toBe(true);
    const lab = parse(labTraffic).observables;
    expect(lab.srcIps).toEqual(['192.0.2.30']);
    expect(lab.dstIps).toEqual(['198.51.100.40']);
    expect(lab.ips).toEqual(['192.0.2.30', '198.51.100.40', '203.0.113.30']);
    const vpnPeer = parse(noDevidVpn).observables;
    expect(vpnPeer.srcIps).toEqual(['203.0.113.50']);
    expect(vpnPeer.dstIps).toEqual(['192.0.2.3']);
    expect(vpnPeer.users).toEqual([]);
    const ipsAlert = parse(prefixedIps);
    expect(ipsAlert.observables.srcIps).toEqual(['203.0.113.70']);
    expect(ipsAlert.severity).not.toBe('info');
  });

  it('leaves FortiAnalyzer serials, FortiAnalyzer-forwarded records and subtype-less lines without a serial alone', () => {
    const others = [
      labTraffic.replace('LABFW0001', 'FAZVM0000000001'),
      `<189>logver=702081639 timestamp=1709632800 devname="branch-7" devid="LABDEV07" vd="root" ${noDevidVpn}`,
      noDevidVpn.replace(' subtype="vpn"', ''),
    ];
    for (const raw of others) expect(fortigateParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser that claims the records without a FortiGate serial', () => {
    for (const raw of [labTraffic, noDevidVpn, prefixedIps])
      expect(registryClaims(raw, 'fortinet_fortigate.log').others).toEqual([]);
  });
});
