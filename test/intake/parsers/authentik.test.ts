// The authentik parser on synthetic API records (events, users, groups): detection, the client address, the
// users in the order Elastic's authentik pipelines list them, and that no other parser claims them.
import { describe, expect, it } from 'vitest';
import { authentikParser } from '../../../src/intake/parsers/authentik.js';
import { registryClaims } from './registry-claims.js';

const brand = {
  pk: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  app: 'authentik_brands',
  name: 'Default brand',
  model_name: 'brand',
};
const httpRequest = {
  args: { next: '/' },
  path: '/api/v3/flows/executor/default-authentication-flow/',
  method: 'POST',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
};

const loginFailed = {
  pk: '0f1e2d3c-4b5a-4978-8675-a4b3c2d1e0f9',
  user: { pk: 12, email: 'wren.harlow@corp.example', username: 'wharlow' },
  action: 'login_failed',
  app: 'authentik.events.signals',
  context: { password: '********', username: 'wharlow', http_request: httpRequest },
  client_ip: '198.51.100.23',
  created: '2025-03-04T05:06:07.123456Z',
  expires: '2026-03-04T05:06:07.120000Z',
  brand,
};

const impersonation = {
  ...loginFailed,
  pk: '1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d',
  user: {
    pk: 3,
    email: 'ops.lead@corp.example',
    username: 'opslead',
    on_behalf_of: { pk: 3307, email: '', username: 'svc_backup' },
  },
  action: 'impersonation_started',
  app: 'authentik.core.api.users',
  context: { http_request: { ...httpRequest, path: '/api/v3/core/users/3307/impersonate/' } },
  client_ip: '2001:db8:0:0:0:0:0:7',
};

/** A policy execution whose context carries the Python-dict-looking text of the event it matched. */
const policyExecution = {
  pk: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
  user: { pk: 12, email: 'wren.harlow@corp.example', username: 'wharlow' },
  action: 'policy_execution',
  app: 'authentik.policies.process',
  context: {
    message: 'Policy Execution',
    request: {
      user: { pk: 12, email: 'wren.harlow@corp.example', username: 'wharlow' },
      context: {
        event: {
          pk: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
          app: 'authentik_events',
          name: "Event action=login_failed user={'pk': 44, 'email': 'other.person@corp.example', 'username': 'operson'} context={'client': '203.0.113.99'}",
          model_name: 'event',
        },
      },
      http_request: null,
    },
  },
  client_ip: null,
  created: '2025-03-04T05:06:08Z',
  brand,
};

const systemTask = {
  pk: '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b',
  user: {},
  action: 'system_task_exception',
  app: 'authentik.events.system_tasks',
  context: {
    message: 'Task notification_transport encountered an error\nTraceback (most recent call last): ...',
  },
  client_ip: null,
  created: '2025-03-04T06:00:00Z',
  brand,
};

const noContext = {
  pk: '4d5e6f70-8192-43a4-b5c6-d7e8f90a1b2c',
  user: { pk: 12, email: 'wren.harlow@corp.example', username: 'wharlow' },
  action: 'suspicious_request',
  app: 'authentik.core.api.tokens',
  client_ip: '203.0.113.40',
  created: '2025-03-04T07:00:00Z',
  brand,
};

const userRecord = {
  pk: 512,
  username: 'quill.mercer',
  name: 'Quill Mercer',
  is_active: true,
  last_login: null,
  is_superuser: false,
  groups: ['5e6f7081-92a3-44b5-86c7-d8e9f0a1b2c3'],
  groups_obj: null,
  email: 'quill.mercer@corp.example',
  attributes: { upn: 'quill.mercer@corp.local' },
  uid: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  path: 'users',
  type: 'internal',
  uuid: '6f708192-a3b4-45c6-97d8-e9f0a1b2c3d4',
};

const serviceAccount = {
  ...userRecord,
  pk: 9,
  username: 'ak-outpost-0123456789abcdef',
  name: 'Embedded Outpost Service-Account',
  email: '',
  groups: [],
  path: 'goauthentik.io/outposts',
  type: 'internal_service_account',
};

const groupRecord = {
  pk: '708192a3-b4c5-46d7-a8e9-f0a1b2c3d4e5',
  num_pk: 4242,
  name: 'Helpdesk',
  is_superuser: true,
  parent: null,
  parent_name: null,
  users: [12, 512, 3307],
  users_obj: null,
  attributes: {},
  roles: [],
  roles_obj: [],
};

const samples = {
  loginFailed,
  impersonation,
  policyExecution,
  systemTask,
  noContext,
  userRecord,
  serviceAccount,
  groupRecord,
};

describe('authentikParser', () => {
  it('detects every record shape', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(authentikParser.detect(sample), name).toBe(true);
    }
  });

  it('reads a failed login: the client address as source, the user name, e-mail and pk as users', () => {
    const a = authentikParser.parse(loginFailed);
    expect(a.format).toBe('authentik.event');
    expect(a.recognizedBy).toBe('parser:authentik');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.dstIps).toEqual([]);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual(['wharlow', 'wren.harlow@corp.example', '12']);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.emails).toEqual(['wren.harlow@corp.example']);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('login_failed');
    expect(a.title).toContain('login_failed');
    expect(a.observedAt).toBe('2025-03-04T05:06:07.123Z');
  });

  it('lists the impersonated user after the e-mail and before the acting user pk, skipping its empty e-mail', () => {
    const a = authentikParser.parse(impersonation);
    expect(a.observables.users).toEqual(['opslead', 'ops.lead@corp.example', '3307', 'svc_backup', '3']);
    expect(a.observables.srcIps).toEqual(['2001:db8::7']);
  });

  it('does not read users or addresses from the Python-dict text of a matched event', () => {
    const a = authentikParser.parse(policyExecution);
    expect(a.observables.users).toEqual(['wharlow', 'wren.harlow@corp.example', '12']);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('policy_execution');
  });

  it('reads a system event with an empty user and titles it with the first line of its message', () => {
    const a = authentikParser.parse(systemTask);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.title).toContain('encountered an error');
    expect(a.title).not.toContain('Traceback');
    expect(a.severity).toBe('low');
  });

  it('reads an event without context and rates a suspicious request high', () => {
    const a = authentikParser.parse(noContext);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.severity).toBe('high');
  });

  it('never reports the unspecified address nor a client address that is no bare address', () => {
    expect(authentikParser.parse({ ...loginFailed, client_ip: '0.0.0.0' }).observables.ips).toEqual([]);
    expect(authentikParser.parse({ ...loginFailed, client_ip: '192.0.2.1:443' }).observables.ips).toEqual([]);
  });

  it('reads a user record: username, then pk, full name, e-mail, uid and uuid', () => {
    const a = authentikParser.parse(userRecord);
    expect(a.format).toBe('authentik.user');
    expect(a.observables.users).toEqual([
      'quill.mercer',
      '512',
      'Quill Mercer',
      'quill.mercer@corp.example',
      userRecord.uid,
      userRecord.uuid,
    ]);
    expect(a.observables.ips).toEqual([]);
    expect(a.severity).toBe('info');
    expect(authentikParser.parse(serviceAccount).observables.users).toEqual([
      'ak-outpost-0123456789abcdef',
      '9',
      'Embedded Outpost Service-Account',
      serviceAccount.uid,
      serviceAccount.uuid,
    ]);
  });

  it('reads a group record: the member pks as users', () => {
    const a = authentikParser.parse(groupRecord);
    expect(a.format).toBe('authentik.group');
    expect(a.observables.users).toEqual(['12', '512', '3307']);
    expect(a.title).toContain('Helpdesk');
    expect(authentikParser.parse({ ...groupRecord, users: [] }).observables.users).toEqual([]);
  });

  it('does not claim other JSON or text', () => {
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'a@corp.example' },
      displayMessage: 'x',
    };
    const otherApp = { ...loginFailed, app: 'django.contrib.auth' };
    const noAction = { pk: 1, username: 'someone', email: 'someone@corp.example' };
    const line = '<134>1 2025-03-04T05:06:07Z idp authentik - - - {"action":"login"}';
    for (const other of [okta, otherApp, noAction, line, null, 42, [loginFailed]]) {
      expect(authentikParser.detect(other)).toBe(false);
    }
  });

  it('is the only specific parser in the registry that claims these samples', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, authentikParser.name).others, name).toEqual([]);
    }
  });
});
