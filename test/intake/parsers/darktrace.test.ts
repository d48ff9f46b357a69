// The Darktrace parser on synthetic model breach, AI Analyst and system status alerts (objects and syslog
// lines): detection, the indicators Elastic's darktrace pipelines map to related.ip / related.hosts /
// related.user, and no double claim.
import { describe, expect, it } from 'vitest';
import { darktraceParser } from '../../../src/intake/parsers/darktrace.js';
import { registryClaims } from './registry-claims.js';

const modelBreach = {
  model: {
    name: 'Device::Unusual Admin Connection',
    pid: 42,
    phid: 99,
    uuid: '00000000-0000-4000-8000-000000000042',
    priority: 4,
    category: 'Suspicious',
    created: { by: 'analyst-one' },
    edited: { by: 'analyst-two@example.org' },
  },
  device: {
    did: 7,
    ip: '192.0.2.10',
    ip6: '2001:db8::10',
    ips: [{ ip: '192.0.2.11', timems: 1700000000000, sid: 1 }],
    sid: 1,
    hostname: 'lab-desktop-7',
  },
  triggeredComponents: [
    {
      time: 1700000000000,
      cid: 1,
      metric: { label: 'External Connections' },
      triggeredFilters: [
        { filterType: 'Direction', comparatorType: 'is', trigger: { value: 'out' } },
        { filterType: 'Destination IP', comparatorType: 'display', trigger: { value: '203.0.113.80' } },
        {
          filterType: 'Connection hostname',
          comparatorType: 'display',
          trigger: { value: 'c2.example.net' },
        },
        {
          filterType: 'Internal destination device name',
          comparatorType: 'display',
          trigger: { value: 'lab-nas' },
        },
      ],
    },
  ],
  breachUrl: 'https://darktrace.example/#modelbreach/9',
  pbid: 9,
  score: 0.92,
  creationTime: 1700000005000,
  time: 1700000000000,
};

const aiAnalyst = {
  summariser: 'ScanSummary',
  title: 'Port Scanning',
  id: '00000000-0000-4000-8000-0000000000aa',
  createdAt: 1700000100000,
  aiaScore: 64,
  breachDevices: [
    { identifier: 'scan-host', hostname: 'scan-host.lab.example', ip: '198.51.100.7', did: 3, sid: 1 },
    { identifier: '198.51.100.8', hostname: null, ip: '198.51.100.0/24', did: 4, sid: 1 },
  ],
  details: [
    [
      {
        header: 'Overview of Scan',
        contents: [
          { key: 'Time', type: 'timestampRange', values: [{ start: 1700000000000, end: 1700000090000 }] },
          {
            key: 'Source device',
            type: 'device',
            values: [{ identifier: 'scan-host', hostname: 'scan-host.lab.example', ip: '198.51.100.0/28' }],
          },
          {
            key: 'Scanned IPs',
            type: 'device',
            values: [
              { ip: '203.0.113.4' },
              { ip: '203.0.113.5', hostname: 'printer-2' },
              { hostname: '203.0.113.6' },
            ],
          },
          { key: 'Username observed prior to activity', type: 'string', values: ['carol'] },
          { key: 'Key ports', type: 'integer', values: [22, 445] },
        ],
      },
    ],
  ],
};

const systemStatus = {
  last_updated: 1700000200.5,
  uuid: '00000000-0000-4000-8000-0000000000bb',
  priority: 98,
  priority_level: 'critical',
  hostname: 'sensor-lab-1',
  ip_address: '192.0.2.50',
  message: 'The probe 192.0.2.50 has lost connection to the master.',
  name: 'probe_down-0',
  alert_name: 'Probe Down',
  status: 'active',
};

const syslogLine = `darktrace ${JSON.stringify(modelBreach)}`;

describe('darktraceParser', () => {
  it('detects model breach, AI Analyst and system status alerts', () => {
    for (const raw of [modelBreach, aiAnalyst, systemStatus]) expect(darktraceParser.detect(raw)).toBe(true);
  });

  it('reads a model breach: device addresses as related addresses, device name as host, model authors as users', () => {
    const a = darktraceParser.parse(modelBreach);
    expect(a.format).toBe('darktrace.model_breach_alert');
    expect(a.recognizedBy).toBe('parser:darktrace');
    expect(a.title).toBe('Device::Unusual Admin Connection');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(a.ruleId).toBe('00000000-0000-4000-8000-000000000042');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10', '2001:db8::10', '192.0.2.11']);
    expect(a.observables.hosts).toEqual(['lab-desktop-7']);
    expect(a.observables.users).toEqual(['analyst-one', 'analyst-two@example.org']);
  });

  it('reports the connection hostname of a triggering component as a domain, kept out of related hosts', () => {
    const a = darktraceParser.parse(modelBreach);
    expect(a.observables.domains).toEqual(['c2.example.net']);
    expect(a.observables.ips).not.toContain('203.0.113.80');
    expect(a.observables.hosts).not.toContain('lab-nas');
    expect(darktraceParser.domainsInRelatedHosts).toBe(false);
  });

  it('puts a model breach device hostname that is an address first among related addresses', () => {
    const a = darktraceParser.parse({
      ...modelBreach,
      device: { ...modelBreach.device, hostname: '192.0.2.99' },
    });
    expect(a.observables.ips).toEqual(['192.0.2.99', '192.0.2.10', '2001:db8::10', '192.0.2.11']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads a model breach with no device and system-authored model: users only', () => {
    const a = darktraceParser.parse({
      model: { name: 'System::System', created: { by: 'System' }, edited: { by: 'Nobody' }, priority: 3 },
      device: { did: -1 },
      triggeredComponents: [{ metric: { label: 'System' }, triggeredFilters: [] }],
      pbid: 5,
      time: 1700000000000,
    });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.users).toEqual(['System', 'Nobody']);
    expect(a.severity).toBe('medium');
  });

  it('reads a syslog line whose app name precedes the JSON, and a JSON text line', () => {
    for (const raw of [syslogLine, JSON.stringify(modelBreach)]) {
      expect(darktraceParser.detect(raw)).toBe(true);
      const a = darktraceParser.parse(raw);
      expect(a.format).toBe('darktrace.model_breach_alert');
      expect(a.observables.ips).toEqual(['192.0.2.10', '2001:db8::10', '192.0.2.11']);
      expect(a.observables.users).toEqual(['analyst-one', 'analyst-two@example.org']);
    }
  });

  it('reads an AI Analyst incident: breach and detail devices, addresses apart from names, CIDR values skipped', () => {
    const a = darktraceParser.parse(aiAnalyst);
    expect(a.format).toBe('darktrace.ai_analyst_alert');
    expect(a.title).toBe('Port Scanning');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2023-11-14T22:15:00.000Z');
    expect(a.ruleId).toBe('ScanSummary');
    // Breach identifiers that are addresses, breach device ips, detail ips, then detail hostnames that are addresses.
    expect(a.observables.ips).toEqual([
      '198.51.100.8',
      '198.51.100.7',
      '203.0.113.4',
      '203.0.113.5',
      '203.0.113.6',
    ]);
    // Identifiers (host.name) first, then hostnames and the detail devices' names (related.hosts).
    expect(a.observables.hosts).toEqual(['scan-host', 'scan-host.lab.example', 'printer-2']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads a system status alert: the appliance host name and address', () => {
    const a = darktraceParser.parse(systemStatus);
    expect(a.format).toBe('darktrace.system_status_alert');
    expect(a.title).toBe('Probe Down');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2023-11-14T22:16:40.500Z');
    expect(a.ruleId).toBe('probe_down-0');
    expect(a.observables.ips).toEqual(['192.0.2.50']);
    expect(a.observables.hosts).toEqual(['sensor-lab-1']);
  });

  it('never reports the unspecified address, as an address or as a host name', () => {
    const a = darktraceParser.parse({ ...systemStatus, hostname: '0.0.0.0', ip_address: '0.0.0.0' });
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
  });

  it('does not claim other JSON or text payloads', () => {
    expect(darktraceParser.detect({ model: 'x', pbid: 1 })).toBe(false);
    expect(darktraceParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(darktraceParser.detect({ alert_name: 'Disk full', severity: 'high' })).toBe(false);
    expect(darktraceParser.detect('<134>Mar  5 10:00:00 host app: message')).toBe(false);
    expect(darktraceParser.detect('app: {"model": {"name": "x"}, "pbid": 1}')).toBe(false);
    expect(darktraceParser.detect('darktrace {"model": {"name": "x"}, "pbid": 1')).toBe(false);
    expect(darktraceParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of [modelBreach, aiAnalyst, systemStatus, syslogLine])
      expect(registryClaims(raw, darktraceParser.name).others).toEqual([]);
  });
});
