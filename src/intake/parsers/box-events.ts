// Box events API records (`{"type": "event", "event_id", "event_type", "created_by", "source", ...}`),
// including Box Shield alerts: the client and alert addresses and the item's and alerted user's ids,
// logins and names, as Elastic's `box_events` pipeline maps them to `related.ip` and `related.user`.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Str = z.string().nullish().catch(undefined);

const BoxUser = z
  .object({ id: TextField, login: TextField, name: TextField, type: Str })
  .nullish()
  .catch(undefined);
type BoxUser = z.infer<typeof BoxUser>;
const IpInfo = z.object({ ip_info: z.object({ ip: Str }).nullish() }).catch({});
const Activities = z.array(IpInfo).nullish().catch(undefined);

const ShieldAlert = z.object({
  rule_category: Str,
  rule_id: TextField,
  rule_name: Str,
  risk_score: z.union([z.number(), z.string()]).nullish().catch(undefined),
  priority: Str,
  user: z.object({ id: TextField, name: TextField, email: TextField }).nullish().catch(undefined),
  alert_summary: z
    .object({
      description: Str,
      sessions: z
        .array(z.object({ session_type: Str, activities: Activities }).catch({}))
        .nullish()
        .catch(undefined),
      alert_activities: Activities,
      download_ips: z
        .array(z.object({ ip: Str }).catch({}))
        .nullish()
        .catch(undefined),
      upload_activity: z
        .object({ ip_info: z.object({ ip: Str }).nullish(), occurred_at: Str })
        .nullish()
        .catch(undefined),
    })
    .nullish()
    .catch(undefined),
  malware_info: z.object({ malware_name: Str }).catchall(z.unknown()).nullish().catch(undefined),
});
type ShieldAlert = z.infer<typeof ShieldAlert>;

const BoxEvent = z.object({
  type: z.literal('event'),
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  created_at: Str,
  recorded_at: Str,
  ip_address: Str,
  created_by: BoxUser,
  accessible_by: BoxUser,
  source: z
    .object({
      type: Str,
      name: Str,
      created_by: BoxUser,
      modified_by: BoxUser,
      owned_by: BoxUser,
      file_version: z.object({ sha1: Str }).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
  additional_details: z
    .object({ shield_alert: ShieldAlert.nullish() })
    .catchall(z.unknown())
    .nullish()
    .catch(undefined),
});
type BoxEvent = z.infer<typeof BoxEvent>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('type' in raw && 'event_id' in raw && 'event_type' in raw && 'created_by' in raw)) {
    return false;
  }
  return raw.type === 'event' && BoxEvent.safeParse(raw).success;
}

/** The alert addresses Elastic's Shield scripts add to related.ip, per rule category, in its order. */
function shieldIps(alert: ShieldAlert): (string | null | undefined)[] {
  const summary = alert.alert_summary;
  switch (alert.rule_category) {
    case 'Suspicious Sessions':
      return (summary?.sessions ?? [])
        .filter((s) => s.session_type === 'suspicious')
        .flatMap((s) => (s.activities ?? []).map((a) => a.ip_info?.ip));
    case 'Suspicious Locations':
      return (summary?.alert_activities ?? []).map((a) => a.ip_info?.ip);
    case 'Anomalous Download':
      return (summary?.download_ips ?? []).map((d) => d.ip);
    case 'Malicious Content':
      // The upload address counts only when Box also sent the malware details.
      return alert.malware_info ? [summary?.upload_activity?.ip_info?.ip] : [];
    default:
      return [];
  }
}

/** Events worth more than an info-level note when Shield gives no priority. */
const SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  SHIELD_ALERT: 'medium',
  FILE_MARKED_MALICIOUS: 'high',
  FAILED_LOGIN: 'low',
  DEVICE_TRUST_CHECK_FAILED: 'low',
  CONTENT_WORKFLOW_ABNORMAL_DOWNLOAD_ACTIVITY: 'medium',
  CONTENT_WORKFLOW_SHARING_POLICY_VIOLATION: 'low',
  CONTENT_WORKFLOW_UPLOAD_POLICY_VIOLATION: 'low',
});

/**
 * A user object that names a real account. Elastic's current pipeline relates any `type: user` actor; the
 * anonymous placeholder Box sends with Shield alerts ("Unknown User", empty login) is left out, as older
 * versions of the pipeline did, because it is no indicator.
 */
function realUser(u: BoxUser): BoxUser {
  return u && (u.type === undefined || u.type === null || u.type === 'user') && u.login ? u : undefined;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e: BoxEvent = BoxEvent.parse(raw);
  const alert = e.additional_details?.shield_alert ?? undefined;
  const obs = new ObservablesBuilder();
  // related.ip: the Shield alert's addresses, then the client address (client.ip, not source.ip).
  for (const ip of alert ? shieldIps(alert) : []) obs.ip(bareIndicatorIp(ip) ?? undefined);
  obs.ip(bareIndicatorIp(e.ip_address) ?? undefined);
  // The actor (user.name is its login's local part; e-mail and display name are related), then the
  // collaborator it granted access to, then the item's creator, modifier and owner, then the alerted user.
  const actor = realUser(e.created_by);
  const parts = actor?.login?.split('@') ?? [];
  if (parts.length === 2 && parts[0] && (actor?.login?.length ?? 0) > 2) obs.user(parts[0]);
  obs.user(actor?.login);
  obs.user(actor?.name);
  obs.email(actor?.login);
  const target = realUser(e.accessible_by);
  obs.user(target?.login);
  obs.user(target?.name);
  for (const u of [e.source?.created_by, e.source?.modified_by, e.source?.owned_by]) {
    obs.user(u?.id);
    obs.user(u?.login);
    obs.user(u?.name);
  }
  obs.user(alert?.user?.email);
  obs.user(alert?.user?.id);
  obs.user(alert?.user?.name);
  obs.email(alert?.user?.email);
  obs.hash(e.source?.file_version?.sha1 ?? undefined);
  const item = e.source?.name;
  const by = e.created_by?.login ?? e.created_by?.name;
  return parserAlert('box_events.events', 'box_events.events', obs, {
    title: alert?.rule_name
      ? `Box Shield: ${alert.rule_name}${alert.rule_category ? ` (${alert.rule_category})` : ''}`
      : `Box ${e.event_type}${item ? ` on ${item}` : ''}${by ? ` by ${by}` : ''}`,
    severity:
      mapSeverity(alert?.priority) ??
      mapSeverity(alert?.risk_score, 'hundred') ??
      SEVERITY[e.event_type] ??
      'info',
    observedAt: toIsoTime(e.created_at ?? e.recorded_at),
    ruleId: alert?.rule_id ?? e.event_type,
  });
}

export const boxEventsParser: Parser = {
  name: 'box_events.events',
  claims: { keys: ['event_id'], text: false },
  detect,
  parse,
};
