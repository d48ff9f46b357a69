// The Sysdig Secure parser on synthetic runtime alerts and events API records: detection, the host,
// user and socket address as Elastic's sysdig pipelines map them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { sysdigParser } from '../../../src/intake/parsers/sysdig.js';
import { vectraRuxParser } from '../../../src/intake/parsers/vectra-rux.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  id: '1a2b3c4d5e6f',
  type: 'policy',
  timestamp: 1717228800000000000,
  timestampRFC3339Nano: '2024-06-01T08:00:00.123456789Z',
  originator: 'policy',
  category: 'runtime',
  source: 'syscall',
  name: 'Demo Runtime Notable Events',
  description: 'Rules that may indicate undesired behaviour.',
  severity: 3,
  agentId: 1001,
  containerId: 'c0ffee000001',
  machineId: '02:00:00:00:00:01',
  hostMac: '02:00:00:00:00:01',
  content: {
    ruleName: 'Terminal shell in container',
    ruleType: 'RULE_TYPE_FALCO',
    ruleTags: ['container', 'MITRE_T1059_command_and_scripting_interpreter'],
    output: 'A shell was spawned in a container (user.name=root proc.name=bash container.name=web-1)',
    fields: { 'container.name': 'web-1', 'proc.name': 'bash', 'user.name': 'root', 'user.uid': '0' },
    policyVersion: 3,
    policyOrigin: 'Sysdig',
  },
  labels: {
    'cloudProvider.name': 'gcp',
    'host.hostName': 'node-pool-a-1',
    'kubernetes.cluster.name': 'demo-cluster',
    'kubernetes.pod.name': 'web-1-abcde',
  },
};

const cloudAlert = {
  ...alert,
  id: '9f8e7d6c',
  category: 'remote',
  source: 'aws_cloudtrail',
  severity: 7,
  containerId: '',
  machineId: '',
  content: { ruleName: 'Describe Instances', ruleType: 'RULE_TYPE_FALCO', output: 'Described', fields: {} },
  labels: { 'cloudProvider.name': 'aws', 'cloudProvider.region': 'us-east-1' },
};

const event = {
  category: 'runtime',
  content: {
    fields: {
      'container.name': 'web-1',
      'evt.type': 'connect',
      'fd.sip': '203.0.113.50',
      'proc.name': 'curl',
      'user.name': 'app-user',
      'user.uid': '1000',
    },
    origin: 'Sysdig',
    output: 'Outbound connection by curl (fd.sip=203.0.113.50)',
    policyId: 77,
    ruleName: 'Unexpected outbound connection',
    ruleSubType: 0,
    ruleTags: ['network'],
    ruleType: 6,
    type: 'workloadRuntimeDetection',
  },
  description: 'Demo network policy',
  engine: 'falco',
  id: 'abcdef0123456789',
  labels: { 'host.hostName': 'node-pool-a-2', 'kubernetes.namespace.name': 'shop' },
  name: 'Demo network policy',
  originator: 'policy',
  rawEventOriginator: 'linuxAgent',
  severity: 4,
  source: 'syscall',
  sourceDetails: { subType: 'container', type: 'workload' },
  timestamp: 1717228800000000000,
};

describe('sysdigParser', () => {
  it('detects runtime alerts and events API records', () => {
    for (const s of [alert, cloudAlert, event]) expect(sysdigParser.detect(s)).toBe(true);
  });

  it('reports an alert with the agent host only, as the alerts pipeline leaves the Falco fields unmapped', () => {
    const a = sysdigParser.parse(alert);
    expect(a.format).toBe('sysdig.alerts');
    expect(a.observables.hosts).toEqual(['node-pool-a-1']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.ruleId).toBe('Terminal shell in container');
    expect(a.title).toContain('Terminal shell in container');
    expect(a.observedAt).toMatch(/^2024-06-01T08:00:00\.123/);
  });

  it('reports a cloud (CloudTrail) alert with no host and info severity', () => {
    const a = sysdigParser.parse(cloudAlert);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('info');
  });

  it('reads an events API record: host, user name and uid, and the socket server address', () => {
    const a = sysdigParser.parse(event);
    expect(a.format).toBe('sysdig.event');
    expect(a.observables.hosts).toEqual(['node-pool-a-2']);
    expect(a.observables.users).toEqual(['app-user', '1000']);
    expect(a.observables.ips).toEqual(['203.0.113.50']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-06-01T08:00:00.000Z');
  });

  it('does not claim Falco JSON, Vectra records or other payloads', () => {
    const falco = {
      rule: 'Terminal shell',
      output: 'x',
      output_fields: { 'user.name': 'root' },
      priority: 'Notice',
    };
    const vectra = {
      entity_id: 1,
      locked_by: 'a',
      lock_event_timestamp: '2024-06-01T00:00:00Z',
      type: 'host',
    };
    for (const s of [falco, vectra, { content: 'text', originator: 'policy' }, 'plain text', null]) {
      expect(sysdigParser.detect(s)).toBe(false);
    }
    for (const s of [alert, event]) expect(vectraRuxParser.detect(s)).toBe(false);
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const s of [alert, cloudAlert, event])
      expect(registryClaims(s, sysdigParser.name).others).toEqual([]);
  });
});
