// The Sysmon for Linux parser on synthetic events (the agent's `winlog` document and the rendered XML in a
// syslog line): detection, the indicators Elastic's sysmon_linux pipeline maps, and which parsers also claim them.
import { describe, expect, it } from 'vitest';
import { sysmonLinuxParser } from '../../../src/intake/parsers/sysmon-linux.js';
import { registryClaims } from './registry-claims.js';

function winlogDoc(eventId: string, data: Record<string, string>, host?: string): Record<string, unknown> {
  return {
    ...(host ? { host: { name: host } } : {}),
    log: { syslog: { hostname: 'lab-linux-01', appname: 'sysmon' } },
    winlog: {
      computer_name: 'lab-linux-01',
      event_id: eventId,
      channel: 'Linux-Sysmon/Operational',
      time_created: '2026-03-05T10:00:00.000Z',
      event_data: { RuleName: '-', provider_name: 'Linux-Sysmon', ...data },
    },
  };
}

const network = winlogDoc(
  '3',
  {
    User: 'root',
    Protocol: 'tcp',
    SourceIp: '192.0.2.10',
    SourceHostname: '-',
    SourcePort: '51000',
    DestinationIp: '198.51.100.20',
    DestinationHostname: 'web.example.test',
    DestinationPort: '443',
  },
  'lab-linux-01',
);

const processEnd = winlogDoc('5', { User: 'root', ProcessId: '4242', Image: '/usr/bin/curl' });

const dns = winlogDoc('22', {
  User: 'LAB\\svc-dns',
  QueryName: 'api.example.test',
  QueryResults: 'type:  5 edge.example.net;::ffff:203.0.113.30;',
});

const xmlLine =
  'Mar  5 10:00:00 lab-linux-02 sysmon: <Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/>' +
  '<EventID>3</EventID><Version>5</Version><Level>4</Level><TimeCreated SystemTime="2026-03-05T10:00:00.500000000Z"/>' +
  '<Channel>Linux-Sysmon/Operational</Channel><Computer>lab-linux-02</Computer><Security UserId="0"/></System>' +
  '<EventData><Data Name="RuleName">-</Data><Data Name="User">root</Data><Data Name="Protocol">udp</Data>' +
  '<Data Name="SourceIp">2001:db8::5</Data><Data Name="SourcePort">5353</Data>' +
  '<Data Name="DestinationIp">0.0.0.0</Data><Data Name="DestinationPort">53</Data></EventData></Event>';

describe('sysmonLinuxParser', () => {
  it('reads a network connection: source and destination, related in that order, and the agent host', () => {
    expect(sysmonLinuxParser.detect(network)).toBe(true);
    const alert = sysmonLinuxParser.parse(network);
    expect(alert.format).toBe('sysmon_linux.log');
    expect(alert.observables.srcIps).toEqual(['192.0.2.10']);
    expect(alert.observables.dstIps).toEqual(['198.51.100.20']);
    expect(alert.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
    expect(alert.observables.hosts).toEqual(['lab-linux-01']);
    expect(alert.observedAt).toBe('2026-03-05T10:00:00.000Z');
  });

  it('does not take a bare Linux account name as the user, as the pipeline only splits DOMAIN\\name', () => {
    const alert = sysmonLinuxParser.parse(processEnd);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.hosts).toEqual([]);
  });

  it('reads a DNS query: the resolved addresses, the answer names and the query name', () => {
    const alert = sysmonLinuxParser.parse(dns);
    expect(alert.observables.users).toEqual(['svc-dns']);
    expect(alert.observables.ips).toEqual(['203.0.113.30']);
    expect(alert.observables.domains).toEqual(['edge.example.net', 'api.example.test']);
  });

  it('reads the XML event in a syslog line and never reports 0.0.0.0', () => {
    expect(sysmonLinuxParser.detect(xmlLine)).toBe(true);
    const alert = sysmonLinuxParser.parse(xmlLine);
    expect(alert.observables.srcIps).toEqual(['2001:db8::5']);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observedAt).toBe('2026-03-05T10:00:00.500Z');
  });

  it('does not claim Windows Sysmon events or other lines', () => {
    const windows = {
      ...network,
      winlog: { event_id: '3', channel: 'Microsoft-Windows-Sysmon/Operational' },
    };
    expect(sysmonLinuxParser.detect(windows)).toBe(false);
    expect(sysmonLinuxParser.detect('Mar  5 10:00:00 host sshd[1]: Accepted password for bob')).toBe(false);
    expect(sysmonLinuxParser.detect({ LogType: 'Audit' })).toBe(false);
  });

  it('shares its winlog documents only with the Windows event parser, and its syslog lines with none', () => {
    for (const raw of [network, processEnd, dns]) {
      expect(registryClaims(raw, 'sysmon_linux.log').others).toEqual(['windows.event']);
    }
    expect(registryClaims(xmlLine, 'sysmon_linux.log').others).toEqual([]);
  });
});
