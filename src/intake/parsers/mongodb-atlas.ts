// MongoDB Atlas: mongod audit events (`{"atype", "ts": {"$date"}, "local", "remote", "users", …}`, the shape a
// self-hosted mongod's JSON audit log writes too) and Atlas activity-feed events (`eventTypeName`, `username`,
// `remoteAddress`, bare or in a `response` wrapper) and Atlas alerts (the same shape with `alertConfigId` and the
// alerting `hostnameAndPort`), mapped as Elastic's `mongodb_atlas` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, localPart, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;

/** Audit action types are camelCase words: `authenticate`, `authCheck`, `createCollection`, `logout`. */
const ATYPE = /^[a-z][A-Za-z]{2,40}$/;

/** An extended-JSON date: `{"$date": "2024-01-29T06:57:15.366+00:00"}` or `{"$date": {"$numberLong": "…"}}`. */
const ExtDate = z.object({
  $date: z.union([z.string(), z.number(), z.object({ $numberLong: z.string() })]),
});

const Endpoint = z.object({ ip: Str, port: z.number().nullish(), unix: Str }).passthrough();

const AuditEvent = z.object({
  atype: z.string().regex(ATYPE),
  ts: ExtDate,
  local: Endpoint.nullish(),
  remote: Endpoint.nullish(),
  users: z.array(z.object({ user: Str, db: Str }).passthrough()).nullish(),
  result: z.number().nullish(),
});
type AuditEvent = z.infer<typeof AuditEvent>;

/** Activity-feed event names: `JOINED_GROUP`, `API_KEY_CREATED`, `CLUSTER_MONGOS_IS_MISSING`. */
const EVENT_TYPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

const FeedEvent = z.object({
  eventTypeName: z.string().regex(EVENT_TYPE),
  created: z.string(),
  id: z.string(),
  groupId: Str,
  orgId: Str,
  remoteAddress: Str,
  username: Str,
  targetUsername: Str,
  dbUserUsername: Str,
  hostname: Str,
  raw: z.object({ severity: Str, cid: Str }).passthrough().nullish(),
  alertConfigId: Str,
  hostnameAndPort: Str,
  metricName: Str,
  clusterName: Str,
  status: Str,
});
type FeedEvent = z.infer<typeof FeedEvent>;

/** Audit result codes Elastic's pipeline names (0 success, 13/334 unauthorised, 18 authentication failed …). */
const RESULTS: Record<number, string> = {
  0: 'Success',
  13: 'Unauthorized to perform the operation',
  18: 'Authentication Failed',
  26: 'Namespace Not Found',
  276: 'Index build aborted',
  334: 'Unauthorized to perform the operation',
};

type Read = { kind: 'audit'; event: AuditEvent } | { kind: 'feed'; event: FeedEvent };

function read(raw: unknown): Read | null {
  if (!isObject(raw)) return null;
  if ('atype' in raw && 'ts' in raw) {
    if (!('local' in raw) && !('remote' in raw) && !('users' in raw)) return null;
    const audit = AuditEvent.safeParse(raw);
    return audit.success ? { kind: 'audit', event: audit.data } : null;
  }
  const body = 'response' in raw && isObject(raw.response) ? raw.response : raw;
  if (!('eventTypeName' in body) || !('created' in body) || !('id' in body)) return null;
  if (!('groupId' in body) && !('orgId' in body)) return null;
  const feed = FeedEvent.safeParse(body);
  return feed.success ? { kind: 'feed', event: feed.data } : null;
}

function dateOf(ts: AuditEvent['ts']): string | null {
  const d = ts.$date;
  if (typeof d === 'object') return toIsoTime(Number(d.$numberLong));
  return toIsoTime(d);
}

function auditSeverity(result: number | null | undefined): Severity {
  if (result === 18) return 'medium';
  if (result === 13 || result === 334) return 'low';
  return 'info';
}

function parseAudit(e: AuditEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // The pipeline keeps both ends in `related.ip` only (no source/destination), local first.
  obs.ip(bareIndicatorIp(e.local?.ip));
  obs.ip(bareIndicatorIp(e.remote?.ip));
  const outcome =
    e.result === null || e.result === undefined ? null : (RESULTS[e.result] ?? `result ${e.result}`);
  const who = (e.users ?? []).map((u) => u.user).find((u) => u);
  return parserAlert('mongodb_atlas', 'mongodb_atlas.mongod_audit', obs, {
    title: `MongoDB audit ${e.atype}${who ? ` by ${who}` : ''}${outcome ? `: ${outcome}` : ''}`,
    severity: auditSeverity(e.result),
    observedAt: dateOf(e.ts),
    ruleId: e.atype,
  });
}

/** The host of an alert's `host:port` (`[v6]:port` too), without the port. */
function hostOf(hostAndPort: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostAndPort);
  if (bracketed?.[1]) return bracketed[1];
  return hostAndPort.replace(/:\d+$/, '');
}

/** Alert states: an open alert is worth a look, a closed or cancelled one is a note. */
const ALERT_SEVERITY: Readonly<Record<string, Severity>> = { OPEN: 'medium', TRACKING: 'low' };

function parseAlert(e: FeedEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic splits hostnameAndPort into source.address/port: an address is source.ip, a name related.hosts.
  if (e.hostnameAndPort) {
    const host = hostOf(e.hostnameAndPort);
    const ip = bareIndicatorIp(host);
    if (ip) obs.srcIp(ip);
    else if (!isUnspecified(host)) obs.host(host);
  }
  const what = [e.metricName, e.clusterName].filter(Boolean).join(' on ');
  return parserAlert('mongodb_atlas', 'mongodb_atlas.alert', obs, {
    title: `MongoDB Atlas alert ${e.eventTypeName}${what ? `: ${what}` : ''}${e.status ? ` (${e.status})` : ''}`,
    severity: (e.status ? ALERT_SEVERITY[e.status] : undefined) ?? 'info',
    observedAt: toIsoTime(e.created),
    ruleId: e.eventTypeName,
  });
}

/** True for the unspecified addresses, which are never indicators. */
function isUnspecified(host: string): boolean {
  return /^(?:0\.0\.0\.0|::)$/.test(host);
}

function parseFeed(e: FeedEvent): ReturnType<Parser['parse']> {
  // Alerts carry a state and a config id; activity-feed events about an alert carry the config id but no state.
  if (e.alertConfigId && e.status && !e.username && !e.remoteAddress && !e.raw) return parseAlert(e);
  // A project event names its project (`raw.cid`) as the group; an organization event may name a group too.
  const project = Boolean(e.groupId && (!e.orgId || e.raw?.cid === e.groupId));
  const obs = new ObservablesBuilder();
  obs.ip(bareIndicatorIp(e.remoteAddress));
  // The organization pipeline's `user.name` is the local part of an e-mail `username`, the project pipeline's the
  // whole name; both spellings go to `related.user`.
  if (e.username) {
    if (!project) obs.user(localPart(e.username));
    obs.user(e.username);
    obs.email(e.username);
  }
  obs.user(e.dbUserUsername);
  obs.user(e.targetUsername);
  obs.email(e.targetUsername);
  // A hostname that is an address goes to `related.ip`, any other to `related.hosts`.
  const hostIp = bareIndicatorIp(e.hostname);
  if (hostIp) obs.ip(hostIp);
  else if (e.hostname && !/^(?:0\.0\.0\.0|::)$/.test(e.hostname)) obs.host(e.hostname);
  return parserAlert('mongodb_atlas', project ? 'mongodb_atlas.project' : 'mongodb_atlas.organization', obs, {
    title: `MongoDB Atlas ${e.eventTypeName}`,
    severity: mapSeverity(e.raw?.severity) ?? 'info',
    observedAt: toIsoTime(e.created),
    ruleId: e.eventTypeName,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a MongoDB Atlas event');
  return r.kind === 'audit' ? parseAudit(r.event) : parseFeed(r.event);
}

export const mongodbAtlasParser: Parser = {
  name: 'mongodb_atlas',
  claims: { keys: ['atype', 'response', 'eventTypeName'], text: false },
  detect: detectorOf(read),
  parse,
};
