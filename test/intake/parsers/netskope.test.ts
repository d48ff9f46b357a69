// The Netskope parser on synthetic alerts and events in the shape Elastic's netskope integration receives:
// detection, the addresses in related.ip order, e-mail local parts as users, hosts and domains,
// and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { netskopeParser } from '../../../src/intake/parsers/netskope.js';
import { registryClaims } from './registry-claims.js';

const policyAlert = {
  event: { id: 'a1b2c3d4e5f6a7b8c9d0e1f2' },
  netskope: {
    alerts: {
      access_method: 'API Connector',
      action: 'block',
      alert: { name: 'share-policy-alert', type: 'nspolicy' },
      type: 'policy',
      policy: { name: 'Block public sharing' },
      app: { name: 'ExampleDrive', category: 'Cloud Storage' },
    },
  },
  source: { address: '192.0.2.10', ip: '192.0.2.10' },
  destination: { address: '198.51.100.20', ip: '198.51.100.20' },
  '@timestamp': '2024-03-04T05:06:07.000Z',
  user: { email: { '1': 'kit.moreau@example.org', '2': 'kit.moreau@example.org' }, group: { name: 'null' } },
};

const malsiteAlert = {
  event: { id: 'b1b2c3d4e5f6a7b8c9d0e1f2' },
  netskope: {
    alerts: {
      alert: { name: 'bad.example.net/payload', type: 'malsite' },
      type: 'malsite',
      domain: 'bad.example.net',
      malsite: { ip_host: '203.0.113.99' },
      user: { ip: '203.0.113.7' },
      severity: { level: 'unknown', level_id: 1 },
      malware: { severity: 'high' },
    },
  },
  destination: { ip: '198.51.100.30', domain: 'cdn.example.net' },
  source: { ip: '2001:db8:0:0:0:0:0:5' },
  host: { hostname: 'LAPTOP-ORCA' },
  '@timestamp': '2024-03-04T05:07:00.000Z',
  user: { email: ['ada@example.org'] },
};

const twoUsersAlert = {
  netskope: { alerts: { alert: { name: 'Bulk Delete', type: 'nspolicy' }, type: 'uba' } },
  user: { email: { '1': 'ada@example.org', '2': 'bo@example.org', '3': 'no-at-sign.example.org' } },
};

const networkEvent = {
  netskope: {
    events: {
      event_type: 'network',
      type: 'network',
      domain: 'app.example.com',
      user: { ip: '203.0.113.50' },
      policy: { name: 'Private app access' },
    },
  },
  event: { action: 'allow', id: 'c1b2c3d4e5f6a7b8c9d0e1f2' },
  destination: { ip: '198.51.100.40', port: 443 },
  source: { ip: '192.0.2.40', port: 50123 },
  host: { hostname: 'WS-FINCH' },
  '@timestamp': '2024-03-04T05:08:00.000Z',
  user: { email: { '1': 'finch@example.org' } },
};

const auditEvent = {
  netskope: {
    events: {
      event_type: 'audit',
      audit: { log: { event: 'Login Successful' } },
      severity: { level: '2' },
      supporting_data: "{'data_type': 'user', 'data_values': ['192.0.2.99', 'admin@example.org']}",
    },
  },
  '@timestamp': '2024-03-04T05:09:00.000Z',
  user: { email: 'admin@example.org' },
};

const infraEvent = {
  '@timestamp': '2024-03-04T05:10:00.000Z',
  'event.id': 'd1b2c3d4e5f6a7b8c9d0e1f2',
  netskope: {
    events: {
      event_type: 'infrastructure',
      severity: { level: 'high' },
      alarm: { name: 'No_events_from_device' },
      device: { name: 'edge-appliance-1' },
    },
  },
};

const samples = { policyAlert, malsiteAlert, twoUsersAlert, networkEvent, auditEvent, infraEvent };

describe('netskopeParser', () => {
  it('detects every alert and event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(netskopeParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a policy alert: source, destination and the e-mail local part as the user', () => {
    const a = netskopeParser.parse(policyAlert);
    expect(a.format).toBe('netskope.alerts');
    expect(a.recognizedBy).toBe('parser:netskope');
    expect(a.observables.srcIps).toEqual(['192.0.2.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['198.51.100.20', '192.0.2.10']);
    expect(a.observables.users).toEqual(['kit.moreau']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toContain('share-policy-alert');
    expect(a.ruleId).toBe('Block public sharing');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2024-03-04T05:06:07.000Z');
  });

  it('lists destination, user and source addresses in the pipeline order and skips the malsite address', () => {
    const a = netskopeParser.parse(malsiteAlert);
    expect(a.observables.ips).toEqual(['198.51.100.30', '203.0.113.7', '2001:db8::5']);
    expect(a.observables.srcIps).toEqual(['2001:db8::5']);
    expect(a.observables.dstIps).toEqual(['198.51.100.30']);
    expect(a.observables.users).toEqual(['ada']);
  });

  it('reports the workstation as a host and the destination and alert domains as domains', () => {
    const a = netskopeParser.parse(malsiteAlert);
    expect(a.observables.hosts).toEqual(['LAPTOP-ORCA']);
    expect(a.observables.domains).toEqual(['cdn.example.net', 'bad.example.net']);
    expect(a.severity).toBe('high');
  });

  it('takes every distinct address with an @ as a user and ignores one without', () => {
    expect(netskopeParser.parse(twoUsersAlert).observables.users).toEqual(['ada', 'bo']);
  });

  it('reads a network event: the user address between destination and source, the e-mail local part a user', () => {
    const a = netskopeParser.parse(networkEvent);
    expect(a.format).toBe('netskope.events');
    expect(a.observables.ips).toEqual(['198.51.100.40', '203.0.113.50', '192.0.2.40']);
    expect(a.observables.srcIps).toEqual(['192.0.2.40']);
    expect(a.observables.users).toEqual(['finch']);
    expect(a.observables.hosts).toEqual(['WS-FINCH']);
    expect(a.observables.domains).toEqual([]);
    expect(a.ruleId).toBe('Private app access');
    expect(a.severity).toBe('info');
  });

  it('takes no indicators from an audit event’s supporting data, only the admin’s e-mail local part', () => {
    const a = netskopeParser.parse(auditEvent);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['admin']);
    expect(a.title).toContain('Login Successful');
  });

  it('reads an infrastructure alarm without indicators and rates it by its severity', () => {
    const a = netskopeParser.parse(infraEvent);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('high');
    expect(a.title).toContain('No_events_from_device');
  });

  it('never reports the unspecified address', () => {
    const a = netskopeParser.parse({ ...policyAlert, source: { ip: '0.0.0.0' }, destination: { ip: '::' } });
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim other JSON or text', () => {
    const other = { netskope: { clients: {} } };
    const list = { netskope: { alerts: [] } };
    const ecs = { source: { ip: '192.0.2.1' }, user: { name: 'kit' } };
    const line = '<134>1 2024-03-04T05:06:07Z host app - - - {"netskope":{"alerts":{}}}';
    for (const raw of [other, list, ecs, line, null, 3, []]) {
      expect(netskopeParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, netskopeParser.name).others, name).toEqual([]);
    }
  });
});
