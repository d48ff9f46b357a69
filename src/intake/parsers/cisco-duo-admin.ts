// Cisco Duo Admin API logs other than authentication: administrator actions (the acting admin), activity
// (the access device's address and the acting user), telephony (v1 and v2) and Trust Monitor events, mapped
// as Elastic's `cisco_duo` pipelines map them (telephony and Trust Monitor carry no indicators there).
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, isObject, jsonObjectOf, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'cisco_duo.admin';
const Str = OptionalText;

/** `/admin/v1/logs/administrator`. */
const AdminLog = z.object({
  action: z.string(),
  username: Str,
  object: Str,
  description: Str,
  timestamp: z.number(),
  isotimestamp: Str,
});

/** `/admin/v2/logs/activity`. */
const ActivityLog = z.object({
  activity_id: z.string(),
  ts: z.string(),
  action: z.object({ name: Str }).nullish(),
  actor: z.object({ name: Str, type: Str }).nullish(),
  // Elastic reads only `ip.address`; any other spelling of `ip` is kept out rather than rejected.
  access_device: z.object({ ip: z.union([z.object({ address: Str }), z.string()]).nullish() }).nullish(),
  application: z.object({ name: Str }).nullish(),
  target: z.object({ name: Str, type: Str }).nullish(),
  outcome: z.object({ result: Str }).nullish(),
});

/** `/admin/v1/logs/telephony` (v1: `timestamp`) and `/admin/v2/logs/telephony` (v2: `ts`, `telephony_id`). */
const TelephonyLog = z.object({
  context: z.string(),
  type: Str,
  phone: Str,
  credits: z.number().nullish(),
  timestamp: z.number().nullish(),
  ts: Str,
  telephony_id: Str,
});

/** `/admin/v1/trust_monitor/events`. */
const TrustMonitorEvent = z.object({
  sekey: z.string(),
  surfaced_timestamp: z.number(),
  type: Str,
  state: Str,
  priority_event: z.boolean().nullish(),
  explanations: z.array(z.object({ summary: Str, type: Str })).nullish(),
});

type DuoRecord =
  | { stream: 'admin' | 'offline_enrollment'; log: z.infer<typeof AdminLog> }
  | { stream: 'activity'; log: z.infer<typeof ActivityLog> }
  | { stream: 'telephony' | 'telephony_v2'; log: z.infer<typeof TelephonyLog> }
  | { stream: 'trust_monitor'; log: z.infer<typeof TrustMonitorEvent> };

/** The record and its stream, from each stream's distinctive keys; null for any other payload. */
function read(raw: unknown): DuoRecord | null {
  // An auth log (`txid` with `access_device`) belongs to the `cisco_duo.auth` parser.
  if (!isObject(raw) || ('txid' in raw && 'access_device' in raw)) return null;
  if ('activity_id' in raw && 'ts' in raw && 'actor' in raw) {
    const p = ActivityLog.safeParse(raw);
    return p.success ? { stream: 'activity', log: p.data } : null;
  }
  if ('sekey' in raw && 'surfaced_timestamp' in raw) {
    const p = TrustMonitorEvent.safeParse(raw);
    return p.success ? { stream: 'trust_monitor', log: p.data } : null;
  }
  if (
    'context' in raw &&
    'phone' in raw &&
    'credits' in raw &&
    ('timestamp' in raw || 'telephony_id' in raw)
  ) {
    const p = TelephonyLog.safeParse(raw);
    if (!p.success) return null;
    return {
      stream: p.data.telephony_id != null || p.data.ts != null ? 'telephony_v2' : 'telephony',
      log: p.data,
    };
  }
  if (
    'action' in raw &&
    'username' in raw &&
    'timestamp' in raw &&
    ('object' in raw || 'isotimestamp' in raw)
  ) {
    const p = AdminLog.safeParse(raw);
    if (!p.success) return null;
    // Duo Authentication for Windows Logon's offline enrollment events (`o2fa_…`) have a stream of their own.
    return { stream: p.data.action.startsWith('o2fa_') ? 'offline_enrollment' : 'admin', log: p.data };
  }
  return null;
}

/** The `hostname` in an offline enrollment's JSON description. */
function enrolledHost(description: string | null | undefined): string | undefined {
  const d = jsonObjectOf(description, () => true);
  return d && 'hostname' in d && typeof d.hostname === 'string' ? d.hostname : undefined;
}

const ADMIN_FAILURES = new Set([
  'ad_sync_failed',
  'admin_2fa_error',
  'admin_login_error',
  'azure_sync_fail',
  'openldap_sync_failed',
  'adminapi_request_ip_denied',
]);

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a Cisco Duo admin, activity, telephony or Trust Monitor record');
  const obs = new ObservablesBuilder();
  const format = `cisco_duo.${r.stream}`;
  switch (r.stream) {
    case 'admin':
    case 'offline_enrollment': {
      const l = r.log;
      obs.user(l.username);
      // An offline enrollment's description is JSON naming the Windows machine enrolled.
      if (r.stream === 'offline_enrollment') obs.host(enrolledHost(l.description));
      return parserAlert(NAME, format, obs, {
        title: `Duo administrator action ${l.action}${l.username ? ` by ${l.username}` : ''}${l.object ? ` on ${l.object}` : ''}`,
        severity: ADMIN_FAILURES.has(l.action) ? 'medium' : 'info',
        observedAt: toIsoTime(l.timestamp) ?? toIsoTime(l.isotimestamp),
        ruleId: l.action,
      });
    }
    case 'activity': {
      const l = r.log;
      const ip = l.access_device?.ip;
      obs.srcIp(typeof ip === 'object' ? indicatorIp(ip?.address) : null);
      if (l.actor?.type === 'user') obs.user(l.actor.name);
      const action = l.action?.name ?? 'activity';
      const result = l.outcome?.result?.toLowerCase();
      return parserAlert(NAME, format, obs, {
        title: `Duo activity ${action}${result ? ` ${result}` : ''}${l.actor?.name ? ` by ${l.actor.name}` : ''}${l.application?.name ? ` in ${l.application.name}` : ''}`,
        severity: result === 'failure' ? 'low' : 'info',
        observedAt: toIsoTime(l.ts),
        ruleId: action,
      });
    }
    case 'telephony':
    case 'telephony_v2': {
      const l = r.log;
      return parserAlert(NAME, format, obs, {
        title: `Duo telephony ${l.type ?? 'event'} for ${l.context}${l.credits != null ? ` (${l.credits} credits)` : ''}`,
        severity: 'info',
        observedAt: toIsoTime(l.ts ?? l.timestamp ?? null),
        ruleId: `${l.context}:${l.type ?? 'unknown'}`,
      });
    }
    case 'trust_monitor': {
      const l = r.log;
      const summary = l.explanations?.find((e) => e.summary)?.summary;
      const severity: Severity = l.priority_event ? 'high' : 'medium';
      return parserAlert(NAME, format, obs, {
        title: `Duo Trust Monitor ${l.type ?? 'event'}${summary ? `: ${summary}` : ''}`,
        severity,
        observedAt: toIsoTime(l.surfaced_timestamp),
        ruleId: l.type ?? l.sekey,
      });
    }
  }
}

export const ciscoDuoAdminParser: Parser = {
  name: NAME,
  claims: { keys: ['activity_id', 'sekey', 'context', 'action'], text: false },
  detect: detectorOf(read),
  parse,
};
