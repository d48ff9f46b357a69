// The EC2 system log parser on synthetic CloudWatch-exported syslog lines: no indicators (Elastic maps none,
// and an address in a DHCP or metadata message is no indicator), the process and message as the title; and no
// other specific parser claims them.
import { describe, expect, it } from 'vitest';
import { awsEc2LogsParser } from '../../../src/intake/parsers/aws-ec2-logs.js';
import { registryClaims } from './registry-claims.js';

const dhcp =
  '2024-05-01T10:00:00.000Z May  1 10:00:00 ip-192-0-2-10 dhclient[2100]: DHCPACK from 192.0.2.1 (xid=0x1a2b3c4d)';
const meta =
  '2024-05-01T10:00:05.500Z May 01 10:00:05 demo-host ec2net: [get_meta] Trying to get http://169.254.169.254/latest/meta-data/local-ipv4';
const plain =
  '2024-05-01T10:01:00.000Z May  1 10:01:00 ip-192-0-2-10 systemd: Started Session 7 of user demo.';

describe('awsEc2LogsParser', () => {
  it('detects CloudWatch-exported syslog lines', () => {
    for (const sample of [dhcp, meta, plain]) expect(awsEc2LogsParser.detect(sample)).toBe(true);
  });

  it('reports no address, user or host', () => {
    for (const sample of [dhcp, meta, plain]) {
      const o = awsEc2LogsParser.parse(sample).observables;
      expect([o.srcIps, o.dstIps, o.ips, o.users, o.hosts]).toEqual([[], [], [], [], []]);
    }
  });

  it('titles the line by process, instance and message, informational, at the CloudWatch time', () => {
    const a = awsEc2LogsParser.parse(dhcp);
    expect(a.format).toBe('aws.ec2_logs');
    expect(a.title).toBe('dhclient on ip-192-0-2-10: DHCPACK from 192.0.2.1 (xid=0x1a2b3c4d)');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('dhclient');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(awsEc2LogsParser.parse(meta).observedAt).toBe('2024-05-01T10:00:05.500Z');
  });

  it('does not claim plain syslog, JSON or other lines', () => {
    const syslog = 'May  1 10:00:00 ip-192-0-2-10 dhclient[2100]: DHCPACK from 192.0.2.1';
    for (const x of [syslog, '2024-05-01T10:00:00.000Z something else', { message: dhcp }, null])
      expect(awsEc2LogsParser.detect(x)).toBe(false);
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const sample of [dhcp, meta, plain])
      expect(registryClaims(sample, awsEc2LogsParser.name).others).toEqual([]);
  });
});
