// The Tenable OT Security parser on synthetic GraphQL records: events (endpoints without related.ip, the
// resolving user), assets (direct addresses and MACs as related hosts), system-log entries, negatives, claims.
import { describe, expect, it } from 'vitest';
import { tenableOtParser } from '../../../src/intake/parsers/tenable-ot.js';
import { registryClaims } from './registry-claims.js';

const event = {
  id: '0d8c1f6e-2b7a-4c55-9d1e-5a6b7c8d9e0f',
  eventType: {
    type: 'UnauthorizedWrite',
    group: 'ControllerActivity',
    description: 'Unauthorized PLC write',
    schema: 'NetworkSchema',
    category: 'ConfigurationEvents',
    family: null,
    canCapture: true,
    actions: ['Syslog'],
    exclusion: 'Policy',
  },
  srcIP: '192.0.2.21',
  dstIP: '198.51.100.9',
  protocolRaw: 'MODBUS',
  policy: {
    id: '6f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    title: 'PLC write from unknown station',
    level: 'High',
    key: 'P7-3',
    actions: { nodes: [] },
    exclusions: { nodes: [] },
  },
  time: '2025-01-14T10:20:30.5Z',
  srcMac: '00:00:5e:00:53:01',
  dstMac: '00:00:5e:00:53:02',
  resolved: true,
  hitId: '0d8c1f6e-2b7a-4c55-9d1e-5a6b7c8d9e0f',
  severity: 'High',
  category: 'ConfigurationEvents',
  logId: 90210,
  resolvedUser: 'ot-operator',
  type: 'UnauthorizedWrite',
  srcInterface: { ips: { nodes: [{ ip: '192.0.2.21', dnsNames: { nodes: [] } }] } },
  srcNames: { nodes: ['ENG-WS-04'] },
  dstInterface: null,
  dstNames: { nodes: ['PLC-LINE2'] },
  port: 502,
};

const unresolvedEvent = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  eventType: {
    type: 'InactiveAssetOneHour',
    description: 'Asset Not Seen for 1 Hour',
    category: 'NetworkEvents',
  },
  srcIP: '2001:db8::15',
  dstIP: null,
  policy: null,
  time: '2025-01-14T11:00:00Z',
  severity: 'Low',
  hitId: 'a1b2c3d4-0000-4000-8000-000000000001',
  logId: 90211,
  resolvedUser: null,
  type: 'InactiveAssetOneHour',
};

const asset = {
  id: '7e6d5c4b-3a29-4180-97a6-b5c4d3e2f1a0',
  name: 'Line 2 Controller',
  firstSeen: '2024-11-02T07:00:00.25Z',
  lastSeen: '2025-01-14T10:00:00Z',
  macs: { nodes: ['00:00:5e:00:53:02'] },
  ips: { nodes: ['198.51.100.9', '198.51.100.10'] },
  segments: { nodes: [{ id: 's1', name: 'Controllers / 198.51.100.X' }] },
  type: 'PlcType',
  superType: 'Controller',
  category: 'ControllersCategory',
  purdueLevel: 'Level1',
  runStatus: 'Running',
  risk: { totalRisk: '71.5' },
  criticality: 'HighCriticality',
  hidden: false,
  directIps: { nodes: ['198.51.100.9'] },
  directMacs: { nodes: ['00:00:5e:00:53:02'] },
};

const systemLog = {
  message: 'Login by local user "jrivera" failed',
  userName: 'jrivera',
  timeStamp: '2025-01-14T09:59:01.123456Z',
};

const samples = [event, unresolvedEvent, asset, systemLog];

describe('tenableOtParser', () => {
  it('detects events, assets and system-log entries', () => {
    for (const s of samples) expect(tenableOtParser.detect(s)).toBe(true);
  });

  it('maps an event: srcIP/dstIP without related.ip, the resolving user, the policy as title', () => {
    const a = tenableOtParser.parse(event);
    expect(a.format).toBe('tenable_ot_security.events');
    expect(a.recognizedBy).toBe('parser:tenable_ot_security');
    expect(a.title).toBe('Tenable OT ConfigurationEvents: PLC write from unknown station');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('UnauthorizedWrite');
    expect(a.observedAt).toBe('2025-01-14T10:20:30.500Z');
    expect(a.observables.srcIps).toEqual(['192.0.2.21']);
    expect(a.observables.dstIps).toEqual(['198.51.100.9']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['ot-operator']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an event with no policy, no destination and no resolving user', () => {
    const a = tenableOtParser.parse(unresolvedEvent);
    expect(a.title).toBe('Tenable OT NetworkEvents: Asset Not Seen for 1 Hour');
    expect(a.severity).toBe('low');
    expect(a.observables.srcIps).toEqual(['2001:db8::15']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
  });

  it('maps an asset: direct addresses then direct MACs are related hosts, no address indicators', () => {
    const a = tenableOtParser.parse(asset);
    expect(a.format).toBe('tenable_ot_security.assets');
    expect(a.title).toBe('Tenable OT asset: Line 2 Controller');
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('PlcType');
    expect(a.observedAt).toBe('2024-11-02T07:00:00.250Z');
    expect(a.observables.hosts).toEqual(['198.51.100.9', '00:00:5e:00:53:02']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('maps a system-log entry: the user name, a failed login as low severity', () => {
    const a = tenableOtParser.parse(systemLog);
    expect(a.format).toBe('tenable_ot_security.system_log');
    expect(a.title).toBe('Tenable OT system log: Login by local user "jrivera" failed');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-01-14T09:59:01.123Z');
    expect(a.observables.users).toEqual(['jrivera']);
  });

  it('does not claim Tenable.io or Tenable.sc records, other JSON or text', () => {
    const tenableIoAudit = {
      id: 'x1',
      action: 'user.create',
      crud: 'c',
      received: '2025-01-14T10:00:00Z',
      actor: { id: 'u1', name: 'admin@example.test' },
    };
    const tenableIoFinding = {
      asset: { hostname: 'host1', ipv4: '192.0.2.8', uuid: 'u' },
      plugin: { id: 1, name: 'p' },
      severity: 'high',
      state: 'OPEN',
    };
    expect(tenableOtParser.detect(tenableIoAudit)).toBe(false);
    expect(tenableOtParser.detect(tenableIoFinding)).toBe(false);
    expect(tenableOtParser.detect({ ...systemLog, level: 'info' })).toBe(false);
    expect(tenableOtParser.detect({ message: 'x', userName: 'y', timeStamp: 'not a time' })).toBe(false);
    expect(tenableOtParser.detect(JSON.stringify(event))).toBe(false);
    expect(tenableOtParser.detect([event])).toBe(false);
    expect(tenableOtParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser', () => {
    for (const s of samples) expect(registryClaims(s, 'tenable_ot_security').others).toEqual([]);
  });
});
