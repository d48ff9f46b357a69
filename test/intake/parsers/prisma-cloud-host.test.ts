// The Prisma Cloud Compute host-scan parser on synthetic scan records: device names then the host name are hosts,
// device addresses related addresses; the scan's distributions give the severity.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { prismaCloudHostParser } from '../../../src/intake/parsers/prisma-cloud-host.js';
import { registryClaims } from './registry-claims.js';

const scan = {
  _id: 'lab-build-07',
  type: 'host',
  hostname: 'lab-build-07',
  scanTime: '2025-02-03T04:05:06.789Z',
  osDistro: 'ubuntu',
  osDistroRelease: 'jammy',
  distro: 'Ubuntu 22.04.4 LTS',
  cloudMetadata: { accountID: 'lab-account', provider: 'aws', name: 'lab-build-07', region: 'us-east-1' },
  hostDevices: [
    { name: 'eth0', ip: '192.0.2.17' },
    { name: 'docker0', ip: '0.0.0.0' },
  ],
  image: { user: 'builder', os: 'linux' },
  vulnerabilities: [{ cve: 'CVE-2024-0002', severity: 'high', packageName: 'libexample' }],
  vulnerabilitiesCount: 1,
  complianceIssues: [],
  complianceIssuesCount: 0,
  vulnerabilityDistribution: { critical: 0, high: 1, medium: 0, low: 0, total: 1 },
  complianceDistribution: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
  firstScanTime: '2025-01-01T00:00:00Z',
  collections: ['All'],
};

describe('Prisma Cloud host-scan parser', () => {
  it('detects a scan record, as an object or a JSON line', () => {
    expect(prismaCloudHostParser.detect(scan)).toBe(true);
    expect(prismaCloudHostParser.detect(JSON.stringify(scan))).toBe(true);
  });

  it('relates device names then the host name, and the device addresses without 0.0.0.0', () => {
    expect(ecsIndicators(prismaCloudHostParser.parse(scan))).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: ['192.0.2.17'],
      users: [],
      hosts: ['eth0', 'docker0', 'lab-build-07'],
    });
  });

  it('titles the scan by host and counts, rated by the worst distribution level, at the scan time', () => {
    const a = prismaCloudHostParser.parse(scan);
    expect(a.format).toBe('prisma_cloud.host');
    expect(a.title).toBe('Prisma Cloud host scan: lab-build-07 (1 vulnerabilities, 0 compliance issues)');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2025-02-03T04:05:06.789Z');
    const clean = { ...scan, vulnerabilitiesCount: 0, vulnerabilityDistribution: { high: 0 } };
    expect(prismaCloudHostParser.parse(clean).severity).toBe('info');
  });

  it('does not claim other JSON, text or non-strings', () => {
    expect(prismaCloudHostParser.detect({ _id: 'x', hostname: 'h', scanTime: 't' })).toBe(false);
    expect(prismaCloudHostParser.detect({ hostname: 'h', hostDevices: [], scanTime: 't' })).toBe(false);
    expect(prismaCloudHostParser.detect('{"hostname":"h","scanTime":"t"}')).toBe(false);
    expect(prismaCloudHostParser.detect('hostname=h scanTime=t')).toBe(false);
    expect(prismaCloudHostParser.detect(['hostname'])).toBe(false);
    expect(prismaCloudHostParser.detect(undefined)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [scan, JSON.stringify(scan)])
      expect(registryClaims(raw, 'prisma_cloud.host').others).toEqual([]);
  });
});
