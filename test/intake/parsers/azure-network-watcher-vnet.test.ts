// The VNet flow-log parser on synthetic FlowLogFlowEvent records: 13-field tuples give the source and destination
// addresses (related: destinations first), malformed tuples none, and no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { azureNetworkWatcherVnetParser } from '../../../src/intake/parsers/azure-network-watcher-vnet.js';
import { azureNsgFlowParser } from '../../../src/intake/parsers/azure-nsg-flow.js';
import { registryClaims } from './registry-claims.js';

const flowLog = {
  time: '2025-03-04T05:06:07.1234567Z',
  flowLogVersion: 4,
  flowLogGUID: 'aaaa0000-0000-4000-8000-000000000001',
  macAddress: '000D3A000001',
  category: 'FlowLogFlowEvent',
  flowLogResourceID:
    '/SUBSCRIPTIONS/00000000-1111-2222-3333-444444444444/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_DEMO/FLOWLOGS/DEMOFLOWLOG',
  targetResourceID:
    '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/demo-rg/providers/Microsoft.Network/virtualNetworks/demo-vnet',
  operationName: 'FlowLogFlowEvent',
  flowRecords: {
    flows: [
      {
        aclID: 'bbbb0000-0000-4000-8000-000000000002',
        flowGroups: [
          {
            rule: 'DefaultRule_AllowInternetOutBound',
            flowTuples: [
              '1741064767000,192.0.2.10,198.51.100.20,50000,443,6,O,B,NX,0,0,0,0',
              '1741064768000,192.0.2.11,198.51.100.20,50001,443,6,O,E,NX,3,180,2,120',
            ],
          },
        ],
      },
      {
        aclID: 'bbbb0000-0000-4000-8000-000000000003',
        flowGroups: [
          {
            rule: 'UserRule_DenyRdp',
            flowTuples: ['1741064769000,203.0.113.5,192.0.2.10,61000,3389,6,I,D,NX,1,60,0,0', 'not,a,tuple'],
          },
        ],
      },
    ],
  },
};

const noTuples = {
  time: '2025-03-04T05:06:07Z',
  flowLogVersion: 4,
  flowLogGUID: 'aaaa0000-0000-4000-8000-000000000004',
  category: 'FlowLogFlowEvent',
  flowRecords: {
    flows: [{ aclID: 'x', flowGroups: [{ rule: 'DefaultRule_DenyAllInBound', flowTuples: ['1,2,3'] }] }],
  },
};

const samples = { flowLog, noTuples };

describe('azureNetworkWatcherVnetParser', () => {
  it('detects FlowLogFlowEvent records', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(azureNetworkWatcherVnetParser.detect(sample), name).toBe(true);
  });

  it('reads every 13-field tuple as Elastic does: sources, destinations, related destinations first', () => {
    const a = azureNetworkWatcherVnetParser.parse(flowLog);
    expect(a.format).toBe('azure_network_watcher_vnet.log');
    expect(a.recognizedBy).toBe('parser:azure_network_watcher_vnet');
    expect(ecsIndicators(a)).toEqual({
      src_ips: ['192.0.2.10', '192.0.2.11', '203.0.113.5'],
      dst_ips: ['198.51.100.20', '192.0.2.10'],
      ips: ['198.51.100.20', '192.0.2.10', '192.0.2.11', '203.0.113.5'],
      users: [],
      hosts: [],
    });
    expect(a.observedAt).toBe('2025-03-04T05:06:07.123Z');
    expect(a.ruleId).toBe('DefaultRule_AllowInternetOutBound');
    expect(a.title).toBe(
      'VNet flow [DefaultRule_AllowInternetOutBound, UserRule_DenyRdp]: TCP 192.0.2.10:50000 -> 198.51.100.20:443 outbound begin (+2 more)',
    );
    expect(a.severity).toBe('low');
  });

  it('reports no address from malformed tuples and rates a record without denied flows info', () => {
    const a = azureNetworkWatcherVnetParser.parse(noTuples);
    expect(ecsIndicators(a)).toEqual({ src_ips: [], dst_ips: [], ips: [], users: [], hosts: [] });
    expect(a.severity).toBe('info');
    expect(a.title).toBe('VNet flow [DefaultRule_DenyAllInBound]: no flow tuples');
  });

  it('claims no NSG flow record, other Azure records, text or non-objects', () => {
    const nsg = {
      time: '2025-03-04T05:06:07Z',
      category: 'NetworkSecurityGroupFlowEvent',
      resourceId: '/SUBSCRIPTIONS/X/NETWORKSECURITYGROUPS/DEMO-NSG',
      properties: { Version: 2, flows: [] },
    };
    const activity = {
      time: '2025-03-04T05:06:07Z',
      category: 'Administrative',
      operationName: 'X',
      resourceId: '/x',
    };
    const loose = { flowRecords: { flows: [] } };
    for (const raw of [nsg, activity, loose, JSON.stringify(flowLog), null, 7, []])
      expect(azureNetworkWatcherVnetParser.detect(raw)).toBe(false);
    expect(azureNsgFlowParser.detect(flowLog)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples))
      expect(registryClaims(sample, azureNetworkWatcherVnetParser.name).others, name).toEqual([]);
  });
});
