// The Qualys Global AssetView parser on synthetic asset records in the GAV API's shape: the asset's addresses,
// last logged-on user, and ids and names, as Elastic's qualys_gav asset pipeline relates them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { qualysGavParser } from '../../../src/intake/parsers/qualys-gav.js';
import { registryClaims } from './registry-claims.js';

const asset = {
  assetId: 70011001,
  assetUUID: '0b6f1c2e-1111-4a2b-9c3d-aaaaaaaaaaaa',
  hostId: 2200301,
  lastModifiedDate: '2025-03-04T10:11:12.000Z',
  agentId: '0b6f1c2e-1111-4a2b-9c3d-aaaaaaaaaaaa',
  createdDate: '2025-03-01T08:00:00.000Z',
  sensorLastUpdatedDate: '2025-03-04T10:11:12.000Z',
  assetType: 'HOST',
  address: '192.0.2.10',
  dnsName: 'web01.corp.example',
  assetName: 'web01',
  netbiosName: 'CORPWEB01',
  lastLoggedOnUser: 'jdoe',
  domainRole: 'Member Server',
  operatingSystem: { osName: 'Ubuntu Linux 22.04', fullName: 'Canonical Ubuntu 22.04 LTS' },
  userAccountListData: { userAccount: [{ name: 'root' }, { name: 'svc-backup' }] },
  openPortListData: { openPort: [{ port: 443, protocol: 'TCP', detectedService: 'HTTPs' }] },
  networkInterfaceListData: {
    networkInterface: [
      {
        hostname: 'web01-eth0',
        addressIpV4: '198.51.100.20',
        addressIpV6: '2001:db8::20',
        macAddress: '00:00:5e:00:53:01',
        gatewayAddress: '198.51.100.1',
      },
    ],
  },
  softwareListData: { software: [{ fullName: 'nginx', version: '1.24.0' }] },
  agent: { version: '6.1.0', connectedFrom: '203.0.113.7', lastCheckedIn: 1741083072000 },
  criticality: { score: 3, isDefault: false },
  domain: ['corp.example'],
  subdomain: ['web.corp.example'],
  whois: [{ domain: 'example.org', registrar: 'Example Registrar' }],
};

describe('Qualys Global AssetView asset parser', () => {
  it("relates the asset's addresses, last user and ids and names as Elastic does", () => {
    expect(qualysGavParser.detect(asset)).toBe(true);
    const alert = qualysGavParser.parse(asset);
    expect(ecsIndicators(alert)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.10', '203.0.113.7', '198.51.100.20', '2001:db8::20'],
      users: ['jdoe'],
      hosts: [
        '70011001',
        'web01',
        '0b6f1c2e-1111-4a2b-9c3d-aaaaaaaaaaaa',
        'web01.corp.example',
        'corp.example',
        'web.corp.example',
        '2200301',
        'CORPWEB01',
        'web01-eth0',
        'example.org',
      ],
    });
    expect(alert.format).toBe('qualys_gav.asset');
    expect(alert.title).toBe('Qualys asset web01 (192.0.2.10), Canonical Ubuntu 22.04 LTS');
    expect(alert.severity).toBe('info');
    expect(alert.observedAt).toBe('2025-03-04T10:11:12.000Z');
    expect(alert.ruleId).toBe('HOST');
  });

  it('reads a sparse asset with null lists and an odd list entry', () => {
    const sparse = {
      assetId: '70011002',
      assetUUID: 'c0ffee00-2222-4b3c-8d4e-bbbbbbbbbbbb',
      hostId: null,
      sensorLastUpdatedDate: '2025-03-05T00:00:00.000Z',
      address: '192.0.2.11',
      lastLoggedOnUser: null,
      domain: null,
      networkInterfaceListData: { networkInterface: [null, { hostname: 'db02', addressIpV4: '0.0.0.0' }] },
      whois: 'not a list',
    };
    expect(qualysGavParser.detect(sparse)).toBe(true);
    expect(ecsIndicators(qualysGavParser.parse(sparse))).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.11'],
      users: [],
      hosts: ['70011002', 'c0ffee00-2222-4b3c-8d4e-bbbbbbbbbbbb', 'db02'],
    });
  });

  it('does not claim other vendors, other Qualys records, text or non-objects', () => {
    const others: unknown[] = [
      { ID: '1', IP: '192.0.2.1', DETECTION_LIST: { QID: '1' } },
      { assetId: 1, assetName: 'x' },
      { assetUUID: 'u', assetId: 2 },
      {
        asset: { name: '//compute.googleapis.com/projects/p', assetType: 'compute.googleapis.com/Instance' },
      },
      JSON.stringify(asset),
      'CEF:0|Qualys|GAV|1|1|asset|3|src=192.0.2.1',
      '<13>Mar  4 10:11:12 web01 sshd[1]: Accepted password for jdoe from 192.0.2.1',
      null,
      42,
      [asset],
    ];
    for (const x of others) expect(qualysGavParser.detect(x)).toBe(false);
    expect(() => qualysGavParser.parse({ assetId: 1 })).toThrow();
  });

  it('is the only specific parser in the registry that claims these assets', () => {
    expect(registryClaims(asset, qualysGavParser.name).others).toEqual([]);
  });
});
