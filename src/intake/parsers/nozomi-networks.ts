// Nozomi Networks Vantage/Guardian API records (alerts, audit entries, sessions, nodes, assets, variables, node
// CVEs and appliance health notices), read as Elastic's `nozomi_networks` pipelines map them: addresses, appliance hosts and labels, users.
import { z } from 'zod';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, type RecordFacts, TextField } from './common.js';
import type { Parser } from './parser.js';

const Texts = z
  .array(z.unknown())
  .nullish()
  .catch(undefined)
  .transform((v) => (v ?? []).filter((s): s is string => typeof s === 'string' && s !== ''));
const Time = z.union([z.number(), z.string()]).nullish().catch(undefined);

const Alert = z.object({
  id: TextField,
  name: TextField,
  type_id: TextField,
  type_name: TextField,
  description: TextField,
  severity: z.union([z.number(), z.string()]).nullish().catch(undefined),
  trigger_id: TextField,
  is_security: z.boolean().nullish().catch(undefined),
  appliance_host: TextField,
  appliance_ip: TextField,
  ip_src: TextField,
  ip_dst: TextField,
  label_src: TextField,
  label_dst: TextField,
  time: Time,
  record_created_at: Time,
  created_time: Time,
});
type Alert = z.infer<typeof Alert>;

const Audit = z.object({
  id: TextField,
  name: TextField,
  event: TextField,
  action: TextField,
  controller: z.string(),
  username: TextField,
  /** A CMC's replicated audit record names the user here. */
  user: TextField,
  ip_address: TextField,
  appliance_ip: TextField,
  time: Time,
  record_created_at: Time,
});
type Audit = z.infer<typeof Audit>;

const Session = z.object({
  id: TextField,
  from: TextField,
  to: TextField,
  protocol: TextField,
  status: TextField,
  last_activity_time: Time,
  first_activity_time: Time,
});
type Session = z.infer<typeof Session>;

const Node = z.object({
  id: TextField,
  ip: TextField,
  label: TextField,
  type: TextField,
  os: TextField,
  appliance_host: TextField,
  record_created_at: Time,
  last_activity_time: Time,
});
type Node = z.infer<typeof Node>;

const Asset = z.object({
  id: TextField,
  name: TextField,
  type: TextField,
  ip: Texts,
  appliance_hosts: Texts,
  created_at: Time,
  record_created_at: Time,
});
type Asset = z.infer<typeof Asset>;

const Variable = z.object({
  id: TextField,
  name: TextField,
  label: TextField,
  host: TextField,
  host_label: TextField,
  last_client: TextField,
  record_created_at: Time,
  last_update_time: Time,
});
type Variable = z.infer<typeof Variable>;

const NodeCve = z.object({
  id: TextField,
  cve: z.string(),
  name: TextField,
  cve_summary: TextField,
  cve_score: z.union([z.number(), z.string()]).nullish().catch(undefined),
  appliance_host: TextField,
  appliance_ip: TextField,
  nodes: Texts,
  node_id: TextField,
  record_created_at: Time,
  time: Time,
});
type NodeCve = z.infer<typeof NodeCve>;

const Health = z.object({
  id: TextField,
  info: z.object({ description: TextField }).passthrough(),
  sensor_host: TextField,
  sensor_id: TextField,
  appliance_host: TextField,
  appliance_id: TextField,
  appliance_ip: TextField,
  sensor_appliance_type: TextField,
  time: Time,
  record_created_at: Time,
});
type Health = z.infer<typeof Health>;

type NozomiRecord =
  | { kind: 'alert'; r: Alert }
  | { kind: 'audit'; r: Audit }
  | { kind: 'session'; r: Session }
  | { kind: 'node'; r: Node }
  | { kind: 'asset'; r: Asset }
  | { kind: 'variable'; r: Variable }
  | { kind: 'node_cve'; r: NodeCve }
  | { kind: 'health'; r: Health };

const has = (o: object, ...keys: string[]): boolean => keys.every((k) => k in o);

/** The record's stream, from the key sets only Nozomi's API writes together; null for anything else. */
function read(raw: unknown): NozomiRecord | null {
  if (!isObject(raw)) return null;
  const parse = <T>(schema: z.ZodType<T>): T | null => {
    const r = schema.safeParse(raw);
    return r.success ? r.data : null;
  };
  if (
    has(raw, 'type_id') &&
    ('ip_src' in raw || 'id_src' in raw) &&
    ('appliance_host' in raw || 'is_security' in raw || 'bpf_filter' in raw)
  ) {
    const r = parse(Alert);
    return r && { kind: 'alert', r };
  }
  if (
    has(raw, 'controller', 'ip_address') &&
    ('username' in raw || 'user' in raw) &&
    ('browser' in raw || 'record_created_at' in raw || 'appliance_id' in raw || 'appliance_host' in raw)
  ) {
    const r = parse(Audit);
    return r && { kind: 'audit', r };
  }
  if (has(raw, 'from', 'to', 'from_zone', 'to_zone') && ('transferred' in raw || 'key' in raw)) {
    const r = parse(Session);
    return r && { kind: 'session', r };
  }
  if (has(raw, 'cve', 'cve_score') && ('node_id' in raw || 'nodes' in raw)) {
    const r = parse(NodeCve);
    return r && { kind: 'node_cve', r };
  }
  if (has(raw, 'host', 'host_label', 'namespace') && ('last_client' in raw || 'last_value' in raw)) {
    const r = parse(Variable);
    return r && { kind: 'variable', r };
  }
  if (
    'sensor_appliance_type' in raw &&
    'info' in raw &&
    isObject(raw.info) &&
    ('sensor_host' in raw || 'appliance_host' in raw || 'sensor_id' in raw || 'appliance_id' in raw)
  ) {
    const r = parse(Health);
    return r && { kind: 'health', r };
  }
  // Assets list their addresses; nodes (Guardian or CMC) carry one address as text.
  if ('ip' in raw && Array.isArray(raw.ip) && 'appliance_hosts' in raw) {
    const r = parse(Asset);
    return r && { kind: 'asset', r };
  }
  if (
    'ip' in raw &&
    typeof raw.ip === 'string' &&
    'mac_address' in raw &&
    ('is_learned' in raw || 'zone' in raw || 'links_count' in raw)
  ) {
    const r = parse(Node);
    return r && { kind: 'node', r };
  }
  return null;
}

/** `user@example.org`, alone or before more (`via APIkey …`), as Elastic's grok reads it; null otherwise. */
function auditEmail(username: string | undefined): { name: string; email: string } | null {
  const m =
    /^(([\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*)@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?: |$)/.exec(
      username ?? '',
    );
  return m?.[1] && m[2] ? { name: m[2], email: m[1] } : null;
}

type Facts = RecordFacts;

function alertOf(r: Alert, obs: ObservablesBuilder): Facts {
  obs.ip(bareIndicatorIp(r.appliance_ip));
  obs.dstIp(bareIndicatorIp(r.ip_dst));
  obs.srcIp(bareIndicatorIp(r.ip_src));
  obs.host(r.appliance_host);
  obs.host(r.label_dst);
  obs.host(r.label_src);
  const severity = mapSeverity(typeof r.severity === 'number' ? r.severity : Number(r.severity));
  return {
    title: `Nozomi Networks: ${r.name ?? r.type_name ?? r.type_id ?? 'alert'}`,
    severity: severity ?? (r.is_security ? 'medium' : 'low'),
    observedAt: toIsoTime(r.time) ?? toIsoTime(r.record_created_at) ?? toIsoTime(r.created_time),
    ruleId: r.trigger_id ?? r.type_id ?? null,
  };
}

function auditOf(r: Audit, obs: ObservablesBuilder): Facts {
  // A forwarded request lists the addresses it came through: the first is the client.
  const [client, ...hops] = (r.ip_address ?? '').split(/\s*,\s*/);
  obs.srcIp(bareIndicatorIp(client));
  for (const hop of hops) obs.ip(bareIndicatorIp(hop));
  obs.ip(bareIndicatorIp(r.appliance_ip));
  const who = auditEmail(r.username ?? r.user);
  if (who) {
    obs.user(who.name);
    obs.user(who.email);
    obs.email(who.email);
  }
  return {
    title: `Nozomi Networks audit: ${r.event ?? r.name ?? r.action ?? r.controller}`,
    severity: 'info',
    observedAt: toIsoTime(r.time) ?? toIsoTime(r.record_created_at),
    ruleId: r.action ? `${r.controller}:${r.action}` : r.controller,
  };
}

function sessionOf(r: Session, obs: ObservablesBuilder): Facts {
  obs.srcIp(bareIndicatorIp(r.from));
  obs.dstIp(bareIndicatorIp(r.to));
  return {
    title: `Nozomi Networks session: ${r.protocol ?? ''} ${r.from ?? '?'} -> ${r.to ?? '?'}`.replace(
      /  +/,
      ' ',
    ),
    severity: 'info',
    observedAt: toIsoTime(r.last_activity_time) ?? toIsoTime(r.first_activity_time),
    ruleId: r.protocol ?? null,
  };
}

function nodeOf(r: Node, obs: ObservablesBuilder): Facts {
  obs.srcIp(bareIndicatorIp(r.ip));
  obs.host(r.appliance_host);
  // Elastic also appends the node's operating system to related.hosts; an OS is no host, and as one it
  // would link every case about a Windows 10 machine, so it stays out.
  return {
    title: `Nozomi Networks node: ${r.label ?? r.ip ?? r.id ?? ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.record_created_at) ?? toIsoTime(r.last_activity_time),
    ruleId: r.type ?? null,
  };
}

function assetOf(r: Asset, obs: ObservablesBuilder): Facts {
  for (const ip of r.ip) obs.ip(bareIndicatorIp(ip));
  for (const h of r.appliance_hosts) obs.host(h);
  return {
    title: `Nozomi Networks asset: ${r.name ?? r.id ?? ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.created_at) ?? toIsoTime(r.record_created_at),
    ruleId: r.type ?? null,
  };
}

/** A value Elastic's `convert` to `ip` accepts goes to related.ip (never the unspecified address), any other to related.hosts. */
function ipOrHost(obs: ObservablesBuilder, value: string | undefined, asSource = false): void {
  if (value === undefined) return;
  if (canonicalIp(value.trim()) === null) obs.host(value);
  else if (asSource) obs.srcIp(bareIndicatorIp(value));
  else obs.ip(bareIndicatorIp(value));
}

function variableOf(r: Variable, obs: ObservablesBuilder): Facts {
  obs.host(r.host_label);
  ipOrHost(obs, r.host);
  ipOrHost(obs, r.last_client, true);
  return {
    title: `Nozomi Networks variable: ${r.label ?? r.name ?? r.id ?? ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.record_created_at) ?? toIsoTime(r.last_update_time),
    ruleId: r.name ?? null,
  };
}

function nodeCveOf(r: NodeCve, obs: ObservablesBuilder): Facts {
  obs.ip(bareIndicatorIp(r.appliance_ip));
  obs.host(r.appliance_host);
  for (const n of r.nodes) ipOrHost(obs, n);
  const score = typeof r.cve_score === 'number' ? r.cve_score : Number(r.cve_score);
  return {
    title: `Nozomi Networks vulnerability: ${r.cve}${r.name ? ` (${r.name})` : ''}`,
    severity: mapSeverity(Number.isFinite(score) ? score : null) ?? 'medium',
    observedAt: toIsoTime(r.record_created_at) ?? toIsoTime(r.time),
    ruleId: r.cve,
  };
}

/** A health notice names its appliance: host name then id are related hosts, its address a related address. */
function healthOf(r: Health, obs: ObservablesBuilder): Facts {
  obs.ip(bareIndicatorIp(r.appliance_ip));
  const host = r.sensor_host ?? r.appliance_host;
  obs.host(host);
  obs.host(r.sensor_id ?? r.appliance_id);
  const description = r.info.description?.split('\n')[0]?.slice(0, 200);
  return {
    title: `Nozomi Networks health${host ? ` (${host})` : ''}: ${description ?? r.id ?? ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.record_created_at) ?? toIsoTime(r.time),
    ruleId: r.sensor_appliance_type ?? null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Nozomi Networks record');
  const obs = new ObservablesBuilder();
  let facts: Facts;
  switch (rec.kind) {
    case 'alert':
      facts = alertOf(rec.r, obs);
      break;
    case 'audit':
      facts = auditOf(rec.r, obs);
      break;
    case 'session':
      facts = sessionOf(rec.r, obs);
      break;
    case 'node':
      facts = nodeOf(rec.r, obs);
      break;
    case 'asset':
      facts = assetOf(rec.r, obs);
      break;
    case 'variable':
      facts = variableOf(rec.r, obs);
      break;
    case 'node_cve':
      facts = nodeCveOf(rec.r, obs);
      break;
    case 'health':
      facts = healthOf(rec.r, obs);
      break;
  }
  return parserAlert('nozomi_networks', `nozomi_networks.${rec.kind}`, obs, facts);
}

export const nozomiNetworksParser: Parser = {
  name: 'nozomi_networks',
  claims: {
    keys: [
      'type_id',
      'controller',
      'from_zone',
      'cve_score',
      'host_label',
      'sensor_appliance_type',
      'appliance_hosts',
      'mac_address',
    ],
    text: false,
  },
  detect: detectorOf(read),
  parse,
};
