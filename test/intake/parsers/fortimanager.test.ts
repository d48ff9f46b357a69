// The FortiManager / FortiAnalyzer parser on synthetic key=value syslog lines (system, logdev, forwarded traffic):
// detection, the role of each indicator as Elastic's fortinet_fortimanager.log pipeline maps it, and that neither
// FortiGate nor FortiMail lines are claimed, nor these lines by any other parser.
import { describe, expect, it } from 'vitest';
import { fortiManagerParser } from '../../../src/intake/parsers/fortimanager.js';
import { fortinetFortiproxyParser } from '../../../src/intake/parsers/fortinet-fortiproxy.js';
import { fortigateParser } from '../../../src/intake/parsers/fortigate.js';
import { fortimailParser } from '../../../src/intake/parsers/fortimail.js';
import { registryClaims } from './registry-claims.js';

const FMG = 'date=2024-03-05 time=10:00:00 tz="+0100" devname=LAB-FMG-01 device_id=FMGVM0000000001';
const FAZ = 'date=2024-03-05 time=11:30:00 tz="-0700" devname="LAB-FAZ-02" device_id=FAZVM0000000002';

const adminLogin = `<134>${FMG} log_id=0001010018 type=event subtype=system pri=information desc="User login/logout successful" user="alice" userfrom="GUI(192.0.2.10)" msg="user 'alice' with profile 'Super_User' login accepted from GUI(192.0.2.10)" adom="" session_id=42 operation="login" performed_on="GUI(192.0.2.10)" adminprof="Super_User"`;

const deviceOffline = `<132>${FAZ} log_id=0029038009 type=event subtype=logdev pri=warning desc="Device offline" user="system" userfrom="system" msg="Did not receive any log from device FGT60F0000000009 in last 60 minutes." logdev_name="branch-fw" adom="Branch" operation="Device offline"`;

const remoteSession = `${FMG} log_id=0001010020 type=event subtype=system pri=notice desc="Remote connection" user="bob" userid="admin-7" remote_ip=198.51.100.7 remote_port=50123 address=203.0.113.9 msg="remote session opened"`;

const forwarded = `<189>devname="LAB-FAZ-02" devid="FAZVM0000000002" logid="0000000013" date=2024-03-05 time=12:00:00 tz="+0000" type="traffic" subtype="forward" level="notice" srcip=192.0.2.20 dstip=198.51.100.30 user="carol" unauthuser="dave" srcname="desk-3"`;

const unspecified = `${FMG} log_id=0001010021 type=event subtype=system pri=information user="erin" srcip=0.0.0.0 dstip=:: address=N/A`;

const analyzerForwarded = `<189>logver=702081639 timestamp=1709632800 devname="branch-7" devid="LABDEV07" vd="root" date=2024-03-05 time=10:00:00 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.40 srcname="desk-9" dstip=198.51.100.50 dstname="files.example.net" unauthuser="grace" action="close"`;

const samples = [adminLogin, deviceOffline, remoteSession, forwarded, unspecified];
const parse = (raw: string) => fortiManagerParser.parse(raw);

describe('fortiManagerParser', () => {
  it('detects every FortiManager and FortiAnalyzer sample and names the format', () => {
    for (const raw of samples) expect(fortiManagerParser.detect(raw)).toBe(true);
    const a = parse(adminLogin);
    expect(a.format).toBe('fortinet_fortimanager.log');
    expect(a.recognizedBy).toBe('parser:fortinet_fortimanager.log');
  });

  it('reads an admin login: the user and devname as the host, no address from userfrom', () => {
    const a = parse(adminLogin);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual(['LAB-FMG-01']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('0001010018');
    expect(a.observedAt).toBe('2024-03-05T09:00:00.000Z');
    expect(a.title).toContain('FortiManager event/system: User login/logout successful');
  });

  it('reports the ADOM as a related user and names FortiAnalyzer records', () => {
    const a = parse(deviceOffline);
    expect(a.observables.users).toEqual(['system', 'Branch']);
    expect(a.observables.hosts).toEqual(['LAB-FAZ-02']);
    expect(a.severity).not.toBe('info');
    expect(a.title).toContain('FortiAnalyzer event/logdev: Device offline');
    expect(a.observedAt).toBe('2024-03-05T18:30:00.000Z');
  });

  it('takes remote_ip as the source, keeps it out of related addresses and relates only address', () => {
    const a = parse(remoteSession);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.ips).toEqual(['203.0.113.9']);
    expect(a.observables.users).toEqual(['bob', 'admin-7']);
  });

  it('reads forwarded traffic: srcip and dstip as endpoints and unauthuser over user', () => {
    const a = parse(forwarded);
    expect(a.observables.srcIps).toEqual(['192.0.2.20']);
    expect(a.observables.dstIps).toEqual(['198.51.100.30']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.hosts).toEqual(['LAB-FAZ-02']);
    expect(a.ruleId).toBe('0000000013');
  });

  it('never reports the unspecified addresses', () => {
    const a = parse(unspecified);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim FortiGate or FortiMail lines, nor lines without a log id', () => {
    const fortigate =
      '<189>date=2024-03-05 time=10:00:00 devname="FGT-LAB" devid="FGT60F0000000001" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.10 dstip=198.51.100.20 action="accept"';
    const fortimail =
      'date=2024-03-05 time=10:00:00 device_id=FE3KE0000000001 log_id=0003000001 type=event subtype=admin pri=information user=admin ui=GUI(192.0.2.10) action=login status=success msg="User admin login successfully from GUI(192.0.2.10)"';
    expect(fortigateParser.detect(fortigate)).toBe(true);
    expect(fortimailParser.detect(fortimail)).toBe(true);
    for (const raw of [fortigate, fortimail]) expect(fortiManagerParser.detect(raw)).toBe(false);
    expect(fortiManagerParser.detect(`${FMG} type=event subtype=system user="x"`)).toBe(false);
    expect(fortiManagerParser.detect({ device_id: 'FMGVM0000000001', log_id: '0001010018' })).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of samples) expect(registryClaims(raw, 'fortinet_fortimanager.log').others).toEqual([]);
  });

  it('reads a record FortiAnalyzer forwards (logver, timestamp) from a device without a FortiGate serial', () => {
    expect(fortiManagerParser.detect(analyzerForwarded)).toBe(true);
    expect(fortigateParser.detect(analyzerForwarded)).toBe(false);
    const o = parse(analyzerForwarded).observables;
    expect(o.srcIps).toEqual(['192.0.2.40']);
    expect(o.dstIps).toEqual(['198.51.100.50']);
    expect(o.ips).toEqual([]);
    expect(o.users).toEqual(['grace']);
    expect(o.hosts).toEqual(['branch-7']);
    expect(registryClaims(analyzerForwarded, fortiManagerParser.name).others).toEqual([]);
  });

  it('leaves a forwarded record with a FortiGate serial to the FortiGate parser', () => {
    const fromFortigate = analyzerForwarded.replace('LABDEV07', 'FGT60F0000000003');
    expect(fortiManagerParser.detect(fromFortigate)).toBe(false);
    expect(fortigateParser.detect(fromFortigate)).toBe(true);
  });

  it('leaves a forwarded record with a FortiProxy serial to the FortiProxy parser', () => {
    const fromProxy = analyzerForwarded
      .replace('LABDEV07', 'FPXVM0000000004')
      .replace('type="traffic" subtype="forward"', 'type="event" subtype="user"');
    expect(fortiManagerParser.detect(fromProxy)).toBe(false);
    expect(fortinetFortiproxyParser.detect(fromProxy)).toBe(true);
  });
});
