// The GitLab parser on synthetic JSON log lines (audit, auth, application, production, API, Sidekiq, Pages,
// Gitaly, Workhorse, Shell):
// detection and each indicator's ECS role as Elastic's gitlab pipelines map it.
import { describe, expect, it } from 'vitest';
import { gitlabParser } from '../../../src/intake/parsers/gitlab.js';
import { registryClaims } from './registry-claims.js';

const auditVisibility = {
  severity: 'INFO',
  time: '2024-02-01T09:00:00.100Z',
  author_id: 7,
  entity_id: 12,
  entity_type: 'Project',
  change: 'visibility',
  from: 'Private',
  to: 'Public',
  author_name: 'Rowan Vale',
  target_id: 12,
  target_type: 'Project',
  target_details: 'infra/deploy-tools',
};

const auditUser = {
  severity: 'INFO',
  time: '2024-02-01T09:05:00.200Z',
  correlation_id: '01HQAAAAAAAAAAAAAAAAAAAAAA',
  'meta.caller_id': 'Admin::UsersController#block',
  'meta.remote_ip': '203.0.113.40',
  'meta.feature_category': 'user_management',
  'meta.user': 'admin.ops',
  'meta.user_id': 2,
  author_id: 2,
  author_name: 'Ops Admin',
  entity_id: 31,
  entity_type: 'User',
  custom_message: 'Blocked user',
  target_id: 31,
  target_type: 'User',
  target_details: 'mallory.test',
  created_at: '2024-02-01T09:05:00.150+00:00',
};

const authBlock = {
  severity: 'ERROR',
  time: '2024-02-01T10:00:00.000Z',
  correlation_id: '01HQBBBBBBBBBBBBBBBBBBBBBB',
  message: 'Rack_Attack',
  env: 'blocklist',
  remote_ip: '198.51.100.23',
  request_method: 'GET',
  path: '/demo-group/demo.git/info/refs?service=git-upload-pack',
};

const authThrottle = {
  severity: 'ERROR',
  time: '2024-02-01T10:01:00.000Z',
  message: 'Rack_Attack',
  env: 'throttle',
  remote_ip: '2001:db8::23',
  request_method: 'POST',
  path: '/api/v4/projects',
  matched: 'throttle_authenticated_api',
  status: 429,
  user_id: 9,
  'meta.user': 'bot.builder',
};

const application = {
  severity: 'INFO',
  time: '2024-02-01T11:00:00.000Z',
  correlation_id: '01HQCCCCCCCCCCCCCCCCCCCCCC',
  'meta.caller_id': 'ProjectsController#create',
  'meta.remote_ip': '192.0.2.60',
  'meta.feature_category': 'groups_and_projects',
  'meta.user': 'kim.demo',
  'meta.user_id': 44,
  message: 'Kim Demo created a new project "Kim Demo / sandbox"',
};

const applicationFailedLogin = {
  severity: 'INFO',
  time: '2024-02-01T11:05:00.000Z',
  correlation_id: '01HQCCCCCCCCCCCCCCCCCCCCCD',
  'meta.caller_id': 'SessionsController#new',
  'meta.remote_ip': '198.51.100.31',
  'meta.feature_category': 'system_access',
  'meta.client_id': 'ip/198.51.100.31',
  message: 'Failed Login: username=eve.demo ip=198.51.100.31',
};

const applicationUserRemoved = {
  severity: 'INFO',
  time: '2024-02-01T11:10:00.000Z',
  'meta.caller_id': 'Users::MigrateRecordsToGhostUserInBatchesWorker',
  correlation_id: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  'meta.root_caller_id': 'Cronjob',
  'meta.feature_category': 'user_profile',
  'meta.client_id': 'ip/',
  message: 'User "old.account" (old.account@example.test)  was removed',
};

const pagesAccess = {
  content_type: 'text/html; charset=utf-8',
  correlation_id: '01HQPAGES00000000000000000',
  duration_ms: 1,
  host: 'pages.example.test:8090',
  level: 'info',
  method: 'GET',
  msg: 'access',
  pages_https: false,
  proto: 'HTTP/1.1',
  read_bytes: 82,
  referrer: '',
  remote_addr: '203.0.113.15:49486',
  remote_ip: '203.0.113.15',
  status: 404,
  system: 'http',
  time: '2024-02-01T16:00:00Z',
  ttfb_ms: 0,
  uri: '/',
  user_agent: 'curl/8.0',
  written_bytes: 3725,
};

const pagesDaemonUser = {
  gid: 998,
  'in-place': false,
  level: 'info',
  msg: 'running the daemon as unprivileged user',
  time: '2024-02-01T16:00:00Z',
  uid: 998,
};

const production = {
  method: 'GET',
  path: '/dashboard/projects',
  format: 'html',
  controller: 'Dashboard::ProjectsController',
  action: 'index',
  status: 200,
  time: '2024-02-01T12:00:00.123Z',
  params: [],
  correlation_id: '01HQDDDDDDDDDDDDDDDDDDDDDD',
  'meta.caller_id': 'Dashboard::ProjectsController#index',
  'meta.remote_ip': '192.0.2.61',
  'meta.user': 'kim.demo',
  remote_ip: '192.0.2.61',
  user_id: 44,
  username: 'kim.demo',
  ua: 'Mozilla/5.0',
  duration_s: 0.05,
};

const productionChain = { ...production, remote_ip: '198.51.100.9, 192.0.2.1', status: 403 };

const sidekiq = {
  severity: 'INFO',
  time: '2024-02-01T13:00:00.000Z',
  queue: 'cronjob:demo_cleanup',
  args: [],
  class: 'DemoCleanupWorker',
  retry: false,
  jid: 'a1b2c3d4e5f6a7b8c9d0e1f2',
  created_at: '2024-02-01T12:59:59.000Z',
  message: 'DemoCleanupWorker JID-a1b2c3d4e5f6a7b8c9d0e1f2: done: 0.2 sec',
  job_status: 'done',
  duration: 0.2,
};

const apiAnonymous = {
  time: '2024-02-01T14:00:00.000Z',
  severity: 'INFO',
  duration_s: 0.02,
  status: 200,
  method: 'GET',
  path: '/api/v4/geo/proxy',
  params: [],
  host: 'gitlab.example.test',
  remote_ip: '192.0.2.70',
  ua: 'Go-http-client/1.1',
  route: '/api/:version/geo/proxy',
  db_count: 0,
  correlation_id: '01HQEEEEEEEEEEEEEEEEEEEEEE',
  'meta.caller_id': 'GET /api/:version/geo/proxy',
  'meta.remote_ip': '192.0.2.70',
  'meta.feature_category': 'geo_replication',
  'meta.client_id': 'ip/192.0.2.70',
};

const apiUser = {
  time: '2024-02-01T14:05:00.000Z',
  severity: 'INFO',
  status: 403,
  method: 'DELETE',
  path: '/api/v4/projects/12',
  params: [{ key: 'private_token', value: '[FILTERED]' }],
  host: 'gitlab.example.test',
  remote_ip: '203.0.113.77, 2001:db8::5,not-an-address',
  route: '/api/:version/projects/:id',
  user_id: 44,
  username: 'kim.demo',
  token_type: 'PersonalAccessToken',
  'meta.caller_id': 'DELETE /api/:version/projects/:id',
  'meta.remote_ip': '203.0.113.77',
  'meta.user': 'kim.demo',
  'meta.user_id': 44,
};

const gitalyCall = {
  component: 'gitaly.UnaryServerInterceptor',
  correlation_id: '01HQGITALY0000000000000000',
  'grpc.code': 'OK',
  'grpc.meta.client_name': 'gitlab-web',
  'grpc.method': 'FindCommit',
  'grpc.request.glProjectPath': 'infra/deploy-tools',
  'grpc.request.glRepository': 'project-12',
  'grpc.service': 'gitaly.CommitService',
  'grpc.time_ms': 2.5,
  level: 'info',
  msg: 'finished unary call with code OK',
  pid: 4242,
  remote_ip: '198.51.100.61',
  system: 'grpc',
  time: '2024-02-01T15:00:00.250Z',
  user_id: '7',
  username: 'rowan.vale',
};

const workhorseAccess = {
  correlation_id: '01HQWORKHORSE0000000000000',
  duration_ms: 3,
  host: '192.0.2.80',
  level: 'info',
  method: 'GET',
  msg: 'access',
  proto: 'HTTP/1.1',
  remote_addr: '203.0.113.90:0',
  remote_ip: '203.0.113.90',
  route: '^/assets/',
  status: 200,
  system: 'http',
  time: '2024-02-01T15:05:00Z',
  ttfb_ms: 1,
  uri: '/assets/app.js',
  written_bytes: 5120,
};

const shellCommand = {
  command: 'git-receive-pack',
  git_protocol: '',
  gl_project_path: 'infra/deploy-tools',
  gl_repository: 'project-12',
  level: 'info',
  msg: 'executing git command',
  time: '2024-02-01T15:10:00Z',
  user_id: 'user-7',
  username: 'rowan.vale',
};

const shellHttp = {
  duration_ms: 12.5,
  level: 'info',
  method: 'POST',
  msg: 'Finished HTTP request',
  time: '2024-02-01T15:10:00Z',
  url: 'http://127.0.0.1:8080/api/v4/internal/allowed',
};

const samples = {
  gitalyCall,
  workhorseAccess,
  shellCommand,
  shellHttp,
  auditVisibility,
  auditUser,
  authBlock,
  authThrottle,
  application,
  applicationFailedLogin,
  applicationUserRemoved,
  pagesAccess,
  pagesDaemonUser,
  production,
  productionChain,
  apiAnonymous,
  apiUser,
  sidekiq,
};

describe('gitlabParser', () => {
  it('detects every supported GitLab log line', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(gitlabParser.detect(sample), name).toBe(true);
    }
  });

  it('reads an audit change: the author as user.name, its id as related user, no address', () => {
    const a = gitlabParser.parse(auditVisibility);
    expect(a.format).toBe('gitlab.audit');
    expect(a.recognizedBy).toBe('parser:gitlab');
    expect(a.observables.users).toEqual(['Rowan Vale', '7']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.ruleId).toBe('visibility');
    expect(a.title).toContain('infra/deploy-tools');
    expect(a.observedAt).toBe('2024-02-01T09:00:00.100Z');
  });

  it('reads an audit event on a user: the caller address as source, the target user as related user', () => {
    const a = gitlabParser.parse(auditUser);
    expect(a.observables.srcIps).toEqual(['203.0.113.40']);
    expect(a.observables.ips).toEqual(['203.0.113.40']);
    expect(a.observables.users).toEqual(['Ops Admin', '2', '31', 'mallory.test']);
    expect(a.title).toContain('Blocked user');
    // Elastic takes created_at over time when both are there.
    expect(a.observedAt).toBe('2024-02-01T09:05:00.150Z');
  });

  it('reads a Rack::Attack block: the remote address as source and related, no user', () => {
    const a = gitlabParser.parse(authBlock);
    expect(a.format).toBe('gitlab.auth');
    expect(a.observables.srcIps).toEqual(['198.51.100.23']);
    expect(a.observables.ips).toEqual(['198.51.100.23']);
    expect(a.observables.users).toEqual([]);
    expect(a.severity).toBe('medium');
    expect(a.ruleId).toBe('blocklist');
  });

  it('leaves meta.user out of a Rack::Attack throttle, as Elastic does', () => {
    const a = gitlabParser.parse(authThrottle);
    expect(a.observables.srcIps).toEqual(['2001:db8::23']);
    expect(a.observables.users).toEqual([]);
    expect(a.ruleId).toBe('throttle_authenticated_api');
    expect(a.severity).toBe('low');
  });

  it('reads an application line: the caller address as source and related, the message author and meta.user', () => {
    const a = gitlabParser.parse(application);
    expect(a.format).toBe('gitlab.application');
    // user.name is the word before "created" (Elastic's grok is unanchored); related.user is meta.user_id and meta.user.
    expect(a.observables.users).toEqual(['Demo', '44', 'kim.demo']);
    expect(a.observables.srcIps).toEqual(['192.0.2.60']);
    expect(a.observables.ips).toEqual(['192.0.2.60']);
    expect(a.ruleId).toBe('ProjectsController#create');
    expect(a.title).toContain('sandbox');
  });

  it('reads a failed login: the user the message names, the caller address as source', () => {
    const a = gitlabParser.parse(applicationFailedLogin);
    expect(a.observables.users).toEqual(['eve.demo']);
    expect(a.observables.srcIps).toEqual(['198.51.100.31']);
    expect(a.observables.ips).toEqual(['198.51.100.31']);
    // Without meta.remote_ip, the message's ip= is the source.
    const { 'meta.remote_ip': _ip, ...noMeta } = applicationFailedLogin;
    expect(gitlabParser.parse(noMeta).observables.srcIps).toEqual(['198.51.100.31']);
  });

  it('reads a user removal by a cron worker: the removed user only, no address', () => {
    const a = gitlabParser.parse(applicationUserRemoved);
    expect(a.observables.users).toEqual(['old.account']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
  });

  it('reads a Pages access line: the client as source only, the Pages host as host', () => {
    const a = gitlabParser.parse(pagesAccess);
    expect(a.format).toBe('gitlab.pages');
    expect(a.observables.srcIps).toEqual(['203.0.113.15']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual(['pages.example.test:8090']);
    expect(a.title).toBe('GitLab Pages GET / 404');
    expect(a.observedAt).toBe('2024-02-01T16:00:00.000Z');
  });

  it('reads the Pages daemon user line: its uid as the only user', () => {
    const a = gitlabParser.parse(pagesDaemonUser);
    expect(a.format).toBe('gitlab.pages');
    expect(a.observables.users).toEqual(['998']);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.title).toBe('GitLab Pages running the daemon as unprivileged user');
    const banner = {
      level: 'info',
      msg: 'GitLab Pages Daemon',
      revision: 'abc1234',
      time: '2024-02-01T16:00:00Z',
    };
    expect(gitlabParser.parse(banner).format).toBe('gitlab.pages');
    expect(
      gitlabParser.detect({ level: 'info', msg: 'running the daemon', time: '2024-02-01T16:00:00Z', uid: 1 }),
    ).toBe(false);
  });

  it('reads a production request: remote_ip as source only and username as user.name', () => {
    const a = gitlabParser.parse(production);
    expect(a.format).toBe('gitlab.production');
    expect(a.observables.srcIps).toEqual(['192.0.2.61']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['kim.demo']);
    expect(a.ruleId).toBe('Dashboard::ProjectsController#index');
    expect(a.observedAt).toBe('2024-02-01T12:00:00.123Z');
  });

  it('reports no source for a production remote_ip that lists several addresses', () => {
    const a = gitlabParser.parse(productionChain);
    expect(a.observables.srcIps).toEqual([]);
    expect(a.severity).toBe('low');
  });

  it('reads a Sidekiq job line with no indicators', () => {
    const a = gitlabParser.parse(sidekiq);
    expect(a.format).toBe('gitlab.sidekiq');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.ruleId).toBe('DemoCleanupWorker');
  });

  it('reads an API request: remote_ip as source only, no user when the request is anonymous', () => {
    const a = gitlabParser.parse(apiAnonymous);
    expect(a.format).toBe('gitlab.api');
    expect(a.recognizedBy).toBe('parser:gitlab');
    expect(a.observables.srcIps).toEqual(['192.0.2.70']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.ruleId).toBe('/api/:version/geo/proxy');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-02-01T14:00:00.000Z');
  });

  it('reads an API request: every address of a forwarded remote_ip as source, username as user.name', () => {
    const a = gitlabParser.parse(apiUser);
    expect(a.observables.srcIps).toEqual(['203.0.113.77', '2001:db8::5']);
    expect(a.observables.ips).toEqual([]);
    // user.name is username; meta.user and the numeric ids are not indicators in Elastic's api pipeline.
    expect(a.observables.users).toEqual(['kim.demo']);
    expect(a.title).toContain('DELETE /api/v4/projects/12 403');
    expect(a.severity).toBe('low');
  });

  it('leaves lines with a route that is not an API request alone', () => {
    const { method: _method, ...noMethod } = apiAnonymous;
    expect(gitlabParser.detect(noMethod)).toBe(false);
    expect(
      gitlabParser.detect({ ...apiAnonymous, route: '/-/health', 'meta.caller_id': 'HealthController' }),
    ).toBe(false);
  });

  it('reads a Gitaly call: the client as source only, the user name and id', () => {
    const a = gitlabParser.parse(gitalyCall);
    expect(a.format).toBe('gitlab.gitaly');
    expect(a.observables.srcIps).toEqual(['198.51.100.61']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual(['rowan.vale', '7']);
    expect(a.title).toBe('Gitaly gitaly.CommitService/FindCommit OK by rowan.vale on infra/deploy-tools');
    expect(a.ruleId).toBe('FindCommit');
    expect(a.observedAt).toBe('2024-02-01T15:00:00.250Z');
    expect(gitlabParser.parse({ ...gitalyCall, 'grpc.code': 'PermissionDenied' }).severity).toBe('low');
  });

  it('reads a Workhorse access line: the client as source only, not the server address', () => {
    const a = gitlabParser.parse(workhorseAccess);
    expect(a.format).toBe('gitlab.workhorse');
    expect(a.observables.srcIps).toEqual(['203.0.113.90']);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.title).toBe('GitLab Workhorse GET /assets/app.js 200');
  });

  it('reads GitLab Shell lines: the git command user, and no indicator from the internal API call', () => {
    const a = gitlabParser.parse(shellCommand);
    expect(a.format).toBe('gitlab.shell');
    expect(a.observables.users).toEqual(['rowan.vale', 'user-7']);
    expect(a.ruleId).toBe('git-receive-pack');
    const h = gitlabParser.parse(shellHttp);
    expect(h.format).toBe('gitlab.shell');
    expect(h.observables.ips).toEqual([]);
    expect(h.observables.users).toEqual([]);
  });

  it('leaves gRPC lines of other services and Workhorse lines without a client alone', () => {
    const otherGrpc = {
      msg: 'finished unary call',
      time: '2024-02-01T15:00:00Z',
      'grpc.method': 'Get',
      'grpc.service': 'shop.Cart',
      remote_ip: '198.51.100.61',
    };
    expect(gitlabParser.detect(otherGrpc)).toBe(false);
    const { remote_ip: _ip, ...noClient } = workhorseAccess;
    expect(gitlabParser.detect(noClient)).toBe(false);
  });

  it('does not claim other formats', () => {
    const plainJson = { severity: 'INFO', time: '2024-02-01T14:00:00Z', message: 'started' };
    const okta = {
      eventType: 'user.session.start',
      actor: { alternateId: 'x@example.org' },
      displayMessage: 'x',
    };
    const line = '<134>1 2024-02-01T10:00:00Z host app - - - {"message":"Rack_Attack"}';
    for (const raw of [plainJson, okta, line, null, 42, []]) {
      expect(gitlabParser.detect(raw)).toBe(false);
    }
  });

  it('is not claimed by any parser already in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, gitlabParser.name).others, name).toEqual([]);
    }
  });
});
