// Elastic Cloud (ESS) organization API audit records, the flat landing documents the Cloud audit service
// writes (`request_method`, `request_url`, `status_code`, `client_ip`, `user_id` …), mapped as Elastic's
// `elastic_cloud` audit pipeline maps them: the caller as a related address (client.ip), its identities as users.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'elastic_cloud.audit';

const CloudAudit = z.object({
  '@timestamp': TextField,
  status_code: TextField,
  request_method: TextField,
  request_url: TextField,
  client_ip: TextField,
  organization_id: TextField,
  user_id: TextField,
  user_email: TextField,
  unvalidated_auth_user: TextField,
  api_key_id: TextField,
  api_key_name: TextField,
});
type CloudAudit = z.infer<typeof CloudAudit>;

/** The landing fields the Cloud audit service writes; a record holding anything else is another format. */
const LANDING_KEYS = new Set([
  '@timestamp',
  '@version',
  'status_code',
  'request_method',
  'request_url',
  'client_ip',
  'organization_id',
  'user_id',
  'user_email',
  'unvalidated_auth_user',
  'api_key_id',
  'api_key_name',
  'request_payload',
]);

/** The identity fields one of which every record carries. */
const IDENTITY_KEYS = ['organization_id', 'user_id', 'api_key_id', 'unvalidated_auth_user'];

function read(raw: unknown): CloudAudit | null {
  if (!isObject(raw) || !('request_url' in raw) || !('request_method' in raw) || !('status_code' in raw)) {
    return null;
  }
  const keys = Object.keys(raw);
  if (!keys.every((k) => LANDING_KEYS.has(k)) || !IDENTITY_KEYS.some((k) => k in raw)) return null;
  const r = CloudAudit.safeParse(raw);
  return r.success && r.data.request_url !== undefined ? r.data : null;
}

const detect = detectorOf(read);

/** Cloud's "no value" sentinel, which Elastic keeps out of `related.user`. */
const known = (v: string | undefined): string | undefined => (v === 'unknown' ? undefined : v);

/** `request_url` as Elastic's `url.full`: a host+path value gains `https://`. */
const fullUrl = (url: string): string => (url.includes('://') ? url : `https://${url}`);

function severityOf(status: number): Severity {
  return status === 401 || status === 403 ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an Elastic Cloud audit record');
  // client_ip becomes client.ip (not source.ip) and related.ip.
  const obs = new ObservablesBuilder();
  obs.ip(bareIndicatorIp(e.client_ip));
  obs.user(known(e.user_id));
  obs.user(e.user_email);
  obs.user(known(e.unvalidated_auth_user));
  obs.email(e.user_email);
  const url = fullUrl(e.request_url ?? '');
  obs.url(url);
  // url.domain stays out of related.hosts (see domainsInRelatedHosts below).
  obs.domain(urlHostname(url));
  const path = /^[a-z]+:\/\/[^/?#]+([^?#]*)/i.exec(url)?.[1] || '/';
  const status = Number(e.status_code);
  const method = e.request_method?.toUpperCase() ?? 'request';
  const who = known(e.user_email ?? e.user_id) ?? known(e.unvalidated_auth_user) ?? known(e.api_key_name);
  return parserAlert(NAME, NAME, obs, {
    title: `Elastic Cloud API: ${method} ${path}${e.status_code ? ` (${e.status_code})` : ''}${who ? ` by ${who}` : ''}`,
    severity: Number.isFinite(status) ? severityOf(status) : 'info',
    observedAt: toIsoTime(e['@timestamp']),
    ruleId: `${method} ${path.replace(/\b[0-9a-f]{32}\b/gi, '{id}')}`,
  });
}

export const elasticCloudAuditParser: Parser = {
  name: NAME,
  claims: { keys: ['request_url'], text: false },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
