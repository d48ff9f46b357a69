// The Wiz parser on synthetic posture findings (cloud configuration findings, vulnerability findings, issues) and a
// Defend detection: the VM or user account Elastic's wiz pipelines name, severities, and no double claims.
import { describe, expect, it } from 'vitest';
import { wizParser } from '../../../src/intake/parsers/wiz.js';
import { registryClaims } from './registry-claims.js';

const subscription = {
  id: 'a0000000-0000-4000-8000-000000000001',
  name: 'demo-subscription',
  externalId: '000000000001',
  cloudProvider: 'Azure',
};

const configVmFailed = {
  id: 'b0000000-0000-4000-8000-000000000001',
  name: 'Virtual Machine allows SSH from the internet',
  analyzedAt: '2024-05-02T10:20:30.123456Z',
  severity: 'HIGH',
  result: 'FAIL',
  status: 'OPEN',
  remediation: null,
  resource: {
    id: 'b0000000-0000-4000-8000-000000000002',
    providerId: 'vm-provider-0001',
    name: 'Demo-VM-01',
    nativeType: 'Microsoft.Compute/virtualMachines',
    type: 'VIRTUAL_MACHINE',
    region: 'westeurope',
    subscription,
    tags: [],
  },
  rule: {
    id: 'b0000000-0000-4000-8000-000000000003',
    shortId: 'VirtualMachines-999',
    name: 'Virtual Machine should not allow SSH from the internet',
    description: 'Checks inbound rules.',
    remediationInstructions: 'Restrict the rule.',
  },
  evidence: { currentValue: 'open', expectedValue: 'closed', configurationPath: null },
};

const configUserPassed = {
  analyzedAt: '2024-05-02T11:00:00Z',
  id: 'b0000000-0000-4000-8000-000000000011',
  name: 'Account has MFA',
  remediation: null,
  resource: {
    id: 'b0000000-0000-4000-8000-000000000012',
    name: 'ops-admin',
    nativeType: 'user',
    providerId: 'arn:aws:iam::000000000001:user/ops-admin',
    region: null,
    subscription: { ...subscription, cloudProvider: 'AWS' },
    tags: [],
    type: 'USER_ACCOUNT',
  },
  result: 'PASS',
  rule: { id: 'b0000000-0000-4000-8000-000000000013', name: 'Users should use MFA', shortId: 'IAM-999' },
  severity: 'MEDIUM',
};

/** The older shape: no finding name, no rule short id. */
const configPodOld = {
  id: 'b0000000-0000-4000-8000-000000000021',
  targetExternalId: 'k8s/pod/demo/default/web-7f9c',
  firstSeenAt: '2024-05-01T00:00:00Z',
  analyzedAt: '2024-05-01T00:00:00Z',
  severity: 'LOW',
  result: 'FAIL',
  status: 'OPEN',
  resource: {
    id: 'b0000000-0000-4000-8000-000000000022',
    providerId: 'pod-provider-0001',
    name: 'web-7f9c',
    nativeType: 'Pod',
    type: 'POD',
    region: null,
    subscription,
    projects: null,
    tags: [{ key: 'app', value: 'web' }],
  },
  rule: { id: 'b0000000-0000-4000-8000-000000000023', name: 'Pod should drop all capabilities' },
  securitySubCategories: [{ id: 'wsct-id-0', title: 'Container Security' }],
};

const vulnerabilityVm = {
  id: 'c0000000-0000-4000-8000-000000000001',
  name: 'CVE-2024-00002',
  CVSSSeverity: 'HIGH',
  vendorSeverity: 'CRITICAL',
  status: 'OPEN',
  detectionMethod: 'PACKAGE',
  detailedName: 'libdemo',
  firstDetectedAt: '2024-01-01T00:00:00Z',
  lastDetectedAt: '2024-04-02T08:00:00Z',
  vulnerableAsset: {
    id: 'c0000000-0000-4000-8000-000000000002',
    type: 'VIRTUAL_MACHINE',
    name: 'Build-VM-07',
    operatingSystem: 'Linux',
    ipAddresses: ['198.51.100.7', '0.0.0.0', '2001:db8::7'],
  },
};

const vulnerabilityImage = {
  id: 'c0000000-0000-4000-8000-000000000011',
  name: 'CVE-2024-00003',
  CVSSSeverity: 'LOW',
  status: 'OPEN',
  detectionMethod: 'LIBRARY',
  detailedName: 'demo-lib',
  lastDetectedAt: '2024-04-03T08:00:00Z',
  vulnerableAsset: {
    id: 'c0000000-0000-4000-8000-000000000012',
    type: 'CONTAINER_IMAGE',
    name: 'demo/app:1.2',
  },
};

const issueWithoutNotes = {
  id: 'd0000000-0000-4000-8000-000000000011',
  type: 'CLOUD_CONFIGURATION',
  severity: 'MEDIUM',
  status: 'OPEN',
  createdAt: '2024-04-09T00:00:00Z',
  updatedAt: '2024-04-10T00:00:00Z',
  entitySnapshot: { name: 'demo-vm', type: 'VIRTUAL_MACHINE', cloudPlatform: 'Azure' },
  notes: [],
  sourceRule: { __typename: 'CloudConfigurationRule', id: 'ccr-demo', name: 'VM disk should be encrypted' },
};

const defendDetection = {
  id: 'e0000000-0000-4000-8000-000000000011',
  title: 'Reverse shell detected',
  severity: 'HIGH',
  createdAt: '2024-04-10T09:00:00Z',
  trigger: { ruleId: 'r-demo-2', ruleName: 'Demo detection rule', type: 'Created' },
  primaryActor: { id: 'actor-0002', name: 'svc-runner', email: null },
  primaryResource: { id: 'res-2', name: 'worker-node', type: 'VIRTUAL_MACHINE' },
  triggeringEvent: {
    id: 'te-2',
    eventTime: '2024-04-10T08:59:00Z',
    actor: { id: 'actor-0002', name: 'svc-runner' },
    actorIP: '203.0.113.66',
    runtimeDetails: { processTree: [{ path: '/bin/bash', userId: '33', username: 'www-data' }] },
  },
};

const samples = {
  configVmFailed,
  configUserPassed,
  configPodOld,
  vulnerabilityVm,
  vulnerabilityImage,
  issueWithoutNotes,
  defendDetection,
};

describe('wizParser on findings', () => {
  it('detects cloud configuration findings in both shapes, vulnerability findings, issues and Defend detections', () => {
    for (const [name, sample] of Object.entries(samples)) expect(wizParser.detect(sample), name).toBe(true);
  });

  it('reads a failed configuration check on a VM: the lower-cased VM name as host, the rule short id, the severity', () => {
    const alert = wizParser.parse(configVmFailed);
    expect(alert.format).toBe('wiz.cloud_configuration_finding');
    expect(alert.recognizedBy).toBe('parser:wiz');
    expect(alert.observables.hosts).toEqual(['demo-vm-01']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('VirtualMachines-999');
    expect(alert.observedAt).toBe('2024-05-02T10:20:30.123Z');
    expect(alert.title).toContain('Virtual Machine should not allow SSH from the internet');
    expect(alert.title).toContain('Demo-VM-01');
  });

  it('reads a passed configuration check on a user account: the account as user, informational', () => {
    const alert = wizParser.parse(configUserPassed);
    expect(alert.observables.users).toEqual(['ops-admin']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.severity).toBe('info');
    expect(alert.ruleId).toBe('IAM-999');
  });

  it('names neither host nor user for other resources and falls back to the rule id without a short id', () => {
    const alert = wizParser.parse(configPodOld);
    expect(alert.format).toBe('wiz.cloud_configuration_finding');
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.users).toEqual([]);
    expect(alert.severity).toBe('low');
    expect(alert.ruleId).toBe('b0000000-0000-4000-8000-000000000023');
    expect(alert.title).toContain('Pod should drop all capabilities');
  });

  it('names a vulnerable VM as host in lower case, keeps its addresses related and drops 0.0.0.0', () => {
    const alert = wizParser.parse(vulnerabilityVm);
    expect(alert.format).toBe('wiz.vulnerability');
    expect(alert.observables.hosts).toEqual(['build-vm-07']);
    expect(alert.observables.ips).toEqual(['198.51.100.7', '2001:db8::7']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.severity).toBe('critical');
    expect(alert.ruleId).toBe('CVE-2024-00002');
  });

  it('names no host for a vulnerable container image and reads the CVSS severity when there is no vendor one', () => {
    const alert = wizParser.parse(vulnerabilityImage);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.severity).toBe('low');
    expect(alert.observedAt).toBe('2024-04-03T08:00:00.000Z');
  });

  it('reads an issue without notes as a posture finding with no indicators', () => {
    const alert = wizParser.parse(issueWithoutNotes);
    expect(alert.format).toBe('wiz.issue');
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.severity).toBe('medium');
    expect(alert.ruleId).toBe('ccr-demo');
    expect(alert.observedAt).toBe('2024-04-10T00:00:00.000Z');
  });

  it('reads a Defend detection without a subject address: actor address related only, actor and process users', () => {
    const alert = wizParser.parse(defendDetection);
    expect(alert.format).toBe('wiz.defend');
    expect(alert.observables.ips).toEqual(['203.0.113.66']);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.users).toEqual(['svc-runner', 'actor-0002', '33', 'www-data']);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.severity).toBe('high');
  });

  it('does not claim other JSON that has a result, a resource or a rule', () => {
    const others: unknown[] = [
      { analyzedAt: '2024-05-02T10:20:30Z', result: 'FAIL', resource: 'vm-1', rule: { id: 'x' } },
      { analyzedAt: '2024-05-02T10:20:30Z', resource: { name: 'vm-1' }, rule: { id: 'x' } },
      { result: 'FAIL', resource: { name: 'vm-1' }, rule: { id: 'x' } },
      { id: 'x', analyzedAt: '2024-05-02T10:20:30Z', result: 'PASS', resource: {}, rule: [] },
      'analyzedAt=2024-05-02 result=FAIL resource=vm-1',
      null,
    ];
    for (const other of others) expect(wizParser.detect(other)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, wizParser.name).others, name).toEqual([]);
    }
  });
});
