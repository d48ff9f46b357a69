// Palo Alto Cortex XDR API records: incidents and alerts (v1 with `events`, v2 with flat list fields), mapped
// as Elastic's `panw_cortex_xdr` pipelines map them: incident hosts without their agent id, users without
// their domain; an alert's host name (lower-cased), user and local/remote addresses (no related.ip).
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { canonicalIp } from '../ip.js';
import { bareIndicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Id = z.union([z.string(), z.number()]);
const Time = z.union([z.number(), z.string()]).nullish();
const Names = z.array(z.string().nullable()).nullish();

const Incident = z.object({
  incident_id: Id,
  incident_name: Str,
  description: Str,
  severity: Str,
  creation_time: Time,
  modification_time: Time,
  hosts: Names,
  users: Names,
});

/** v1 alerts carry one value per field; v2 alerts carry lists. */
const OneOrMany = z.union([z.string(), z.array(z.string().nullable())]).nullish();

const Actions = {
  action_local_ip: OneOrMany,
  action_local_ip_v6: OneOrMany,
  action_remote_ip: OneOrMany,
  action_remote_ip_v6: OneOrMany,
  user_name: OneOrMany,
};

const AlertEvent = z.object({ ...Actions, event_timestamp: Time });
type AlertEvent = z.infer<typeof AlertEvent>;

const XdrAlert = z.object({
  alert_id: Id,
  external_id: Str,
  name: Str,
  description: z.unknown().optional(),
  severity: Str,
  detection_timestamp: Time,
  agent_fqdn: Str,
  host_name: Str,
  events: z.union([AlertEvent, z.array(AlertEvent)]).nullish(),
  ...Actions,
});

type Kind = 'incident' | 'alert';

/** Incidents carry `incident_id` with the incident counters; alerts `alert_id` with `events` and a host. */
function kindOf(raw: object): Kind | null {
  if ('incident_id' in raw) {
    return 'alert_count' in raw && ('hosts' in raw || 'incident_sources' in raw) ? 'incident' : null;
  }
  if ('alert_id' in raw && 'events' in raw && ('host_ip' in raw || 'endpoint_id' in raw)) return 'alert';
  return null;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const kind = kindOf(raw);
  if (kind === null) return false;
  return (kind === 'incident' ? Incident : XdrAlert).safeParse(raw).success;
}

/** `DOMAIN\name` → `name`, as the incidents pipeline's gsub `.*\\` strips up to the last backslash. */
const withoutDomain = (user: string): string => user.replace(/^.*\\/, '');

/** The alert user as the alerts pipeline's grok reads it: `DOMAIN\name`, `name@domain` or `name`. */
function alertUser(user: string): string {
  // The grok `^.*?\\\\?(.*)$` read with `indexOf`: after the first backslash (and a second one), when the value is
  // one line. As a regex, every backslash of a long hostile value was retried to its end (quadratic time).
  const slash = user.indexOf('\\');
  if (slash >= 0 && !/[\n\r\u2028\u2029]/.test(user))
    return user.slice(user[slash + 1] === '\\' ? slash + 2 : slash + 1);
  const at = user.indexOf('@');
  return at >= 0 ? user.slice(0, at) : user;
}

const listOf = (v: string | (string | null)[] | null | undefined): string[] =>
  v === null || v === undefined ? [] : [v].flat().filter((x): x is string => typeof x === 'string');

/**
 * The addresses of one address field as the pipelines convert it to `ip`: every value, or none when one of them is
 * not an address (the convert fails and its on_failure drops the whole field).
 */
function addressesOf(v: string | (string | null)[] | null | undefined): string[] {
  const ips = listOf(v).map((x) => canonicalIp(x.trim()));
  return ips.every((ip) => ip !== null) ? (ips as string[]) : [];
}

/**
 * Source and destination addresses and the first user of one v1 event (values as text or lists) or of a v2 alert,
 * whose pipeline reads these fields only as lists (`v2Lists`).
 */
function addActions(obs: ObservablesBuilder, a: AlertEvent, v2Lists = false): void {
  const usable = (v: string | (string | null)[] | null | undefined) =>
    !v2Lists || Array.isArray(v) ? v : null;
  for (const ip of [...addressesOf(usable(a.action_local_ip)), ...addressesOf(usable(a.action_local_ip_v6))])
    obs.srcIp(bareIndicatorIp(ip));
  for (const ip of [
    ...addressesOf(usable(a.action_remote_ip)),
    ...addressesOf(usable(a.action_remote_ip_v6)),
  ])
    obs.dstIp(bareIndicatorIp(ip));
  // The pipelines read only the first user of a list (`user_name.0`).
  const user = listOf(usable(a.user_name))[0];
  if (user) obs.user(alertUser(user));
}

function parseIncident(raw: unknown): ReturnType<Parser['parse']> {
  const r = Incident.parse(raw);
  const obs = new ObservablesBuilder(false);
  // `name:agent-id` pairs; the pipeline keeps what precedes the first colon.
  for (const host of r.hosts ?? []) if (host) obs.host(host.replace(/:.*$/s, ''));
  for (const user of r.users ?? []) if (user) obs.user(withoutDomain(user));
  return parserAlert('panw_cortex_xdr', 'panw_cortex_xdr.incidents', obs, {
    title: r.description || r.incident_name || `Cortex XDR incident ${r.incident_id}`,
    severity: mapSeverity(r.severity),
    observedAt: toIsoTime(r.modification_time ?? r.creation_time),
    ruleId: String(r.incident_id),
  });
}

function parseAlert(raw: unknown): ReturnType<Parser['parse']> {
  const r = XdrAlert.parse(raw);
  const obs = new ObservablesBuilder(false);
  const events = r.events === null || r.events === undefined ? [] : [r.events].flat();
  const host = r.agent_fqdn || r.host_name;
  if (host) obs.host(host.toLowerCase());
  for (const e of events) addActions(obs, e);
  addActions(obs, { ...r, event_timestamp: null }, true);
  const description = typeof r.description === 'string' ? r.description : null;
  return parserAlert('panw_cortex_xdr', 'panw_cortex_xdr.alerts', obs, {
    title: r.name || description || `Cortex XDR alert ${r.alert_id}`,
    severity: mapSeverity(r.severity),
    observedAt: toIsoTime(r.detection_timestamp ?? events[0]?.event_timestamp),
    ruleId: String(r.alert_id),
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const kind = isObject(raw) ? kindOf(raw) : null;
  if (kind === 'incident') return parseIncident(raw);
  if (kind === 'alert') return parseAlert(raw);
  throw new Error('not a Cortex XDR incident or alert');
}

export const cortexXdrParser: Parser = {
  name: 'panw_cortex_xdr',
  claims: { keys: ['incident_id', 'alert_id'], text: false },
  detect,
  parse,
};
