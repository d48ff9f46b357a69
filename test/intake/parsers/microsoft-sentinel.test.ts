// The Microsoft Sentinel parser on synthetic records: Log Analytics SecurityAlert / SecurityIncident rows and
// the Sentinel API's alerts and incidents, mapped as Elastic's microsoft_sentinel pipelines map them, and
// that neither it nor the Azure parsers claim each other's payloads.
import { describe, expect, it } from 'vitest';
import { azureDiagnosticsParser } from '../../../src/intake/parsers/azure-diagnostics.js';
import { azureSigninlogsParser } from '../../../src/intake/parsers/azure-signinlogs.js';
import { defenderCloudParser } from '../../../src/intake/parsers/defender-cloud.js';
import { m365DefenderParser } from '../../../src/intake/parsers/m365-defender.js';
import { microsoftSentinelParser } from '../../../src/intake/parsers/microsoft-sentinel.js';
import { registryClaims } from './registry-claims.js';

const securityAlertRow = {
  TimeGenerated: '2024-05-01T10:00:05.1234567Z',
  DisplayName: 'Suspicious sign-in burst',
  AlertName: 'Suspicious sign-in burst',
  AlertSeverity: 'Medium',
  Description: 'Many failed sign-ins for account dana from 198.51.100.9',
  ProviderName: 'ASI Scheduled Alerts',
  VendorName: 'Microsoft',
  SystemAlertId: '0f1e2d3c-aaaa-bbbb-cccc-000000000001',
  AlertType: 'rule-0001',
  IsIncident: 0,
  StartTime: '2024-05-01T09:55:00Z',
  EndTime: '2024-05-01T09:59:00Z',
  SourceComputerId: 'c0ffee00-1111-2222-3333-444455556666',
  Entities: '[{"$id":"2","Address":"198.51.100.9","Type":"ip"},{"$id":"3","Name":"dana","Type":"account"}]',
  ExtendedProperties: '{}',
  SourceSystem: 'Detection',
  ProductName: 'Azure Sentinel',
  Status: 'New',
  Tactics: 'CredentialAccess',
  Type: 'SecurityAlert',
  TenantId: 'tenant-0001',
};

const securityIncidentRow = {
  TimeGenerated: '2024-05-01T10:10:00Z',
  IncidentName: 'inc-0001',
  Title: 'Credential access on demo-host',
  Severity: 'High',
  Status: 'New',
  Owner: '{"objectId":null,"email":null,"assignedTo":null}',
  IncidentNumber: 77,
  LastModifiedTime: '2024-05-01T10:12:00Z',
  Type: 'SecurityIncident',
};

const apiAlert = {
  id: '/subscriptions/sub-1/resourceGroups/rg-demo/providers/Microsoft.OperationalInsights/workspaces/ws-demo/providers/Microsoft.SecurityInsights/Entities/alert-0001',
  name: 'alert-0001',
  type: 'Microsoft.SecurityInsights/Entities',
  kind: 'SecurityAlert',
  properties: {
    systemAlertId: 'alert-0001',
    alertDisplayName: 'Impossible travel',
    alertType: 'ImpossibleTravel',
    severity: 'High',
    status: 'New',
    timeGenerated: '2024-05-01T11:00:00Z',
    startTimeUtc: '2024-05-01T10:58:00Z',
    productName: 'Azure Sentinel',
  },
  systemData: {
    createdAt: '2024-05-01T11:00:01Z',
    createdBy: 'analyst.rosa',
    createdByType: 'User',
    lastModifiedBy: 'automation-app',
    lastModifiedByType: 'Application',
  },
};

const apiIncident = {
  id: '/subscriptions/sub-1/resourceGroups/rg-demo/providers/Microsoft.OperationalInsights/workspaces/ws-demo/providers/Microsoft.SecurityInsights/incidents/inc-0002',
  name: 'inc-0002',
  type: 'Microsoft.SecurityInsights/incidents',
  properties: {
    title: 'Ransomware precursor',
    description: 'Staging activity',
    severity: 'Informational',
    status: 'Active',
    incidentNumber: 1205,
    createdTimeUtc: '2024-05-01T12:00:00Z',
    lastModifiedTimeUtc: '2024-05-01T12:30:00Z',
    owner: {
      assignedTo: 'Lee Park',
      email: 'lee.park@example.com',
      objectId: '11111111-2222-3333-4444-555555555555',
      ownerType: 'User',
      userPrincipalName: 'lpark@example.com',
    },
    relatedAnalyticRuleIds: ['/subscriptions/sub-1/providers/Microsoft.SecurityInsights/alertRules/rule-9'],
  },
  systemData: { lastModifiedBy: 'analyst.rosa', lastModifiedByType: 'User' },
};

describe('microsoftSentinelParser', () => {
  it('reads a SecurityAlert row: only the source computer id, as a related host', () => {
    expect(microsoftSentinelParser.detect(securityAlertRow)).toBe(true);
    const a = microsoftSentinelParser.parse(securityAlertRow);
    expect(a.format).toBe('microsoft_sentinel.event');
    expect(a.observables.hosts).toEqual(['c0ffee00-1111-2222-3333-444455556666']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.title).toBe('Suspicious sign-in burst');
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('rule-0001');
    expect(a.observedAt).toBe('2024-05-01T10:00:05.123Z');
  });

  it('reads a SecurityIncident row without indicators', () => {
    expect(microsoftSentinelParser.detect(securityIncidentRow)).toBe(true);
    const a = microsoftSentinelParser.parse(securityIncidentRow);
    expect(a.format).toBe('microsoft_sentinel.event');
    expect(a.title).toBe('Credential access on demo-host');
    expect(a.severity).toBe('high');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an API alert: systemData users of type User only', () => {
    expect(microsoftSentinelParser.detect(apiAlert)).toBe(true);
    const a = microsoftSentinelParser.parse(apiAlert);
    expect(a.format).toBe('microsoft_sentinel.alert');
    expect(a.observables.users).toEqual(['analyst.rosa']);
    expect(a.title).toBe('Impossible travel');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('ImpossibleTravel');
    expect(a.observedAt).toBe('2024-05-01T11:00:00.000Z');
  });

  it('reads an API incident: the assignee, owner e-mail, object id, UPN, then systemData users', () => {
    expect(microsoftSentinelParser.detect(apiIncident)).toBe(true);
    const a = microsoftSentinelParser.parse(apiIncident);
    expect(a.format).toBe('microsoft_sentinel.incident');
    expect(a.observables.users).toEqual([
      'Lee Park',
      'lee.park@example.com',
      '11111111-2222-3333-4444-555555555555',
      'lpark@example.com',
      'analyst.rosa',
    ]);
    expect(a.title).toBe('Sentinel incident 1205: Ransomware precursor');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-01T12:30:00.000Z');
  });

  it('leaves the owner object id out when the owner is not a user', () => {
    const group = {
      ...apiIncident,
      properties: { ...apiIncident.properties, owner: { objectId: 'group-1', ownerType: 'Group' } },
      systemData: null,
    };
    expect(microsoftSentinelParser.parse(group).observables.users).toEqual([]);
  });

  it('does not claim Defender for Cloud alerts, Azure logs or other JSON', () => {
    const defenderCloud = {
      AlertDisplayName: 'Suspicious process',
      AlertName: 'Suspicious process',
      SystemAlertId: 'x-1',
      TimeGenerated: '2024-05-01T10:00:00Z',
      Severity: 'High',
    };
    const signIn = {
      category: 'SignInLogs',
      operationName: 'Sign-in activity',
      time: '2024-05-01T10:00:00Z',
      properties: { ipAddress: '192.0.2.7', userPrincipalName: 'dana@example.com' },
    };
    const otherResource = { type: 'Microsoft.Security/alerts', properties: { alertDisplayName: 'x' } };
    const watchlist = { type: 'Microsoft.SecurityInsights/watchlists', properties: { displayName: 'vip' } };
    for (const raw of [defenderCloud, signIn, otherResource, watchlist, 'SecurityAlert', null]) {
      expect(microsoftSentinelParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no Azure parser and no other specific parser in the registry', () => {
    const azure = [azureDiagnosticsParser, azureSigninlogsParser, defenderCloudParser, m365DefenderParser];
    for (const sample of [securityAlertRow, securityIncidentRow, apiAlert, apiIncident]) {
      expect(azure.filter((p) => p.detect(sample)).map((p) => p.name)).toEqual([]);
      expect(registryClaims(sample, microsoftSentinelParser.name).others).toEqual([]);
    }
  });
});
