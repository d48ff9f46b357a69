// The Darktrace parser on synthetic model breach, AI Analyst and system status alerts: detection, the
// indicators Elastic's darktrace pipelines map to related.ip / related.hosts / related.user, and no double claim.
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
    edited: { by: 'analyst-two' },
  },
  device: {
    did: 7,
    ip: '192.0.2.10',
    ips: [{ ip: '192.0.2.11', timems: 1700000000000, sid: 1 }],
    sid: 1,
    hostname: 'lab-desktop-7',
  },
  triggeredComponents: [
    { time: 1700000000000, cid: 1, metric: { label: 'Connections' }, triggeredFilters: [] },
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
  breachDevices: [{ identifier: 'scan-host', hostname: 'scan-host', ip: '198.51.100.7', did: 3, sid: 1 }],
  details: [
    [
      {
        header: 'Overview of Scan',
        contents: [
          {
            key: 'Source device',
            type: 'device',
            values: [{ hostname: 'scan-host', ip: '198.51.100.0/24' }],
          },
          { key: 'Scanned IPs', type: 'device', values: [{ ip: '203.0.113.4' }, { ip: '203.0.113.5' }] },
          { key: 'Username observed prior to activity', type: 'string', values: ['carol'] },
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

describe('darktraceParser', () => {
  it('detects model breach, AI Analyst and system status alerts', () => {
    for (const raw of [modelBreach, aiAnalyst, systemStatus]) expect(darktraceParser.detect(raw)).toBe(true);
  });

  it('reads a model breach: device addresses as related addresses, device name as host, model authors as users', () => {
    const a = darktraceParser.parse(modelBreach);
    expect(a.format).toBe('darktrace.model_breach_alert');
    expect(a.title).toBe('Device::Unusual Admin Connection');
    expect(a.severity).toBe('critical');
    expect(a.observedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.10', '192.0.2.11']);
    expect(a.observables.hosts).toEqual(['lab-desktop-7']);
    expect(a.observables.users).toEqual(['analyst-one', 'analyst-two']);
  });

  it('puts a model breach device hostname that is an address first among related addresses', () => {
    const a = darktraceParser.parse({
      ...modelBreach,
      device: { ...modelBreach.device, hostname: '192.0.2.99' },
    });
    expect(a.observables.ips).toEqual(['192.0.2.99', '192.0.2.10', '192.0.2.11']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('reads an AI Analyst incident: breach device and detail device addresses, skipping CIDR ranges', () => {
    const a = darktraceParser.parse(aiAnalyst);
    expect(a.format).toBe('darktrace.ai_analyst_alert');
    expect(a.title).toBe('Port Scanning');
    expect(a.severity).toBe('medium');
    expect(a.observables.ips).toEqual(['198.51.100.7', '203.0.113.4', '203.0.113.5']);
    expect(a.observables.hosts).toEqual(['scan-host']);
    expect(a.observables.users).toEqual([]);
  });

  it('reads a system status alert: the appliance host name and address', () => {
    const a = darktraceParser.parse(systemStatus);
    expect(a.format).toBe('darktrace.system_status_alert');
    expect(a.title).toBe('Probe Down');
    expect(a.severity).toBe('critical');
    expect(a.observables.ips).toEqual(['192.0.2.50']);
    expect(a.observables.hosts).toEqual(['sensor-lab-1']);
  });

  it('does not claim other JSON or text payloads', () => {
    expect(darktraceParser.detect({ model: 'x', pbid: 1 })).toBe(false);
    expect(darktraceParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(darktraceParser.detect('<134>Mar  5 10:00:00 host app: message')).toBe(false);
    expect(darktraceParser.detect(null)).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const raw of [modelBreach, aiAnalyst, systemStatus])
      expect(registryClaims(raw, darktraceParser.name).others).toEqual([]);
  });
});
