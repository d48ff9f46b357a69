// The Falco alerts parser on synthetic Falco JSON alerts (bare, expanded, syslog-wrapped): detection, the
// sensor host, fd.lip/fd.rip as Elastic's falco pipeline maps them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { falcoParser } from '../../../src/intake/parsers/falco.js';
import { registryClaims } from './registry-claims.js';

const fileAlert = {
  hostname: 'build-node-7',
  output:
    '2024-06-01T08:00:00.123456789+0000: Warning Sensitive file opened for reading (file=/etc/shadow user=svc-backup process=cat)',
  priority: 'Warning',
  rule: 'Read sensitive file untrusted',
  source: 'syscall',
  tags: ['T1555', 'filesystem', 'host'],
  time: '2024-06-01T08:00:00.123456789Z',
  output_fields: {
    'container.id': 'host',
    'evt.time.iso8601': 1717228800123000000,
    'evt.type': 'openat',
    'fd.name': '/etc/shadow',
    'proc.name': 'cat',
    'user.name': 'svc-backup',
    'user.uid': 1001,
  },
};

const networkAlert = {
  hostname: 'edge-worker-2',
  output: '08:05:00.000000000: Critical Outbound connection to a suspicious address (connection=...)',
  priority: 'Critical',
  rule: 'Unexpected outbound connection destination',
  source: 'syscall',
  tags: ['network', 'T1071'],
  time: '2024-06-01T08:05:00.000000000Z',
  uuid: '00000000-0000-4000-8000-000000000001',
  output_fields: {
    'evt.type': 'connect',
    'fd.cip': '198.51.100.7',
    'fd.sip': '203.0.113.80',
    'fd.lip': '198.51.100.7',
    'fd.rip': '203.0.113.80',
    'fd.rip.name': 'c2.example.net',
    'fd.lport': 40222,
    'fd.rport': 443,
    'proc.name': 'curl',
    'user.name': 'www-data',
  },
};

/** A forwarder that already expanded the dotted keys into objects. */
const expandedAlert = {
  ...networkAlert,
  output_fields: { fd: { lip: '2001:db8::10', rip: '2001:db8::20' }, proc: { name: 'nc' } },
};

const unspecifiedAlert = {
  ...networkAlert,
  output_fields: { 'fd.lip': '0.0.0.0', 'fd.rip': '::', 'fd.name': '0.0.0.0:8080' },
};

const syslog3164 = `<14>Jun  1 08:05:00 edge-worker-2 falco: ${JSON.stringify(networkAlert)}`;
const syslog5424 = `<14>1 2024-06-01T08:05:00Z edge-worker-2 falco 4242 - - ${JSON.stringify(fileAlert)}`;

describe('falcoParser', () => {
  it('detects Falco JSON alerts, bare, expanded and wrapped in either syslog header', () => {
    for (const s of [fileAlert, networkAlert, expandedAlert, unspecifiedAlert, syslog3164, syslog5424]) {
      expect(falcoParser.detect(s)).toBe(true);
    }
  });

  it('reports the sensor host only for a file alert: the process user is no ECS user in Elastic’s pipeline', () => {
    const a = falcoParser.parse(fileAlert);
    expect(a.format).toBe('falco.alerts');
    expect(a.recognizedBy).toBe('parser:falco.alerts');
    expect(a.observables.hosts).toEqual(['build-node-7']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('Read sensitive file untrusted');
    expect(a.title).toContain('Read sensitive file untrusted');
    expect(a.observedAt).toBe('2024-06-01T08:00:00.123Z');
  });

  it('maps fd.lip to the source and fd.rip to the destination, with no related addresses', () => {
    const a = falcoParser.parse(networkAlert);
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.dstIps).toEqual(['203.0.113.80']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['edge-worker-2']);
    expect(a.severity).toBe('critical');
  });

  it('reports resolved socket names as domains that stay out of related.hosts', () => {
    const a = falcoParser.parse(networkAlert);
    expect(a.observables.domains).toEqual(['c2.example.net']);
    expect(falcoParser.domainsInRelatedHosts).toBe(false);
  });

  it('reads output fields a forwarder expanded into objects, writing IPv6 canonically', () => {
    const a = falcoParser.parse(expandedAlert);
    expect(a.observables.srcIps).toEqual(['2001:db8::10']);
    expect(a.observables.dstIps).toEqual(['2001:db8::20']);
  });

  it('never reports the unspecified addresses 0.0.0.0 and ::', () => {
    const a = falcoParser.parse(unspecifiedAlert);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
  });

  it('reads the alert inside a syslog line as the bare alert', () => {
    expect(falcoParser.parse(syslog3164).observables).toEqual(falcoParser.parse(networkAlert).observables);
    expect(falcoParser.parse(syslog5424).observables).toEqual(falcoParser.parse(fileAlert).observables);
  });

  it('does not claim Sysdig records, other JSON or plain Falco text output', () => {
    const sysdig = {
      originator: 'policy',
      content: { ruleName: 'Terminal shell', fields: { 'user.name': 'root' } },
    };
    const unknownPriority = { ...fileAlert, priority: 'Purple' };
    const noOutput = { rule: 'x', priority: 'Warning', time: '2024-06-01T08:00:00Z' };
    const text = '<14>Jun  1 08:05:00 edge-worker-2 falco: 08:05:00.000: Warning Shell spawned (user=root)';
    for (const s of [sysdig, unknownPriority, noOutput, text, 'plain text', null, 42, ['rule']]) {
      expect(falcoParser.detect(s)).toBe(false);
    }
  });

  it('is the only specific parser that claims these samples', () => {
    for (const s of [fileAlert, networkAlert, expandedAlert, syslog3164, syslog5424]) {
      expect(registryClaims(s, falcoParser.name).others).toEqual([]);
    }
  });
});
