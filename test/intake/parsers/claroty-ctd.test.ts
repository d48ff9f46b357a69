// The Claroty CTD parser on synthetic records: API baselines and assets and the syslog CEF feed, the
// indicators Elastic's pipelines map, a negative, and that only the generic CEF parser also claims the CEF lines.
import { describe, expect, it } from 'vitest';
import { clarotyCtdParser } from '../../../src/intake/parsers/claroty-ctd.js';
import { registryClaims } from './registry-claims.js';

const baseline = {
  id: 901,
  approved: true,
  category: 3,
  category_access: 1,
  description: 'MODBUS : Read Holding Registers',
  protocol: 'MODBUS',
  transmission: 'TCP / 502',
  source_entity: { asset_name: '192.0.2.90', id: 7, ipv4: '192.0.2.91', mac: '00:00:5E:00:53:11' },
  destination_entity: { asset_name: 'tank-plc', id: 8, ipv4: '198.51.100.92', mac: '00:00:5E:00:53:12' },
  dst_port: 502,
  last_updated: '2024-03-01T10:00:00+00:00',
  timestamp: '2024-03-01T09:00:00+00:00',
};

const asset = {
  id: 55,
  name: 'LAB-HMI-03',
  hostname: 'lab-hmi-03.plant.example',
  asset_type: 1,
  asset_type__: 'eHMI',
  criticality: 2,
  criticality__: 'eHigh',
  ipv4: ['192.0.2.93', 'bad'],
  mac: ['00:00:5E:00:53:13'],
  resource_id: '55-1',
  virtual_zone_name: 'HMI: Other',
  last_updated: '2024-03-02T10:00:00+00:00',
};

const alertLine =
  '<14>1 2024-03-03T01:00:00Z Site syslog-Alert-Default - - - CEF:0|Claroty|CTD|4.10.0|Alert/Policy Violation|Policy Violation|7|' +
  'CtdSourceIp=203.0.113.94 CtdDestinationIp=198.51.100.95 CtdSourceHost=eng-ws-02 CtdDestinationHost=plc-east ' +
  'CtdTimeGenerated=Mar 02 2024 23:59:00 CtdAlertTypeId=1002 CtdResolvedBy=erin CtdAssignedTo=frank CtdMessage=Policy violated';
const activityLine =
  '<30> 2024-03-03T02:00:00Z Site syslog-ActivityLog-Default - - - CEF:0|Claroty|CTD|4.10.0|ActivityLog|Login|0|' +
  'CtdTimeGenerated=3/03/2024 02:00:00 CtdUser=grace CtdAction=Logged in CtdSourceIp=N/A';

const samples = [baseline, asset, alertLine, activityLine];

describe('clarotyCtdParser', () => {
  it('detects baselines, assets and Claroty CEF lines', () => {
    for (const s of samples) expect(clarotyCtdParser.detect(s)).toBe(true);
  });

  it('maps a baseline from the entities ipv4 only: destination first in related, asset names not hosts', () => {
    const a = clarotyCtdParser.parse(baseline);
    expect(a.format).toBe('claroty_ctd.baseline');
    expect(a.title).toBe('Claroty CTD baseline: MODBUS : Read Holding Registers');
    expect(a.observedAt).toBe('2024-03-01T10:00:00.000Z');
    expect(a.observables.srcIps).toEqual(['192.0.2.91']);
    expect(a.observables.dstIps).toEqual(['198.51.100.92']);
    expect(a.observables.ips).toEqual(['198.51.100.92', '192.0.2.91']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reports no address for a baseline entity without ipv4', () => {
    const a = clarotyCtdParser.parse({ ...baseline, source_entity: { asset_name: '192.0.2.90', id: 7 } });
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.92']);
  });

  it('maps an asset: valid ipv4 related, the lower-cased name then the hostname as hosts', () => {
    const a = clarotyCtdParser.parse(asset);
    expect(a.format).toBe('claroty_ctd.asset');
    expect(a.severity).toBe('high');
    expect(a.observables.ips).toEqual(['192.0.2.93']);
    expect(a.observables.hosts).toEqual(['lab-hmi-03', 'lab-hmi-03.plant.example']);
  });

  it('maps a CEF alert: addresses, hosts destination first, users in the pipeline order', () => {
    const a = clarotyCtdParser.parse(alertLine);
    expect(a.format).toBe('claroty_ctd.event');
    expect(a.title).toBe('Claroty CTD Alert: Policy Violation');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('1002');
    expect(a.observedAt).toBe('2024-03-02T23:59:00.000Z');
    expect(a.observables.srcIps).toEqual(['203.0.113.94']);
    expect(a.observables.dstIps).toEqual(['198.51.100.95']);
    expect(a.observables.ips).toEqual(['198.51.100.95', '203.0.113.94']);
    expect(a.observables.hosts).toEqual(['plc-east', 'eng-ws-02']);
    expect(a.observables.users).toEqual(['frank', 'erin']);
  });

  it('maps an activity log user and drops N/A values', () => {
    const a = clarotyCtdParser.parse(activityLine);
    expect(a.observables.users).toEqual(['grace']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observedAt).toBe('2024-03-03T02:00:00.000Z');
  });

  it('does not claim other vendors CEF or other JSON', () => {
    expect(clarotyCtdParser.detect('CEF:0|Other|Thing|1|1|x|5|src=192.0.2.1')).toBe(false);
    expect(clarotyCtdParser.detect({ source_entity: {}, destination_entity: {} })).toBe(false);
    expect(clarotyCtdParser.detect({ id: 1, name: 'x' })).toBe(false);
    expect(clarotyCtdParser.detect(42)).toBe(false);
  });

  it('is claimed by no other specific parser except the generic CEF parser for CEF lines', () => {
    for (const s of samples)
      expect(registryClaims(s, 'claroty_ctd').others.filter((n) => n !== 'cef')).toEqual([]);
  });
});
