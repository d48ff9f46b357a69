// Palo Alto Cortex XDR raw endpoint events (the flat `action_*` / `os_actor_*` / `agent_*` records exported to
// a bucket), mapped as Elastic's `panw_cortex_xdr.event` pipeline maps them: local addresses are sources,
// remote ones destinations, the agent's addresses related; accounts and SIDs kept as written.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

/** A field the exporter writes as one value or as a list of values. */
const Many = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]).nullable())])
  .nullish()
  .catch(undefined)
  .transform((v) =>
    v === null || v === undefined
      ? []
      : (Array.isArray(v) ? v : [v]).flatMap((x) => (x === null ? [] : [String(x)])),
  );

const XdrEvent = z.object({
  event_id: z.string().min(1),
  event_timestamp: Many,
  event_type: Many,
  event_sub_type: Many,
  agent_hostname: Many,
  host_metadata_domain: Many,
  host_metadata_hostname: Many,
  agent_ip_addresses: Many,
  agent_ip_addresses_v6: Many,
  action_local_ip: Many,
  action_remote_ip: Many,
  os_actor_local_ip: Many,
  os_actor_remote_ip: Many,
  action_user_status_sid: Many,
  action_username: Many,
  os_actor_primary_user_sid: Many,
  os_actor_primary_username: Many,
  action_process_user_sid: Many,
  action_process_username: Many,
  action_remote_process_user_sid: Many,
  action_remote_process_username: Many,
  action_file_md5: Many,
  action_file_sha256: Many,
  action_process_image_md5: Many,
  action_process_image_sha256: Many,
  action_remote_process_image_md5: Many,
  action_remote_process_image_sha256: Many,
  os_actor_process_image_md5: Many,
  os_actor_process_image_sha256: Many,
  action_module_md5: Many,
  action_module_sha256: Many,
});
type XdrEvent = z.infer<typeof XdrEvent>;

/** The record as an object: the payload itself, or a JSON line that holds one. */
function objectOf(raw: unknown): unknown {
  if (isObject(raw)) return raw;
  const s = textOf(raw, 262_144)?.trim();
  if (!s?.startsWith('{') || !s.includes('"event_id"') || !s.includes('"event_timestamp"')) return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** An event: `event_id` and `event_timestamp`, an agent or actor field, and no alert or incident id. */
function asEvent(raw: unknown): XdrEvent | null {
  const o = objectOf(raw);
  if (!isObject(o) || !('event_id' in o) || !('event_timestamp' in o)) return null;
  if ('alert_id' in o || 'incident_id' in o) return null;
  if (!(
    'agent_hostname' in o ||
    'agent_id' in o ||
    Object.keys(o).some((k) => /^(?:action|os_actor)_/.test(k))
  ))
    return null;
  const r = XdrEvent.safeParse(o);
  return r.success ? r.data : null;
}

function observablesOf(e: XdrEvent): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  // related.ip in Elastic's order (action local, action remote, agent, actor local, actor remote); source.ip is
  // the local addresses, destination.ip the remote ones.
  const related = [
    ...e.action_local_ip,
    ...e.action_remote_ip,
    ...e.agent_ip_addresses,
    ...e.agent_ip_addresses_v6,
    ...e.os_actor_local_ip,
    ...e.os_actor_remote_ip,
  ];
  for (const v of related) obs.ip(bareIndicatorIp(v));
  for (const v of [...e.action_local_ip, ...e.os_actor_local_ip]) obs.srcIp(bareIndicatorIp(v));
  for (const v of [...e.action_remote_ip, ...e.os_actor_remote_ip]) obs.dstIp(bareIndicatorIp(v));
  // user.name (the action's account, else the actor's), then related.user as Elastic appends it.
  for (const v of [...e.action_username, ...e.os_actor_primary_username].slice(0, 1)) obs.user(v);
  for (const v of [
    ...e.action_process_user_sid,
    ...e.action_process_username,
    ...e.action_remote_process_user_sid,
    ...e.action_remote_process_username,
    ...e.action_user_status_sid,
    ...e.action_username,
    ...e.os_actor_primary_user_sid,
    ...e.os_actor_primary_username,
  ])
    obs.user(v);
  // related.hosts: the agent's host name, the host's domain and short name, then host.name, which the pipeline
  // composes as `hostname.domain` in lower case.
  for (const v of [...e.agent_hostname, ...e.host_metadata_domain, ...e.host_metadata_hostname]) obs.host(v);
  const [short, domain] = [e.host_metadata_hostname[0], e.host_metadata_domain[0]];
  if (short && domain) obs.host(`${short}.${domain}`.toLowerCase());
  for (const v of [
    ...e.action_file_md5,
    ...e.action_file_sha256,
    ...e.action_process_image_md5,
    ...e.action_process_image_sha256,
    ...e.action_module_md5,
    ...e.action_module_sha256,
    ...e.action_remote_process_image_md5,
    ...e.action_remote_process_image_sha256,
    ...e.os_actor_process_image_md5,
    ...e.os_actor_process_image_sha256,
  ])
    obs.hash(v);
  return obs;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = asEvent(raw);
  if (!e) throw new Error('not a Cortex XDR event');
  const what = [e.event_type[0], e.event_sub_type[0]].filter(Boolean).join(' ') || 'event';
  const host = e.agent_hostname[0];
  return parserAlert('panw_cortex_xdr.event', 'panw_cortex_xdr.event', observablesOf(e), {
    title: `Cortex XDR ${what}${host ? ` on ${host}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e.event_timestamp[0]),
    ruleId: e.event_id,
  });
}

export const panwCortexXdrEventParser: Parser = {
  name: 'panw_cortex_xdr.event',
  claims: { keys: ['event_timestamp'], text: false },
  detect: (raw) => asEvent(raw) !== null,
  parse,
};
