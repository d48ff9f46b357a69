// The Cisco Meraki alert (webhook / API JSON) parser on synthetic alerts: detection, the reported facts, no
// indicators (Elastic's cisco_meraki.events pipeline maps none) and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { ciscoMerakiEventsParser } from '../../../src/intake/parsers/cisco-meraki-events.js';
import { registryClaims } from './registry-claims.js';

const base = {
  version: '0.1',
  sharedSecret: 'not-a-secret',
  sentAt: '2024-05-02T10:00:01.5Z',
  organizationId: '123456',
  organizationName: 'Example Org',
  organizationUrl: 'https://dashboard.example.net/o/abc/manage/organization/overview',
  networkId: 'N_1000',
  networkName: 'Lab Network',
  networkUrl: 'https://dashboard.example.net/n/manage/nodes/list',
  networkTags: [],
  deviceSerial: 'QXXX-1111-2222',
  deviceMac: '02:00:5e:10:00:01',
  deviceName: 'lab-appliance',
  deviceUrl: 'https://dashboard.example.net/n/manage/nodes/new_list/1',
  deviceTags: ['lab'],
  deviceModel: 'MX',
  alertId: '1111',
  occurredAt: '2024-05-02T10:00:00.25Z',
};

const cellularUp = {
  ...base,
  alertType: 'Cellular came up',
  alertTypeId: 'cellular_up',
  alertLevel: 'informational',
  alertData: { provider: 'Example Wireless', local: '192.0.2.10', remote: '198.51.100.7', connection: 'LTE' },
};
const failover = {
  ...base,
  deviceName: '',
  alertType: 'Failover event detected',
  alertTypeId: 'vrrp',
  alertLevel: 'critical',
  alertData: { oldMode: 'detect', mode: 'detect', ifUp: '1' },
};
const insight = {
  ...base,
  alertType: 'Insight Alert',
  alertTypeId: 'mi_alert',
  alertLevel: 'warning',
  alertData: {},
};

describe('cisco_meraki.events parser', () => {
  it('detects Meraki alerts and reports their type, level and time', () => {
    expect(ciscoMerakiEventsParser.detect(cellularUp)).toBe(true);
    const a = ciscoMerakiEventsParser.parse(cellularUp);
    expect(a.format).toBe('cisco_meraki.events');
    expect(a.title).toContain('Cellular came up');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-02T10:00:00.250Z');
    expect(a.ruleId).toBe('cellular_up');
  });

  it('reports no indicators, as the pipeline maps none from alertData', () => {
    for (const raw of [cellularUp, failover, insight]) {
      const o = ciscoMerakiEventsParser.parse(raw).observables;
      expect([...o.srcIps, ...o.dstIps, ...o.ips, ...o.users, ...o.hosts]).toEqual([]);
    }
  });

  it('maps the alert level to Vigil severity', () => {
    expect(ciscoMerakiEventsParser.parse(failover).severity).toBe('critical');
    expect(ciscoMerakiEventsParser.parse(insight).severity).toBe('medium');
  });

  it('does not claim other JSON or Meraki syslog lines', () => {
    expect(ciscoMerakiEventsParser.detect({ alertTypeId: 'x' })).toBe(false);
    expect(ciscoMerakiEventsParser.detect({ ...cellularUp, alertTypeId: 5 })).toBe(false);
    expect(
      ciscoMerakiEventsParser.detect(
        '<134>1 1714644000.1 lab-appliance flows src=192.0.2.1 dst=198.51.100.1',
      ),
    ).toBe(false);
    expect(ciscoMerakiEventsParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [cellularUp, failover, insight]) {
      expect(registryClaims(raw, 'cisco_meraki.events').others).toEqual([]);
    }
  });
});
