// The SonicWall firewall parser on synthetic SonicOS key=value syslog lines: detection, the role of every
// indicator as Elastic's sonicwall_firewall.log pipeline maps them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { sonicwallParser } from '../../../src/intake/parsers/sonicwall.js';
import { registryClaims } from './registry-claims.js';

const connectionClosed =
  'Mar  5 10:00:00 192.0.2.254 id=firewall sn=0017C0FFEE01 time="2024-03-05 10:00:00" fw=203.0.113.1 pri=6 ' +
  'c=1024 m=537 msg="Connection Closed" app=12 n=4711 usr="alice" src=192.0.2.10:51000:X0 ' +
  'dst=198.51.100.20:443:X1 srcMac=00:00:5e:00:53:01 proto=tcp/https sent=1200 rcvd=3400';
const connectionNat =
  '<134>  id=firewall sn=0017C0FFEE01 time="2024-03-05 10:01:00 UTC" fw=203.0.113.1 pri=6 c=262144 gcat=6 m=98 ' +
  'msg="Connection Opened" src=192.0.2.11:52000:X0 srcZone=Trusted natSrc=203.0.113.1:40000 ' +
  'dst=198.51.100.21:8443:X1 dstZone=Untrusted natDst=198.51.100.21:8443 user="bob" proto=tcp/8443 sent=60 ' +
  'app=49177 appName=\'General HTTPS\' n=4712 fw_action="NA" dpi=0';
const connectionV6 =
  'id=fw-lab sn=0017C0FFEE02 time="2024-03-05 10:02:00" fw=203.0.113.2 pri=6 c=262144 m=98 msg="Connection Opened" ' +
  'n=4713 src=:53000:X0:desk-17.corp.example srcV6=2001:db8::10 dst=::X1:files.example.net dstV6=2001:db8::20 ' +
  'proto=tcp/https';
const webSiteHit =
  'id=firewall sn=0017C0FFEE01 time="2024-03-05 10:03:00 UTC" fw=203.0.113.1 pri=6 c=1024 gcat=2 m=97 ' +
  'msg="Web site hit" src=192.0.2.12:53100:X0:laptop-9.corp.example dst=198.51.100.22:443:X1 ' +
  'usr="carol" proto=tcp/https dstname=www.example.org arg=/downloads/tool.zip code=27 ' +
  'Category="Information Technology/Computers" note="Policy: cfsZonePolicy0, Info: 6148 " n=4714 fw_action="NA"';
const ipsPrevention =
  '<129> id=firewall sn=0017C0FFEE01 time="2024-03-05 10:04:00" fw=203.0.113.1 pri=1 c=32 m=609 ' +
  'msg="IPS Prevention Alert: WEB-ATTACKS Example Remote Code Execution" sid=9001 ' +
  'ipscat="WEB-ATTACKS Example Remote Code Execution" ipspri=2 n=4715 src=198.51.100.30:54000:X1 ' +
  'dst=:8080:X0 dstV6=2001:db8::30 fw_action="drop"';
const natMapping =
  'id=firewall sn=0017C0FFEE01 time="2024-03-05 10:05:00" fw=192.0.2.1 pri=5 c=0 m=1197 msg="NAT Mapping" n=4716 ' +
  'src=192.0.2.13::X500 natSrc=0.0.0.0 dst=198.51.100.23::X3 natDstV6=[2001:db8::5]:8443 proto=icmp ' +
  'note="Source: 192.0.2.99, 1000, Destination: 198.51.100.99, 8, Protocol: 1" rule="17 (LAN->WAN)"';
const systemEvent =
  'id=firewall sn=0017C0FFEE01 time="2024-03-05 10:06:00" fw=fw-lab.corp.example pri=5 ' +
  'msg="Unhandled link-local or multicast IPv6 packet dropped" srcV6=2001:db8::40 dstV6=2001:db8::41 ' +
  'srcMac=00:00:5e:00:53:02 proto=udp/65535';

const samples = [
  connectionClosed,
  connectionNat,
  connectionV6,
  webSiteHit,
  ipsPrevention,
  natMapping,
  systemEvent,
];
const parse = (raw: string) => sonicwallParser.parse(raw);

describe('sonicwallParser', () => {
  it('detects SonicOS key=value records, with or without a syslog header', () => {
    for (const raw of samples) expect(sonicwallParser.detect(raw)).toBe(true);
    const a = parse(connectionClosed);
    expect(a.format).toBe('sonicwall_firewall.log');
    expect(a.recognizedBy).toBe('parser:sonicwall_firewall.log');
  });

  it('reads a connection: endpoints from src/dst, the firewall as a related address only, and usr as the user', () => {
    const a = parse(connectionClosed);
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20', '203.0.113.1']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
    expect(a.ruleId).toBe('537');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('SonicWall: Connection Closed 192.0.2.10 -> 198.51.100.20');
  });

  it('puts NAT addresses in related.ip after their endpoint, and reads `user` as the user', () => {
    const a = parse(connectionNat);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.dstIps).toEqual(['198.51.100.21']);
    expect(a.observables.ips).toEqual(['192.0.2.11', '203.0.113.1', '198.51.100.21']);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observedAt).toBe('2024-03-05T10:01:00.000Z');
  });

  it('reads IPv6 endpoints from srcV6/dstV6 and the resolved endpoint names as domains, not hosts', () => {
    const a = parse(connectionV6);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
    expect(a.observables.ips).toEqual(['2001:db8::10', '2001:db8::20', '203.0.113.2']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['desk-17.corp.example', 'files.example.net']);
    expect(sonicwallParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads a web-site hit: the site as a domain, the URL from proto, dstname and arg, and the note in the title', () => {
    const a = parse(webSiteHit);
    expect(a.observables.srcIps).toEqual(['192.0.2.12']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.domains).toEqual(['laptop-9.corp.example', 'www.example.org']);
    expect(a.observables.urls).toEqual(['https://www.example.org/downloads/tool.zip']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toContain('Web site hit (Policy: cfsZonePolicy0, Info: 6148 )');
    expect(a.ruleId).toBe('97');
  });

  it('reads an IPS alert: its signature id as the rule, its action, and the vendor priority as severity', () => {
    const a = parse(ipsPrevention);
    expect(a.observables.srcIps).toEqual(['198.51.100.30']);
    expect(a.observables.dstIps).toEqual(['2001:db8::30']);
    expect(a.observables.ips).toEqual(['198.51.100.30', '2001:db8::30', '203.0.113.1']);
    expect(a.ruleId).toBe('9001');
    expect(a.severity).toBe('critical');
    expect(a.title).toContain('IPS Prevention Alert');
    expect(a.title).toContain('(drop)');
  });

  it('raises a detection the vendor rates informational to medium', () => {
    const a = parse(ipsPrevention.replace('pri=1 ', 'pri=6 '));
    expect(a.severity).toBe('medium');
  });

  it('never reports the unspecified NAT address, reads a bracketed NAT address, and ignores addresses in the note', () => {
    const a = parse(natMapping);
    expect(a.observables.srcIps).toEqual(['192.0.2.13']);
    expect(a.observables.dstIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['192.0.2.13', '198.51.100.23', '2001:db8::5', '192.0.2.1']);
    expect(a.ruleId).toBe('1197');
    expect(a.severity).toBe('low');
  });

  it('reads a record without m= or c=, and a firewall named by host name is neither an address nor a host', () => {
    const a = parse(systemEvent);
    expect(a.observables.srcIps).toEqual(['2001:db8::40']);
    expect(a.observables.dstIps).toEqual(['2001:db8::41']);
    expect(a.observables.ips).toEqual(['2001:db8::40', '2001:db8::41']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.ruleId).toBeNull();
  });

  it('does not claim lines of other formats', () => {
    for (const raw of [
      '<134>Mar  5 10:00:00 fw01 filterlog: 5,,,1000000103,igb1,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,192.0.2.2,1,2,0,S,1,,,,',
      'Mar  5 10:00:00 host sshd[1]: Failed password for alice from 192.0.2.1 port 22 ssh2',
      'CEF:0|SonicWall|SonicOS|7.0|98|Connection Opened|3|src=192.0.2.1 dst=198.51.100.1',
      'device="SFW" date=2024-03-05 time=10:05:00 log_id=010101600001 log_type="Firewall" src_ip=192.0.2.1',
      'date=2024-03-05 time=10:00:00 devname="fg01" devid="FG100E0000000001" logid="0000000013" type="traffic" srcip=192.0.2.1',
      'id=firewall time="2024-03-05 10:00:00" fw=192.0.2.1 pri=6 m=98 src=192.0.2.2',
      'id=firewall sn=0017C0FFEE01 time="2024-03-05 10:00:00" msg="no firewall address" src=192.0.2.2',
      '{"id":"firewall","sn":"0017C0FFEE01","m":98}',
    ])
      expect(sonicwallParser.detect(raw)).toBe(false);
    expect(sonicwallParser.detect({ id: 'firewall', sn: 'x' })).toBe(false);
    expect(sonicwallParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const raw of samples) expect(registryClaims(raw, sonicwallParser.name).others).toEqual([]);
  });
});
