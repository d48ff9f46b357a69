// The Azure Front Door parser on synthetic diagnostic records (access, WAF, health probe): detection, each
// indicator's ECS role as Elastic's azure_frontdoor pipelines map it, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { azureFrontdoorParser } from '../../../src/intake/parsers/azure-frontdoor.js';
import { registryClaims } from './registry-claims.js';

const FD_ID =
  '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.NETWORK/FRONTDOORS/DEMO-FD';
const CDN_ID =
  '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.CDN/PROFILES/DEMO-AFD';

const access = {
  category: 'FrontdoorAccessLog',
  operationName: 'Microsoft.Network/FrontDoor/AccessLog/Write',
  properties: {
    ErrorInfo: 'NoError',
    clientIp: '198.51.100.30',
    clientPort: '50100',
    httpMethod: 'GET',
    httpStatusCode: '200',
    requestUri: 'https://shop.example.com:443/cart',
    socketIp: '198.51.100.30',
    trackingReference: 'ref-1',
    userAgent: 'Mozilla/5.0',
  },
  resourceId: FD_ID,
  time: '2024-04-02T08:00:00.1234567Z',
};

const accessWithIdentity = {
  ...access,
  category: 'FrontDoorAccessLog',
  identity: {
    claims: {
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': 'jo.tester@example.com',
      name: 'Jo Tester',
      'http://schemas.microsoft.com/identity/claims/objectidentifier': '00000000-0000-0000-0000-0000000000aa',
    },
  },
};

const wafBlock = {
  category: 'FrontDoorWebApplicationFirewallLog',
  operationName: 'Microsoft.Cdn/Profiles/WebApplicationFirewallLog/Write',
  properties: {
    action: 'Block',
    clientIP: '203.0.113.77',
    clientPort: '41000',
    details: { matches: [], msg: 'SQL injection attempt' },
    host: 'app.example.com',
    policy: 'demoPolicy',
    policyMode: 'prevention',
    requestUri: 'https://app.example.com:443/login?id=1',
    ruleName: 'Microsoft_DefaultRuleSet-2.1-SQLI-942100',
    socketIP: '203.0.113.77',
    trackingReference: 'ref-2',
  },
  resourceId: CDN_ID,
  time: '2024-04-02T08:05:00.0000000Z',
};

const wafLog = {
  ...wafBlock,
  category: 'FrontdoorWebApplicationFirewallLog',
  properties: { ...wafBlock.properties, action: 'Log', details: { matches: [] }, ruleName: 'GeoAllow' },
};

const probe = {
  time: '2024-04-02T08:10:00Z',
  resourceId: CDN_ID,
  category: 'FrontDoorHealthProbeLog',
  operationName: 'Microsoft.Cdn/Profiles/FrontDoorHealthProbeLog/Write',
  properties: {
    healthProbeId: 'probe-1',
    pop: 'AMS',
    httpVerb: 'HEAD',
    result: 'OriginError',
    httpStatusCode: '404',
    probeUrl: 'https://origin.example.net:443/health',
    originName: 'origin.example.net',
    originIP: '192.0.2.90',
  },
};

const samples = { access, accessWithIdentity, wafBlock, wafLog, probe };

describe('azureFrontdoorParser', () => {
  it('detects access, WAF and health-probe records, whatever the category’s case', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(azureFrontdoorParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an access record: the client is no source or related address, the site a domain only', () => {
    const a = azureFrontdoorParser.parse(access);
    expect(a.format).toBe('azure_frontdoor.access');
    expect(a.recognizedBy).toBe('parser:azure_frontdoor');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['shop.example.com']);
    expect(a.title).toContain('198.51.100.30');
    expect(a.observedAt).toBe('2024-04-02T08:00:00.123Z');
  });

  it('reads the caller of an access record from its identity claims as Elastic does', () => {
    const a = azureFrontdoorParser.parse(accessWithIdentity);
    expect(a.observables.users).toEqual(['jo.tester', 'Jo Tester', '00000000-0000-0000-0000-0000000000aa']);
    expect(a.observables.emails).toEqual(['jo.tester@example.com']);
  });

  it('reads a name claim written with a leading space like any other', () => {
    const claims = { ...accessWithIdentity.identity.claims };
    claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'] = ' jo.tester@example.com';
    const a = azureFrontdoorParser.parse({ ...accessWithIdentity, identity: { claims } });
    expect(a.observables.users).toEqual(['jo.tester', 'Jo Tester', '00000000-0000-0000-0000-0000000000aa']);
    expect(a.observables.emails).toEqual(['jo.tester@example.com']);
  });

  it('reads a WAF block: rule id, medium severity, the client named in the title only', () => {
    const a = azureFrontdoorParser.parse(wafBlock);
    expect(a.format).toBe('azure_frontdoor.waf');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['app.example.com']);
    expect(a.ruleId).toBe('Microsoft_DefaultRuleSet-2.1-SQLI-942100');
    expect(a.severity).toBe('medium');
    expect(a.title).toContain('203.0.113.77');
    expect(a.title).toContain('SQL injection attempt');
  });

  it('rates a WAF log-only match low', () => {
    const a = azureFrontdoorParser.parse(wafLog);
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('GeoAllow');
  });

  it('reads a health probe: the origin address as destination and related address', () => {
    const a = azureFrontdoorParser.parse(probe);
    expect(a.format).toBe('azure_frontdoor.health_probe');
    expect(a.observables.dstIps).toEqual(['192.0.2.90']);
    expect(a.observables.ips).toEqual(['192.0.2.90']);
    expect(a.observables.domains).toEqual(['origin.example.net']);
    expect(a.severity).toBe('low');
  });

  it('keeps the domains it reports out of related.hosts', () => {
    expect(azureFrontdoorParser.domainsInRelatedHosts).toBe(false);
  });

  it('does not claim other Azure diagnostic records or other formats', () => {
    const gateway = {
      category: 'ApplicationGatewayFirewallLog',
      operationName: 'ApplicationGatewayFirewall',
      properties: { clientIp: '192.0.2.1' },
      resourceId: FD_ID,
    };
    const noProps = { category: 'FrontDoorAccessLog', time: '2024-04-02T08:00:00Z' };
    const line = '<134>1 2024-04-02T08:00:00Z host app - - - {"category":"FrontDoorAccessLog"}';
    for (const raw of [gateway, noProps, line, null, 42, []]) {
      expect(azureFrontdoorParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any parser already in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, azureFrontdoorParser.name).others, name).toEqual([]);
    }
  });
});
