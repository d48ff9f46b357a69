// The Atlassian audit parser on synthetic Jira, Confluence and Bitbucket records (Data Center advanced
// auditing JSON and the Jira / Confluence Cloud audit API shapes): detection, the product per record, the
// indicators Elastic's atlassian_* audit pipelines keep, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { atlassianAuditParser } from '../../../src/intake/parsers/atlassian-audit.js';
import { registryClaims } from './registry-claims.js';

const jiraSearch = {
  timestamp: '2024-05-01T10:00:00.000Z',
  author: {
    name: 'dana.ops',
    type: 'ApplicationUser',
    id: '10001',
    uri: 'https://tickets.example.com/secure/ViewProfile.jspa?name=dana.ops',
  },
  type: {
    categoryI18nKey: 'atlassian.audit.event.category.audit',
    category: 'Auditing',
    actionI18nKey: 'atlassian.audit.event.action.audit.search',
    action: 'Audit Log search performed',
  },
  affectedObjects: [],
  changedValues: [],
  source: '203.0.113.10',
  system: 'https://tickets.example.com',
  method: 'Browser',
  extraAttributes: [{ nameI18nKey: 'atlassian.audit.event.attribute.query', name: 'Query', value: '' }],
};

const jiraUserRenamed = {
  timestamp: { epochSecond: 1714557700, nano: 250000000 },
  author: { name: 'admin.kim', type: 'ApplicationUser', id: '10000' },
  type: {
    categoryI18nKey: 'jira.auditing.category.usermanagement',
    category: 'User management',
    actionI18nKey: 'jira.auditing.user.renamed',
    action: 'User renamed',
  },
  affectedObjects: [{ name: 'old.sam', type: 'USER', id: 'JIRAUSER10002' }],
  changedValues: [{ i18nKey: 'common.words.username', key: 'Username', from: 'old.sam', to: 'new.sam' }],
  source: '2001:db8:0:0:0:0:0:5',
  system: 'http://jira.corp.example:8080',
  method: 'Browser',
};

const jiraUserAddedToGroup = {
  ...jiraUserRenamed,
  type: {
    categoryI18nKey: 'jira.auditing.category.groupmanagement',
    category: 'Group management',
    actionI18nKey: 'jira.auditing.user.added.to.group',
    action: 'User added to group',
  },
  affectedObjects: [
    { name: 'jira-admins', type: 'GROUP', id: 'jira-admins' },
    { name: 'lee.target', type: 'USER', id: 'JIRAUSER10003' },
  ],
  changedValues: [],
};

const jiraCloud = {
  id: 4711,
  summary: 'User created',
  remoteAddress: '198.51.100.7',
  authorKey: 'ug:0000-demo',
  authorAccountId: '5b10ac8d82e05b22cc7d4ef5',
  created: '2024-05-01T11:00:00.000+0000',
  category: 'user management',
  eventSource: '',
  objectItem: { id: 'acc-1', name: 'pat.new', typeName: 'USER' },
  changedValues: [{ fieldName: 'Email', changedTo: 'pat.new@example.org' }],
  associatedItems: [{ id: 'site-users', name: 'site-users', typeName: 'GROUP' }],
};

const confluenceLoginFailed = {
  timestamp: '2024-05-01T12:00:00.000Z',
  author: {
    name: 'Anonymous',
    type: 'user',
    id: '',
    uri: '',
  },
  type: {
    categoryI18nKey: 'audit.logging.category.auth',
    category: 'Security',
    actionI18nKey: 'audit.logging.summary.login.failed',
    action: 'Login failed',
  },
  affectedObjects: [
    {
      name: 'Robin Wiki',
      type: 'User',
      id: 'u-9',
      uri: 'http://wiki.example.net:8090/admin/users/viewuser.action?username=robin.w',
    },
  ],
  changedValues: [],
  source: '192.0.2.33',
  system: 'http://wiki.example.net:8090',
  method: 'Browser',
};

const confluenceSpace = {
  timestamp: { epochSecond: 1714568400, nano: 0 },
  author: {
    name: 'Robin Wiki',
    type: 'user',
    id: 'u-9',
    uri: 'http://wiki.example.net:8090/admin/users/viewuser.action?username=robin.w',
  },
  type: {
    categoryI18nKey: 'audit.logging.category.spaces',
    category: 'Spaces',
    actionI18nKey: 'audit.logging.summary.space.created',
    action: 'Space created',
  },
  affectedObjects: [{ name: 'Ops', type: 'Space' }],
  changedValues: [],
  source: '192.0.2.34',
  system: 'http://wiki.example.net:8090',
  method: 'Browser',
};

const confluenceCloud = {
  author: {
    type: 'user',
    displayName: 'Jo Writer',
    accountId: '0123456789abcdef',
    username: '0123456789abcdef',
  },
  remoteAddress: '203.0.113.80',
  creationDate: 1714561200000,
  summary: 'Space created',
  description: '',
  category: 'Spaces',
  sysAdmin: false,
  superAdmin: false,
  affectedObject: { name: 'Handbook', objectType: 'Space' },
  changedValues: [{ name: 'Space key', oldValue: '', newValue: 'HB' }],
  associatedObjects: [],
};

const bitbucketMembership = {
  affectedObjects: [
    { id: 'devs', name: 'devs', type: 'GROUP' },
    { id: '7', name: 'casey', type: 'USER' },
  ],
  auditType: {
    action: 'User added to user group',
    actionI18nKey: 'bitbucket.service.user.audit.action.groupmembershipscreated.user',
    area: 'USER_MANAGEMENT',
    category: 'Users and groups',
    categoryI18nKey: 'bitbucket.service.audit.category.usersandgroups',
    level: 'BASE',
  },
  author: { id: '1', name: 'root.admin', type: 'NORMAL' },
  changedValues: [],
  extraAttributes: [],
  method: 'Browser',
  node: 'node-1',
  source: '198.51.100.40',
  system: 'https://code.example.org',
  timestamp: { epochSecond: 1714572000, nano: 500000000 },
  version: '1.0',
};

const bitbucketPermission = {
  ...bitbucketMembership,
  affectedObjects: [{ id: '7', name: 'casey', type: 'USER' }],
  auditType: {
    action: 'Global permission requested',
    actionI18nKey: 'bitbucket.service.user.audit.action.globalpermissiongrantrequested',
    area: 'PERMISSIONS',
    category: 'Permissions',
    categoryI18nKey: 'bitbucket.service.audit.category.permissions',
    level: 'BASE',
  },
};

/** A record with only shared (atlassian.*) keys: the product comes from its `system` URL. */
const bitbucketSearch = {
  ...bitbucketMembership,
  affectedObjects: [],
  auditType: {
    action: 'Audit Log search performed',
    actionI18nKey: 'atlassian.audit.event.action.audit.search',
    category: 'Auditing',
    categoryI18nKey: 'atlassian.audit.event.category.audit',
  },
  system: 'http://bitbucket.example.org:7990',
  source: '0.0.0.0',
};

const samples = {
  jiraSearch,
  jiraUserRenamed,
  jiraUserAddedToGroup,
  jiraCloud,
  confluenceLoginFailed,
  confluenceSpace,
  confluenceCloud,
  bitbucketMembership,
  bitbucketPermission,
  bitbucketSearch,
};

describe('atlassianAuditParser', () => {
  it('detects every Data Center and Cloud record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(atlassianAuditParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a Jira Data Center record: the client as source, the author as user, the system host', () => {
    const a = atlassianAuditParser.parse(jiraSearch);
    expect(a.format).toBe('atlassian_jira.audit');
    expect(a.recognizedBy).toBe('parser:atlassian.audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.10']);
    expect(a.observables.ips).toEqual(['203.0.113.10']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.users).toEqual(['dana.ops']);
    expect(a.observables.domains).toEqual(['tickets.example.com']);
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(a.ruleId).toBe('atlassian.audit.event.action.audit.search');
    expect(a.severity).toBe('info');
    expect(a.title).toBe('Jira audit: Audit Log search performed by dana.ops');
  });

  it('adds the old and new names of a renamed Jira user and reads an epoch timestamp', () => {
    const a = atlassianAuditParser.parse(jiraUserRenamed);
    expect(a.observables.users).toEqual(['admin.kim', 'old.sam', 'new.sam']);
    expect(a.observables.srcIps).toEqual(['2001:db8::5']);
    expect(a.observables.domains).toEqual(['jira.corp.example']);
    expect(a.observedAt).toBe('2024-05-01T10:01:40.250Z');
  });

  it('adds the user added to a Jira group but not the group', () => {
    expect(atlassianAuditParser.parse(jiraUserAddedToGroup).observables.users).toEqual([
      'admin.kim',
      'lee.target',
    ]);
  });

  it('reads a Jira Cloud record: the remote address, the created user as target, no author name', () => {
    const a = atlassianAuditParser.parse(jiraCloud);
    expect(a.format).toBe('atlassian_jira.audit');
    expect(a.observables.srcIps).toEqual(['198.51.100.7']);
    expect(a.observables.users).toEqual(['pat.new']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.ruleId).toBe('User created');
    expect(a.observedAt).toBe('2024-05-01T11:00:00.000Z');
  });

  it('takes a Confluence login’s user from the affected user’s profile link and rates a failure low', () => {
    const a = atlassianAuditParser.parse(confluenceLoginFailed);
    expect(a.format).toBe('atlassian_confluence.audit');
    expect(a.observables.users).toEqual(['robin.w']);
    expect(a.observables.srcIps).toEqual(['192.0.2.33']);
    expect(a.observables.domains).toEqual(['wiki.example.net']);
    expect(a.severity).toBe('low');
  });

  it('takes a Confluence author’s user name from the profile link, not the display name', () => {
    const a = atlassianAuditParser.parse(confluenceSpace);
    expect(a.observables.users).toEqual(['robin.w']);
    expect(a.title).toBe('Confluence audit: Space created by Robin Wiki');
  });

  it('reads a Confluence Cloud record with the source address only, as Elastic keeps no user name or host', () => {
    const a = atlassianAuditParser.parse(confluenceCloud);
    expect(a.format).toBe('atlassian_confluence.audit');
    expect(a.observables.srcIps).toEqual(['203.0.113.80']);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual([]);
    expect(a.observedAt).toBe('2024-05-01T11:00:00.000Z');
  });

  it('adds the user added to a Bitbucket group to the author', () => {
    const a = atlassianAuditParser.parse(bitbucketMembership);
    expect(a.format).toBe('atlassian_bitbucket.audit');
    expect(a.observables.users).toEqual(['root.admin', 'casey']);
    expect(a.observables.srcIps).toEqual(['198.51.100.40']);
    expect(a.observables.domains).toEqual(['code.example.org']);
    expect(a.observedAt).toBe('2024-05-01T14:00:00.500Z');
  });

  it('leaves out a Bitbucket affected user outside the users-and-groups category', () => {
    expect(atlassianAuditParser.parse(bitbucketPermission).observables.users).toEqual(['root.admin']);
  });

  it('tells Bitbucket from its system URL when the keys are shared and drops an unspecified address', () => {
    const a = atlassianAuditParser.parse(bitbucketSearch);
    expect(a.format).toBe('atlassian_bitbucket.audit');
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.domains).toEqual(['bitbucket.example.org']);
  });

  it('reports a system URL with an address as a host', () => {
    const a = atlassianAuditParser.parse({ ...jiraSearch, system: 'http://192.0.2.200:8080' });
    expect(a.observables.hosts).toEqual(['192.0.2.200']);
    expect(a.observables.domains).toEqual([]);
  });

  it('does not claim GitHub, Okta, Google Workspace or Slack audit JSON, alerts or text', () => {
    const github = { action: 'repo.create', actor: 'dana', '@timestamp': 1714557600000, org: 'demo' };
    const okta = {
      actor: { id: '00u1', type: 'User', alternateId: 'dana@example.org' },
      eventType: 'user.session.start',
      client: { ipAddress: '192.0.2.1' },
      published: '2024-05-01T10:00:00Z',
    };
    const workspace = {
      kind: 'admin#reports#activity',
      actor: { email: 'dana@example.org' },
      events: [{ type: 'login', name: 'login_success' }],
      ipAddress: '192.0.2.2',
    };
    const typeWithoutKeys = { author: { name: 'x' }, type: { action: 'something' }, source: '192.0.2.3' };
    const line = '<134>1 2024-05-01T10:00:00Z host app - - - {"author":{"name":"x"}}';
    for (const raw of [github, okta, workspace, typeWithoutKeys, line, null, 42, []]) {
      expect(atlassianAuditParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, atlassianAuditParser.name).others, name).toEqual([]);
    }
  });
});
