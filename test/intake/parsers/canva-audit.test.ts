// The Canva audit parser on synthetic audit events (a login, a design sharing change, a role change by a
// SCIM app, a denied export): detection, the indicators Elastic's canva audit pipeline keeps, and that no
// other parser claims them.
import { describe, expect, it } from 'vitest';
import { canvaAuditParser } from '../../../src/intake/parsers/canva-audit.js';
import { registryClaims } from './registry-claims.js';

const dana = { id: 'UDEMO0001', display_name: 'Dana Lee', email: 'dana.lee@example.org' };
const sam = { id: 'UDEMO0002', display_name: 'Sam New', email: 'sam.new@example.org' };
const team = { id: 'BDEMO0001', display_name: 'Demo Corp' };

const login = {
  id: '0e6f1a2b-0000-4000-8000-000000000001',
  timestamp: 1714557600123,
  actor: { type: 'USER', user: dana, team },
  target: { target_type: 'USER', user: dana, team },
  action: { type: 'LOGIN', login_type: 'PASSWORD' },
  outcome: { result: 'PERMITTED' },
  context: { ip_address: '203.0.113.44', session: 's-1', request_id: 'r-1' },
};

const shareDesign = {
  id: '0e6f1a2b-0000-4000-8000-000000000002',
  timestamp: '2024-05-01T10:05:00Z',
  actor: { type: 'USER', user: dana, team },
  target: {
    target_type: 'RESOURCE',
    resource_type: 'DESIGN',
    id: 'DDEMO0042',
    name: 'Quarterly plan',
    owner: { type: 'USER', user: dana, team },
  },
  action: {
    type: 'UPDATE_DESIGN_ACCESS',
    title: 'Quarterly plan',
    changes: [
      { type: 'CREATE_DESIGN_ACCESS_INVITE', token_prefix: 'abc', recipient: 'guest@example.net' },
      { type: 'GRANT_USER_DESIGN_ACCESS', access: { read: 'true', write: 'false' }, user: sam },
      { type: 'UPDATE_DESIGN_OWNER', old_owner: dana, new_owner: sam },
      { type: 'GRANT_GROUP_DESIGN_ACCESS', group: 'GDEMO1' },
    ],
  },
  outcome: { result: 'PERMITTED' },
  context: { ip_address: '2001:db8:0:0:0:0:0:5' },
};

const roleChange = {
  id: '0e6f1a2b-0000-4000-8000-000000000003',
  timestamp: 1714557800000,
  actor: { type: 'APP', details: { type: 'SCIM' }, team },
  target: { target_type: 'USER', user: sam, team },
  action: {
    type: 'UPDATE_USER_ROLE',
    old_role: 'MEMBER',
    new_role: 'ADMIN',
    user: sam,
    oauth_accounts: [{ platform: 'GOOGLE', external_user_id: 'g-000123' }],
  },
  outcome: { result: 'PERMITTED', details: { type: 'USER_UPDATED', user_id: 'UDEMO0002' } },
  context: { ip_address: '198.51.100.20' },
};

const deniedExport = {
  id: '0e6f1a2b-0000-4000-8000-000000000004',
  timestamp: 1714557900000,
  actor: { type: 'USER', user: sam },
  target: { target_type: 'RESOURCE', resource_type: 'DESIGN', id: 'DDEMO0043' },
  action: { type: 'EXPORT_DESIGN', output_type: 'PDF' },
  outcome: { result: 'DENIED' },
  context: { ip_address: '0.0.0.0' },
};

const samples = { login, shareDesign, roleChange, deniedExport };

describe('canvaAuditParser', () => {
  it('detects every audit event shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(canvaAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reports the client address as the source and the actor’s e-mail user, name, e-mail and id', () => {
    const a = canvaAuditParser.parse(login);
    expect(a.format).toBe('canva.audit');
    expect(a.recognizedBy).toBe('parser:canva.audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.44']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['203.0.113.44']);
    expect(a.observables.users).toEqual(['dana.lee', 'Dana Lee', 'dana.lee@example.org', 'UDEMO0001']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.ruleId).toBe('LOGIN');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Canva audit: LOGIN by Dana Lee on Dana Lee');
  });

  it('reports changed users and the target design’s id and name as users, recipients as e-mails only', () => {
    const a = canvaAuditParser.parse(shareDesign);
    expect(a.observables.srcIps).toEqual(['2001:db8::5']);
    expect(a.observables.users).toEqual([
      'dana.lee',
      'Sam New',
      'sam.new@example.org',
      'UDEMO0002',
      'Dana Lee',
      'dana.lee@example.org',
      'UDEMO0001',
      'DDEMO0042',
      'Quarterly plan',
    ]);
    expect(a.observables.users).not.toContain('guest@example.net');
    expect(a.observables.emails).toEqual([
      'guest@example.net',
      'sam.new@example.org',
      'dana.lee@example.org',
    ]);
    expect(a.observedAt).toBe('2024-05-01T10:05:00.000Z');
    expect(a.title).toBe('Canva audit: UPDATE_DESIGN_ACCESS by Dana Lee on Quarterly plan');
  });

  it('reads an app actor’s role change: the changed user, the OAuth account and the outcome’s user id', () => {
    const a = canvaAuditParser.parse(roleChange);
    expect(a.observables.srcIps).toEqual(['198.51.100.20']);
    expect(a.observables.users).toEqual(['g-000123', 'Sam New', 'sam.new@example.org', 'UDEMO0002']);
    expect(a.severity).toBe('low');
    expect(a.title).toBe('Canva audit: UPDATE_USER_ROLE by APP on Sam New');
  });

  it('rates a denied action medium and never reports the unspecified address', () => {
    const a = canvaAuditParser.parse(deniedExport);
    expect(a.severity).toBe('medium');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([
      'sam.new',
      'Sam New',
      'sam.new@example.org',
      'UDEMO0002',
      'DDEMO0043',
    ]);
  });

  it('claims no other JSON or text', () => {
    const slack = {
      id: 'x',
      date_create: 1714557600,
      action: 'user_login',
      actor: { type: 'user', user: { id: 'W1', name: 'D', email: 'd@example.org' } },
      entity: { type: 'user' },
      context: { ip_address: '203.0.113.1' },
    };
    const lowerCaseAction = { ...login, action: { type: 'login' } };
    const noContext = { id: 'x', timestamp: 1, actor: { type: 'USER' }, action: { type: 'LOGIN' } };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"actor":{}}';
    for (const raw of [slack, lowerCaseAction, noContext, line, null, 42, []]) {
      expect(canvaAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, canvaAuditParser.name).others, name).toEqual([]);
    }
  });
});
