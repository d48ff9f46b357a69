// The Tanium parser on synthetic action history, client status, Discover, endpoint config, reporting and
// Threat Response records: detection, the addresses, machine names and users (as Elastic's tanium pipelines
// map them), and that it leaves other formats alone.
import { describe, expect, it } from 'vitest';
import { taniumParser as parser } from '../../../src/intake/parsers/tanium.js';
import { registryClaims } from './registry-claims.js';

const actionHistory = {
  Issuer: 'operator1',
  SourceId: 3,
  Expiration: '2024-06-01T11:00:00',
  ActionName: 'Deploy Example Package',
  Command: '/bin/sh -c ./example.sh',
  Approver: 'operator2',
  Status: 'Closed',
  DistributeOver: '1 minutes',
  PackageName: 'Example Package',
  Comment: '',
  StartTime: '2024-06-01T10:00:00',
  InsertTime: '2024-06-01T10:00:05',
  ActionId: 4242,
};

const clientStatus = {
  Status: 'Leader',
  LastRegistration: '2024-06-01T09:30:00',
  ProtocolVersion: 315,
  ValidKey: 1,
  ComputerId: '1234567890',
  HostName: 'laptop-17.corp.example',
  ClientNetworkLocation: '192.0.2.17',
  ServerNetworkLocation: '198.51.100.2',
  RegisteredWithTLS: 1,
  SendState: 'None',
  ReceiveState: 'None',
  FullVersion: '7.4.1.1',
};

const discover = {
  id: 7,
  MacAddress: '00-00-5E-00-53-10',
  MacOrganization: 'Example Corp',
  IpAddress: '203.0.113.70',
  NatIpAddress: '198.51.100.70',
  HostName: 'printer-3.corp.example',
  Labels: '',
  Locations: '',
  TaniumComputerId: 99887766,
  Ports: '22,443',
  Os: 'Linux',
  Managed: 0,
  CreatedAt: '2024-06-01 08:00:00 +00:00',
  UpdatedAt: '2024-06-01 09:15:30 +00:00',
};

const endpointConfig = {
  timestamp: '2024-06-01T12:00:00.000Z',
  action: 'CONFIG_ITEM_UPDATED',
  user: { user_id: 501, persona_id: 0 },
  config_item: { id: 12, domain: 'example-module', data_category: 'policies' },
  module: { solution_id: 'example', solution_context_id: '' },
  manifest: { item_count: 1, items: [] },
};

const reportingRow = {
  'Computer Name': 'kiosk-2',
  Count: '1',
  'Is Virtual': 'No',
  Manufacturer: 'Example Inc.',
  Model: 'X1',
  'OS Platform': 'Windows',
  'Operating System': 'Windows 11 Pro',
  'Virtual Platform': '',
};

const threatAlert = {
  'Alert Id': '11111111-2222-4333-8444-555555555555',
  Timestamp: '2024-06-01T13:45:00.000Z',
  'Computer Name': 'db-4.corp.example',
  'Computer IP': '192.0.2.94',
  'Intel Id': 77,
  'Intel Type': 'openioc',
  'Intel Name': 'Example suspicious file',
  'User Name': 'carol',
  'User Id': '1005',
  'Match Details': {
    match: {
      type: 'file',
      properties: { md5: 'd41d8cd98f00b204e9800998ecf8427e', fullpath: '/tmp/example.bin' },
    },
  },
};

const threatAudit = {
  id: 55,
  action: 'update',
  userId: 12,
  userName: 'dave',
  table: 'connections',
  rowId: 3,
  revision: 2,
  state: JSON.stringify({ target: { hostname: 'ws-9.corp.example' }, status: 'connected' }),
  createdAt: '2024-06-01T14:00:00.000Z',
  updatedAt: '2024-06-01T14:05:00.000Z',
};

const samples = [
  actionHistory,
  clientStatus,
  discover,
  endpointConfig,
  reportingRow,
  threatAlert,
  threatAudit,
];

describe('taniumParser', () => {
  it('detects every Tanium record shape', () => {
    for (const s of samples) expect(parser.detect(s)).toBe(true);
  });

  it('reads an action history record with no indicators', () => {
    const a = parser.parse(actionHistory);
    expect(a.format).toBe('tanium.action_history');
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('4242');
    expect(a.observedAt).toBe('2024-06-01T10:00:05.000Z');
  });

  it('reads a client status: host name then computer id as hosts, client then server address', () => {
    const a = parser.parse(clientStatus);
    expect(a.format).toBe('tanium.client_status');
    expect(a.observables.hosts).toEqual(['laptop-17.corp.example', '1234567890']);
    expect(a.observables.ips).toEqual(['192.0.2.17', '198.51.100.2']);
    expect(a.observables.srcIps).toEqual([]);
  });

  it('reads a Discover asset: its address as source, not the NAT address, and its name', () => {
    const a = parser.parse(discover);
    expect(a.format).toBe('tanium.discover');
    expect(a.observables.srcIps).toEqual(['203.0.113.70']);
    expect(a.observables.ips).toEqual(['203.0.113.70']);
    expect(a.observables.hosts).toEqual(['printer-3.corp.example']);
    expect(a.observedAt).toBe('2024-06-01T09:15:30.000Z');
  });

  it('reads an endpoint config change: the user id as user', () => {
    const a = parser.parse(endpointConfig);
    expect(a.format).toBe('tanium.endpoint_config');
    expect(a.observables.users).toEqual(['501']);
    const { action: _action, ...withoutAction } = endpointConfig;
    expect(parser.detect(withoutAction)).toBe(true);
    expect(parser.parse(withoutAction).observables.users).toEqual(['501']);
  });

  it('reads a reporting row: the computer name as host', () => {
    const a = parser.parse(reportingRow);
    expect(a.format).toBe('tanium.reporting');
    expect(a.observables.hosts).toEqual(['kiosk-2']);
  });

  it('reads a Threat Response alert: computer address as source, name as host, user name then id, hashes', () => {
    const a = parser.parse(threatAlert);
    expect(a.format).toBe('tanium.threat_response');
    expect(a.observables.srcIps).toEqual(['192.0.2.94']);
    expect(a.observables.hosts).toEqual(['db-4.corp.example']);
    expect(a.observables.users).toEqual(['carol', '1005']);
    expect(a.observables.hashes).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
    expect(a.ruleId).toBe('77');
  });

  it('reads a Threat Response audit record: the target host from its JSON state and the acting user', () => {
    const a = parser.parse(threatAudit);
    expect(a.format).toBe('tanium.threat_response');
    expect(a.observables.hosts).toEqual(['ws-9.corp.example']);
    expect(a.observables.users).toEqual(['dave', '12']);
  });

  it('does not claim other formats', () => {
    expect(parser.detect('<14>Jan  1 00:00:00 host sshd[1]: Accepted password for bob from 192.0.2.1')).toBe(
      false,
    );
    expect(parser.detect({ HostName: 'a', Status: 'ok' })).toBe(false);
    expect(parser.detect({ action: 'update', table: 't' })).toBe(false);
  });

  it('is the only specific parser in the registry that claims its samples', () => {
    for (const s of samples) expect(registryClaims(s, parser.name).others).toEqual([]);
  });
});
