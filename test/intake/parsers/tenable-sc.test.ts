// The Tenable Security Center parser on synthetic asset and vulnerability rows: detection, the scanned
// host's address and names (as Elastic's tenable_sc pipelines map them) and that it leaves other scanners alone.
import { describe, expect, it } from 'vitest';
import { tenableScParser as parser } from '../../../src/intake/parsers/tenable-sc.js';
import { registryClaims } from './registry-claims.js';

const REPOSITORY = { id: '3', name: 'Lab', description: '', sciID: '1', dataFormat: 'IPv4' };

const asset = {
  ip: '192.0.2.25',
  uuid: '11111111-2222-3333-4444-555555555555',
  score: '42',
  total: '20',
  severityInfo: '12',
  severityLow: '3',
  severityMedium: '4',
  severityHigh: '1',
  severityCritical: '0',
  macAddress: '02:00:5e:10:00:02',
  policyName: 'Basic Network Scan',
  pluginSet: '202401010000',
  netbiosName: 'LAB\\WS-ALPHA',
  dnsName: 'ws-alpha.lab.example',
  osCPE: '',
  hostUniqueness: 'repositoryID,ip,dnsName',
  uniqueness: 'repositoryID,ip,dnsName',
  repository: REPOSITORY,
};

const vulnerability = {
  pluginID: '19506',
  severity: { id: '3', name: 'High', description: 'High Severity' },
  hasBeenMitigated: '0',
  ip: '198.51.100.77',
  uuid: '',
  port: '443',
  protocol: 'TCP',
  pluginName: 'Example TLS Weakness',
  firstSeen: '1700000000',
  lastSeen: '1700086400',
  dnsName: 'web-beta.example.org',
  macAddress: '02:00:5e:10:00:03',
  netbiosName: '',
  operatingSystem: 'Linux Kernel 6.1',
  uniqueness: 'repositoryID,ip,dnsName',
  repository: REPOSITORY,
  pluginInfo: '19506 (443/6) Example TLS Weakness',
};

const bareVulnerability = {
  ...vulnerability,
  dnsName: '',
  ip: '2001:db8::15',
  severity: { id: '0', name: 'Info' },
};

const samples = { asset, vulnerability, bareVulnerability };

describe('tenable sc parser', () => {
  it('reads an asset row: its address, the short and full DNS names and the NetBIOS name', () => {
    const a = parser.parse(asset);
    expect(a.format).toBe('tenable_sc.asset');
    expect(a.recognizedBy).toBe('parser:tenable_sc');
    expect(a.observables.ips).toEqual(['192.0.2.25']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['ws-alpha', 'ws-alpha.lab.example', 'LAB\\WS-ALPHA']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.title).toBe('Tenable SC asset ws-alpha.lab.example (score 42)');
  });

  it('reads a vulnerability row: plugin, severity, port and last-seen time', () => {
    const a = parser.parse(vulnerability);
    expect(a.format).toBe('tenable_sc.vulnerability');
    expect(a.observables.ips).toEqual(['198.51.100.77']);
    expect(a.observables.hosts).toEqual(['web-beta', 'web-beta.example.org']);
    expect(a.ruleId).toBe('19506');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2023-11-15T22:13:20.000Z');
    expect(a.title).toBe('Tenable SC: Example TLS Weakness on web-beta.example.org:443');
  });

  it('reports no address from 0.0.0.0/8, which is never a scanned host', () => {
    const a = parser.parse({ ...asset, ip: '0.0.12.34' });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['ws-alpha', 'ws-alpha.lab.example', 'LAB\\WS-ALPHA']);
  });

  it('reads a row with an IPv6 address and no names', () => {
    const a = parser.parse(bareVulnerability);
    expect(a.observables.ips).toEqual(['2001:db8::15']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('does not claim Tenable.io, Qualys or rows without an SC repository', () => {
    const others = [
      {
        asset: { hostname: 'web-beta', ipv4: '198.51.100.77', uuid: 'x' },
        plugin: { id: 19506, name: 'Example' },
        port: { port: 443, protocol: 'TCP' },
        severity: 'high',
        state: 'OPEN',
      },
      { id: 'x', ipv4s: ['192.0.2.25'], fqdns: ['ws-alpha.lab.example'], has_agent: false },
      { ID: '1', IP: '192.0.2.25', DNS: 'ws-alpha', DETECTION_LIST: { DETECTION: [{ QID: '1' }] } },
      { ...asset, repository: { id: '3', name: 'Lab' } },
      { ...vulnerability, repository: undefined },
      'Mar  5 10:00:00 host sshd[1]: Accepted password for alice from 192.0.2.1 port 22 ssh2',
      null,
    ];
    for (const raw of others) expect(parser.detect(raw)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these rows', () => {
    for (const raw of Object.values(samples)) {
      expect(parser.detect(raw)).toBe(true);
      expect(registryClaims(raw, parser.name).others).toEqual([]);
    }
  });
});
