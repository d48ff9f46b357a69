// The 1Password Events API parser on synthetic sign-in attempts, item usages and audit events: detection,
// the client/session address, the user UUIDs, e-mails and names (as Elastic's 1password pipelines map them),
// and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { onePasswordParser } from '../../../src/intake/parsers/onepassword.js';
import { registryClaims } from './registry-claims.js';

const client = {
  app_name: '1Password for Web',
  app_version: '1200',
  platform_name: 'Firefox',
  platform_version: '120.0',
  os_name: 'Linux',
  os_version: '6.1',
  ip_address: '198.51.100.23',
};
const person = { uuid: 'AAAABBBBCCCCDDDDEEEEFFFF22', name: 'Robin Vale', email: 'robin.vale@example.org' };

const signin = {
  uuid: 'SIGNIN0000000000000000000A',
  session_uuid: 'SESSION000000000000000000A',
  timestamp: '2024-04-02T09:10:11Z',
  country: 'NL',
  category: 'success',
  type: 'credentials_ok',
  details: null,
  target_user: person,
  client,
};
const failedSignin = {
  ...signin,
  category: 'credentials_failed',
  type: 'password_secret_bad',
  client: { ...client, ip_address: '2001:db8:0:0:0:0:0:7' },
};
const itemUsage = {
  uuid: 'USAGE00000000000000000000A',
  timestamp: '2024-04-02T09:12:00.250Z',
  used_version: 2,
  vault_uuid: 'vaultuuid00000000000000000',
  item_uuid: 'itemuuid000000000000000000',
  user: person,
  client,
  location: { country: 'Netherlands', region: 'Utrecht', city: 'Utrecht', latitude: 52.09, longitude: 5.12 },
  action: 'reveal',
};
const audit = {
  uuid: 'AUDIT00000000000000000000A',
  timestamp: '2024-04-02T09:15:30.123456789Z',
  actor_uuid: 'ACTOR000000000000000000000',
  actor_details: { uuid: 'ACTOR000000000000000000000', name: 'Kit Admin', email: 'kit.admin@example.org' },
  action: 'suspend',
  object_type: 'user',
  object_uuid: 'TARGET00000000000000000000',
  session: { uuid: 'SESSION000000000000000000B', device_uuid: 'device0000', ip: '203.0.113.40' },
};
const groupMembership = {
  ...audit,
  action: 'join',
  object_type: 'gm',
  object_uuid: 'GROUP00000000000000000000',
  aux_uuid: 'MEMBER0000000000000000000',
};
const vaultAudit = {
  ...audit,
  action: 'create',
  object_type: 'vault',
  object_uuid: 'VAULT000000000000000000',
};

const samples = { signin, failedSignin, itemUsage, audit, groupMembership, vaultAudit };

describe('onePasswordParser', () => {
  it('detects sign-in attempts, item usages and audit events', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(onePasswordParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a sign-in attempt: client address as source, target user UUID, e-mail and name as users', () => {
    const a = onePasswordParser.parse(signin);
    expect(a.format).toBe('1password.signin_attempts');
    expect(a.recognizedBy).toBe('parser:1password');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual([
      'AAAABBBBCCCCDDDDEEEEFFFF22',
      'robin.vale@example.org',
      'Robin Vale',
    ]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('credentials_ok');
    expect(a.observedAt).toBe('2024-04-02T09:10:11.000Z');
    expect(a.title).toContain('robin.vale@example.org');
  });

  it('rates a failed sign-in medium and writes an IPv6 client canonically', () => {
    const a = onePasswordParser.parse(failedSignin);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('password_secret_bad');
    expect(a.observables.srcIps).toEqual(['2001:db8::7']);
  });

  it('reads an item usage with its user and client address', () => {
    const a = onePasswordParser.parse(itemUsage);
    expect(a.format).toBe('1password.item_usages');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual([
      'AAAABBBBCCCCDDDDEEEEFFFF22',
      'robin.vale@example.org',
      'Robin Vale',
    ]);
    expect(a.ruleId).toBe('reveal');
    expect(a.observedAt).toBe('2024-04-02T09:12:00.250Z');
  });

  it('reads an audit event: session address, actor name and UUID, and the targeted user', () => {
    const a = onePasswordParser.parse(audit);
    expect(a.format).toBe('1password.audit_events');
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.observables.ips).toEqual(['203.0.113.40']);
    expect(a.observables.users).toEqual([
      'Kit Admin',
      'ACTOR000000000000000000000',
      'TARGET00000000000000000000',
    ]);
    expect(a.ruleId).toBe('suspend');
    expect(a.severity).toBe('low');
  });

  it('takes the member of a group-membership event from aux_uuid, and no user from a vault object', () => {
    expect(onePasswordParser.parse(groupMembership).observables.users).toEqual([
      'Kit Admin',
      'ACTOR000000000000000000000',
      'MEMBER0000000000000000000',
    ]);
    expect(onePasswordParser.parse(vaultAudit).observables.users).toEqual([
      'Kit Admin',
      'ACTOR000000000000000000000',
    ]);
  });

  it('never reports the unspecified address', () => {
    const a = onePasswordParser.parse({ ...signin, client: { ...client, ip_address: '0.0.0.0' } });
    expect(a.observables.ips).toEqual([]);
  });

  it('does not claim other JSON audit logs or text', () => {
    const bitwarden = { object: 'event', type: 1000, actingUserId: 'x', date: '2024-04-02T09:10:11Z' };
    const okta = { uuid: 'u', published: '2024-04-02T09:10:11Z', eventType: 'user.session.start' };
    const line = '<134>1 2024-04-02T09:10:11Z host app - - - {"category":"success"}';
    for (const raw of [bitwarden, okta, line, null, 7, []]) {
      expect(onePasswordParser.detect(raw)).toBe(false);
    }
    const { timestamp, ...withoutTimestamp } = signin;
    expect(timestamp).toBeTruthy();
    expect(onePasswordParser.detect(withoutTimestamp)).toBe(false);
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, onePasswordParser.name).others, name).toEqual([]);
    }
  });
});
