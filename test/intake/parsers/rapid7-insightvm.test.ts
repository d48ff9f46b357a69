// The Rapid7 InsightVM parser on synthetic assets, asset vulnerabilities and catalogue entries: detection, the
// asset's address and names (as Elastic's rapid7_insightvm pipelines map them), and that it leaves other
// vulnerability-scanner formats alone.
import { describe, expect, it } from 'vitest';
import { rapid7InsightvmParser as parser } from '../../../src/intake/parsers/rapid7-insightvm.js';
import { registryClaims } from './registry-claims.js';

const asset = {
  assessed_for_policies: false,
  assessed_for_vulnerabilities: true,
  critical_vulnerabilities: 1,
  severe_vulnerabilities: 3,
  moderate_vulnerabilities: 2,
  exploits: 0,
  host_name: 'WS-Delta.corp.example',
  id: 'aaaa1111-2222-4333-8444-555566667777-default-asset-12',
  ip: '192.0.2.44',
  last_scan_end: '2024-05-02T09:10:00.000Z',
  last_scan_start: '2024-05-02T09:00:00.000Z',
  os_family: 'Linux',
  risk_score: 1234.5,
  tags: [{ name: 'lab', type: 'SITE' }],
  total_vulnerabilities: 6,
  new: [{ vulnerability_id: 'example-openssh-cve-2024-0001', port: 22, protocol: 'TCP' }],
  remediated: [],
};

const bareAsset = { ...asset, host_name: undefined, ip: '0.0.0.0', new: [] };

const assetVulnerability = {
  ...asset,
  host_name: 'Build-07',
  ip: '198.51.100.7',
  new: undefined,
  remediated: undefined,
  vulnerability: {
    id: 'example-grub-no-password',
    vulnerability_id: 'example-grub-no-password',
    title: 'No password for the boot loader',
    severity: 'Severe',
    severity_score: 7,
    cvss_v3_score: 7.7,
    first_found: '2024-04-01T00:00:00Z',
    last_found: '2024-05-02T09:10:00.000Z',
    status: 'VULNERABLE_EXPL',
  },
};

const catalogueEntry = {
  added: '2020-01-01T00:00:00Z',
  categories: 'Example',
  cvss_v2_score: 5,
  cvss_v3_score: 9.8,
  denial_of_service: false,
  description: 'An example flaw.',
  id: 'example-cve-2020-0001',
  modified: '2024-01-01T00:00:00Z',
  pci_status: 'fail',
  published: '2020-01-01T00:00:00Z',
  severity: 'Critical',
  severity_score: 10,
  title: 'Example: CVE-2020-0001',
};

describe('rapid7InsightvmParser', () => {
  it('detects assets, asset vulnerabilities and catalogue entries', () => {
    for (const s of [asset, assetVulnerability, catalogueEntry]) expect(parser.detect(s)).toBe(true);
  });

  it('reads an asset: the lower-cased host name and its first label as hosts, the address as related ip', () => {
    const a = parser.parse(asset);
    expect(a.format).toBe('rapid7_insightvm.asset');
    expect(a.observables.hosts).toEqual(['ws-delta.corp.example', 'ws-delta']);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.ruleId).toBe('example-openssh-cve-2024-0001');
    expect(a.observedAt).toBe('2024-05-02T09:10:00.000Z');
  });

  it('never reports the unspecified address of an asset without a name', () => {
    const a = parser.parse(bareAsset);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an asset vulnerability: the host name as written, then the asset id, and the address', () => {
    const a = parser.parse(assetVulnerability);
    expect(a.format).toBe('rapid7_insightvm.asset_vulnerability');
    expect(a.observables.hosts).toEqual([
      'Build-07',
      'aaaa1111-2222-4333-8444-555566667777-default-asset-12',
    ]);
    expect(a.observables.ips).toEqual(['198.51.100.7']);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('example-grub-no-password');
    expect(a.title).toContain('No password for the boot loader');
  });

  it('reads a catalogue entry with its severity and no indicators', () => {
    const a = parser.parse(catalogueEntry);
    expect(a.format).toBe('rapid7_insightvm.vulnerability');
    expect(a.severity).toBe('critical');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('does not claim other formats', () => {
    expect(parser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for bob from 192.0.2.1')).toBe(
      false,
    );
    expect(parser.detect({ ip: '192.0.2.1', repository: { id: '1' }, pluginID: '19506' })).toBe(false);
    expect(parser.detect({ id: 'x', title: 'y' })).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const s of [asset, assetVulnerability, catalogueEntry])
      expect(registryClaims(s, parser.name).others).toEqual([]);
  });
});
