// The Stormshield SNS parser on synthetic key=value records: detection (not SonicWall's `id=firewall` lines),
// every indicator's role as Elastic's stormshield.log pipeline maps it, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { stormshieldParser } from '../../../src/intake/parsers/stormshield.js';
import { registryClaims } from './registry-claims.js';

const head = (logtype: string, rest: string, time = '2024-05-06 07:08:09', tz = '+0200'): string =>
  `id=firewall time="${time}" fw="SN-LAB-0001" tz=${tz} startime="${time}" ${rest} logtype="${logtype}"`;

const filter = head(
  'filter',
  'pri=5 confid=01 slotlevel=2 ruleid=9 rulename="lab_rule" srcif="Ethernet1" srcifname="in" ipproto=udp ' +
    'proto=dns src=192.0.2.11 srcport=50123 srcportname=ephemeral_fw_udp srcname=desk-11 ' +
    'srcmac=00:00:5e:00:53:11 dst=198.51.100.53 dstport=53 dstportname=dns ipv=4 sent=60 rcvd=0 ' +
    'duration=0.00 action=block',
);
const connectionNat = head(
  'connection',
  'pri=5 confid=01 slotlevel=0 ruleid=4 ipproto=tcp dstif="Ethernet0" dstifname="out" proto=https ' +
    'src=192.0.2.20 srcport=51000 srcname=build-01 dst=203.0.113.80 dstport=443 dstname=api.example.org ' +
    'modsrc=198.51.100.2 modsrcport=41000 origdst=203.0.113.8 origdstport=443 ipv=4 sent=900 rcvd=4000 ' +
    'duration=1.50 action=pass',
);
const connectionSameNat = head(
  'connection',
  'pri=5 ruleid=5 ipproto=udp proto=ntp src=192.0.2.21 srcport=123 srcname=Firewall_out dst=198.51.100.123 ' +
    'dstport=123 modsrc=192.0.2.21 modsrcport=123 origdst=198.51.100.123 origdstport=123 action=pass',
);
const alarm = head(
  'alarm',
  'pri=1 class=protocol classification=0 alarmid=42 risk=80 ruleid=3 srcif="Ethernet0" srcifname="out" ' +
    'ipproto=tcp proto=http src=203.0.113.66 srcport=40000 dst=192.0.2.80 dstport=80 dstname=Web_Server ' +
    'action=block msg="Suspicious request detected"',
);
const minorAlarm = head(
  'alarm',
  'pri=4 alarmid=7 ipproto=icmp src=2001:db8::66 dst=2001:db8::1 action=pass msg="Unusual ping"',
);
const web = head(
  'web',
  'pri=5 ipproto=tcp proto=http src=192.0.2.30 srcport=52000 dst=198.51.100.70 dstport=80 ' +
    'dstname=Files.Example.NET user="carol" op=GET result=403 arg="/get?id=7" cat_site="{downloads}" ' +
    'urlruleid=3 action=block',
);
const authFailed = head(
  'auth',
  'user="dave" domain="lab" usergroup=g1,g2 src=192.0.2.40 ruleid=1 confid=00 error=2 method="PASSWORD" ' +
    'msg="Authentication failed"',
);
const authNoUser = head('auth', 'user="" src=0.0.0.0 error=0 msg="Session closed"');
const vpn = head(
  'vpn',
  'pri=5 phase=1 side=initiator ikev=2 peername="branch_gw" remoteid=203.0.113.90 src=198.51.100.9 ' +
    'srcname=Firewall_out dst=203.0.113.90 dstname=branch_gw msg="Phase established"',
);
const system = head('system', 'pri=5 service=lab-daemon msg="configuration reloaded"');
const count = head('count', 'Rule1:2=100 Rule2:5=7');
const monitor = head('monitor', 'security=0 system=0 CPU=1,1,1 Ethernet0=out,1,2,3,4,5,0 mem=0,0');

const withPri = `<134>${filter}`;
const rfc5424 = `<134>1 2024-05-06T05:08:09Z sns-lab asqd - - - ${web}`;
const rfc3164 = `<134>May  6 07:08:09 sns-lab asqd: ${vpn}`;

const all = [
  filter,
  connectionNat,
  connectionSameNat,
  alarm,
  minorAlarm,
  web,
  authFailed,
  authNoUser,
  vpn,
  system,
  count,
  monitor,
  withPri,
  rfc5424,
  rfc3164,
];

const parse = (raw: string) => stormshieldParser.parse(raw);

describe('stormshieldParser', () => {
  it('detects every log family, bare or behind a syslog header, and names the format', () => {
    for (const raw of all) {
      expect(stormshieldParser.detect(raw)).toBe(true);
      const a = parse(raw);
      expect(a.format).toBe('stormshield.log');
      expect(a.recognizedBy).toBe('parser:stormshield.log');
    }
  });

  it('reads a filter record: source and destination, srcname as a host, the firewall as no indicator', () => {
    const a = parse(filter);
    expect(a.observables.srcIps).toEqual(['192.0.2.11']);
    expect(a.observables.dstIps).toEqual(['198.51.100.53']);
    expect(a.observables.ips).toEqual(['192.0.2.11', '198.51.100.53']);
    expect(a.observables.hosts).toEqual(['desk-11']);
    expect(a.observables.hosts).not.toContain('SN-LAB-0001');
    expect(a.observedAt).toBe('2024-05-06T05:08:09.000Z');
    expect(a.ruleId).toBe('9');
    expect(a.severity).toBe('low');
    expect(a.title).toContain('filter');
  });

  it('reads a NATed connection: origdst is the destination, dst and modsrc are related only', () => {
    const a = parse(connectionNat);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['203.0.113.8']);
    expect(a.observables.ips).toEqual(['192.0.2.20', '198.51.100.2', '203.0.113.8', '203.0.113.80']);
    expect(a.observables.hosts).toEqual(['build-01']);
    expect(a.observables.domains).toEqual(['api.example.org']);
    expect(a.severity).toBe('info');
  });

  it('does not repeat NAT addresses equal to the endpoints', () => {
    const a = parse(connectionSameNat);
    expect(a.observables.ips).toEqual(['192.0.2.21', '198.51.100.123']);
    expect(a.observables.hosts).toEqual(['Firewall_out']);
  });

  it('reads an alarm: the alarm id as rule, its level as severity, the destination object name as a host', () => {
    const a = parse(alarm);
    expect(a.observables.srcIps).toEqual(['203.0.113.66']);
    expect(a.observables.dstIps).toEqual(['192.0.2.80']);
    expect(a.observables.hosts).toEqual(['Web_Server']);
    expect(a.ruleId).toBe('42');
    expect(a.severity).toBe('high');
    expect(a.title).toContain('Suspicious request detected');
    const minor = parse(minorAlarm);
    expect(minor.severity).toBe('medium');
    expect(minor.observables.ips).toEqual(['2001:db8::66', '2001:db8::1']);
  });

  it('reads a web record: the user, and the site as a domain in related hosts', () => {
    const a = parse(web);
    expect(a.observables.srcIps).toEqual(['192.0.2.30']);
    expect(a.observables.dstIps).toEqual(['198.51.100.70']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['files.example.net']);
    expect(stormshieldParser.domainsInRelatedHosts).not.toBe(false);
    expect(a.title).toContain('GET Files.Example.NET/get?id=7');
  });

  it('reads an auth record: the user and source, not the user domain; a failure is low', () => {
    const a = parse(authFailed);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('1');
  });

  it('drops an empty user and the unspecified address', () => {
    const a = parse(authNoUser);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('reads a VPN record: tunnel ends as source and destination, srcname then dstname as hosts', () => {
    const a = parse(vpn);
    expect(a.observables.srcIps).toEqual(['198.51.100.9']);
    expect(a.observables.dstIps).toEqual(['203.0.113.90']);
    expect(a.observables.hosts).toEqual(['Firewall_out', 'branch_gw']);
  });

  it('reports no indicators for system, count and monitor records', () => {
    for (const raw of [system, count, monitor]) {
      const o = parse(raw).observables;
      expect([...o.ips, ...o.users, ...o.hosts, ...o.domains]).toEqual([]);
    }
    expect(parse(system).title).toContain('configuration reloaded');
    expect(parse(count).title).toBe('Stormshield SNS count on SN-LAB-0001');
  });

  it('reads the record behind a priority or a syslog header like the bare record', () => {
    expect(parse(withPri).observables).toEqual(parse(filter).observables);
    expect(parse(rfc5424).observables).toEqual(parse(web).observables);
    expect(parse(rfc3164).observables).toEqual(parse(vpn).observables);
  });

  it('reads the time in the record’s own offset', () => {
    expect(parse(head('system', 'msg="x"', '2024-01-02 03:04:05', '-0130')).observedAt).toBe(
      '2024-01-02T04:34:05.000Z',
    );
  });

  it('splits values as Elastic does: quoted spaces kept, quotes dropped', () => {
    const a = parse(head('web', 'src=192.0.2.5 dst=198.51.100.5 user="erin smith" msg="a = b"'));
    expect(a.observables.users).toEqual(['erin smith']);
    expect(a.title).toContain('a = b');
  });

  it('does not claim SonicWall `id=firewall` lines or other formats', () => {
    for (const raw of [
      'id=firewall sn=C0EAE4000001 time="2024-05-06 07:08:09" fw=203.0.113.1 pri=6 c=1024 m=537 ' +
        'msg="Connection Closed" src=192.0.2.1:5000:X0 dst=198.51.100.1:443:X1',
      '<134>id=firewall sn=C0EAE4000001 time="2024-05-06 07:08:09 UTC" fw=203.0.113.1 pri=6 c=262144 m=98 ' +
        'msg="Connection Opened" n=1 src=192.0.2.1:5000:X0 dst=198.51.100.1:443:X1 proto=tcp/https',
      'device="SFW" date=2024-05-06 time=07:08:09 log_id=010101600001 log_type="Firewall" src_ip=192.0.2.1',
      'CEF:0|Stormshield|SNS|4|1|x|5|src=192.0.2.1',
      'time="2024-05-06 07:08:09" fw="SN-LAB-0001" tz=+0200 logtype="filter" src=192.0.2.1',
      '{"id":"firewall","fw":"SN-LAB-0001","logtype":"filter"}',
    ])
      expect(stormshieldParser.detect(raw)).toBe(false);
    expect(stormshieldParser.detect({ id: 'firewall', fw: 'x', logtype: 'filter' })).toBe(false);
    expect(stormshieldParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const raw of all) expect(registryClaims(raw, stormshieldParser.name).others).toEqual([]);
  });
});
