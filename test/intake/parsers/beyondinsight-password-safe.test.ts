// The BeyondInsight and Password Safe parser on synthetic API records of each stream (user audit, session,
// managed system, managed account, asset): the indicators Elastic's pipelines map, a negative, and no double claim.
import { describe, expect, it } from 'vitest';
import { beyondinsightPasswordSafeParser } from '../../../src/intake/parsers/beyondinsight-password-safe.js';
import { beyondtrustPraParser } from '../../../src/intake/parsers/beyondtrust-pra.js';
import { registryClaims } from './registry-claims.js';

const userAudit = {
  AuditID: 41,
  ActionType: 'Delete',
  Section: 'ManagedAccount',
  UserID: 17,
  UserName: 'pat.lee@corp.example',
  IPAddress: '198.051.100.007',
  CreateDate: '2025-02-03T04:05:06.7Z',
};

const session = {
  SessionID: 5001,
  UserID: 17,
  NodeID: 'node-a',
  Status: 1,
  Protocol: 'ssh',
  StartTime: '2025-02-03T05:00:00Z',
  EndTime: '2025-02-03T05:30:00Z',
  AssetName: 'db-07',
  ManagedSystemID: 9,
  ManagedAccountName: 'oracle',
  RecordKey: 'rk-1',
};

const managedSystem = {
  ManagedSystemID: 9,
  EntityTypeID: 1,
  AssetID: 9,
  HostName: 'db-07',
  DNSName: 'db-07.corp.example',
  IPAddress: '192.0.2.70',
  SystemName: 'db-07',
  PlatformID: 4,
  ContactEmail: 'dba@corp.example',
  AccessURL: 'https://db-07.corp.example/admin',
};

const managedAccount = {
  PlatformID: 4,
  SystemId: 9,
  SystemName: 'db-07',
  DomainName: 'corp.example',
  AccountId: 33,
  AccountName: 'oracle',
  UserPrincipalName: 'oracle@corp.example',
  LastChangeDate: '2025-01-30T10:00:00.0',
};

const asset = {
  WorkgroupID: 1,
  AssetID: 12,
  AssetName: 'web-11',
  AssetType: 'Server',
  DnsName: 'web-11.corp.example',
  DomainName: 'corp.example',
  IPAddress: '203.0.113.11',
  MacAddress: '00:00:5E:00:53:01',
  LastUpdateDate: '2025-01-20T08:00:00Z',
};

const samples = [userAudit, session, managedSystem, managedAccount, asset];

describe('beyondinsightPasswordSafeParser', () => {
  it('detects a record of every supported stream', () => {
    for (const s of samples) expect(beyondinsightPasswordSafeParser.detect(s)).toBe(true);
  });

  it('maps a user audit: address related (leading zeros dropped), e-mail local part, address and user id as users', () => {
    const a = beyondinsightPasswordSafeParser.parse(userAudit);
    expect(a.format).toBe('beyondinsight_password_safe.useraudit');
    expect(a.title).toBe('BeyondInsight user audit: Delete ManagedAccount');
    expect(a.severity).toBe('low');
    expect(a.ruleId).toBe('Delete');
    expect(a.observedAt).toBe('2025-02-03T04:05:06.700Z');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.7']);
    expect(a.observables.users).toEqual(['pat.lee', 'pat.lee@corp.example', '17']);
    expect(a.observables.hosts).toEqual([]);
  });

  it('relates the unknown user id -1 of a system audit as Elastic does', () => {
    const a = beyondinsightPasswordSafeParser.parse({
      ...userAudit,
      UserID: -1,
      UserName: 'sysop',
      IPAddress: '0.0.0.0',
    });
    expect(a.observables.users).toEqual(['sysop', '-1']);
    expect(a.observables.ips).toEqual([]);
  });

  it('maps a session to its user id only', () => {
    const a = beyondinsightPasswordSafeParser.parse(session);
    expect(a.format).toBe('beyondinsight_password_safe.session');
    expect(a.observedAt).toBe('2025-02-03T05:00:00.000Z');
    expect(a.observables.users).toEqual(['17']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('maps a managed system: host name, DNS name and address as hosts, the contact as user', () => {
    const a = beyondinsightPasswordSafeParser.parse(managedSystem);
    expect(a.format).toBe('beyondinsight_password_safe.managedsystem');
    expect(a.observables.hosts).toEqual(['db-07', 'db-07.corp.example', '192.0.2.70']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['dba@corp.example']);
  });

  it('maps a managed account: name, id and UPN as users, system and domain as hosts', () => {
    const a = beyondinsightPasswordSafeParser.parse(managedAccount);
    expect(a.format).toBe('beyondinsight_password_safe.managedaccount');
    expect(a.observables.users).toEqual(['oracle', '33', 'oracle@corp.example']);
    expect(a.observables.hosts).toEqual(['db-07', 'corp.example']);
  });

  it('maps an asset: name, domain and address as hosts', () => {
    const a = beyondinsightPasswordSafeParser.parse(asset);
    expect(a.format).toBe('beyondinsight_password_safe.asset');
    expect(a.title).toBe('Password Safe asset: web-11 (Server)');
    expect(a.observedAt).toBe('2025-01-20T08:00:00.000Z');
    expect(a.observables.hosts).toEqual(['web-11', 'corp.example', '203.0.113.11']);
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim Privileged Remote Access events, other JSON or text', () => {
    const pra = {
      event_type: 'session_start',
      timestamp: '1700000000',
      session: { lsid: 'abc' },
      performed_by: { gsnumber: 1, username: 'rep' },
    };
    expect(beyondtrustPraParser.detect(pra)).toBe(true);
    expect(beyondinsightPasswordSafeParser.detect(pra)).toBe(false);
    expect(beyondinsightPasswordSafeParser.detect({ AuditID: 1, UserName: 'x' })).toBe(false);
    expect(beyondinsightPasswordSafeParser.detect('AuditID=1 ActionType=Add')).toBe(false);
    expect(beyondinsightPasswordSafeParser.detect(null)).toBe(false);
  });

  it('is claimed by no other specific parser', () => {
    for (const s of samples) expect(registryClaims(s, 'beyondinsight_password_safe').others).toEqual([]);
  });

  it('reads the DNS name of a managed system in the API’s own `DnsName` spelling too', () => {
    const { DNSName, ...rest } = managedSystem;
    const a = beyondinsightPasswordSafeParser.parse({ ...rest, DnsName: DNSName });
    expect(a.observables.hosts).toEqual(['db-07', 'db-07.corp.example', '192.0.2.70']);
  });
});
