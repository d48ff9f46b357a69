// The Entra ID audit / Microsoft Graph activity parser on synthetic Azure Monitor diagnostic records:
// detection, the indicators Elastic's azure auditlogs and graphactivitylogs pipelines map, and that no other
// parser claims them.
import { describe, expect, it } from 'vitest';
import { azureEntraAuditParser } from '../../../src/intake/parsers/azure-entra-audit.js';
import { registryClaims } from './registry-claims.js';

const TENANT = '00000000-0000-0000-0000-00000000000a';
const RESOURCE_ID = `/tenants/${TENANT}/providers/Microsoft.aadiam`;

const auditByApp = {
  time: '2024-04-02T08:15:30.1234567Z',
  resourceId: RESOURCE_ID,
  operationName: 'Add service principal credentials',
  operationVersion: '1.0',
  category: 'AuditLogs',
  tenantId: TENANT,
  resultSignature: 'None',
  durationMs: 0,
  callerIpAddress: '203.0.113.25',
  correlationId: '11111111-2222-3333-4444-555555555555',
  identity: 'Demo Automation',
  Level: 4,
  properties: {
    id: 'Directory_11111111-2222-3333-4444-555555555555_ABCDE_1',
    category: 'ApplicationManagement',
    result: 'success',
    resultReason: '',
    activityDisplayName: 'Add service principal credentials',
    activityDateTime: '2024-04-02T08:15:30.1234567+00:00',
    loggedByService: 'Core Directory',
    operationType: 'Update',
    userAgent: null,
    initiatedBy: {
      app: {
        appId: null,
        displayName: 'Demo Automation',
        servicePrincipalId: 'sp-1',
        servicePrincipalName: null,
      },
    },
    targetResources: [
      {
        id: 'target-1',
        displayName: 'demo-app',
        type: 'ServicePrincipal',
        modifiedProperties: [
          { displayName: 'KeyDescription', oldValue: null, newValue: '"[KeyType=Password]"' },
        ],
        administrativeUnits: [],
      },
    ],
    additionalDetails: [{ key: 'User-Agent', value: 'demo-client/1.0' }],
  },
};

const auditByUser = {
  ...auditByApp,
  operationName: 'Add member to role',
  callerIpAddress: '2001:db8::25',
  properties: {
    ...auditByApp.properties,
    category: 'RoleManagement',
    result: 'failure',
    resultReason: 'Demo policy refused the change.',
    activityDisplayName: 'Add member to role',
    initiatedBy: {
      user: {
        id: 'user-1',
        displayName: 'Robin Admin',
        userPrincipalName: 'robin.admin@contoso.example',
        ipAddress: '198.51.100.40',
        roles: [],
      },
    },
    targetResources: [
      {
        id: 'user-2',
        displayName: 'Casey Target',
        type: 'User',
        userPrincipalName: 'casey.target@contoso.example',
        modifiedProperties: [],
      },
    ],
  },
};

const graphUser = {
  Level: 4,
  callerIpAddress: '198.51.100.77',
  category: 'MicrosoftGraphActivityLogs',
  correlationId: '22222222-3333-4444-5555-666666666666',
  durationMs: 120000,
  location: 'West Europe',
  operationName: 'Microsoft Graph Activity',
  operationVersion: 'v1.0',
  properties: {
    apiVersion: 'v1.0',
    appId: 'app-1',
    clientAuthMethod: '0',
    ipAddress: '198.51.100.77',
    requestId: '22222222-3333-4444-5555-666666666666',
    requestMethod: 'GET',
    requestUri: 'https://graph.microsoft.com/v1.0/users?$select=id,displayName&$top=999',
    responseSizeBytes: 2048,
    responseStatusCode: 200,
    roles: null,
    scopes: 'User.Read.All openid',
    servicePrincipalId: null,
    tenantId: TENANT,
    timeGenerated: '2024-04-02T09:00:00.5Z',
    userAgent: 'demo-tool/2.0',
    userId: '33333333-4444-5555-6666-777777777777',
  },
  resourceId: RESOURCE_ID.toUpperCase(),
  resultSignature: '200',
  tenantId: TENANT,
  time: '2024-04-02T09:00:00.5000000Z',
};

const graphApp = {
  ...graphUser,
  callerIpAddress: '2001:db8::77',
  properties: {
    ...graphUser.properties,
    ipAddress: '2001:db8::77',
    requestMethod: 'POST',
    requestUri: 'https://graph.microsoft.com/beta/servicePrincipals/sp-1/addPassword',
    responseStatusCode: 403,
    servicePrincipalId: 'sp-2',
    userId: null,
  },
};

// The legacy Azure AD Graph: the caller address and ids are in `properties`.
const aadGraphApp = {
  category: 'AzureADGraphActivityLogs',
  operationName: 'AAD Graph Activity',
  tenantId: '00000000-0000-4000-8000-0000000000aa',
  resourceId: '/TENANTS/00000000-0000-4000-8000-0000000000AA/PROVIDERS/MICROSOFT.AADIAM',
  properties: {
    actorType: 'Application',
    appId: '00000000-0000-4000-8000-0000000000a1',
    callerIpAddress: '198.51.100.88',
    httpMethod: 'GET',
    httpStatusCode: 200,
    requestUri: '/v2/00000000-0000-4000-8000-0000000000aa/groups',
    servicePrincipalId: '00000000-0000-4000-8000-0000000000b2',
    timeGenerated: '2024-04-02T09:00:00.1234567Z',
    userId: '',
  },
};

const samples = { auditByApp, auditByUser, graphUser, graphApp, aadGraphApp };

const ecs = (raw: unknown) => {
  const o = azureEntraAuditParser.parse(raw).observables;
  return { src: o.srcIps, dst: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts, domains: o.domains };
};

describe('azureEntraAuditParser', () => {
  it('detects Entra ID audit and Microsoft Graph activity records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(azureEntraAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the audit caller as the source and names no user or host, as Elastic does', () => {
    const a = azureEntraAuditParser.parse(auditByApp);
    expect(a.format).toBe('azure.auditlogs');
    expect(a.recognizedBy).toBe('parser:azure.entra_audit');
    expect(a.observedAt).toBe('2024-04-02T08:15:30.123Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('Add service principal credentials');
    expect(a.title).toContain('Add service principal credentials by Demo Automation');
    expect(ecs(auditByApp)).toEqual({
      src: ['203.0.113.25'],
      dst: [],
      ips: ['203.0.113.25'],
      users: [],
      hosts: [],
      domains: [],
    });
  });

  it('keeps the initiating and target users as e-mails only, and not the initiator address', () => {
    const a = azureEntraAuditParser.parse(auditByUser);
    expect(ecs(auditByUser)).toMatchObject({ src: ['2001:db8::25'], ips: ['2001:db8::25'], users: [] });
    expect(a.observables.emails).toEqual(['robin.admin@contoso.example', 'casey.target@contoso.example']);
    expect(a.title).toContain('by robin.admin@contoso.example (failure)');
  });

  it('raises a failed audit activity to low severity', () => {
    expect(azureEntraAuditParser.parse(auditByUser).severity).toBe('low');
  });

  it('drops a caller address that is no address, as Elastic keeps it as source.address', () => {
    const odd = { ...auditByApp, callerIpAddress: '::2001:db8:1:2:3:4:5:6' };
    expect(ecs(odd)).toMatchObject({ src: [], ips: [] });
    expect(ecs({ ...auditByApp, callerIpAddress: '0.0.0.0' })).toMatchObject({ src: [], ips: [] });
  });

  it('reads the Graph caller as the source and its user id as the user', () => {
    const a = azureEntraAuditParser.parse(graphUser);
    expect(a.format).toBe('azure.graphactivitylogs');
    expect(a.observedAt).toBe('2024-04-02T09:00:00.500Z');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Microsoft Graph activity: GET /v1.0/users (200)');
    expect(a.observables.urls).toEqual([graphUser.properties.requestUri]);
    expect(ecs(graphUser)).toEqual({
      src: ['198.51.100.77'],
      dst: [],
      ips: ['198.51.100.77'],
      users: ['33333333-4444-5555-6666-777777777777'],
      hosts: [],
      domains: [],
    });
  });

  it('names an application caller by its service principal and raises a refused Graph call to low severity', () => {
    const a = azureEntraAuditParser.parse(graphApp);
    expect(ecs(graphApp)).toMatchObject({ src: ['2001:db8::77'], users: ['sp-2'] });
    expect(a.severity).toBe('low');
  });

  it('falls back to the Graph properties address when the caller address is none', () => {
    const { callerIpAddress: _caller, ...noCaller } = graphUser;
    expect(ecs(noCaller)).toMatchObject({ src: ['198.51.100.77'], ips: ['198.51.100.77'] });
  });

  it('reads an Azure AD Graph call: the caller in its properties, the service principal and the client app', () => {
    const a = azureEntraAuditParser.parse(aadGraphApp);
    expect(a.format).toBe('azure.aadgraphactivitylogs');
    expect(ecs(aadGraphApp)).toMatchObject({
      src: ['198.51.100.88'],
      users: ['00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-0000000000a1'],
    });
    expect(a.title).toBe(
      'Azure AD Graph activity: GET /v2/00000000-0000-4000-8000-0000000000aa/groups (200)',
    );
    expect(a.observedAt).toBe('2024-04-02T09:00:00.123Z');
    const byUser = {
      ...aadGraphApp,
      properties: { ...aadGraphApp.properties, userId: 'u-1', servicePrincipalId: '' },
    };
    expect(azureEntraAuditParser.parse(byUser).observables.users[0]).toBe('u-1');
  });

  it('reads the M/d/yyyy times Azure also writes', () => {
    const at = (time: string) => azureEntraAuditParser.parse({ time, category: 'AuditLogs' }).observedAt;
    expect(at('4/2/2024 8:15:30 AM')).toBe('2024-04-02T08:15:30.000Z');
    expect(at('4/2/2024 9:15:30 PM +01:00')).toBe('2024-04-02T20:15:30.000Z');
    expect(at('04/02/2024 08:15:30')).toBe('2024-04-02T08:15:30.000Z');
  });

  it('does not claim other Azure categories or other formats', () => {
    const signIn = { ...auditByApp, category: 'SignInLogs' };
    const firewall = { ...auditByApp, category: 'AzureFirewallNetworkRule' };
    const lowerCase = { ...auditByApp, category: 'auditlogs' };
    const sentinelRow = {
      Type: 'AuditLogs',
      OperationName: 'Add member to role',
      TimeGenerated: '2024-04-02',
    };
    const line = '<134>1 2024-04-02T08:15:30Z host app - - - {"category":"AuditLogs"}';
    for (const raw of [signIn, firewall, lowerCase, sentinelRow, line, null, 42, []]) {
      expect(azureEntraAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, azureEntraAuditParser.name).others, name).toEqual([]);
    }
  });
});
