// The Entra ID provisioning-log parser on synthetic ProvisioningLogs records: detection, the caller address
// Elastic's azure provisioning pipeline keeps, Azure's time spellings, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { azureProvisioningParser } from '../../../src/intake/parsers/azure-provisioning.js';
import { registryClaims } from './registry-claims.js';

const success = {
  time: '2025-02-03T10:20:30.1234567Z',
  resourceId: '/tenants/00000000-1111-2222-3333-444444444444/providers/Microsoft.aadiam',
  operationName: 'Provisioning activity',
  operationVersion: '1.0',
  category: 'ProvisioningLogs',
  tenantId: '00000000-1111-2222-3333-444444444444',
  resultType: 'Success',
  durationMs: 512,
  Level: 4,
  callerIpAddress: '198.51.100.61',
  properties: {
    id: 'aaaa0000-0000-4000-8000-000000000001',
    activityDateTime: '2025-02-03T10:20:00.0000000Z',
    action: 'Create',
    provisioningAction: 'create',
    servicePrincipal: { Id: 'sp-1', Name: 'Demo SaaS' },
    sourceSystem: { Id: 'src-1', Name: 'Azure Active Directory', details: {} },
    targetSystem: { Id: 'tgt-1', Name: 'Demo SaaS', details: {} },
    initiatedBy: { Type: 'system', Id: '', Name: 'Azure AD Provisioning Service' },
    sourceIdentity: {
      identityType: 'User',
      Id: 'user-1',
      Name: 'Robin Example',
      details: { UserPrincipalName: 'robin@example.onmicrosoft.com' },
    },
    targetIdentity: { identityType: 'User', Id: '', Name: '', details: {} },
    provisioningStatusInfo: { Status: 'success', errorInformation: null },
    provisioningSteps: [],
    modifiedProperties: [],
  },
};

const failure = {
  time: '2/3/2025 11:20:30 PM',
  resourceId: '/tenants/00000000-1111-2222-3333-444444444444/providers/Microsoft.aadiam',
  operationName: 'Provisioning activity',
  category: 'ProvisioningLogs',
  resultType: 'Failure',
  callerIpAddress: 'provisioning-service',
  properties: {
    action: 'Update',
    sourceIdentity: { Name: 'Demo Group' },
    targetSystem: { Name: 'Demo SaaS' },
    provisioningStatusInfo: { Status: 'failure', errorInformation: { errorCode: 'Conflict' } },
  },
};

const minimal = { time: '1/9/2025 10:41:00 AM +01:00', category: 'ProvisioningLogs' };

const samples = { success, failure, minimal };

describe('azureProvisioningParser', () => {
  it('detects ProvisioningLogs records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(azureProvisioningParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the caller address as the source and no provisioned identity as a user', () => {
    const a = azureProvisioningParser.parse(success);
    expect(a.format).toBe('azure.provisioning');
    expect(a.recognizedBy).toBe('parser:azure.provisioning');
    expect(a.observables.srcIps).toEqual(['198.51.100.61']);
    expect(a.observables.ips).toEqual(['198.51.100.61']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Provisioning activity: Create Robin Example in Demo SaaS (success)');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2025-02-03T10:20:30.123Z');
    expect(a.ruleId).toBe('create');
  });

  it('rates a failed provisioning low, reads a US-style time and ignores a caller that is not an address', () => {
    const a = azureProvisioningParser.parse(failure);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-02-03T23:20:30.000Z');
  });

  it('reads a zoned US-style time of a record with nothing else', () => {
    const a = azureProvisioningParser.parse(minimal);
    expect(a.observedAt).toBe('2025-01-09T09:41:00.000Z');
    expect(a.observables.ips).toEqual([]);
  });

  it('claims no other Azure category, a differently cased category or text', () => {
    const audit = { ...success, category: 'AuditLogs' };
    const signin = { ...success, category: 'SignInLogs' };
    const cased = { ...success, category: 'provisioninglogs' };
    const line = '{"category":"ProvisioningLogs"}';
    for (const raw of [audit, signin, cased, line, null, 42, []]) {
      expect(azureProvisioningParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, azureProvisioningParser.name).others, name).toEqual([]);
    }
  });
});
