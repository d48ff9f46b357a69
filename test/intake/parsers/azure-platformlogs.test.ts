// The catch-all Azure resource-log parser on synthetic records: the caller or event address (bare addresses only),
// the emitting Host, Azure's time spellings, Spring Apps logs, and that it yields to wrapped payloads and to the
// specific Azure parsers before it in the registry.
import { describe, expect, it } from 'vitest';
import { parsers } from '../../../src/intake/parsers/index.js';
import { azurePlatformlogsParser } from '../../../src/intake/parsers/azure-platformlogs.js';
import { normalizeAlert } from '../../../src/intake/normalize.js';
import { registryClaims } from './registry-claims.js';

const eventHub = {
  ActivityId: 'aaaa0000-0000-4000-8000-000000000001',
  Caller: 'Portal',
  callerIpAddress: '2001:db8::15',
  EventName: 'Retrieve ConsumerGroup',
  EventProperties: '{"Namespace":"demo-hub"}',
  EventTimeString: '3/4/2025 9:06:42 PM +00:00',
  Region: 'West Europe',
  Status: 'Succeeded',
  category: 'OperationalLogs',
  resourceId:
    '/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.EVENTHUB/NAMESPACES/DEMO-HUB',
};

const functionApp = {
  properties: "{'appName':'demo','message':'Timer fired','level':'Information'}",
  time: '03/04/2025 14:26:04',
  resourceId:
    '/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.WEB/SITES/demo',
  level: 'Warning',
  category: 'FunctionAppLogs',
  operationName: 'Microsoft.Web/sites/functions/log',
  Host: 'worker-host-01',
  EventIpAddress: '192.0.2.44',
};

const keyVault = {
  time: '2025-03-04T10:11:12.0000000Z',
  resourceId:
    '/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/DEMO-KV',
  operationName: 'SecretGet',
  category: 'AuditEvent',
  resultType: 'Failure',
  callerIpAddress: '198.51.100.7:51234',
  Level: 2,
  identity: { claim: { upn: 'robin@example.onmicrosoft.com' } },
  properties: { id: 'https://demo-kv.vault.example/secrets/s1' },
};

const spring = {
  time: '2025-03-04T19:30:30.535404056Z',
  resourceId:
    '/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.APPPLATFORM/SPRING/DEMO-APPS',
  operationName: 'Microsoft.AppPlatform/Spring/logs',
  category: 'ApplicationConsole',
  level: 'Informational',
  callerIpAddress: '203.0.113.30',
  properties: { Log: 'INFO started\n', AppName: 'demo-app', InstanceName: 'demo-app-1' },
};

const samples = { eventHub, functionApp, keyVault, spring };

describe('azurePlatformlogsParser', () => {
  it('detects resource logs of categories no specific Azure parser reads', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(azurePlatformlogsParser.detect(sample), name).toBe(true);
  });

  it('reports the bare caller address as the source and related address, and no user', () => {
    const a = azurePlatformlogsParser.parse(eventHub);
    expect(a.format).toBe('azure.platformlogs');
    expect(a.recognizedBy).toBe('parser:azure.platformlogs');
    expect(a.observables.srcIps).toEqual(['2001:db8::15']);
    expect(a.observables.ips).toEqual(['2001:db8::15']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('Azure OperationalLogs: Retrieve ConsumerGroup (Succeeded)');
    expect(a.observedAt).toBe('2025-03-04T21:06:42.000Z');
    expect(a.severity).toBe('info');
  });

  it('reads the event address and Host of App Service and Functions records and their 24-hour time', () => {
    const a = azurePlatformlogsParser.parse(functionApp);
    expect(a.observables.srcIps).toEqual(['192.0.2.44']);
    expect(a.observables.ips).toEqual(['192.0.2.44']);
    expect(a.observables.hosts).toEqual(['worker-host-01']);
    expect(a.observedAt).toBe('2025-03-04T14:26:04.000Z');
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('Microsoft.Web/sites/functions/log');
  });

  it('ignores a caller with a port, as the pipeline does, and rates by the numeric level', () => {
    const a = azurePlatformlogsParser.parse(keyVault);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.title).toBe('Azure AuditEvent: SecretGet (Failure)');
  });

  it('names Spring Apps console logs as their own data stream', () => {
    const a = azurePlatformlogsParser.parse(spring);
    expect(a.format).toBe('azure.springcloudlogs');
    expect(a.observables.srcIps).toEqual(['203.0.113.30']);
  });

  it('leaves a record carrying a JSON payload in properties.log, and non-Azure shapes, to others', () => {
    const aks = {
      category: 'kube-audit',
      resourceId: spring.resourceId,
      properties: { log: '{"kind":"Event","sourceIPs":["192.0.2.9"]}', pod: 'kube-apiserver-1' },
    };
    // Newer AKS exports carry the audit event as an object.
    const aksObject = {
      ...aks,
      properties: { ...aks.properties, log: { kind: 'Event', sourceIPs: ['192.0.2.9'] } },
    };
    const noResource = { category: 'OperationalLogs', resourceId: 'demo-hub' };
    for (const raw of [aks, aksObject, noResource, JSON.stringify(eventHub), null, 3, []]) {
      expect(azurePlatformlogsParser.detect(raw)).toBe(false);
    }
  });

  it('hands an AKS audit event carried as an object to the Kubernetes audit parser', () => {
    const a = normalizeAlert({
      category: 'kube-audit-admin',
      resourceId: spring.resourceId,
      properties: {
        log: {
          kind: 'Event',
          apiVersion: 'audit.k8s.io/v1',
          verb: 'update',
          user: { username: 'aksService', groups: ['system:masters'] },
          sourceIPs: ['203.0.113.41'],
          objectRef: { resource: 'leases', namespace: 'kube-system' },
        },
        pod: 'kube-apiserver-1',
      },
    });
    expect(a.recognizedBy).toBe('parser:kubernetes.audit_logs');
    expect(a.observables.srcIps).toEqual(['203.0.113.41']);
    expect(a.observables.users).toEqual(['aksService']);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, azurePlatformlogsParser.name).others, name).toEqual([]);
    }
  });

  it('would claim records of the specific Azure streams too, so it must sit after their parsers', () => {
    const signIn = {
      ...eventHub,
      category: 'SignInLogs',
      resourceId: '/tenants/00000000-1111/providers/Microsoft.aadiam',
      properties: {},
    };
    expect(azurePlatformlogsParser.detect(signIn)).toBe(true);
    expect(parsers.find((p) => p.detect(signIn))?.name).toBe('azure.signinlogs');
  });
});
