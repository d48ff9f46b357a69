// The Microsoft 365 Defender advanced hunting parser on synthetic Event Hub rows of the Device*, Alert*,
// Behavior*, identity, cloud app, e-mail and message tables: detection, source/destination by table and
// direction, users and hosts as Elastic's pipelines map them.
import { describe, expect, it } from 'vitest';
import { m365DefenderEventParser as parser } from '../../../src/intake/parsers/m365-defender-event.js';
import { registryClaims } from './registry-claims.js';

const row = (table: string, properties: Record<string, unknown>) => ({
  Tenant: 'DefaultTenant',
  category: `AdvancedHunting-${table}`,
  operationName: 'Publish',
  properties,
  tenantId: '00000000-1111-4222-8333-444444444444',
  time: '2026-04-01T10:05:00Z',
});

const identityQuery = row('IdentityQueryEvents', {
  ActionType: 'SAMR query',
  QueryTarget: 'Domain Admins',
  AccountDisplayName: 'WS-20$',
  AccountDomain: 'corp',
  IPAddress: '192.0.2.20',
  DeviceName: 'ws-20.corp.example',
  DestinationIPAddress: '192.0.2.81',
  DestinationPort: 445,
});
const email = row('EmailEvents', {
  Subject: 'Invoice',
  SenderFromAddress: 'ceo@lookalike.example',
  SenderFromDomain: 'lookalike.example',
  RecipientEmailAddress: 'dana@example.org',
  SenderIPv4: '198.51.100.144',
  DeliveryAction: 'Delivered',
});
const teamsMessage = row('MessageEvents', {
  SenderEmailAddress: 'external@example.net',
  DeliveryAction: 'Delivered',
});
const behaviorEntity = row('BehaviorEntities', {
  Title: 'Suspicious sign-in',
  RemoteIP: '203.0.113.56',
  AccountName: 'erin',
  AccountDomain: 'CORP',
  AccountObjectId: '11111111-2222-4333-8444-555555555555',
  DeviceName: 'WS-21',
});
const activityRows = [identityQuery, email, teamsMessage, behaviorEntity];

const logon = row('DeviceLogonEvents', {
  ActionType: 'LogonFailed',
  AccountName: 'admin.backup',
  AccountDomain: null,
  DeviceId: 'aaaa1111bbbb2222cccc3333dddd4444eeee5555',
  DeviceName: 'WS-OPS-01',
  RemoteIP: '203.0.113.77',
  RemotePort: 0,
  LogonType: 'Network',
  Timestamp: '2026-04-01T10:00:00.1234567Z',
});
const outbound = row('DeviceNetworkEvents', {
  ActionType: 'ConnectionSuccess',
  DeviceId: 'bbbb2222cccc3333dddd4444eeee5555ffff6666',
  DeviceName: 'laptop-ann.corp.example',
  LocalIP: '192.0.2.10',
  RemoteIP: '198.51.100.80',
  RemoteUrl: 'updates.example.net',
  InitiatingProcessAccountName: 'ann',
  InitiatingProcessAccountDomain: 'corp',
  InitiatingProcessSHA256: 'c'.repeat(64),
  AdditionalFields: null,
  Timestamp: '2026-04-01T10:01:00Z',
});
const inbound = row('DeviceNetworkEvents', {
  ActionType: 'InboundConnectionAccepted',
  DeviceId: 'bbbb2222cccc3333dddd4444eeee5555ffff6666',
  DeviceName: 'laptop-ann.corp.example',
  LocalIP: '192.0.2.10',
  RemoteIP: '198.51.100.81',
  AdditionalFields: '{"direction":"In"}',
  Timestamp: '2026-04-01T10:02:00Z',
});
const process = row('DeviceProcessEvents', {
  ActionType: 'ProcessCreated',
  AccountName: 'ann',
  AccountDomain: 'corp',
  DeviceId: 'bbbb2222cccc3333dddd4444eeee5555ffff6666',
  DeviceName: 'laptop-ann.corp.example',
  InitiatingProcessAccountName: 'system',
  InitiatingProcessAccountDomain: 'nt authority',
  ProcessCommandLine: 'powershell.exe -enc AAAA',
  SHA1: 'd'.repeat(40),
  Timestamp: '2026-04-01T10:03:00Z',
});
const info = row('DeviceInfo', {
  DeviceId: 'cccc3333dddd4444eeee5555ffff6666aaaa7777',
  DeviceName: 'kiosk-3',
  PublicIP: '203.0.113.5',
  LoggedOnUsers: '[{"UserName":"kiosk"},{"UserName":"maint"}]',
  Timestamp: '2026-04-01T10:04:00Z',
});

const evidence = row('AlertEvidence', {
  AlertId: 'da000000000000000001_1',
  EntityType: 'File',
  DeviceId: 'dddd4444eeee5555ffff6666aaaa7777bbbb8888',
  DeviceName: 'WS-Sales-02',
  AccountName: 'pat',
  AccountDomain: 'corp',
  AccountObjectId: '11111111-2222-4333-8444-555555555555',
  LocalIP: '192.0.2.33',
  RemoteIP: null,
  SHA1: 'a'.repeat(40),
  Timestamp: '2026-04-01T10:06:00Z',
});
const alertInfo = row('AlertInfo', {
  AlertId: 'da000000000000000002_1',
  Title: 'Suspicious credential dump',
  Category: 'CredentialAccess',
  Severity: 'High',
  Timestamp: '2026-04-01T10:07:00Z',
});

describe('m365_defender.event parser (advanced hunting Device* and Alert* tables)', () => {
  it('reads alert evidence: its address as source, the lower-cased device, domain and id as hosts', () => {
    const a = parser.parse(evidence);
    expect(a.observables.srcIps).toEqual(['192.0.2.33']);
    expect(a.observables.ips).toEqual(['192.0.2.33']);
    expect(a.observables.users).toEqual(['pat', '11111111-2222-4333-8444-555555555555']);
    expect(a.observables.hosts).toEqual(['ws-sales-02', 'corp', 'dddd4444eeee5555ffff6666aaaa7777bbbb8888']);
    expect(a.observables.hashes).toEqual(['a'.repeat(40)]);
    expect(a.ruleId).toBe('da000000000000000001_1');
  });

  it('reads alert info as an alert with its title and severity and no indicators', () => {
    const a = parser.parse(alertInfo);
    expect(a.title).toBe('Suspicious credential dump');
    expect(a.severity).toBe('high');
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('detects the tables it maps and not other tables or other JSON', () => {
    for (const raw of [logon, outbound, inbound, process, info, evidence, alertInfo, ...activityRows])
      expect(parser.detect(raw)).toBe(true);
    expect(parser.detect(row('ExposureGraphNodes', { NodeId: 'x' }))).toBe(false);
    expect(parser.detect({ category: 'Administrative', properties: {} })).toBe(false);
    expect(parser.detect('AdvancedHunting-DeviceEvents')).toBe(false);
  });

  it('reads an identity query: the client related, the queried machine the destination, the account and domain', () => {
    const o = parser.parse(identityQuery).observables;
    expect(o.srcIps).toEqual([]);
    expect(o.dstIps).toEqual(['192.0.2.81']);
    expect(o.ips).toEqual(['192.0.2.81', '192.0.2.20']);
    expect(o.users).toEqual(['WS-20$']);
    expect(o.hosts).toEqual(['ws-20.corp.example', 'corp']);
  });

  it('reads an e-mail: the sending server as the source, the parties whole, the sender’s domain as a host', () => {
    const o = parser.parse(email).observables;
    expect(o.srcIps).toEqual(['198.51.100.144']);
    expect(o.users).toEqual(['ceo@lookalike.example', 'dana@example.org']);
    expect(o.hosts).toEqual(['lookalike.example']);
    expect(o.emails).toEqual(['ceo@lookalike.example', 'dana@example.org']);
  });

  it('reads a Teams message’s sender by name and whole, and a behaviour’s entities as alert evidence', () => {
    expect(parser.parse(teamsMessage).observables.users).toEqual(['external', 'external@example.net']);
    expect(parser.parse(teamsMessage).severity).toBe('info');
    const quarantined = row('MessagePostDeliveryEvents', {
      ...teamsMessage.properties,
      ThreatTypes: 'Phishing',
    });
    expect(parser.parse(quarantined).severity).toBe('medium');
    expect(parser.parse(quarantined).title).toContain('(Phishing)');
    const b = parser.parse(behaviorEntity).observables;
    expect(b.srcIps).toEqual(['203.0.113.56']);
    expect(b.users).toEqual(['erin', '11111111-2222-4333-8444-555555555555']);
    expect(b.hosts).toEqual(['ws-21', 'CORP']);
  });

  it('takes a logon’s remote address as its source and the account as its user', () => {
    const a = parser.parse(logon);
    expect(a.format).toBe('m365_defender.event');
    expect(a.observables.srcIps).toEqual(['203.0.113.77']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.77']);
    expect(a.observables.users).toEqual(['admin.backup']);
    expect(a.observables.hosts).toEqual(['ws-ops-01', 'aaaa1111bbbb2222cccc3333dddd4444eeee5555']);
    expect(a.title).toBe('DeviceLogonEvents LogonFailed on WS-OPS-01');
    expect(a.ruleId).toBe('DeviceLogonEvents:LogonFailed');
    expect(a.observedAt).toBe('2026-04-01T10:00:00.123Z');
  });

  it('reads a connection without direction as local to remote, and an inbound one the other way', () => {
    const out = parser.parse(outbound).observables;
    expect(out.srcIps).toEqual(['192.0.2.10']);
    expect(out.dstIps).toEqual(['198.51.100.80']);
    expect(out.ips).toEqual(['192.0.2.10', '198.51.100.80']);
    expect(out.users).toEqual(['ann']);
    expect(out.hosts).toEqual([
      'laptop-ann.corp.example',
      'bbbb2222cccc3333dddd4444eeee5555ffff6666',
      'corp',
    ]);
    expect(out.domains).toEqual(['updates.example.net']);
    expect(out.hashes).toEqual(['c'.repeat(64)]);
    const inb = parser.parse(inbound).observables;
    expect(inb.srcIps).toEqual(['198.51.100.81']);
    expect(inb.dstIps).toEqual(['192.0.2.10']);
  });

  it('reports a process row’s account and its initiating account, with both domains as hosts', () => {
    const o = parser.parse(process).observables;
    expect(o.users).toEqual(['ann', 'system']);
    expect(o.hosts).toEqual([
      'laptop-ann.corp.example',
      'bbbb2222cccc3333dddd4444eeee5555ffff6666',
      'corp',
      'nt authority',
    ]);
    expect(o.ips).toEqual([]);
  });

  it('lists a device’s logged-on users and its public address', () => {
    const o = parser.parse(info).observables;
    expect(o.users).toEqual(['kiosk', 'maint']);
    expect(o.ips).toEqual(['203.0.113.5']);
    expect(o.srcIps).toEqual([]);
  });

  it('keeps a connection’s URL site out of related hosts', () => {
    expect(parser.domainsInRelatedHosts).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const raw of [logon, outbound, inbound, process, info, ...activityRows])
      expect(registryClaims(raw, parser.name).others).toEqual([]);
  });
});
