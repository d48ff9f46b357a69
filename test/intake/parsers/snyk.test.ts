// The Snyk parser on synthetic audit-log events (REST and v1 spellings) and REST issues: detection, the users
// Elastic's snyk pipelines keep, and that no other parser claims them (nor it theirs).
import { describe, expect, it } from 'vitest';
import { snykParser } from '../../../src/intake/parsers/snyk.js';
import { registryClaims } from './registry-claims.js';

const invite = {
  group_id: 'a0000000-0000-4000-8000-000000000001',
  org_id: 'a0000000-0000-4000-8000-000000000002',
  user_id: 'a0000000-0000-4000-8000-000000000003',
  event: 'org.user.invite',
  created: '2024-05-02T10:00:00.125Z',
  content: { email: 'new.hire@example.com', role: 'collaborator' },
};

const userAdd = {
  org_id: 'a0000000-0000-4000-8000-000000000002',
  user_id: 'a0000000-0000-4000-8000-000000000004',
  event: 'org.user.add',
  created: '2024-05-02T10:05:00.000Z',
  content: { role: 'ADMIN', userPublicId: 'a0000000-0000-4000-8000-000000000005' },
};

const inviteLink = {
  org_id: 'a0000000-0000-4000-8000-000000000002',
  user_id: 'a0000000-0000-4000-8000-000000000003',
  event: 'org.user.invite_link.create',
  created: '2024-05-02T10:06:00.000Z',
  content: { url: 'https://app.snyk.example/invite/link/accept?invite=demo' },
};

const systemEvent = {
  org_id: 'a0000000-0000-4000-8000-000000000002',
  event: 'org.project.files.access',
  created: '2024-05-02T10:07:00.000Z',
  content: { action: 'Retrieve files' },
};

const v1Remove = {
  groupId: 'a0000000-0000-4000-8000-000000000001',
  orgId: 'a0000000-0000-4000-8000-000000000002',
  userId: 'a0000000-0000-4000-8000-000000000006',
  event: 'org.project.remove',
  created: '2024-05-02T10:08:00.000Z',
  content: {},
};

const issue = {
  id: 'b0000000-0000-4000-8000-000000000001',
  type: 'issue',
  attributes: {
    title: 'Prototype Pollution',
    key: 'SNYK-JS-DEMO-0001',
    effective_severity_level: 'high',
    status: 'open',
    created_at: '2024-05-01T00:00:00Z',
    updated_at: '2024-05-03T00:00:00.5Z',
  },
  relationships: {
    organization: { data: { id: 'a0000000-0000-4000-8000-000000000002', type: 'organization' } },
  },
};

const samples = { invite, userAdd, inviteLink, systemEvent, v1Remove, issue };

describe('snykParser', () => {
  it('detects audit-log events (REST and v1 spellings) and REST issues', () => {
    for (const [name, sample] of Object.entries(samples)) expect(snykParser.detect(sample), name).toBe(true);
  });

  it('reports the acting user id and the invited e-mail as users', () => {
    const alert = snykParser.parse(invite);
    expect(alert.format).toBe('snyk.audit_logs');
    expect(alert.observables.users).toEqual(['a0000000-0000-4000-8000-000000000003', 'new.hire@example.com']);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.ruleId).toBe('org.user.invite');
    expect(alert.observedAt).toBe('2024-05-02T10:00:00.125Z');
    expect(alert.severity).toBe('info');
  });

  it('adds the added user public id to the users', () => {
    expect(snykParser.parse(userAdd).observables.users).toEqual([
      'a0000000-0000-4000-8000-000000000004',
      'a0000000-0000-4000-8000-000000000005',
    ]);
  });

  it('reports an invite link site as a domain, not a host', () => {
    const alert = snykParser.parse(inviteLink);
    expect(alert.observables.domains).toEqual(['app.snyk.example']);
    expect(alert.observables.hosts).toEqual([]);
    expect(snykParser.domainsInRelatedHosts).toBe(false);
  });

  it('reports no users for a system event and reads the v1 user id', () => {
    expect(snykParser.parse(systemEvent).observables.users).toEqual([]);
    const removed = snykParser.parse(v1Remove);
    expect(removed.observables.users).toEqual(['a0000000-0000-4000-8000-000000000006']);
    expect(removed.severity).toBe('low');
  });

  it('reads an issue: title, severity, key and update time, no indicators', () => {
    const alert = snykParser.parse(issue);
    expect(alert.format).toBe('snyk.issues');
    expect(alert.title).toContain('Prototype Pollution');
    expect(alert.severity).toBe('high');
    expect(alert.ruleId).toBe('SNYK-JS-DEMO-0001');
    expect(alert.observedAt).toBe('2024-05-03T00:00:00.500Z');
    expect(alert.observables.users).toEqual([]);
  });

  it('does not claim other formats', () => {
    const teleport = {
      event: 'session.start',
      code: 'T2000I',
      time: '2024-05-01T10:00:00Z',
      uid: 'x',
      user: 'u',
    };
    const github = { action: 'org.add_member', actor: 'octo', created_at: 1714557600000, org: 'demo' };
    const noOrg = { event: 'org.user.add', created: '2024-05-02T10:05:00.000Z', content: {} };
    for (const other of [teleport, github, noOrg, { type: 'issue' }, 'org.user.add by someone', null]) {
      expect(snykParser.detect(other)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, snykParser.name).others, name).toEqual([]);
    }
  });
});
