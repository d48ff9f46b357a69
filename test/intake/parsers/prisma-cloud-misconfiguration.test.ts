// The Prisma Cloud (CSPM) misconfiguration parser on synthetic findings: instances become hosts, IAM credential
// reports users, other assets no indicator; the scanned policy gives title, severity and rule.
import { describe, expect, it } from 'vitest';
import { prismaCloudMisconfigurationParser } from '../../../src/intake/parsers/prisma-cloud-misconfiguration.js';
import { registryClaims } from './registry-claims.js';

const finding = (assetType: string, name: string, passed: boolean) => ({
  id: `lab-${name}`,
  name,
  accountId: '000000000000',
  accountName: 'Lab Account',
  assetType,
  cloudType: 'aws',
  regionId: 'us-east-1',
  rrn: `rrn:aws:lab:us-east-1:000000000000:0000:${name}`,
  overallPassed: passed,
  scannedPolicy: { id: 'policy-0001', name: 'Instance uses IMDSv1', severity: 'medium', passed, labels: [] },
  unifiedAssetId: '0123456789abcdef0123456789abcdef',
});

describe('Prisma Cloud misconfiguration parser', () => {
  it('detects a finding, as an object or a JSON line', () => {
    const f = finding('EC2 Instance', 'web-lab-01', false);
    expect(prismaCloudMisconfigurationParser.detect(f)).toBe(true);
    expect(prismaCloudMisconfigurationParser.detect(JSON.stringify(f))).toBe(true);
  });

  it('reports an instance by name and asset id as hosts', () => {
    const o = prismaCloudMisconfigurationParser.parse(
      finding('Azure Virtual Machine', 'vm-lab-02', true),
    ).observables;
    expect(o.hosts).toEqual(['vm-lab-02', '0123456789abcdef0123456789abcdef']);
    expect(o.users).toEqual([]);
  });

  it('reports an IAM credential report by name and asset id as users', () => {
    const o = prismaCloudMisconfigurationParser.parse(
      finding('AWS IAM Credential Report', 'ivan', true),
    ).observables;
    expect(o.users).toEqual(['ivan', '0123456789abcdef0123456789abcdef']);
    expect(o.hosts).toEqual([]);
  });

  it('reports no indicator for other assets, not even the account name', () => {
    const o = prismaCloudMisconfigurationParser.parse(
      finding('Azure Storage Account', 'lab-store', false),
    ).observables;
    expect([...o.users, ...o.hosts, ...o.ips]).toEqual([]);
  });

  it('rates a failed check by the policy severity and a passed one as info', () => {
    const failed = prismaCloudMisconfigurationParser.parse(finding('EC2 Instance', 'web-lab-01', false));
    expect(failed.severity).toBe('medium');
    expect(failed.title).toBe('Prisma Cloud failed: Instance uses IMDSv1 (web-lab-01)');
    expect(failed.ruleId).toBe('policy-0001');
    expect(
      prismaCloudMisconfigurationParser.parse(finding('EC2 Instance', 'web-lab-01', true)).severity,
    ).toBe('info');
  });

  it('does not claim other JSON', () => {
    expect(prismaCloudMisconfigurationParser.detect({ scannedPolicy: {}, assetType: 'x' })).toBe(false);
    expect(prismaCloudMisconfigurationParser.detect({ id: 'x', name: 'y', assetType: 'EC2 Instance' })).toBe(
      false,
    );
    expect(prismaCloudMisconfigurationParser.detect('scannedPolicy')).toBe(false);
  });

  it('is not claimed by any specific parser already in the registry', () => {
    const f = finding('EC2 Instance', 'web-lab-01', false);
    for (const raw of [f, JSON.stringify(f)])
      expect(registryClaims(raw, 'prisma_cloud.misconfiguration')).toEqual({
        first: 'prisma_cloud.misconfiguration',
        others: [],
      });
  });
});
