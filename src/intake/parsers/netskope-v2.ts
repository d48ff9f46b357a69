// Netskope v2 log-streaming / data-export records (flat JSON: `_id`, `timestamp`, `srcip`, `dstip`, `user`, …),
// read as Elastic's netskope alerts_v2 (`alert: "yes"`) and events_v2 (any other record) pipelines read them,
// the same split the combined alerts_events_v2 stream routes by.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const Fields = z.record(z.string(), z.unknown());
type Fields = z.infer<typeof Fields>;

/** Field names only Netskope's v2 export writes; a record needs `_id`, `timestamp`, `type` and one of these. */
const NETSKOPE_KEYS = [
  'record_type',
  'alert_type',
  'access_method',
  'ur_normalized',
  'userkey',
  'traffic_type',
  'netskope_pop',
  'nsdeviceuid',
];

const has = (e: object, key: string): boolean => key in e;

function asRecord(raw: unknown): Fields | null {
  if (!isObject(raw) || 'netskope' in raw) return null;
  if (!has(raw, '_id') || !has(raw, 'timestamp') || !has(raw, 'type')) return null;
  if (!NETSKOPE_KEYS.some((k) => has(raw, k))) return null;
  const parsed = Fields.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function detect(raw: unknown): boolean {
  return asRecord(raw) !== null;
}

/** Values the export writes for an empty field. */
const EMPTY = new Set(['', '-', 'n/a', 'null', 'none', 'notavailable', 'notchecked']);

/** A field's text (numbers as written), or null when absent or a placeholder. */
function field(e: Fields, key: string): string | null {
  const v = e[key];
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
  return s !== null && !EMPTY.has(s.toLowerCase()) ? s : null;
}

/** The host of a URL the export may write without a scheme (`site.example/path`), as events_v2 derives it. */
function urlDomain(url: string | null): string | null {
  if (!url) return null;
  return urlHostname(url.includes('://') ? url : `http://${url}`);
}

/** Addresses in the pipelines' related.ip order: the domain's address, destination, source, user. */
function addresses(e: Fields, obs: ObservablesBuilder): void {
  obs.ip(bareIndicatorIp(field(e, 'domain_ip')) ?? undefined);
  obs.dstIp(bareIndicatorIp(field(e, 'dstip')) ?? undefined);
  obs.srcIp(bareIndicatorIp(field(e, 'srcip')) ?? undefined);
  obs.ip(bareIndicatorIp(field(e, 'userip')) ?? undefined);
}

function alertRecord(e: Fields, obs: ObservablesBuilder): void {
  // alerts_v2: `user` is user.email, kept whole in related.user with the user group; no local part.
  const user = field(e, 'user');
  obs.user(user);
  obs.email(user);
  obs.user(field(e, 'usergroup'));
  // related.hosts: the host's domain, the destination host, the device's host name. (Elastic also copies
  // `file_exposure`, a sharing level such as `Private`, there: an artefact, not a host.)
  obs.domain(field(e, 'domain'));
  obs.domain(field(e, 'dsthost'));
  obs.host(field(e, 'hostname'));
}

function eventRecord(e: Fields, obs: ObservablesBuilder): void {
  // events_v2: an address in `user` is user.email with its local part as user.name; both are related.
  const user = field(e, 'user');
  if (user?.includes('@')) {
    obs.user(user.slice(0, user.indexOf('@')));
    obs.email(user);
  }
  obs.user(user);
  for (const key of ['user_id', 'acting_user', 'from_user', 'to_user', 'os_user_name', 'owner', 'assignee'])
    obs.user(field(e, key));
  obs.domain(field(e, 'dsthost'));
  obs.host(field(e, 'hostname'));
  // url.domain (the URL read with `http://` when it has no scheme, else the `domain` field) is related.
  obs.domain(urlDomain(field(e, 'url')) ?? field(e, 'domain'));
}

function severityOf(e: Fields, isAlert: boolean): Severity {
  for (const key of ['severity', 'severity_level', 'dlp_rule_severity', 'sa_rule_severity']) {
    const v = field(e, key);
    // Netskope writes `unknown` when it has no rating; that says nothing.
    const s = v && v.toLowerCase() !== 'unknown' ? mapSeverity(v) : null;
    if (s) return s;
  }
  if (!isAlert) return 'info';
  return /malware|malsite|compromised|dlp|ctep/i.test(field(e, 'alert_type') ?? '') ? 'high' : 'medium';
}

function parse(raw: unknown): Alert {
  const e = asRecord(raw);
  if (!e) throw new Error('not a Netskope v2 record');
  const isAlert = field(e, 'alert')?.toLowerCase() === 'yes';
  const obs = new ObservablesBuilder();
  addresses(e, obs);
  if (isAlert) alertRecord(e, obs);
  else eventRecord(e, obs);
  const url = field(e, 'url');
  if (url?.includes('://')) obs.url(url);
  obs.hash(field(e, 'md5'));
  obs.hash(field(e, 'sha256'));

  const what = isAlert
    ? `${field(e, 'alert_type') ?? ''} alert: ${field(e, 'alert_name') ?? field(e, 'policy') ?? 'alert'}`
    : `${field(e, 'record_type') ?? field(e, 'type') ?? ''} event: ${
        field(e, 'audit_log_event') ?? field(e, 'activity') ?? field(e, 'policy') ?? 'event'
      } ${field(e, 'app') ?? ''}`;
  return parserAlert('netskope.v2', isAlert ? 'netskope.alerts_v2' : 'netskope.events_v2', obs, {
    title: `Netskope ${what}`.replace(/\s+/g, ' ').trim(),
    severity: severityOf(e, isAlert),
    observedAt: toIsoTime(e['timestamp']),
    ruleId: field(e, 'alert_name') ?? field(e, 'policy'),
  });
}

export const netskopeV2Parser: Parser = {
  name: 'netskope.v2',
  claims: { keys: NETSKOPE_KEYS, text: false },
  detect,
  parse,
};
