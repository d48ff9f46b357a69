// The FortiProxy parser on synthetic FortiOS-style key=value lines (traffic forward and http-transaction, utm,
// event: system and user): detection, indicators as Elastic's fortinet_fortiproxy.log pipeline maps them (source
// and destination only; nothing related), and that FortiGate lines and other formats are not claimed.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { fortigateParser } from '../../../src/intake/parsers/fortigate.js';
import { fortinetFortiproxyParser } from '../../../src/intake/parsers/fortinet-fortiproxy.js';
import { registryClaims } from './registry-claims.js';

const HEAD =
  'date=2024-03-05 time=10:00:00 devname="PXY-LAB" devid="FPXVM0000000001" eventtime=1709632800123456789 tz="+0100"';

const forward = `<189>${HEAD} logid="0000000010" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.10 srcport=51000 srcintf="port2" srcname="desk-17" dstip=198.51.100.20 dstport=443 dstintf="port1" dstname="files.example.net" sessionid=1001 service="HTTPS" proxyapptype="web-proxy" proto=6 action="accept" policyid=1 policytype="proxy-policy" trandisp="snat+dnat" tranip=203.0.113.7 tranport=8443 transip=203.0.113.1 transport=40000 clientip=192.0.2.10 user="alice" group="staff" sentbyte=1200 rcvdbyte=3400`;

const denied = `<189>${HEAD} logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.11 srcport=52000 dstip=198.51.100.21 dstport=443 proto=6 action="deny" policyid=2 policytype="policy" service="HTTPS" trandisp="noop" url="https://blocked.example.org/" agent="Mozilla/5.0 (X11; Linux x86_64)" msg="Traffic denied because of explicit proxy policy"`;

const httpTransaction = `<189>${HEAD} logid="0010000099" type="traffic" subtype="http-transaction" level="notice" vd="root" srcip=192.0.2.12 dstip=198.51.100.22 tranip=203.0.113.8 clientip=192.0.2.12 scheme="https" srcport=53000 dstport=443 hostname="www.example.com" url="https://www.example.com/" policyid=1 user="bob" group="staff" httpmethod="CONNECT" statuscode="200" rawdata="Time=50ms|Header-Host=www.example.com:443"`;

const utmSsl = `<189>${HEAD} logid="1701062004" type="utm" subtype="ssl" eventtype="ssl-exempt" level="notice" vd="root" action="exempt" policyid=1 srcip=192.0.2.13 srcport=54000 dstip=198.51.100.23 dstport=8080 proto=6 hostname="cdn.example.net" msg="SSL connection is exempted based on address."`;

const adminLogin = `<185>${HEAD} logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" user="carol" ui="https(203.0.113.50)" method="https" srcip=203.0.113.50 dstip=192.0.2.1 action="login" status="failed" msg="Administrator carol login failed from https(203.0.113.50) because of invalid user name"`;

const dhcp = `<190>${HEAD} logid="0100026004" type="event" subtype="system" level="information" vd="root" logdesc="DHCP client lease granted" msg="interface port1 gets a DHCP lease, ip:192.0.2.2, mask:255.255.255.0, gateway:192.0.2.254"`;

/** FortiProxy header without a device serial: date, time, then tz. */
const noSerial = `date=2024-03-05 time=10:00:00 tz="-0700" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="vdom1" srcip=2001:db8::10 srcname="lab-pc" srcport=40772 dstip=2001:db8::20 dstname="updates.example.com" dstport=443 action="close" policyid=1 transip=2001:db8::1`;

const samples = [forward, denied, httpTransaction, utmSsl, adminLogin, dhcp, noSerial];
const parse = (raw: string) => fortinetFortiproxyParser.parse(raw);

describe('fortinetFortiproxyParser', () => {
  it('detects FortiProxy lines by their FPX serial, with or without a syslog priority', () => {
    for (const raw of samples) expect(fortinetFortiproxyParser.detect(raw)).toBe(true);
  });

  it('reports srcip and dstip as source and destination, with no related addresses or users', () => {
    const alert = parse(forward);
    expect(alert.format).toBe('fortinet_fortiproxy.log');
    expect(alert.recognizedBy).toBe('parser:fortinet_fortiproxy.log');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual(['198.51.100.20']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.users).toEqual([]);
  });

  it('reports srcname as the host (host.name) and the destination name as a domain only', () => {
    const alert = parse(forward);
    expect(alert.observables.hosts).toEqual(['desk-17']);
    expect(ecsIndicators(alert).hosts).toEqual(['desk-17']);
    expect(alert.observables.domains).toEqual(['files.example.net']);
    expect(fortinetFortiproxyParser.domainsInRelatedHosts).toBe(false);
  });

  it('keeps NAT and client addresses out of every address list', () => {
    const all = [...samples.map(parse)].flatMap((a) => [
      ...a.observables.srcIps,
      ...a.observables.dstIps,
      ...a.observables.ips,
    ]);
    for (const nat of ['203.0.113.1', '203.0.113.7', '203.0.113.8', '2001:db8::1'])
      expect(all).not.toContain(nat);
  });

  it('reads http-transaction records: the web site and URL as indicators, the user only in the title', () => {
    const alert = parse(httpTransaction);
    expect(alert.observables.srcIps).toEqual(['192.0.2.12']);
    expect(alert.observables.dstIps).toEqual(['198.51.100.22']);
    expect(alert.observables.domains).toEqual(['www.example.com']);
    expect(alert.observables.urls).toEqual(['https://www.example.com/']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.title).toContain('bob');
  });

  it('reads a denied proxy request: the URL, its site and a raised severity', () => {
    const alert = parse(denied);
    expect(alert.observables.urls).toEqual(['https://blocked.example.org/']);
    expect(alert.observables.domains).toEqual(['blocked.example.org']);
    expect(alert.severity).toBe('low');
    expect(alert.title).toContain('Traffic denied');
  });

  it('reads utm records like traffic: source, destination and the web site', () => {
    const alert = parse(utmSsl);
    expect(alert.observables.srcIps).toEqual(['192.0.2.13']);
    expect(alert.observables.dstIps).toEqual(['198.51.100.23']);
    expect(alert.observables.domains).toEqual(['cdn.example.net']);
    expect(alert.ruleId).toBe('1701062004');
  });

  it('reads event records: a failed admin login has source and destination but no user indicator', () => {
    const alert = parse(adminLogin);
    expect(alert.observables.srcIps).toEqual(['203.0.113.50']);
    expect(alert.observables.dstIps).toEqual(['192.0.2.1']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.severity).toBe('critical');
  });

  it('reports nothing for an event whose addresses are only in its message', () => {
    const o = parse(dhcp).observables;
    expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
  });

  it('reads a line without a serial when its header is date, time, then tz (IPv6 too)', () => {
    const alert = parse(noSerial);
    expect(alert.observables.srcIps).toEqual(['2001:db8::10']);
    expect(alert.observables.dstIps).toEqual(['2001:db8::20']);
    expect(alert.observables.hosts).toEqual(['lab-pc']);
    expect(alert.observedAt).toBe('2024-03-05T17:00:00.000Z');
  });

  it('reads a line without a serial when it names a proxy policy', () => {
    const alert = parse(forward.replace(' devid="FPXVM0000000001"', ''));
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.ips).toEqual([]);
  });

  it('takes the time from date, time and tz, the rule from logid and the severity from level', () => {
    const alert = parse(forward);
    expect(alert.observedAt).toBe('2024-03-05T09:00:00.000Z');
    expect(alert.ruleId).toBe('0000000010');
    expect(alert.severity).toBe('low');
    expect(parse(dhcp).severity).toBe('info');
  });

  it('does not claim FortiGate, FortiManager, CEF or other formats', () => {
    const others = [
      forward.replace('FPXVM0000000001', 'FGT60F0000000001'),
      denied.replace(' devid="FPXVM0000000001"', ''),
      'date=2024-03-05 time=10:00:00 logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.1 dstip=198.51.100.1',
      '<134>date=2024-03-05 time=10:00:00 devname="FMG-LAB" devid="FMGVMS0000000001" logid="0031040026" type="event" subtype="system" level="information" user="admin"',
      'CEF:0|Fortinet|FortiProxy|7.4|0000000013|traffic:forward deny|3|devid=FPXVM0000000001 logid=0000000013 type=traffic src=192.0.2.1',
      '<14>1 2024-03-05T10:00:00Z host app - - - Organization: Lab;Organization ID: 1;Event ID: 2;Device Name: pc',
      '{"logid":"0000000013","type":"traffic","devid":"FPXVM0000000001"}',
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
    ];
    for (const raw of others) expect(fortinetFortiproxyParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser for its samples, besides FortiGate, which must come after it', () => {
    for (const raw of samples) {
      const { others } = registryClaims(raw, fortinetFortiproxyParser.name);
      expect(others.filter((name) => name !== fortigateParser.name)).toEqual([]);
    }
  });
});
