// The QNAP NAS parser on synthetic qulogd "conn log" and "event log" syslog lines: detection, the NAS and
// the client computer as hosts, the source address (loopback dropped) and user as Elastic's qnap_nas
// pipeline maps them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { qnapNasParser } from '../../../src/intake/parsers/qnap-nas.js';
import { registryClaims } from './registry-claims.js';

const HEAD = '<30>Mar  5 10:00:00 nas-lab-01 qulogd[2048]: ';

const samples: Record<string, string> = {
  connSamba: `${HEAD}conn log: Users: carol.ops, Source IP: 192.0.2.44, Computer name: carol-desktop, Connection type: Samba, Accessed resources: share/reports/q1 -> share/reports/q2, Action: Rename`,
  connLoginFail: `${HEAD}conn log: Users: guest, Source IP: 198.51.100.9, Computer name: ---, Connection type: HTTP/HTTPS, Accessed resources: ---, Action: Login Fail`,
  connIpv6: `${HEAD}conn log: Users: dave, Source IP: 2001:db8::25, Computer name: ---, Connection type: SSH, Accessed resources: ---, Action: Login Success`,
  eventLocal: `<28>Mar  5 10:00:01 nas-lab-01 qulogd[2048]: event log: Users: admin, Source IP: 127.0.0.1, Computer name: ---, Application: Storage & Snapshots, Category: Volume, Content: [Storage & Snapshots] Volume "Data1" is ready.`,
  eventRemote: `${HEAD}event log: Users: erin, Source IP: 203.0.113.12, Computer name: erin-mbp, Application: Users, Category: General, Content: [Users] Created user "frank".`,
};

const obsOf = (s: string | undefined) => qnapNasParser.parse(s ?? '').observables;

describe('qnapNasParser', () => {
  it('detects qulogd conn log and event log lines', () => {
    for (const s of Object.values(samples)) expect(qnapNasParser.detect(s)).toBe(true);
  });

  it('maps a connection log: source, user, the NAS then the client computer as hosts', () => {
    const o = obsOf(samples.connSamba);
    expect(o.srcIps).toEqual(['192.0.2.44']);
    expect(o.dstIps).toEqual([]);
    expect(o.ips).toEqual(['192.0.2.44']);
    expect(o.users).toEqual(['carol.ops']);
    expect(o.hosts).toEqual(['nas-lab-01', 'carol-desktop']);
  });

  it('skips the --- placeholder computer name and rates a failed login low', () => {
    const alert = qnapNasParser.parse(samples.connLoginFail);
    expect(alert.observables.hosts).toEqual(['nas-lab-01']);
    expect(alert.observables.users).toEqual(['guest']);
    expect(alert.severity).toBe('low');
    expect(alert.ruleId).toBe('conn-log:login-fail');
  });

  it('reads an IPv6 source address', () => {
    expect(obsOf(samples.connIpv6).srcIps).toEqual(['2001:db8::25']);
  });

  it('drops the loopback source of a local system event, as Elastic does', () => {
    const alert = qnapNasParser.parse(samples.eventLocal);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.users).toEqual(['admin']);
    expect(alert.severity).toBe('medium');
    expect(alert.title).toContain('Volume "Data1" is ready');
  });

  it('maps a system event with a remote source and the acting user only', () => {
    const o = obsOf(samples.eventRemote);
    expect(o.srcIps).toEqual(['203.0.113.12']);
    expect(o.users).toEqual(['erin']);
    expect(o.hosts).toEqual(['nas-lab-01', 'erin-mbp']);
  });

  it('does not report a NAS written as an address as a host', () => {
    const o = obsOf(samples.connSamba?.replace('nas-lab-01', '192.0.2.200'));
    expect(o.hosts).toEqual(['carol-desktop']);
    expect(o.ips).toEqual(['192.0.2.44']);
  });

  it('does not claim other syslog lines or other qulogd messages', () => {
    for (const s of [
      '<38>Mar  5 10:00:00 host-a sshd[99]: Accepted password for bob from 192.0.2.5 port 2222 ssh2',
      `${HEAD}started`,
      '<30>Mar  5 10:00:00 host-a otherd[1]: conn log: Users: x, Source IP: 192.0.2.1, Computer name: ---, Connection type: Samba, Accessed resources: ---, Action: Read',
      { message: `${HEAD}conn log: Users: x` },
    ]) {
      expect(qnapNasParser.detect(s)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const s of Object.values(samples)) expect(registryClaims(s, qnapNasParser.name).others).toEqual([]);
  });
});
