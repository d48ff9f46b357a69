// The Amazon Inspector parser on synthetic findings: the scanned instance's addresses as related addresses,
// severity, title and time, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { awsInspectorParser } from '../../../src/intake/parsers/aws-inspector.js';
import { awsSecurityhubParser } from '../../../src/intake/parsers/aws-securityhub.js';
import { registryClaims } from './registry-claims.js';

const packageFinding = {
  awsAccountId: '111122223333',
  description: 'A demo library lets a crafted request skip certificate checks.',
  findingArn: 'arn:aws:inspector2:eu-west-1:111122223333:finding/0123456789abcdef0123456789abcdef',
  firstObservedAt: 1714550000.5,
  inspectorScore: 7.5,
  lastObservedAt: 1714557600.25,
  packageVulnerabilityDetails: {
    source: 'NVD',
    vulnerabilityId: 'CVE-2099-0001',
    vulnerablePackages: [
      { name: 'demo-lib', version: '1.0.0', fixedInVersion: '1.0.1', packageManager: 'OS' },
    ],
  },
  resources: [
    {
      details: {
        awsEc2Instance: {
          imageId: 'ami-0demo',
          ipV4Addresses: ['192.0.2.15', '203.0.113.15'],
          ipV6Addresses: ['2001:db8::15'],
          platform: 'AMAZON_LINUX_2',
          type: 't3.micro',
        },
      },
      id: 'i-0demo0000000001',
      partition: 'aws',
      region: 'eu-west-1',
      type: 'AWS_EC2_INSTANCE',
    },
  ],
  severity: 'HIGH',
  status: 'ACTIVE',
  title: 'CVE-2099-0001 - demo-lib',
  type: 'PACKAGE_VULNERABILITY',
  updatedAt: 1714557600.25,
};

const reachability = {
  awsAccountId: '111122223333',
  findingArn: 'arn:aws:inspector2:eu-west-1:111122223333:finding/fedcba9876543210fedcba9876543210',
  networkReachabilityDetails: { openPortRange: { begin: 22, end: 22 }, protocol: 'TCP' },
  resources: [
    {
      id: 'i-0demo0000000002',
      type: 'AWS_EC2_INSTANCE',
      details: { awsEc2Instance: { ipV4Addresses: ['198.51.100.7'] } },
    },
  ],
  severity: 'INFORMATIONAL',
  title: 'Port 22 is reachable from an Internet Gateway',
  type: 'NETWORK_REACHABILITY',
  updatedAt: '1.7145576E9',
};

const lambda = {
  awsAccountId: '111122223333',
  findingArn: 'arn:aws:inspector2:eu-west-1:111122223333:finding/00000000000000000000000000000003',
  resources: [
    {
      id: 'arn:aws:lambda:eu-west-1:111122223333:function:demo',
      type: 'AWS_LAMBDA_FUNCTION',
      details: { awsLambdaFunction: { runtime: 'PYTHON_3_12' } },
    },
  ],
  severity: 'MEDIUM',
  title: 'CWE-798 - Hardcoded credentials',
  type: 'CODE_VULNERABILITY',
  updatedAt: 1714557600,
};

describe('awsInspectorParser', () => {
  it('detects package, network reachability and code findings', () => {
    for (const sample of [packageFinding, reachability, lambda])
      expect(awsInspectorParser.detect(sample)).toBe(true);
  });

  it("reports the instance's IPv4 and IPv6 addresses as related addresses only", () => {
    const a = awsInspectorParser.parse(packageFinding);
    expect(a.format).toBe('aws.inspector');
    expect(a.observables.ips).toEqual(['192.0.2.15', '203.0.113.15', '2001:db8::15']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(awsInspectorParser.parse(lambda).observables.ips).toEqual([]);
  });

  it('reports the title with its resource, the severity, the vulnerability id and the update time', () => {
    const a = awsInspectorParser.parse(packageFinding);
    expect(a.title).toBe('Amazon Inspector: CVE-2099-0001 - demo-lib on i-0demo0000000001');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('CVE-2099-0001');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.250Z');
    const r = awsInspectorParser.parse(reachability);
    expect(r.severity).toBe('info');
    expect(r.ruleId).toBe('NETWORK_REACHABILITY');
    expect(r.observedAt).toBe('2024-05-01T10:00:00.000Z');
  });

  it('does not claim Security Hub findings or other records', () => {
    const asff = {
      SchemaVersion: '2018-10-08',
      ProductArn: 'arn:aws:securityhub:::product/aws/inspector',
      AwsAccountId: '111122223333',
    };
    const other = { ...packageFinding, type: 'SOMETHING_ELSE' };
    for (const x of [asff, other, { findingArn: 'x' }, 'text', null])
      expect(awsInspectorParser.detect(x)).toBe(false);
    expect(awsSecurityhubParser.detect(packageFinding)).toBe(false);
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const sample of [packageFinding, reachability, lambda])
      expect(registryClaims(sample, awsInspectorParser.name).others).toEqual([]);
  });
});
