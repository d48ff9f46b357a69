// The Azure diagnostics parser on synthetic Azure Monitor records (firewall, application gateway, identity
// protection, activity logs): detection, each indicator's ECS role, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { azureDiagnosticsParser } from '../../../src/intake/parsers/azure-diagnostics.js';
import { registryClaims } from './registry-claims.js';

const FW_ID =
  '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/DEMO-FW';
const GW_ID =
  '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.NETWORK/APPLICATIONGATEWAYS/demo-gw';
const TENANT_ID = '/tenants/00000000-0000-0000-0000-00000000000a/providers/microsoft.aadiam';

const firewall = (operationName: string, msg: string): Record<string, unknown> => ({
  category: 'AzureFirewallNetworkRule',
  operationName,
  properties: { msg },
  resourceId: FW_ID,
  time: '2024-03-01T08:00:00.1234560Z',
});

const fwDeny = firewall(
  'AzureFirewallNetworkRuleLog',
  'TCP request from 192.0.2.10:40000 to 198.51.100.20:443. Action: Deny. ',
);
const fwIcmp = firewall(
  'AzureFirewallNetworkRuleLog',
  'ICMP Type=8 request from 192.0.2.10 to 198.51.100.20. Action: Allow. ',
);
const fwDnat = firewall(
  'AzureFirewallNatRuleLog',
  "TCP request from 203.0.113.5:51000 to 198.51.100.20:3389 was DNAT'ed to 192.0.2.50:3389. Policy: demo. Rule Collection Group: g. Rule Collection: c. Rule: r",
);
const fwIds = firewall(
  'AzureFirewallNetworkRuleLog',
  'TCP request from 192.0.2.10:41000 to 203.0.113.9:1521. Action: alert. Signature: 1000001. IDS: Demo signature. Priority: 1. Classification: Demo',
);
const fwUrl = firewall(
  'AzureFirewallNetworkRuleLog',
  'HTTP request from 192.0.2.10:42000 to updates.example.com:80. Url: updates.example.com. Action: Deny. ThreatIntel: Demo feed',
);
const fwApp = {
  ...firewall(
    'AzureFirewallApplicationRuleLog',
    'HTTPS request from 192.0.2.11:43000 to www.example.org:443. Action: Allow. Rule Collection: web. Rule: allow-web',
  ),
  category: 'AzureFirewallApplicationRule',
};
const fwDns = {
  ...firewall(
    'AzureFirewallDnsProxyLog',
    'DNS Request: 192.0.2.12:53000 - 4242 A IN portal.example.net. udp 40 false 512 NOERROR qr,rd,ra 120 0.01s',
  ),
  category: 'AzureFirewallDnsProxy',
};
const fwStructured = {
  category: 'AZFWNatRule',
  operationName: 'AZFWNatRule',
  resourceId: FW_ID,
  time: '2024-03-01T08:00:00Z',
  properties: {
    Protocol: 'TCP',
    SourceIp: '203.0.113.7',
    SourcePort: 50000,
    DestinationIp: '198.51.100.20',
    DestinationPort: 22,
    TranslatedIp: '192.0.2.60',
    TranslatedPort: 22,
  },
};

const gwAccess = {
  resourceId: GW_ID,
  operationName: 'ApplicationGatewayAccess',
  timestamp: '2024-03-01T09:00:00Z',
  category: 'ApplicationGatewayAccessLog',
  properties: {
    instanceId: 'appgw_0',
    clientIP: '203.0.113.30',
    clientPort: 50123,
    httpMethod: 'GET',
    requestUri: '/admin/login',
    httpStatus: 404,
    serverRouted: '192.0.2.80:80',
    host: 'shop.example.com',
  },
};
const gwWaf = {
  resourceId: GW_ID,
  operationName: 'ApplicationGatewayFirewall',
  time: '2024-03-01T09:01:00Z',
  category: 'ApplicationGatewayFirewallLog',
  properties: {
    instanceId: 'appgw_0',
    clientIp: '203.0.113.31',
    clientPort: '0',
    requestUri: '/',
    ruleId: '942100',
    message: 'SQL Injection Attack Detected',
    action: 'Blocked',
    hostname: '192.0.2.1',
    details: { data: '192.0.2.1' },
  },
};

const riskEvent = {
  time: '3/4/2024 2:05:09 PM',
  resourceId: TENANT_ID,
  operationName: 'User Risk Detection',
  category: 'UserRiskEvents',
  identity: 'someone',
  properties: {
    riskEventType: 'anonymizedIPAddress',
    riskLevel: 'high',
    ipAddress: '198.51.100.66',
    userId: '11111111-2222-3333-4444-555555555555',
    userDisplayName: 'Robin Example',
    userPrincipalName: 'robin.example@contoso.example',
  },
};

const activity = {
  callerIpAddress: '198.51.100.77',
  category: 'Administrative',
  identity: {
    claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'avery.admin@contoso.example' },
  },
  level: 'Information',
  operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE',
  resourceId:
    '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/DEMO-VM',
  resultType: 'Success',
  time: '2024-03-01T10:00:00Z',
};

const samples = {
  fwDeny,
  fwIcmp,
  fwDnat,
  fwIds,
  fwUrl,
  fwApp,
  fwDns,
  fwStructured,
  gwAccess,
  gwWaf,
  riskEvent,
  activity,
};

const ecs = (raw: unknown) => {
  const o = azureDiagnosticsParser.parse(raw).observables;
  return { src: o.srcIps, dst: o.dstIps, ips: o.ips, users: o.users, hosts: o.hosts, domains: o.domains };
};

describe('azureDiagnosticsParser', () => {
  it('detects every supported Azure diagnostic record', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(azureDiagnosticsParser.detect(sample), name).toBe(true);
    }
  });

  it('reads the firewall msg endpoints as source and destination and reports the data stream as format', () => {
    const a = azureDiagnosticsParser.parse(fwDeny);
    expect(a.format).toBe('azure.firewall_logs');
    expect(a.recognizedBy).toBe('parser:azure.diagnostics');
    expect(a.observedAt).toBe('2024-03-01T08:00:00.123Z');
    expect(a.severity).toBe('low');
    expect(ecs(fwDeny)).toMatchObject({
      src: ['192.0.2.10'],
      dst: ['198.51.100.20'],
      ips: ['192.0.2.10', '198.51.100.20'],
    });
    expect(ecs(fwIcmp)).toMatchObject({ src: ['192.0.2.10'], dst: ['198.51.100.20'] });
  });

  it('adds the DNAT target to the related addresses only', () => {
    expect(ecs(fwDnat)).toMatchObject({
      src: ['203.0.113.5'],
      dst: ['198.51.100.20'],
      ips: ['203.0.113.5', '198.51.100.20', '192.0.2.50'],
    });
  });

  it('raises an IDS alert to medium severity', () => {
    expect(azureDiagnosticsParser.parse(fwIds).severity).toBe('medium');
    expect(ecs(fwIds).dst).toEqual(['203.0.113.9']);
  });

  it('reports a destination host name as a domain, not as an address', () => {
    expect(ecs(fwUrl)).toEqual({
      src: ['192.0.2.10'],
      dst: [],
      ips: ['192.0.2.10'],
      users: [],
      hosts: [],
      domains: ['updates.example.com'],
    });
    expect(ecs(fwApp)).toMatchObject({ src: ['192.0.2.11'], dst: [], domains: ['www.example.org'] });
  });

  it('reads a DNS proxy request: the client as the source and the query name as a domain', () => {
    expect(ecs(fwDns)).toMatchObject({
      src: ['192.0.2.12'],
      ips: ['192.0.2.12'],
      domains: ['portal.example.net'],
    });
  });

  it('reads structured firewall columns, the translated address replacing the destination', () => {
    expect(ecs(fwStructured)).toMatchObject({
      src: ['203.0.113.7'],
      dst: ['192.0.2.60'],
      ips: ['203.0.113.7', '192.0.2.60'],
    });
  });

  it('reads the gateway client as the source and the requested host as a domain, not the routed backend', () => {
    const a = azureDiagnosticsParser.parse(gwAccess);
    expect(a.format).toBe('azure.application_gateway');
    expect(a.observedAt).toBe('2024-03-01T09:00:00.000Z');
    expect(ecs(gwAccess)).toEqual({
      src: ['203.0.113.30'],
      dst: [],
      ips: ['203.0.113.30'],
      users: [],
      hosts: [],
      domains: ['shop.example.com'],
    });
  });

  it('reads a WAF match: the client, the rule id, and no host from the matched data', () => {
    const a = azureDiagnosticsParser.parse(gwWaf);
    expect(a.ruleId).toBe('942100');
    expect(a.severity).toBe('medium');
    expect(ecs(gwWaf)).toEqual({
      src: ['203.0.113.31'],
      dst: [],
      ips: ['203.0.113.31'],
      users: [],
      hosts: [],
      domains: [],
    });
  });

  it('reads a risk detection: the address, the whole UPN, the user id and display name, and the US-style time', () => {
    const a = azureDiagnosticsParser.parse(riskEvent);
    expect(a.format).toBe('azure.identity_protection');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('anonymizedIPAddress');
    expect(a.observedAt).toBe('2024-03-04T14:05:09.000Z');
    expect(a.observables.emails).toEqual(['robin.example@contoso.example']);
    expect(ecs(riskEvent)).toMatchObject({
      src: ['198.51.100.66'],
      ips: ['198.51.100.66'],
      users: ['robin.example@contoso.example', '11111111-2222-3333-4444-555555555555', 'Robin Example'],
    });
  });

  it('reads an activity log: the caller address and the local part of the name claim', () => {
    const a = azureDiagnosticsParser.parse(activity);
    expect(a.format).toBe('azure.activitylogs');
    expect(ecs(activity)).toMatchObject({
      src: ['198.51.100.77'],
      ips: ['198.51.100.77'],
      users: ['avery.admin'],
    });
    const noClaims = { ...activity, identity: 'Some Service' };
    expect(ecs(noClaims).users).toEqual([]);
  });

  it('does not claim sign-in logs, other categories or other formats', () => {
    const signIn = { ...riskEvent, category: 'SignInLogs', operationName: 'Sign-in activity' };
    const unknown = { ...fwDeny, category: 'AzureFirewallSomethingElse' };
    const bareAction = { category: 'Action', operationName: 'x', resourceId: 'not-an-azure-path' };
    const noProps = { category: 'AzureFirewallNetworkRule', resourceId: FW_ID };
    const line = '<134>1 2024-03-01T08:00:00Z fw app - - - {"category":"AzureFirewallNetworkRule"}';
    for (const raw of [signIn, unknown, bareAction, noProps, line, null, 42, []]) {
      expect(azureDiagnosticsParser.detect(raw)).toBe(false);
    }
  });

  it('is the registry’s choice for these samples: no other specific parser claims them', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, azureDiagnosticsParser.name).others, name).toEqual([]);
    }
  });
});
