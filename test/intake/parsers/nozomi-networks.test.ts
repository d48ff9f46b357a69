// The Nozomi Networks parser on synthetic Vantage/Guardian API records: every stream it reads, the indicators
// Elastic's pipelines map, a negative, and that no other specific parser claims these records.
import { describe, expect, it } from 'vitest';
import { nozomiNetworksParser } from '../../../src/intake/parsers/nozomi-networks.js';
import { registryClaims } from './registry-claims.js';

const alert = {
  id: 'a-0001',
  name: 'New node',
  type_id: 'VI:NEW-NODE',
  type_name: 'New node',
  description: 'A new node 192.0.2.99 appeared',
  severity: 5,
  is_security: true,
  id_src: 'plc-a/192.0.2.10',
  id_dst: 'plc-b/192.0.2.20',
  ip_src: '203.0.113.10',
  ip_dst: '198.51.100.20',
  label_src: 'eng-ws-01',
  label_dst: 'plc-line-2',
  appliance_host: 'guardian-lab-1',
  appliance_ip: '192.0.2.5',
  trigger_id: 'trg-42',
  time: 1700000000000,
  record_created_at: 1700000000500,
};

const audit = {
  id: 'au-0001',
  name: 'User signed in',
  event: 'User signed in from the web console',
  action: 'create',
  browser: 'Mozilla/5.0',
  details: null,
  username: 'dana@example.org via SAML',
  controller: 'sessions',
  ip_address: '203.0.113.77',
  record_created_at: 1700000100000,
  time: 1700000100000,
};

const session = {
  id: 's-0001',
  from: '192.0.2.31',
  to: '198.51.100.32',
  from_port: 50000,
  to_port: 502,
  from_zone: 'Office',
  to_zone: 'Plant',
  protocol: 'modbus',
  key: '192.0.2.31;198.51.100.32;6;502',
  transferred: { bytes: 100, packets: 2 },
  last_activity_time: 1700000200000,
};

const node = {
  id: 'n-0001',
  ip: '192.0.2.41',
  label: 'hmi-07',
  mac_address: '00:00:5e:00:53:01',
  os: 'Windows 10',
  type: 'computer',
  zone: 'Plant',
  is_learned: true,
  appliance_host: 'guardian-lab-1',
  record_created_at: 1700000300000,
};

const asset = {
  id: 'as-0001',
  name: 'line-2-plc',
  type: 'controller',
  ip: ['192.0.2.51', 'fe80::1', 'not-an-ip'],
  mac_address: ['00:00:5e:00:53:02'],
  appliance_hosts: ['guardian-lab-1', 'guardian-lab-2'],
  nodes: ['192.0.2.51'],
  created_at: 1700000400000,
};

const variable = {
  id: 'v-0001',
  name: 'holding_register_40001',
  label: 'Tank level',
  host: '192.0.2.61',
  host_label: 'plc-tank',
  namespace: 'modbus',
  last_client: 'scada-srv',
  last_value: 12.5,
  record_created_at: 1700000500000,
};

const nodeCve = {
  id: 'c-0001',
  cve: 'CVE-2020-0001',
  cve_score: 9.8,
  cve_summary: 'Remote code execution',
  node_id: '192.0.2.71',
  nodes: ['192.0.2.71', 'plc-west'],
  appliance_host: 'guardian-lab-1',
  appliance_ip: '192.0.2.5',
  record_created_at: 1700000600000,
};

const samples = [alert, audit, session, node, asset, variable, nodeCve];

describe('nozomiNetworksParser', () => {
  it('detects every record shape it reads', () => {
    for (const s of samples) expect(nozomiNetworksParser.detect(s)).toBe(true);
  });

  it('maps an alert: appliance address first in related, source and destination, appliance host and labels', () => {
    const a = nozomiNetworksParser.parse(alert);
    expect(a.format).toBe('nozomi_networks.alert');
    expect(a.title).toBe('Nozomi Networks: New node');
    expect(a.severity).toBe('medium');
    expect(a.observedAt).toBe('2023-11-14T22:13:20.000Z');
    expect(a.ruleId).toBe('trg-42');
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.dstIps).toEqual(['198.51.100.20']);
    expect(a.observables.ips).toEqual(['192.0.2.5', '198.51.100.20', '203.0.113.10']);
    expect(a.observables.hosts).toEqual(['guardian-lab-1', 'plc-line-2', 'eng-ws-01']);
  });

  it('reads an audit user as the e-mail local part and the e-mail, with the client address as source', () => {
    const a = nozomiNetworksParser.parse(audit);
    expect(a.format).toBe('nozomi_networks.audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.77']);
    expect(a.observables.users).toEqual(['dana', 'dana@example.org']);
  });

  it('reports no user for an audit name that is not an e-mail, and reads an e-mail alone', () => {
    expect(nozomiNetworksParser.parse({ ...audit, username: 'admin' }).observables.users).toEqual([]);
    expect(nozomiNetworksParser.parse({ ...audit, username: 'dana@example.org' }).observables.users).toEqual([
      'dana',
      'dana@example.org',
    ]);
  });

  it('reads a forwarded audit request’s first address as the source and relates the rest', () => {
    const a = nozomiNetworksParser.parse({ ...audit, ip_address: '203.0.113.20, 198.51.100.10' });
    expect(a.observables.srcIps).toEqual(['203.0.113.20']);
    expect(a.observables.ips).toEqual(['203.0.113.20', '198.51.100.10']);
  });

  it('reads a CMC’s replicated audit record: `user` for the user, the appliance address related', () => {
    const cmc = {
      id: 'cmc-audit-synthetic',
      event: 'User login from CMC',
      action: 'login',
      user: 'ops.lead@example.org',
      controller: 'auth/sessions',
      ip_address: '192.0.2.40',
      time: 1747028333579,
      appliance_host: 'cmc-guardian',
      appliance_id: 'cmc-appl-1',
      appliance_ip: '192.0.2.2',
    };
    expect(nozomiNetworksParser.detect(cmc)).toBe(true);
    const a = nozomiNetworksParser.parse(cmc);
    expect(a.format).toBe('nozomi_networks.audit');
    expect(a.observables.users).toEqual(['ops.lead', 'ops.lead@example.org']);
    expect(a.observables.ips).toEqual(['192.0.2.40', '192.0.2.2']);
  });

  it('maps a session from → source and to → destination', () => {
    const a = nozomiNetworksParser.parse(session);
    expect(a.format).toBe('nozomi_networks.session');
    expect(a.observables.srcIps).toEqual(['192.0.2.31']);
    expect(a.observables.dstIps).toEqual(['198.51.100.32']);
    expect(a.observables.ips).toEqual(['192.0.2.31', '198.51.100.32']);
  });

  it('maps a node: its address as source and the appliance host, but not its OS (Elastic lists it as a host)', () => {
    const a = nozomiNetworksParser.parse(node);
    expect(a.format).toBe('nozomi_networks.node');
    expect(a.observables.srcIps).toEqual(['192.0.2.41']);
    expect(a.observables.hosts).toEqual(['guardian-lab-1']);
  });

  it('reads a CMC node (address as text, appliance hosts as a list) as a node, not an asset', () => {
    const cmc = {
      id: 'n-0002',
      ip: '192.0.2.42',
      label: 'cmc-plc',
      mac_address: '00:00:5e:00:53:03',
      zone: 'Plant',
      appliance_hosts: ['cmc-1'],
    };
    const a = nozomiNetworksParser.parse(cmc);
    expect(a.format).toBe('nozomi_networks.node');
    expect(a.observables.srcIps).toEqual(['192.0.2.42']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('maps an asset: its valid addresses as related and its appliance hosts', () => {
    const a = nozomiNetworksParser.parse(asset);
    expect(a.format).toBe('nozomi_networks.asset');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['192.0.2.51', 'fe80::1']);
    expect(a.observables.hosts).toEqual(['guardian-lab-1', 'guardian-lab-2']);
  });

  it('maps a variable: host address related, label as host, a named last client as a host', () => {
    const a = nozomiNetworksParser.parse(variable);
    expect(a.format).toBe('nozomi_networks.variable');
    expect(a.observables.ips).toEqual(['192.0.2.61']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.hosts).toEqual(['plc-tank', 'scada-srv']);
    const byIp = nozomiNetworksParser.parse({ ...variable, last_client: '203.0.113.62' });
    expect(byIp.observables.srcIps).toEqual(['203.0.113.62']);
  });

  it('maps a node CVE: appliance and node addresses related, named nodes as hosts, CVSS as severity', () => {
    const a = nozomiNetworksParser.parse(nodeCve);
    expect(a.format).toBe('nozomi_networks.node_cve');
    expect(a.ruleId).toBe('CVE-2020-0001');
    expect(a.severity).toBe('critical');
    expect(a.observables.ips).toEqual(['192.0.2.5', '192.0.2.71']);
    expect(a.observables.hosts).toEqual(['guardian-lab-1', 'plc-west']);
  });

  it('maps an appliance health notice: host name then id as hosts, the appliance address related only', () => {
    const sensor = {
      id: 'hc-0001',
      info: { description: 'Disk usage above threshold.\nCheck the data partition.' },
      time: 1735725600000,
      record_created_at: 1735725660000,
      sensor_id: '0f0e0d0c-0b0a-4909-8807-060504030201',
      sensor_host: 'guardian-north',
      sensor_appliance_type: 'guardian',
    };
    expect(nozomiNetworksParser.detect(sensor)).toBe(true);
    const a = nozomiNetworksParser.parse(sensor);
    expect(a.format).toBe('nozomi_networks.health');
    expect(a.observables.hosts).toEqual(['guardian-north', '0f0e0d0c-0b0a-4909-8807-060504030201']);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toContain('Disk usage above threshold.');
    expect(a.observedAt).toBe('2025-01-01T10:01:00.000Z');
    const appliance = {
      id: 'hc-0002',
      info: { description: 'Update available.' },
      record_created_at: 1735725660000,
      appliance_id: 'a1',
      appliance_host: 'cmc-central',
      appliance_ip: '192.0.2.44',
      sensor_appliance_type: 'cmc',
    };
    const b = nozomiNetworksParser.parse(appliance);
    expect(b.observables.hosts).toEqual(['cmc-central', 'a1']);
    expect(b.observables.ips).toEqual(['192.0.2.44']);
    expect(b.observables.srcIps).toEqual([]);
    expect(registryClaims(sensor, 'nozomi_networks').others).toEqual([]);
    expect(registryClaims(appliance, 'nozomi_networks').others).toEqual([]);
  });

  it('does not claim other JSON or text', () => {
    expect(nozomiNetworksParser.detect({ eventType: 'user.session.start', actor: {} })).toBe(false);
    expect(nozomiNetworksParser.detect({ id: 'x', from: '192.0.2.1', to: '192.0.2.2' })).toBe(false);
    expect(nozomiNetworksParser.detect('<13>Jan  1 00:00:00 host app: hello')).toBe(false);
    expect(nozomiNetworksParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const s of samples) expect(registryClaims(s, 'nozomi_networks').others).toEqual([]);
  });
});
