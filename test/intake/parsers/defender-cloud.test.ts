// The Microsoft Defender for Cloud parser on synthetic Event Hub export records: a security alert with
// entities, assessments, sub-assessments and secure scores, mapped as Elastic's pipeline maps them.
import { describe, expect, it } from 'vitest';
import { defenderCloudParser } from '../../../src/intake/parsers/defender-cloud.js';
import { registryClaims } from './registry-claims.js';

const SUB = '/subscriptions/00000000-1111-2222-3333-444444444444';

const alert = {
  VendorName: 'Microsoft',
  AlertType: 'VM_SshBruteForceSuccess',
  ProductName: 'Microsoft Defender for Cloud',
  StartTimeUtc: '2024-03-04T05:00:00.1234567Z',
  TimeGenerated: '2024-03-04T05:06:07.1234567Z',
  Severity: 'High',
  Status: 'New',
  SystemAlertId: '2516000000000000000_aaaabbbb-cccc-dddd-eeee-ffff00001111',
  AzureResourceId: `${SUB}/resourceGroups/demo-rg/providers/Microsoft.Compute/virtualMachines/build-vm-07`,
  CompromisedEntity: 'build-vm-07',
  AlertDisplayName: 'Successful SSH brute force attack',
  Entities: [
    { $id: '2', Address: '198.51.100.23', Location: { CountryCode: 'ZZ' }, Type: 'ip' },
    { $id: '3', HostName: 'build-vm-07', NetBiosName: 'BUILD-VM-07', OSFamily: 'Linux', Type: 'host' },
    { $id: '4', Name: 'deployer', NTDomain: 'build-vm-07', Host: { $ref: '3' }, Type: 'account' },
    {
      $id: '5',
      DomainName: 'c2.bad-actor.example',
      IpAddresses: [{ $id: '6', Address: '203.0.113.66', Type: 'ip' }],
      Type: 'dns',
    },
    { $id: '7', Address: '0.0.0.0', Type: 'ip' },
    { $id: '8', Url: 'https://files.bad-actor.example/payload.sh', Type: 'url' },
    { $id: '9', SourceAddress: { $ref: '2' }, Protocol: 'Tcp', Type: 'network-connection' },
    { $ref: '3' },
  ],
  ExtendedProperties: { 'Client IP address': '198.51.100.99', 'Client principal name': 'someone' },
};

const assessment = {
  tenantId: '99999999-8888-7777-6666-555555555555',
  type: 'Microsoft.Security/assessments',
  id: `${SUB}/resourcegroups/demo-rg/providers/microsoft.web/sites/demo-app/providers/Microsoft.Security/assessments/1234abcd`,
  name: '1234abcd',
  properties: {
    resourceDetails: {
      source: 'Azure',
      id: `${SUB}/resourcegroups/demo-rg/providers/microsoft.web/sites/demo-app`,
    },
    displayName: 'TLS should be updated to the latest version for your web app',
    status: { code: 'Unhealthy', statusChangeDate: '2024-03-01T10:00:00Z' },
    metadata: { displayName: 'TLS should be updated', severity: 'Medium' },
  },
};

/** A REST API assessment of a virtual machine, and one of a container image. */
const vmAssessment = {
  type: 'Microsoft.Security/assessments',
  id: `${SUB}/resourceGroups/demo-rg/providers/Microsoft.Compute/virtualMachines/web-vm-03/providers/Microsoft.Security/assessments/5678ef`,
  name: '5678ef',
  properties: {
    resourceDetails: {
      Source: 'Azure',
      Id: `${SUB}/resourceGroups/demo-rg/providers/Microsoft.Compute/virtualMachines/web-vm-03`,
      ResourceName: 'web-vm-03',
      ResourceType: 'virtualMachines',
      ResourceProvider: 'Microsoft.Compute',
    },
    displayName: 'Machines should have a vulnerability assessment solution',
    status: { code: 'Healthy' },
  },
};
const imageAssessment = {
  type: 'Microsoft.Security/assessments',
  id: `${SUB}/resourcegroups/demo-rg/providers/microsoft.containerservice/managedclusters/dev/providers/Microsoft.Security/assessments/9abc`,
  name: '9abc',
  properties: {
    resourceDetails: { Source: 'Azure', ResourceName: 'proxy-agent', ResourceType: 'ContainerImage' },
    displayName: 'Vulnerable images should be updated',
    status: { code: 'Unhealthy' },
  },
};

const subAssessment = {
  $type: 'subAssessmentEvent',
  TenantId: '99999999-8888-7777-6666-555555555555',
  Type: 'Microsoft.Security/assessments/subAssessments',
  Id: `${SUB}/resourcegroups/demo-rg/providers/microsoft.compute/virtualmachines/build-vm-07/providers/Microsoft.Security/assessments/aa11/subassessments/bb22`,
  Name: 'bb22',
  Properties: {
    DisplayName: 'Ensure SCTP is disabled',
    Status: { Code: 'Healthy', Severity: 'Low' },
    TimeGenerated: '2024-03-02T11:12:13.4567891Z',
  },
};

const secureScore = {
  id: '/subscriptions/00000000-1111-2222-3333-444444444444/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/c0ffee',
  name: 'c0ffee',
  type: 'Microsoft.Security/secureScores/secureScoreControls',
  properties: {
    displayName: 'Enable MFA',
    healthyResourceCount: 1,
    unhealthyResourceCount: 2,
    score: { max: 10 },
  },
};

describe('Microsoft Defender for Cloud parser', () => {
  it('relates entity addresses, then the addresses a DNS entity resolved to, never 0.0.0.0', () => {
    expect(defenderCloudParser.detect(alert)).toBe(true);
    const o = defenderCloudParser.parse(alert).observables;
    expect(o.ips).toEqual(['198.51.100.23', '203.0.113.66']);
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual([]);
  });

  it('reports host entity names as hosts and DNS entity names as domains, and no users', () => {
    const o = defenderCloudParser.parse(alert).observables;
    expect(o.hosts).toEqual(['build-vm-07']);
    expect(o.domains).toEqual(['c2.bad-actor.example']);
    expect(o.users).toEqual([]);
    expect(o.urls).toEqual(['https://files.bad-actor.example/payload.sh']);
    expect(defenderCloudParser.domainsInRelatedHosts).not.toBe(false);
  });

  it('reads the alert title, severity, time and alert type', () => {
    const a = defenderCloudParser.parse(alert);
    expect(a.title).toBe('Successful SSH brute force attack');
    expect(a.severity).toBe('high');
    expect(a.observedAt).toBe('2024-03-04T05:06:07.123Z');
    expect(a.ruleId).toBe('VM_SshBruteForceSuccess');
    expect(a.format).toBe('microsoft_defender_cloud.event');
  });

  it('reads camel-case keys as the pipeline does, whatever their case', () => {
    const camel = {
      alertDisplayName: 'Suspicious process executed',
      systemAlertId: 'x-1',
      severity: 'Low',
      entities: [
        { address: '192.0.2.5', type: 'ip' },
        { hostName: 'db-01', type: 'host' },
      ],
    };
    expect(defenderCloudParser.detect(camel)).toBe(true);
    const a = defenderCloudParser.parse(camel);
    expect(a.observables.ips).toEqual(['192.0.2.5']);
    expect(a.observables.hosts).toEqual(['db-01']);
    expect(a.severity).toBe('low');
  });

  it('reads assessments, sub-assessments and secure scores without indicators', () => {
    for (const r of [assessment, subAssessment, secureScore]) {
      expect(defenderCloudParser.detect(r)).toBe(true);
      const o = defenderCloudParser.parse(r).observables;
      expect([...o.ips, ...o.hosts, ...o.users, ...o.domains]).toEqual([]);
    }
    const a = defenderCloudParser.parse(assessment);
    expect(a.title).toBe('TLS should be updated to the latest version for your web app');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-01T10:00:00.000Z');
    const s = defenderCloudParser.parse(subAssessment);
    expect(s.title).toBe('Ensure SCTP is disabled');
    expect(s.severity).toBe('info');
    expect(defenderCloudParser.parse(secureScore).title).toBe('Enable MFA');
  });

  it('reports an assessed virtual machine by name as a host, and no other assessed resource', () => {
    expect(defenderCloudParser.detect(vmAssessment)).toBe(true);
    expect(defenderCloudParser.parse(vmAssessment).observables.hosts).toEqual(['web-vm-03']);
    expect(defenderCloudParser.parse(vmAssessment).severity).toBe('info');
    const subVm = {
      ...imageAssessment,
      properties: {
        ...imageAssessment.properties,
        additionalData: {
          subAssessment: { resourceDetails: { ResourceName: 'batch-vm-9', ResourceType: 'VirtualMachines' } },
        },
      },
    };
    expect(defenderCloudParser.parse(subVm).observables.hosts).toEqual(['batch-vm-9']);
    expect(defenderCloudParser.parse(imageAssessment).observables.hosts).toEqual([]);
  });

  it('does not claim Azure diagnostic logs, Defender for Endpoint alerts or other resources', () => {
    const activity = {
      time: '2024-03-04T05:06:07Z',
      resourceId: `${SUB}/resourceGroups/demo-rg`,
      operationName: 'Microsoft.Security/locations/alerts/activate/action',
      category: 'Security',
      properties: { alertDisplayName: 'x' },
    };
    expect(defenderCloudParser.detect(activity)).toBe(false);
    const endpoint = {
      id: 'da637000000000000000_1',
      title: 'Suspicious PowerShell',
      computerDnsName: 'ws-01',
      alertCreationTime: '2024-03-04T05:06:07Z',
      detectionSource: 'WindowsDefenderAtp',
    };
    expect(defenderCloudParser.detect(endpoint)).toBe(false);
    const vm = {
      id: `${SUB}/resourceGroups/demo-rg/providers/Microsoft.Compute/virtualMachines/vm`,
      type: 'Microsoft.Compute/virtualMachines',
      properties: {},
    };
    expect(defenderCloudParser.detect(vm)).toBe(false);
    expect(defenderCloudParser.detect('AlertDisplayName SystemAlertId')).toBe(false);
  });

  it('is the only specific parser in the registry that claims these records', () => {
    for (const sample of [alert, assessment, vmAssessment, imageAssessment, subAssessment, secureScore]) {
      expect(registryClaims(sample, defenderCloudParser.name).others).toEqual([]);
    }
  });
});
