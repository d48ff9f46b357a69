// Bitdefender GravityZone Event Push Service notifications (JSON-RPC `addEvents` batches, `{events: […]}`
// batches, single events bare, under `event`/`json`, or behind a syslog header), mapped as Elastic's
// `bitdefender.push_notifications` pipeline maps them; a batch becomes one alert with every event's indicators.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const NAME = 'bitdefender';
const FORMAT = 'bitdefender.push_notifications';
/** At most this many events of one batch are read. */
const MAX_EVENTS = 200;

/** A text field; a value of another type reads as absent rather than failing the event. */
const Str = z.string().nullish().catch(null);
/** A field GravityZone writes as a string or a number (scores, statuses, epoch times). */
const Scalar = z.union([z.string(), z.number()]).nullish().catch(null);

/** One push event; only the fields Vigil reads are named. */
const PushEvent = z.object({
  module: z.string().min(1),
  computer_name: Str,
  computerName: Str,
  host_name: Str,
  serverName: Str,
  computer_ip: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .catch(null),
  computerIp: Str,
  source_ip: Str,
  attack_source: Str,
  victim_ip: Str,
  user: z.object({ userName: Str, name: Str }).nullish().catch(null),
  username: Str,
  detection_username: Str,
  url: Str,
  hash: Str,
  file_hash: Str,
  file_hash_sha256: Str,
  file_hash_md5: Str,
  sender: Str,
  recipients: z.array(z.string()).nullish().catch(null),
  severity: Str,
  severity_score: Scalar,
  severityScore: Scalar,
  status: Scalar,
  final_status: Str,
  malware_name: Str,
  malwareName: Str,
  malware: z
    .array(z.object({ malwareName: Str }).catch({ malwareName: null }))
    .nullish()
    .catch(null),
  detection_name: Str,
  detection_threatName: Str,
  detection_exploitTechnique: Str,
  exploit_type: Str,
  threatType: Str,
  attack_type: Str,
  aph_type: Str,
  block_type: Str,
  blocking_rule_name: Str,
  taskName: Str,
  timestamp: Scalar,
  detection_time: Scalar,
  detectionTime: Scalar,
  detected_on: Scalar,
  last_blocked: Scalar,
  date: Scalar,
  created: Scalar,
  startDate: Scalar,
  lastAdReportDate: Scalar,
});
type PushEvent = z.infer<typeof PushEvent>;

/** A module name as GravityZone spells them (`av`, `network-sandboxing`, `supa-update-status`). */
const MODULE = /^[a-z][a-z0-9_-]{1,48}$/i;
/** Keys every GravityZone event carries one of besides `module` (company, endpoint or product). */
const MARKERS = ['companyId', 'computer_id', 'endpointId', 'product_installed', 'computerName', 'syncerId'];

/** What Elastic's pipeline calls each module (`event.provider`) and whether it makes the event an alert. */
const MODULES: Readonly<Record<string, readonly [string, 'alert' | 'event']>> = lookupTable({
  adcloud: ['Cloud AD Integration', 'event'],
  aph: ['Antiphishing', 'alert'],
  av: ['Antimalware', 'alert'],
  avc: ['Advanced Threat Control', 'alert'],
  dp: ['Data Protection', 'event'],
  'exchange-malware': ['Exchange Malware Detection', 'alert'],
  'exchange-organization-info': ['Exchange License Usage Limit Has Been Reached', 'alert'],
  'exchange-user-credentials': ['Exchange User Credentials', 'alert'],
  fw: ['Firewall', 'event'],
  hd: ['Hyper Detect Event', 'alert'],
  modules: ['Product Modules Status', 'event'],
  'network-sandboxing': ['Sandbox Analyzer Detection', 'alert'],
  registration: ['Product Registration', 'event'],
  'supa-update-status': ['Outdated Update Server', 'event'],
  'sva-load': ['Overloaded Security Server', 'alert'],
  sva: ['Security Server Status', 'event'],
  antiexploit: ['Antiexploit', 'alert'],
  'network-monitor': ['Network Attack Defense', 'alert'],
  'task-status': ['Task Status', 'event'],
  uc: ['User Control/Content Control', 'event'],
  'storage-antimalware': ['Storage Antimalware Event', 'alert'],
  install: ['Install Agent', 'event'],
  uninstall: ['Uninstall Agent', 'event'],
  'hwid-change': ['Hardware ID Change', 'event'],
  'endpoint-moved-in': ['Endpoint Moved In', 'event'],
  'endpoint-moved-out': ['Endpoint Moved Out', 'event'],
  'troubleshooting-activity': ['Troubleshooting Activity', 'event'],
  'device-control': ['Device Control', 'event'],
  'ransomware-mitigation': ['Ransomware Activity', 'alert'],
  'new-incident': ['New Incident', 'alert'],
  'security-container-update-available': ['Security Container Update Available', 'event'],
});

function get(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? Reflect.get(o, key) : undefined;
}

/** True for one GravityZone event: a module name and a company, endpoint or product key. */
function isPushEvent(v: unknown): v is object {
  if (!isObject(v)) return false;
  const module = get(v, 'module');
  return typeof module === 'string' && MODULE.test(module) && MARKERS.some((k) => get(v, k) !== undefined);
}

/** The JSON object a payload holds: the object itself, a JSON text, or a syslog line whose message is one. */
function objectOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const s = textOf(raw)?.trim();
  if (!s || !s.includes('"module"')) return null;
  const json = s.startsWith('{') ? s : parseSyslog(s)?.message.trim();
  if (!json?.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v;
  } catch {
    return null;
  }
}

/** The events a payload carries, in order; null when it is not a GravityZone payload. */
function eventsOf(raw: unknown): unknown[] | null {
  let o = objectOf(raw);
  // Elastic's HTTP endpoint input keeps the body under `json`; its JSON-RPC program puts one event under `event`.
  if (isObject(o) && !isPushEvent(o) && isObject(get(o, 'json'))) o = get(o, 'json');
  if (Array.isArray(o)) return o.length > 0 && isPushEvent(o[0]) ? o.slice(0, MAX_EVENTS) : null;
  if (!isObject(o)) return null;
  if (isPushEvent(o)) return [o];
  const event = get(o, 'event');
  if (isPushEvent(event)) return [event];
  const params = get(o, 'params');
  const list = get(o, 'jsonrpc') !== undefined && isObject(params) ? get(params, 'events') : get(o, 'events');
  if (!Array.isArray(list) || list.length === 0 || !isPushEvent(list[0])) return null;
  return list.slice(0, MAX_EVENTS);
}

function detect(raw: unknown): boolean {
  try {
    return eventsOf(raw) !== null;
  } catch {
    return false;
  }
}

/** `user.name` as the pipeline's grok reads an account: `DOM\name@dom`, `name@dom`, `DOM\name`, or whole. */
function grokUser(value: string): string {
  // The grok's alternatives, read on the first line with indexOf: as one pattern, a long hostile line of
  // backslashes was scanned to its end from each of them (quadratic time).
  const newline = value.indexOf('\n');
  const line = newline < 0 ? value : value.slice(0, newline);
  const slash = line.indexOf('\\');
  const atAfterSlash = slash < 0 ? -1 : line.indexOf('@', slash + 1);
  if (atAfterSlash >= 0) return line.slice(slash + 1, atAfterSlash);
  const at = line.indexOf('@');
  if (at >= 0) return line.slice(0, at);
  return slash >= 0 ? line.slice(slash + 1) : value;
}

/** Hosts, addresses, users, hashes and the URL of one event, in the order Elastic's pipeline lists them. */
function addIndicators(obs: ObservablesBuilder, e: PushEvent): void {
  for (const name of [e.computer_name, e.computerName, e.host_name, e.serverName]) obs.host(name);

  const ip = e.computer_ip;
  if (Array.isArray(ip)) {
    for (const v of ip) obs.ip(bareIndicatorIp(v));
  } else if (ip && ip !== e.computer_name) {
    for (const v of ip.split(/,\s*/)) obs.ip(bareIndicatorIp(v));
  }
  obs.ip(bareIndicatorIp(e.computerIp));
  obs.srcIp(bareIndicatorIp(e.source_ip) ?? bareIndicatorIp(e.attack_source));
  // `computer_ip` is the destination: each address of a list; of `a, b` the first (the pipeline's grok fallback).
  const destinations = Array.isArray(ip)
    ? ip.map((v) => bareIndicatorIp(v))
    : [bareIndicatorIp(ip?.split(',')[0])];
  if (destinations.every((d) => d !== null)) for (const d of destinations) obs.dstIp(d);
  obs.ip(bareIndicatorIp(e.victim_ip));

  const accounts = [e.user?.userName, e.user?.name, e.username, e.detection_username].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const first = accounts[0];
  if (first !== undefined) obs.user(grokUser(first));
  for (const account of accounts) obs.user(account);

  for (const h of [e.file_hash_sha256, e.file_hash, e.hash, e.file_hash_md5]) obs.hash(h);
  obs.email(e.sender);
  for (const r of e.recipients ?? []) obs.email(r);
  if (e.url) {
    const url = /^[a-z0-9]+:\/\//i.test(e.url) ? e.url : `https://${e.url}`;
    obs.url(url);
    obs.domain(/^[a-z0-9]+:\/\/(?:[^@/?#]*@)?([^/:?#\s]+)/i.exec(url)?.[1]);
  }
}

/** What the event is about: the threat or detection, else the module's status. */
function detail(e: PushEvent): string | null {
  const threat =
    e.malware_name ||
    e.malwareName ||
    e.malware?.find((m) => m.malwareName)?.malwareName ||
    e.detection_threatName ||
    e.detection_name ||
    e.detection_exploitTechnique ||
    e.exploit_type ||
    e.threatType ||
    (e.attack_type ? `attack: ${e.attack_type}` : null);
  if (threat) return threat;
  const status = typeof e.status === 'string' && e.status ? e.status : e.final_status;
  const kind = e.aph_type || e.block_type || e.blocking_rule_name;
  if (status) return kind ? `${status} (${kind})` : status;
  return e.taskName || null;
}

function titleOf(e: PushEvent): string {
  const provider = MODULES[e.module]?.[0] ?? `Bitdefender ${e.module}`;
  const what = detail(e);
  const where = e.computer_name || e.computerName || e.host_name || e.serverName;
  return `${provider}${what ? `: ${what}` : ''}${where ? ` on ${where}` : ''}`;
}

/** The event's severity word, else its 0-100 score, else by kind: alerts medium, status events info. */
function severityOf(e: PushEvent): Severity {
  const word =
    e.severity && /^(?:low|medium|high|critical)$/i.test(e.severity) ? mapSeverity(e.severity) : null;
  const kind = MODULES[e.module]?.[1];
  return (
    word ??
    mapSeverity(e.severity_score, 'hundred') ??
    mapSeverity(e.severityScore, 'hundred') ??
    (kind === 'event' ? 'info' : kind === 'alert' ? 'medium' : 'low')
  );
}

const RANK: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** When the event happened; GravityZone also writes `2017- 09 - 13T14: 20:37.000Z`, which Elastic accepts. */
function observedAtOf(e: PushEvent): string | null {
  for (const v of [
    e.timestamp,
    e.detection_time,
    e.detectionTime,
    e.detected_on,
    e.date,
    e.last_blocked,
    e.created,
    e.startDate,
    e.lastAdReportDate,
  ]) {
    const t = toIsoTime(typeof v === 'string' && /^\d{4}- ?\d/.test(v) ? v.replace(/ /g, '') : v);
    if (t) return t;
  }
  return null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const list = eventsOf(raw);
  if (!list) throw new Error('not a Bitdefender GravityZone push notification');
  const events = list.flatMap((v) => {
    const e = PushEvent.safeParse(v);
    return e.success ? [e.data] : [];
  });
  const first = events[0];
  if (!first) throw new Error('no readable Bitdefender event');
  const obs = new ObservablesBuilder();
  for (const e of events) addIndicators(obs, e);
  const severity = events
    .map(severityOf)
    .reduce((a, b) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a), 'info');
  const more = events.length > 1 ? ` (+${events.length - 1} more event${events.length > 2 ? 's' : ''})` : '';
  return parserAlert(NAME, FORMAT, obs, {
    title: `${titleOf(first)}${more}`,
    severity,
    observedAt: observedAtOf(first),
    ruleId: first.module,
  });
}

export const bitdefenderParser: Parser = {
  name: NAME,
  claims: { keys: ['module', 'json', 'event', 'jsonrpc', 'events'], text: ['"module"'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
