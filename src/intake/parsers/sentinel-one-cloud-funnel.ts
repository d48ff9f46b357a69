// SentinelOne Cloud Funnel (Singularity Data Lake export) EDR events: flat dotted JSON keys such as
// `event.type`, `endpoint.name`, `src.process.user`, `dst.ip.address`, mapped as Elastic's
// `sentinel_one_cloud_funnel.event` pipelines map them (per event category: login, IP, DNS, URL, process …).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

/** A Cloud Funnel record: one flat object whose keys are dotted paths. */
const FunnelEvent = z.record(z.string(), z.unknown());
type FunnelEvent = z.infer<typeof FunnelEvent>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Keys that identify the agent and tenant; a record carries at least two of them. */
const IDENTITY_KEYS = ['endpoint.name', 'agent.uuid', 'site.id', 'account.id'] as const;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('event.type' in raw) || !('event.category' in raw)) return false;
  let identity = 0;
  for (const key of IDENTITY_KEYS) if (key in raw) identity++;
  if (identity < 2) return false;
  const e = FunnelEvent.safeParse(raw);
  return (
    e.success && typeof e.data['event.type'] === 'string' && typeof e.data['event.category'] === 'string'
  );
}

/** A field as text, as Elastic's `convert` to string writes it; null when absent or empty. */
function text(e: FunnelEvent, key: string): string | null {
  const v = Scalar.safeParse(e[key]);
  if (!v.success) return null;
  const s = String(v.data);
  return s === '' ? null : s;
}

/** The parent process's real user (id, name) and effective user id: the first users Elastic relates. */
const PARENT_USER_KEYS = [
  'src.process.parent.rUserUid',
  'src.process.parent.rUserName',
  'src.process.parent.eUserUid',
];
/**
 * The other users the default pipeline appends to `related.user`, in its order: the process's real and
 * login users, the osSrc users, the target process's users, and every user SID, each kept whole
 * (`DOMAIN\\name`).
 */
const RELATED_USER_KEYS = [
  'src.process.rUserUid',
  'src.process.rUserName',
  'osSrc.process.parent.user',
  'osSrc.process.user',
  'src.process.lUserName',
  'src.process.lUserUid',
  'src.process.parent.lUserName',
  'src.process.parent.lUserUid',
  'src.process.parent.userSid',
  'tgt.process.eUserName',
  'tgt.process.eUserUid',
  'tgt.process.lUserName',
  'tgt.process.lUserUid',
  'tgt.process.rUserName',
  'tgt.process.rUserUid',
  'event.login.tgt.userSid',
  'event.logout.tgt.userSid',
  'osSrc.process.parent.userSid',
  'osSrc.process.userSid',
  'registry.owner.user',
  'registry.owner.userSid',
  'src.process.userSid',
  'tgt.file.owner.userSid',
  'tgt.process.userSid',
];

/** The sub-pipeline Elastic routes a record to, from its `event.category` (checked by substring). */
function routeOf(category: string): string {
  const c = category.toLowerCase();
  if (c.includes('login')) return 'login';
  if (c.includes('dns')) return 'dns';
  if (c.includes('url')) return 'url';
  if (c.includes('threat')) return 'threat';
  if (c.includes('indicator')) return 'indicator';
  if (c.includes('cross')) return 'cross';
  if (c.includes('process')) return 'process';
  if (c.includes('ip') && !c.includes('command')) return 'ip';
  return 'other';
}

/** Names in a DNS request (`type: 1 name`) and response (`type: 5 name;addr;…`) records. */
function dnsNames(request: string | null, response: string | null): string[] {
  const names: string[] = [];
  const req = request?.split(/\s+/);
  if (req?.length === 3 && req[2]) names.push(req[2]);
  for (const answer of (response ?? '').split(';')) {
    if (!answer.startsWith('type:')) continue;
    const parts = answer.split(/\s+/);
    if (parts.length === 3 && parts[2]) names.push(parts[2]);
  }
  return names;
}

function addUsers(obs: ObservablesBuilder, e: FunnelEvent, route: string): void {
  // user.name: the logon's account name (login events only).
  if (route === 'login') obs.user(text(e, 'event.login.userName'));
  // destination.user: the logon target, the login form overriding the logout form, domain too.
  obs.user(text(e, 'event.login.tgt.user.name') ?? text(e, 'event.logout.tgt.user.name'));
  obs.user(text(e, 'event.logout.tgt.domainName') ?? text(e, 'event.login.tgt.domainName'));
  for (const key of PARENT_USER_KEYS) obs.user(text(e, key));
  // The parent's user: `src.process.parent.user`, else its effective user name.
  obs.user(text(e, 'src.process.parent.user') ?? text(e, 'src.process.parent.eUserName'));
  for (const key of RELATED_USER_KEYS) obs.user(text(e, key));
  if (route === 'process' || route === 'cross') obs.user(text(e, 'tgt.process.user'));
}

function severityOf(route: string): Severity {
  if (route === 'threat') return 'medium';
  if (route === 'indicator') return 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = FunnelEvent.parse(raw);
  const eventType = text(e, 'event.type') ?? 'event';
  const route = routeOf(text(e, 'event.category') ?? '');
  // Elastic's IP pipeline lists only the destination in related.ip (its source check names a field
  // that is never set), so endpoints are related by hand.
  const obs = new ObservablesBuilder(false);

  const endpoint = text(e, 'endpoint.name');
  const request = text(e, 'event.dns.request');
  const response = text(e, 'event.dns.response');
  if (route === 'dns' && response) {
    // The DNS pipeline replaces related.hosts with the question and answer names.
    for (const name of dnsNames(request, response)) {
      if (bareIndicatorIp(name)) obs.host(name);
      else obs.domain(name);
    }
  } else {
    // host.hostname is the endpoint; related.hosts also lists its OS family and endpoint type.
    obs.host(endpoint);
    obs.host(text(e, 'endpoint.os'));
    obs.host(text(e, 'endpoint.type'));
  }

  addUsers(obs, e, route);

  if (route === 'login') {
    const ip = bareIndicatorIp(text(e, 'src.endpoint.ip.address'));
    obs.ip(ip);
    obs.host(ip);
  } else if (route === 'ip') {
    obs.srcIp(bareIndicatorIp(text(e, 'src.ip.address')));
    obs.ip(obs.dstIp(bareIndicatorIp(text(e, 'dst.ip.address'))));
  } else if (route === 'url') {
    obs.url(text(e, 'url.address'));
  }

  for (const key of [
    'src.process.image.sha256',
    'src.process.image.sha1',
    'src.process.image.md5',
    'tgt.file.sha256',
    'tgt.file.sha1',
    'tgt.file.md5',
    'tgt.process.image.sha256',
    'tgt.process.image.sha1',
    'tgt.process.image.md5',
  ]) {
    obs.hash(text(e, key));
  }

  const indicator = text(e, 'indicator.name') ?? text(e, 'tiIndicator.name');
  return parserAlert('sentinel_one_cloud_funnel.event', 'sentinel_one_cloud_funnel.event', obs, {
    title: `SentinelOne ${eventType}${indicator ? `: ${indicator}` : ''}${endpoint ? ` on ${endpoint}` : ''}`,
    severity: severityOf(route),
    observedAt: toIsoTime(e['event.time']),
    ruleId: indicator ?? text(e, 'meta.event.name') ?? eventType,
  });
}

export const sentinelOneCloudFunnelParser: Parser = {
  name: 'sentinel_one_cloud_funnel.event',
  claims: { keys: ['event.type'], text: false },
  detect,
  parse,
};
