// The Symantec Endpoint Protection parser on synthetic SEPM exports of every supported log layout: detection,
// which end is the source (by direction), users and hosts as Elastic's symantec_endpoint pipeline sets them,
// and that no other parser claims these records.
import { describe, expect, it } from 'vitest';
import { symantecEndpointParser } from '../../../src/intake/parsers/symantec-endpoint.js';
import { registryClaims } from './registry-claims.js';

const row = (...cells: string[]): string => cells.join(',');

const trafficCells = (
  direction: string,
  local: string,
  remote: string,
  remoteMac = '0A1B2C3D4E60',
): string[] => [
  'ws-alpha-07',
  `Local Host IP: ${local}`,
  'Local Port: 52100',
  'Local Host MAC: 0A1B2C3D4E5F',
  `Remote Host IP: ${remote}`,
  'Remote Host Name: ',
  'Remote Port: 443',
  `Remote Host MAC: ${remoteMac}`,
  'TCP',
  direction,
  'Begin: 2024-03-05 10:00:00',
  'End Time: 2024-03-05 10:00:05',
  'Occurrences: 1',
  'Application: C:/Program Files/Browser/browser.exe',
  'Rule: Block unapproved ports',
  'Location: Default',
  'User Name: alice',
  'Domain Name: CORP',
  'Action: Blocked',
  'SHA-256: ',
  'MD-5: ',
];

const securityCells = (local: string, remote: string, remotePort = '51515'): string[] => [
  'ws-beta-02',
  'Event Description: [SID: 12345] Web Attack: Synthetic Exploit attack blocked. Application path: SYSTEM',
  `Local Host IP: ${local}`,
  'Local Host MAC: 000000000000',
  'Remote Host Name: ',
  `Remote Host IP: ${remote}`,
  'Remote Host MAC: 000000000000',
  'Inbound',
  'TCP',
  'Intrusion ID: 0',
  'Begin: 2024-03-05 11:00:00',
  'End Time: 2024-03-05 11:00:00',
  'Occurrences: 1',
  'Application: SYSTEM',
  'Location: Office',
  'User Name: bob',
  'Domain Name: CORP',
  'Local Port: 8443',
  `Remote Port: ${remotePort}`,
  'CIDS Signature ID: 12345',
  'CIDS Signature string: Web Attack: Synthetic Exploit',
  'CIDS Signature SubID: 70000',
  'Intrusion URL: portal.example.com/login',
  'Intrusion Payload URL: ',
  'SHA-256: ',
  'MD-5: ',
];

const riskCells = (sourceComputer: string, sourceIp: string): string[] => [
  'Virus found',
  'IP Address: 192.0.2.90',
  'Computer name: ws-theta-08',
  'Source: Auto-Protect scan',
  'Risk name: Synthetic.TestFile',
  'Occurrences: 1',
  'C:\\Users\\grace\\Downloads\\sample.bin',
  '',
  'Actual action: Deleted',
  'Requested action: Cleaned',
  'Secondary action: Deleted',
  'Event time: 2024-03-05 12:00:00',
  'Inserted: 2024-03-05 12:00:05',
  'End: 2024-03-05 12:00:00',
  'Last update time: 2024-03-05 12:00:05',
  'Domain: CORP',
  'Group: My Company\\Workstations',
  'Server: sepm-01',
  'User: grace',
  `Source computer: ${sourceComputer}`,
  `Source IP: ${sourceIp}`,
  'Disposition: Bad',
  'Download site: http://downloads.example.net/sample.bin',
  'Web domain: downloads.example.net',
  'Downloaded by: browser.exe',
  'Prevalence: This file has been seen by fewer than 5 Symantec users.',
  'Confidence: There is some evidence that this file is untrustworthy.',
  'URL Tracking Status: On',
  'First Seen: Symantec has known about this file for less than 1 week.',
  'Sensitivity: ',
  'Permitted application reason: Not on the permitted application list',
  'Application hash: ',
  'Hash type: SHA2',
  'Company name: ',
  'Application name: ',
  'Application version: ',
  'Application type: 127',
  'File size (bytes): 68',
  'Category set: Malware',
  'Category type: Virus',
  'Location: Default',
  'Intensive Protection Level: 0',
  'Certificate issuer: ',
  'Certificate signer: ',
  'Certificate thumbprint: ',
  'Signing timestamp: 0',
  'Certificate serial number: ',
];

const samples: Record<string, string> = {
  trafficOutbound: row(...trafficCells('Outbound', '192.0.2.10', '198.51.100.20')),
  trafficInbound: row(...trafficCells('Inbound', '192.0.2.10', '198.51.100.20')),
  trafficUnspecified: row(...trafficCells('Inbound', '0.0.0.0', '0.0.0.0')),
  trafficSyslog: `<54>Mar  5 10:00:00 sepm-01 SymantecServer: ${row(...trafficCells('Outbound', '2001:db8::10', '2001:db8::20'))}`,
  trafficDump: `2024-03-05 10:00:00,Info,${row(...trafficCells('Outbound', '192.0.2.11', '198.51.100.21'))}`,
  security: row(...securityCells('192.0.2.30', '203.0.113.40')),
  securityNoRemote: row(...securityCells('192.0.2.31', '0.0.0.0', '0')),
  packet: row(
    'ws-gamma-03',
    'Local Host IP: 192.0.2.50',
    'Local Port: 138',
    'Remote Host IP: 198.51.100.60',
    'Remote Host Name: ',
    'Remote Port: 138',
    'Outbound',
    'Application: C:/WINDOWS/system32/ntoskrnl.exe',
    'Action: Blocked',
  ),
  behavior: row(
    'ws-delta-04',
    '192.0.2.70',
    'Blocked',
    'Application and Device Control',
    'Create Process',
    'Begin: 2024-03-05 13:00:00',
    'End Time: 2024-03-05 13:00:00',
    'Rule: Block writes to removable media',
    '4321',
    'C:/Windows/system32/cmd.exe',
    '0',
    'No Module Name',
    'C:/Temp/tool.exe',
    'User Name: carol',
    'Domain Name: CORP',
    'Action Type: 1',
    'File size (bytes): 0',
    'Device ID: ',
  ),
  activity: row(
    'Site: Main Site',
    'Server: sepm-01',
    'Domain: Default',
    'The client has downloaded the policy',
    'ws-epsilon-05',
    'dave',
    'CORP',
  ),
  agentSystem: row(
    'ws-zeta-06',
    'Category: 0',
    'SYLINK',
    'New virus definition file loaded. Version: 240305001.',
    'Event time: 2024-03-05 14:00:00',
  ),
  agentSystemLabelled: row(
    'ws-zeta-07',
    'Category: 0',
    'Smc',
    'Event Description: Received a new policy with serial number 1A2B from Symantec Endpoint Protection Manager.',
    'Event time: 2024-03-05 14:05:00',
    'Group Name: My Company\\Workstations',
  ),
  administrative: row(
    'Site: Main Site',
    'Server: sepm-01',
    'Domain: Default',
    'Admin: admin-erin',
    'Administrator log on succeeded',
  ),
  system: row('Site: Main Site', 'Server: sepm-01', 'Database maintenance finished successfully'),
  policy: row(
    'Site: Main Site',
    'Server: sepm-01',
    'Domain: Default',
    'Admin: admin-erin',
    'Event Description: Policy has been edited',
    'Firewall policy',
  ),
  scan: row(
    'Scan ID: 1700000001',
    'Begin: 2024-03-05 15:00:00',
    'End Time: 2024-03-05 15:05:00',
    'Completed',
    'Duration (seconds): 300',
    'User1: frank',
    'User2: frank',
    'Scan started on selected drives and folders and all extensions.',
    'Scan Complete:  Risks: 0   Scanned: 100   Files/Folders/Drives Omitted: 0',
    'Command: Not a command scan ()',
    'Threats: 0',
    'Infected: 0',
    'Total files: 100',
    'Omitted: 0',
    'Computer: ws-eta-07',
    'IP Address: 192.0.2.80',
    'Domain: CORP',
    'Group: My Company\\Workstations',
    'Server: sepm-01',
  ),
  trafficNewerLayout: row(...trafficCells('Inbound', '192.0.2.12', '198.51.100.22'), 'Hack Type: 0'),
  risk: row(...riskCells('', '')),
  riskWithSource: row(...riskCells('ws-iota-09', '203.0.113.99')),
};

const sample = (key: string): string => {
  const s = samples[key];
  if (s === undefined) throw new Error(`no sample ${key}`);
  return s;
};
const parse = (key: string) => symantecEndpointParser.parse(sample(key));

describe('symantecEndpointParser', () => {
  it('detects every supported SEP layout, bare, behind a syslog header or a dump prefix', () => {
    for (const [key, s] of Object.entries(samples)) expect(symantecEndpointParser.detect(s), key).toBe(true);
  });

  it('does not claim other formats or label lists that are not a SEP layout', () => {
    const others = [
      '<134>Mar  5 10:00:00 fw filterlog: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.1,198.51.100.2,5000,443,0,S,1,,,,',
      'host-a,Host: web-01,User: alice,Action: allowed,Result: ok,Source: 192.0.2.1',
      'Mar  5 10:00:00 web-01 sshd[42]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      '{"Local Host IP": "192.0.2.1"}',
      42,
      null,
    ];
    for (const s of others) expect(symantecEndpointParser.detect(s)).toBe(false);
  });

  it('takes the local end as the source of outbound traffic and the remote end as its destination', () => {
    const a = parse('trafficOutbound');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual(['ws-alpha-07']);
    expect(a.format).toBe('symantec_endpoint.log');
    expect(a.recognizedBy).toBe('parser:symantec_endpoint.log');
    expect(a.title).toBe('SEP Agent Traffic Log: Block unapproved ports (Blocked) on ws-alpha-07');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2024-03-05T10:00:00.000Z');
  });

  it('swaps the ends of inbound traffic but keeps related addresses local first', () => {
    const a = parse('trafficInbound');
    expect(a.observables.srcIps).toEqual(['198.51.100.20']);
    expect(a.observables.dstIps).toEqual(['192.0.2.10']);
    expect(a.observables.ips).toEqual(['192.0.2.10', '198.51.100.20']);
  });

  it('never reports the unspecified address 0.0.0.0', () => {
    const a = parse('trafficUnspecified');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['ws-alpha-07']);
  });

  it('reads records behind a syslog header, IPv6 included, and behind a dump-file prefix', () => {
    const sys = parse('trafficSyslog');
    expect(sys.observables.srcIps).toEqual(['2001:db8::10']);
    expect(sys.observables.dstIps).toEqual(['2001:db8::20']);
    expect(sys.observables.hosts).toEqual(['ws-alpha-07']);
    const dump = parse('trafficDump');
    expect(dump.observables.srcIps).toEqual(['192.0.2.11']);
    expect(dump.observables.hosts).toEqual(['ws-alpha-07']);
  });

  it('maps an inbound intrusion (security log) with the attacker as the source and its URL site as a domain', () => {
    const a = parse('security');
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.observables.dstIps).toEqual(['192.0.2.30']);
    expect(a.observables.ips).toEqual(['192.0.2.30', '203.0.113.40']);
    expect(a.observables.users).toEqual(['bob']);
    expect(a.observables.hosts).toEqual(['ws-beta-02']);
    expect(a.observables.domains).toEqual(['portal.example.com']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('12345');
    expect(symantecEndpointParser.domainsInRelatedHosts).toBe(false);
  });

  it('keeps the local address as the source of an inbound record that has no remote end', () => {
    const a = parse('securityNoRemote');
    expect(a.observables.srcIps).toEqual(['192.0.2.31']);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('reads SEP records of a layout Elastic does not list by their labels and direction column', () => {
    const a = parse('trafficNewerLayout');
    expect(a.observables.srcIps).toEqual(['198.51.100.22']);
    expect(a.observables.dstIps).toEqual(['192.0.2.12']);
    expect(a.observables.users).toEqual(['alice']);
    expect(a.observables.hosts).toEqual(['ws-alpha-07']);
    expect(a.title).toBe('SEP log: Block unapproved ports (Blocked) on ws-alpha-07');
  });

  it('reads packet logs, which carry no user', () => {
    const a = parse('packet');
    expect(a.observables.srcIps).toEqual(['192.0.2.50']);
    expect(a.observables.dstIps).toEqual(['198.51.100.60']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual(['ws-gamma-03']);
  });

  it('reads the unlabelled local address of behaviour (application control) logs', () => {
    const a = parse('behavior');
    expect(a.observables.srcIps).toEqual(['192.0.2.70']);
    expect(a.observables.ips).toEqual(['192.0.2.70']);
    expect(a.observables.users).toEqual(['carol']);
    expect(a.observables.hosts).toEqual(['ws-delta-04']);
    expect(a.title).toContain('Application and Device Control');
  });

  it('takes the client name and user of agent activity logs by position', () => {
    const a = parse('activity');
    expect(a.observables.hosts).toEqual(['ws-epsilon-05']);
    expect(a.observables.users).toEqual(['dave']);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads agent system logs: the host and the event time', () => {
    const a = parse('agentSystem');
    expect(a.observables.hosts).toEqual(['ws-zeta-06']);
    expect(a.observedAt).toBe('2024-03-05T14:00:00.000Z');
    expect(a.title).toContain('New virus definition file loaded');
  });

  it('reads the agent system log of SEP 14.3 RU7, whose description is labelled and which names the group', () => {
    const a = parse('agentSystemLabelled');
    expect(a.format).toBe('symantec_endpoint.log');
    expect(a.observables.hosts).toEqual(['ws-zeta-07']);
    expect(a.observedAt).toBe('2024-03-05T14:05:00.000Z');
    expect(a.title).toContain('Received a new policy with serial number 1A2B');
  });

  it('takes the administrator of administrative and policy logs as the user, and no host', () => {
    for (const key of ['administrative', 'policy']) {
      const a = parse(key);
      expect(a.observables.users, key).toEqual(['admin-erin']);
      expect(a.observables.hosts, key).toEqual([]);
    }
  });

  it('reports nothing for a server system log', () => {
    const o = parse('system').observables;
    expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
  });

  it('reads scan logs: the computer, its address (related only) and the user who scanned', () => {
    const a = parse('scan');
    expect(a.observables.hosts).toEqual(['ws-eta-07']);
    expect(a.observables.ips).toEqual(['192.0.2.80']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual(['frank']);
  });

  it('reads risk logs: computer, user, its address, and the download site as a domain', () => {
    const a = parse('risk');
    expect(a.observables.hosts).toEqual(['ws-theta-08']);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.observables.ips).toEqual(['192.0.2.90']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.domains).toEqual(['downloads.example.net']);
    expect(a.severity).toBe('high');
    expect(a.title).toBe('SEP Agent Risk Log: Virus found (Deleted) on ws-theta-08');
    expect(a.observedAt).toBe('2024-03-05T12:00:00.000Z');
  });

  it('takes the source IP of a risk log as the source, after the computer address', () => {
    const a = parse('riskWithSource');
    expect(a.observables.srcIps).toEqual(['203.0.113.99']);
    expect(a.observables.ips).toEqual(['192.0.2.90', '203.0.113.99']);
    expect(a.observables.hosts).toEqual(['ws-theta-08']);
  });

  it('is the registry’s first choice for these records, and no other specific parser claims them', () => {
    for (const [key, s] of Object.entries(samples)) {
      expect(registryClaims(s, 'symantec_endpoint.log'), key).toEqual({
        first: 'symantec_endpoint.log',
        others: [],
      });
    }
  });
});
