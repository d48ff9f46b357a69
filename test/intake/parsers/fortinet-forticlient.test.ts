// The FortiClient parser on synthetic syslog traffic lines: detection, indicators as Elastic's
// fortinet_forticlient.log integration maps denied traffic (source, destination, the logon user's name, its domain
// and the host), nothing for lines it has no message for, and that nearby formats are not claimed.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { fortinetForticlientParser } from '../../../src/intake/parsers/fortinet-forticlient.js';
import { registryClaims } from './registry-claims.js';

const denied =
  'March 5 10:15:42 laptop-17.corp.example proto=tcp service=https status=deny src=192.0.2.10 dst=198.51.100.20 src_port=51000 dst_port=443 server_app=webmail pid=4120 app_name=browser traff_direct=outbound block_count=3 logon_user=alice@corp.example msg=failure';
const withPri = `<134>${denied.replace('service=https', 'service=ms-wbt-server').replace('192.0.2.10', '2001:db8::10')}`;
const allowed = denied.replace('status=deny', 'status=allow');
const otherService = denied.replace('service=https', 'service=dns');

const parse = (raw: string) => fortinetForticlientParser.parse(raw);

describe('fortinetForticlientParser', () => {
  it('detects FortiClient traffic lines, with or without a syslog priority', () => {
    for (const raw of [denied, withPri, allowed, otherService])
      expect(fortinetForticlientParser.detect(raw)).toBe(true);
  });

  it('maps denied traffic as Elastic does: src and dst, the user name, its domain and the host', () => {
    const alert = parse(denied);
    expect(alert.format).toBe('fortinet_forticlient.log');
    expect(alert.recognizedBy).toBe('parser:fortinet_forticlient.log');
    expect(ecsIndicators(alert)).toEqual({
      src_ips: ['192.0.2.10'],
      dst_ips: ['198.51.100.20'],
      ips: ['192.0.2.10', '198.51.100.20'],
      users: ['alice'],
      hosts: ['corp.example', 'laptop-17.corp.example'],
    });
  });

  it('reads a line after a priority, IPv6 sources included', () => {
    const i = ecsIndicators(parse(withPri));
    expect(i.src_ips).toEqual(['2001:db8::10']);
    expect(i.users).toEqual(['alice']);
  });

  it('reports nothing for lines the integration has no message for (not denied, or another service)', () => {
    for (const raw of [allowed, otherService]) {
      const i = ecsIndicators(parse(raw));
      expect([...i.src_ips, ...i.dst_ips, ...i.ips, ...i.users, ...i.hosts]).toEqual([]);
    }
  });

  it('gives a title naming the service, the flow and the result, low severity for denials, no time', () => {
    const alert = parse(denied);
    expect(alert.title).toBe('FortiClient https deny 192.0.2.10 -> 198.51.100.20 user alice (failure)');
    expect(alert.severity).toBe('low');
    expect(alert.ruleId).toBe('https');
    expect(alert.observedAt).toBeNull();
    expect(parse(allowed).severity).toBe('info');
  });

  it('does not claim FortiGate, CEF, other syslog, JSON or non-strings', () => {
    const others = [
      '<189>date=2024-03-05 time=10:00:00 devname="FG-LAB" devid="FGT60F0000000001" logid="0000000013" type="traffic" subtype="forward" srcip=192.0.2.1 dstip=198.51.100.1 proto=6 service="HTTPS"',
      'CEF:0|Fortinet|FortiClient|7.0|1|deny|3|src=192.0.2.1 dst=198.51.100.1 proto=tcp',
      'Mar  5 10:00:00 host kernel: IN=eth0 OUT= SRC=192.0.2.1 DST=198.51.100.1 PROTO=TCP SPT=1 DPT=2',
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      '{"proto":"tcp","service":"https","status":"deny","src":"192.0.2.1","dst":"198.51.100.1"}',
      { message: denied },
      null,
      42,
    ];
    for (const raw of others) expect(fortinetForticlientParser.detect(raw)).toBe(false);
  });

  it('is the only specific parser that claims its samples', () => {
    for (const raw of [denied, withPri, allowed, otherService])
      expect(registryClaims(raw, fortinetForticlientParser.name).others).toEqual([]);
  });
});
