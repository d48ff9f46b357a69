// The NSG flow-log parser on synthetic NetworkSecurityGroupFlowEvent records: version-2 tuples give the source
// and destination addresses (related: destinations first), version-1 tuples none, and no other parser claims them.
import { describe, expect, it } from 'vitest';
import { azureNsgFlowParser } from '../../../src/intake/parsers/azure-nsg-flow.js';
import { registryClaims } from './registry-claims.js';

const RESOURCE =
  '/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/DEMO-RG/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/DEMO-NSG';

const v2 = {
  time: '2025-03-04T05:06:07.1234567Z',
  systemId: 'aaaa0000-0000-4000-8000-000000000001',
  category: 'NetworkSecurityGroupFlowEvent',
  resourceId: RESOURCE,
  operationName: 'NetworkSecurityGroupFlowEvents',
  properties: {
    Version: 2,
    flows: [
      {
        rule: 'DefaultRule_AllowInternetOutBound',
        flows: [
          {
            mac: '000D3A000001',
            flowTuples: [
              '1741064767,192.0.2.10,198.51.100.20,50000,443,T,O,A,B,,,,',
              '1741064768,192.0.2.11,198.51.100.20,50001,443,T,O,A,E,3,180,2,120',
            ],
          },
        ],
      },
      {
        rule: 'UserRule_DenyRdp',
        flows: [
          { mac: '000D3A000002', flowTuples: ['1741064769,203.0.113.5,192.0.2.10,61000,3389,T,I,D,B,,,,'] },
        ],
      },
    ],
  },
};

const v1 = {
  time: '2025-03-04T05:06:07Z',
  category: 'NetworkSecurityGroupFlowEvent',
  resourceId: RESOURCE,
  operationName: 'NetworkSecurityGroupFlowEvents',
  properties: {
    Version: 1,
    flows: [
      {
        rule: 'DefaultRule_DenyAllInBound',
        flows: [{ mac: '000D3A000001', flowTuples: ['1741064767,203.0.113.9,192.0.2.10,4444,22,T,I,D'] }],
      },
    ],
  },
};

const empty = {
  category: 'NetworkSecurityGroupFlowEvent',
  resourceId: RESOURCE,
  properties: { Version: 2, flows: [] },
};

const samples = { v2, v1, empty };

describe('azureNsgFlowParser', () => {
  it('detects NetworkSecurityGroupFlowEvent records', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(azureNsgFlowParser.detect(sample), name).toBe(true);
  });

  it('reads every version-2 tuple: sources, destinations, and related addresses with the destinations first', () => {
    const a = azureNsgFlowParser.parse(v2);
    expect(a.format).toBe('azure_network_watcher_nsg.log');
    expect(a.recognizedBy).toBe('parser:azure_network_watcher_nsg');
    expect(a.observables.srcIps).toEqual(['192.0.2.10', '192.0.2.11', '203.0.113.5']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20', '192.0.2.10']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.10', '192.0.2.11', '203.0.113.5']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observedAt).toBe('2025-03-04T05:06:07.123Z');
    expect(a.ruleId).toBe('DefaultRule_AllowInternetOutBound');
    expect(a.title).toBe(
      'NSG flow [DefaultRule_AllowInternetOutBound, UserRule_DenyRdp]: TCP 192.0.2.10:50000 -> 198.51.100.20:443 outbound allowed (+2 more)',
    );
    expect(a.severity).toBe('low');
  });

  it('reports no address from version-1 tuples, which Elastic does not split, and rates allowed-only flows info', () => {
    const a = azureNsgFlowParser.parse(v1);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
    const b = azureNsgFlowParser.parse(empty);
    expect(b.severity).toBe('info');
    expect(b.title).toBe('NSG flow: no flow tuples');
  });

  it('claims no other Azure category, text or non-objects', () => {
    const other = { ...v2, category: 'NetworkSecurityGroupEvent' };
    for (const raw of [other, JSON.stringify(v2), null, 7, []])
      expect(azureNsgFlowParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, azureNsgFlowParser.name).others, name).toEqual([]);
    }
  });
});
