// GitLab's JSON log lines (audit_json, auth_json, application_json, production_json, api_json, sidekiq, GitLab
// Pages, Gitaly's gRPC calls, Workhorse's access lines and GitLab Shell), mapped as Elastic's `gitlab` pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, type RecordFacts, TextField } from './common.js';
import type { Parser } from './parser.js';

type Stream =
  | 'audit'
  | 'auth'
  | 'application'
  | 'production'
  | 'api'
  | 'sidekiq'
  | 'pages'
  | 'gitaly'
  | 'workhorse'
  | 'shell';

const Str = z.string().nullish().catch(undefined);

const Line = z.object({
  severity: Str,
  time: Str,
  message: Str,
  correlation_id: Str,
  'meta.caller_id': Str,
  'meta.remote_ip': Str,
  'meta.user': Str,
  'meta.user_id': TextField,
  'meta.feature_category': Str,
});

const ApplicationLine = Line.extend({
  'meta.gl_user_id': TextField,
  user_id: TextField,
});

const AuditLine = Line.extend({
  author_id: TextField,
  author_name: Str,
  entity_id: TextField,
  entity_type: Str,
  entity_path: Str,
  target_id: TextField,
  target_type: Str,
  target_details: Str,
  change: Str,
  from: TextField,
  to: TextField,
  custom_message: Str,
  created_at: Str,
});

const AuthLine = Line.extend({
  env: Str,
  remote_ip: Str,
  request_method: Str,
  path: Str,
  matched: Str,
});

const ProductionLine = Line.extend({
  method: Str,
  path: Str,
  controller: Str,
  action: Str,
  status: TextField,
  remote_ip: Str,
  username: Str,
});

const ApiLine = Line.extend({
  method: Str,
  path: Str,
  route: Str,
  status: TextField,
  remote_ip: Str,
  username: Str,
});

const SidekiqLine = Line.extend({
  class: Str,
  jid: Str,
  queue: Str,
  job_status: Str,
});

/** Gitaly's own gRPC log line: a `msg` and the `grpc.*` keys with a GitLab repository or client. */
const GitalyLine = z.object({
  time: Str,
  level: Str,
  msg: Str,
  remote_ip: Str,
  username: Str,
  user_id: TextField,
  'grpc.code': Str,
  'grpc.method': Str,
  'grpc.service': Str,
  'grpc.request.glProjectPath': Str,
});

/** A GitLab Pages line: an access line (`pages_https`) or a daemon line (`uid` of the daemon's user). */
const PagesLine = z.object({
  time: Str,
  level: Str,
  msg: Str,
  method: Str,
  uri: Str,
  host: Str,
  status: TextField,
  remote_ip: Str,
  uid: TextField,
});

/** A Workhorse access line (`msg: "access"`, `remote_ip`, `uri`, `status`). */
const WorkhorseLine = z.object({
  time: Str,
  level: Str,
  msg: Str,
  method: Str,
  uri: Str,
  status: TextField,
  remote_ip: Str,
});

/** A GitLab Shell line: a git command run for a user, or its internal API call. */
const ShellLine = z.object({
  time: Str,
  level: Str,
  msg: Str,
  command: Str,
  gl_project_path: Str,
  username: Str,
  user_id: TextField,
  method: Str,
  url: Str,
});

const str = (raw: object, key: string): string | undefined => {
  const v: unknown = key in raw ? Reflect.get(raw, key) : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** Gitaly: `grpc.*` keys naming a GitLab repository, client or Gitaly component. */
function isGitalyLine(raw: object): boolean {
  if (!has(raw, 'msg', 'time') || !('grpc.method' in raw || 'grpc.service' in raw)) return false;
  return (
    'grpc.request.glRepository' in raw ||
    'grpc.request.repoStorage' in raw ||
    /^gitlab-/.test(str(raw, 'grpc.meta.client_name') ?? '') ||
    /^gitaly\./.test(str(raw, 'component') ?? '') ||
    /^gitaly\./.test(str(raw, 'grpc.service') ?? '')
  );
}

/** Access lines of Workhorse or Pages: `msg: "access"` with the request's uri, client and byte counts. */
function isAccessLine(raw: object): boolean {
  return (
    str(raw, 'msg') === 'access' &&
    has(raw, 'time', 'uri', 'remote_ip', 'correlation_id') &&
    ('written_bytes' in raw || 'ttfb_ms' in raw)
  );
}

/** GitLab Pages daemon lines: the start banner, or the line naming the user the daemon runs as (`in-place`). */
function isPagesDaemon(raw: object): boolean {
  if (!has(raw, 'msg', 'time', 'level')) return false;
  return 'in-place' in raw || (str(raw, 'msg') ?? '').startsWith('GitLab Pages');
}

/** GitLab Shell: a git command for a project (`gl_project_path`), or its `Finished HTTP request` line. */
function isShellLine(raw: object): boolean {
  if (!has(raw, 'msg', 'time')) return false;
  if (has(raw, 'command', 'gl_project_path') && ('gl_repository' in raw || 'username' in raw)) return true;
  return str(raw, 'msg') === 'Finished HTTP request' && has(raw, 'duration_ms', 'method', 'url');
}

/** True when the line's `meta.caller_id` names an API route (`GET /api/:version/…`). */
function callerIsApi(raw: object): boolean {
  const caller = 'meta.caller_id' in raw ? raw['meta.caller_id'] : undefined;
  return typeof caller === 'string' && /^[A-Z]+ \/api\//.test(caller);
}

/** `api_json.log` lines: Grape routes, or a caller id naming an API route. */
function isApiLine(raw: object): boolean {
  return 'route' in raw || callerIsApi(raw);
}

/** An `api_json.log` request line: an API route (or caller id naming one) and the request's own keys. */
function isApiRequest(raw: object): boolean {
  const route = 'route' in raw ? raw.route : undefined;
  const api = (typeof route === 'string' && route.startsWith('/api/')) || callerIsApi(raw);
  return api && has(raw, 'time', 'method', 'path') && ('status' in raw || 'remote_ip' in raw);
}

const has = (raw: object, ...keys: string[]): boolean => keys.every((k) => k in raw);

/** One of these keys is in every line some stream below reads: a cheap first test for every other payload. */
const ANCHORS = [
  'msg',
  'route',
  'meta.caller_id',
  'entity_type',
  'remote_ip',
  'controller',
  'jid',
  'meta.feature_category',
] as const;

/** The stream a line belongs to, by the keys each GitLab log file writes; null for anything else. */
function streamOf(raw: unknown): Stream | null {
  // Every GitLab log line carries `time`: one key test turns most other payloads away.
  if (!isObject(raw) || !('time' in raw) || !ANCHORS.some((k) => k in raw)) return null;
  if (isAccessLine(raw)) return 'pages_https' in raw ? 'pages' : 'workhorse';
  if (isPagesDaemon(raw)) return 'pages';
  if (isGitalyLine(raw)) return 'gitaly';
  if (isShellLine(raw)) return 'shell';
  if (isApiLine(raw)) return isApiRequest(raw) ? 'api' : null;
  if (
    has(raw, 'author_id', 'entity_type', 'target_type') ||
    has(raw, 'author_name', 'entity_id', 'entity_type')
  )
    return 'audit';
  if ('message' in raw && raw.message === 'Rack_Attack' && has(raw, 'env', 'remote_ip')) return 'auth';
  if (has(raw, 'controller', 'action', 'method', 'path', 'status')) return 'production';
  if (has(raw, 'jid', 'class') && ('queue' in raw || 'job_status' in raw)) return 'sidekiq';
  if (has(raw, 'severity', 'time', 'message') && ('meta.caller_id' in raw || 'meta.feature_category' in raw))
    return 'application';
  return null;
}

function detect(raw: unknown): boolean {
  try {
    const stream = streamOf(raw);
    if (stream === 'gitaly') return GitalyLine.safeParse(raw).success;
    if (stream === 'workhorse') return WorkhorseLine.safeParse(raw).success;
    if (stream === 'pages') return PagesLine.safeParse(raw).success;
    if (stream === 'shell') return ShellLine.safeParse(raw).success;
    return stream !== null && Line.safeParse(raw).success;
  } catch {
    return false;
  }
}

/** GitLab's log levels; Elastic keeps them as event.severity only. */
function levelSeverity(level: string | null | undefined, fallback: Severity): Severity {
  return /^(?:debug|info)$/i.test(level ?? '') ? fallback : (mapSeverity(level) ?? fallback);
}

type Facts = RecordFacts;

function audit(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = AuditLine.parse(raw);
  // meta.remote_ip is client.ip, copied to source, and related.ip.
  obs.srcIp(bareIndicatorIp(e['meta.remote_ip']));
  // user.name is the author; related.user lists the author's id and name, then a target user's id and name.
  obs.user(e.author_name);
  obs.user(e.author_id);
  if (e.target_type === 'User') {
    obs.user(e.target_id);
    obs.user(e.target_details);
  }
  const what = e.custom_message
    ? e.custom_message
    : e.change
      ? `changed ${e.change}${e.from !== undefined ? ` from ${e.from}` : ''}${e.to !== undefined ? ` to ${e.to}` : ''}`
      : 'audit event';
  const target = e.target_details ?? e.entity_path ?? e.entity_type;
  return {
    title: `GitLab audit: ${e.author_name ?? 'someone'} ${what}${target ? ` (${e.target_type ?? e.entity_type ?? 'target'} ${target})` : ''}`,
    severity: levelSeverity(e.severity, 'low'),
    ruleId: e.change ?? e.custom_message ?? null,
    observedAt: toIsoTime(e.created_at ?? e.time),
  };
}

function auth(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = AuthLine.parse(raw);
  // remote_ip is client.ip, copied to source, and related.ip; meta.user is not mapped.
  obs.srcIp(bareIndicatorIp(e.remote_ip));
  const request = [e.request_method, e.path].filter(Boolean).join(' ');
  return {
    title: `GitLab Rack::Attack ${e.env ?? 'event'}${e.matched ? ` (${e.matched})` : ''}: ${request || 'request'} from ${e.remote_ip ?? '?'}`,
    severity: e.env === 'blocklist' ? 'medium' : 'low',
    ruleId: e.matched ?? e.env ?? null,
    observedAt: toIsoTime(e.time),
  };
}

/** The named groups a message reader takes (`user`, and `ip` for the login messages), or undefined. */
type MessageReader = (message: string) => { user?: string; ip?: string } | undefined;
const byPattern =
  (pattern: RegExp): MessageReader =>
  (message) =>
    pattern.exec(message)?.groups;

/** The project-creation message after its user: `created a new project "…"`, tried at one position. */
const PROJECT_CREATED = /created\s*a\s*new\s*project\s*"[^"\n\r\u2028\u2029]*"/y;
const isUserChar = (c: string | undefined): boolean => c !== undefined && /[\w.-]/.test(c);
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

function projectCreatedAt(message: string, at: number): boolean {
  PROJECT_CREATED.lastIndex = at;
  return PROJECT_CREATED.test(message);
}

/**
 * The user of `USER created a new project "…"`, as `(?<user>[\w.-]+)\s*created\s*a\s*new\s*project\s*".*"`
 * reads it: the first word of user characters that such a tail follows (after spaces, or inside the word), up to
 * the last such tail. Found in code: as that pattern, every character of a long hostile word started a scan to
 * its end (quadratic time).
 */
function projectCreator(message: string): { user: string } | undefined {
  for (let at = message.indexOf('created'); at >= 0; at = message.indexOf('created', at + 1)) {
    if (!projectCreatedAt(message, at)) continue;
    let end = at;
    while (isSpace(message[end - 1])) end -= 1;
    if (!isUserChar(message[end - 1])) continue;
    let start = end - 1;
    while (isUserChar(message[start - 1])) start -= 1;
    let wordEnd = end;
    while (isUserChar(message[wordEnd])) wordEnd += 1;
    let after = wordEnd;
    while (isSpace(message[after])) after += 1;
    if (after > wordEnd && projectCreatedAt(message, after)) return { user: message.slice(start, wordEnd) };
    let last = message.lastIndexOf('created', wordEnd - 1);
    while (last > start && !projectCreatedAt(message, last)) last = message.lastIndexOf('created', last - 1);
    return { user: message.slice(start, Math.max(last, end)) };
  }
  return undefined;
}

/**
 * The user name and address Elastic's grok takes from application messages about logins and lifecycle; grok
 * searches without anchors, so a display name of several words gives its last word. The login address holds no
 * `=` and the email's local part starts with no `@`: with `ip=(\S+)` and `@` on both sides, a long hostile word
 * was rescanned from each `method=` or `@` (polynomial time).
 */
const APPLICATION_MESSAGES: readonly MessageReader[] = [
  byPattern(/Failed\s*Login:\s*username=(?<user>[\w.-]+)\s*ip=(?<ip>\S+)/),
  projectCreator,
  byPattern(/User\s*Logout:\s*username=(?<user>[\w.-]+)\s*ip=(?<ip>\S+)/),
  byPattern(/Successful\s*Login:\s*username=(?<user>[\w.-]+)\s*ip=(?<ip>[^\s=]+)\s*method=\w+\s*admin=\w+/),
  byPattern(/User\s*"(?<user>[\w.-]+)"\s*\([^()\s@]+@[^()\s]+\)\s*was\s*(?:created|removed)/),
];

function application(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = ApplicationLine.parse(raw);
  let named: string | undefined;
  let grokIp: string | null = null;
  for (const read of e.message ? APPLICATION_MESSAGES : []) {
    const groups = read(e.message ?? '');
    if (!groups) continue;
    named = groups.user;
    grokIp = groups.ip === undefined ? null : bareIndicatorIp(groups.ip);
    break;
  }
  // meta.remote_ip is client.ip, copied over source, and related.ip; without it a login message's ip= is source.ip.
  const client = bareIndicatorIp(e['meta.remote_ip']);
  obs.srcIp(client ?? grokIp);
  // user.name is meta.user unless the message names a user; related.user lists meta.user_id, meta.user,
  // meta.gl_user_id and user_id.
  obs.user(named ?? e['meta.user']);
  obs.user(e['meta.user_id']);
  obs.user(e['meta.user']);
  obs.user(e['meta.gl_user_id']);
  obs.user(e.user_id);
  return {
    title: `GitLab: ${e.message ?? 'application event'}`,
    severity: levelSeverity(e.severity, 'info'),
    ruleId: e['meta.caller_id'] ?? null,
    observedAt: toIsoTime(e.time),
  };
}

function production(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = ProductionLine.parse(raw);
  // source.ip is remote_ip when it is one address; user.name is username. No related.* fields.
  obs.srcIp(bareIndicatorIp(e.remote_ip));
  obs.user(e.username);
  const status = Number(e.status);
  return {
    title: `GitLab ${[e.method, e.path].filter(Boolean).join(' ')} ${e.status ?? ''} (${e.controller ?? '?'}#${e.action ?? '?'})`,
    severity: status === 401 || status === 403 ? 'low' : 'info',
    ruleId: e.controller && e.action ? `${e.controller}#${e.action}` : null,
    observedAt: toIsoTime(e.time),
  };
}

function api(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = ApiLine.parse(raw);
  // source.ip is remote_ip split at commas (each address kept); user.name is username. No related.* fields,
  // and meta.remote_ip and meta.user stay vendor fields.
  for (const part of (e.remote_ip ?? '').split(/, ?/)) obs.srcIp(bareIndicatorIp(part));
  obs.user(e.username);
  const status = Number(e.status);
  return {
    title:
      `GitLab API ${[e.method, e.path].filter(Boolean).join(' ')} ${e.status ?? ''}${e.username ? ` by ${e.username}` : ''}`.trimEnd(),
    severity: status === 401 || status === 403 ? 'low' : levelSeverity(e.severity, 'info'),
    ruleId: e.route ?? e['meta.caller_id'] ?? null,
    observedAt: toIsoTime(e.time),
  };
}

function sidekiq(raw: unknown): Facts {
  const e = SidekiqLine.parse(raw);
  return {
    title: `GitLab Sidekiq ${e.class ?? 'job'}${e.job_status ? ` ${e.job_status}` : ''}`,
    severity: e.job_status === 'fail' ? 'low' : levelSeverity(e.severity, 'info'),
    ruleId: e.class ?? null,
    observedAt: toIsoTime(e.time),
  };
}

function gitaly(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = GitalyLine.parse(raw);
  // remote_ip is client.ip and source.ip (no related.ip); user.name is username, related.user its id too.
  obs.srcIp(bareIndicatorIp(e.remote_ip));
  obs.user(e.username);
  obs.user(e.user_id);
  const call = [e['grpc.service'], e['grpc.method']].filter(Boolean).join('/');
  const failed = e['grpc.code'] !== undefined && e['grpc.code'] !== null && e['grpc.code'] !== 'OK';
  return {
    title: `Gitaly ${call || 'call'}${e['grpc.code'] ? ` ${e['grpc.code']}` : ''}${e.username ? ` by ${e.username}` : ''}${e['grpc.request.glProjectPath'] ? ` on ${e['grpc.request.glProjectPath']}` : ''}`,
    severity: failed ? 'low' : levelSeverity(e.level, 'info'),
    ruleId: e['grpc.method'] ?? null,
    observedAt: toIsoTime(e.time),
  };
}

function pages(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = PagesLine.parse(raw);
  // remote_ip is source.ip (no related.ip), host is host.name; the daemon's uid is user.id and related.user.
  obs.srcIp(bareIndicatorIp(e.remote_ip));
  obs.host(e.host);
  obs.user(e.uid);
  const status = Number(e.status);
  const request = [e.method, e.uri].filter(Boolean).join(' ');
  return {
    title: `GitLab Pages ${request ? `${request} ${e.status ?? ''}`.trimEnd() : (e.msg ?? 'event')}`,
    severity: status === 401 || status === 403 ? 'low' : levelSeverity(e.level, 'info'),
    ruleId: null,
    observedAt: toIsoTime(e.time),
  };
}

function workhorse(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = WorkhorseLine.parse(raw);
  // remote_ip is client.ip and source.ip (no related.ip); `host` is server.address, no indicator.
  obs.srcIp(bareIndicatorIp(e.remote_ip));
  const status = Number(e.status);
  return {
    title: `GitLab Workhorse ${[e.method, e.uri].filter(Boolean).join(' ')} ${e.status ?? ''}`.trimEnd(),
    severity: status === 401 || status === 403 ? 'low' : levelSeverity(e.level, 'info'),
    ruleId: null,
    observedAt: toIsoTime(e.time),
  };
}

function shell(raw: unknown, obs: ObservablesBuilder): Facts {
  const e = ShellLine.parse(raw);
  // user.name is username; related.user lists it and user_id. The internal API URL is no indicator.
  obs.user(e.username);
  obs.user(e.user_id);
  const what = e.command
    ? `${e.command}${e.gl_project_path ? ` on ${e.gl_project_path}` : ''}`
    : [e.method, e.url].filter(Boolean).join(' ');
  return {
    title: `GitLab Shell: ${e.msg ?? 'event'}${what ? ` (${what})` : ''}${e.username ? ` by ${e.username}` : ''}`,
    severity: levelSeverity(e.level, 'info'),
    ruleId: e.command ?? null,
    observedAt: toIsoTime(e.time),
  };
}

function parse(raw: unknown): Alert {
  const stream = streamOf(raw);
  if (stream === null) throw new Error('not a GitLab log line this parser reads');
  const obs = new ObservablesBuilder(!['production', 'api', 'pages', 'gitaly', 'workhorse'].includes(stream));
  const facts =
    stream === 'audit'
      ? audit(raw, obs)
      : stream === 'auth'
        ? auth(raw, obs)
        : stream === 'production'
          ? production(raw, obs)
          : stream === 'api'
            ? api(raw, obs)
            : stream === 'sidekiq'
              ? sidekiq(raw)
              : stream === 'gitaly'
                ? gitaly(raw, obs)
                : stream === 'workhorse'
                  ? workhorse(raw, obs)
                  : stream === 'shell'
                    ? shell(raw, obs)
                    : stream === 'pages'
                      ? pages(raw, obs)
                      : application(raw, obs);
  return parserAlert('gitlab', `gitlab.${stream}`, obs, facts);
}

export const gitlabParser: Parser = {
  name: 'gitlab',
  claims: { keys: ['time'], text: false },
  detect,
  parse,
};
