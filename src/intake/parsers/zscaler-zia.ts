// Zscaler Internet Access NSS feeds: web, firewall, DNS, tunnel, audit and endpoint DLP records (bare or wrapped in
// `{"sourcetype":"zscalernss-<feed>","event":{…}}`), the flat v1 feeds (email DLP, SaaS security, sandbox verdict),
// sandbox reports and `ZscalerNSS:` alert lines, mapped to indicators as Elastic's zscaler_zia pipelines do.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { asctimeUtc, toIsoTime } from '../time.js';
import { isObject, localPart, parserAlert, textOf, urlDecoded } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

type Stream =
  | 'web'
  | 'firewall'
  | 'dns'
  | 'tunnel'
  | 'audit'
  | 'endpoint_dlp'
  | 'email_dlp'
  | 'saas_security'
  | 'saas_security_activity'
  | 'sandbox_verdict'
  | 'sandbox_report';

/** An NSS alert line: `<pri>Mmm dd hh:mm:ss [address] ZscalerNSS: message`. */
const ALERT_LINE = /^<(\d{1,3})>([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}) \[([^\]\s]+)\] (ZscalerNSS: .*)$/s;
/** The address an alert says the connection to was lost (Elastic's grok overrides the bracketed one). */
const LOST_TO =
  /^ZscalerNSS: (?:Zscaler cloud configuration connection to {1,2}|SIEM Feed connection ".*" to )(\S+):\d+ lost and unavailable/;

const Fields = z.record(z.string(), z.unknown());
type Fields = z.infer<typeof Fields>;

const Wrapper = z.object({ sourcetype: z.string(), event: Fields });

/** `sourcetype` suffixes the NSS feed templates use, by data stream. */
const SOURCETYPES: Readonly<Record<string, Stream>> = lookupTable({
  web: 'web',
  fw: 'firewall',
  firewall: 'firewall',
  dns: 'dns',
  tunnel: 'tunnel',
  audit: 'audit',
  edlp: 'endpoint_dlp',
  endpoint_dlp: 'endpoint_dlp',
});

/** Feeds whose v1 template writes the record flat, beside `sourcetype`, rather than under `event`. */
const FLAT_SOURCETYPES: Readonly<Record<string, Stream>> = lookupTable({
  emaildlp: 'email_dlp',
  email_dlp: 'email_dlp',
  saas_security: 'saas_security',
  saas_security_activity: 'saas_security_activity',
  sandbox_verdict: 'sandbox_verdict',
});

/** Values NSS writes for an empty field (Elastic drops them too). */
const EMPTY = new Set(['', 'none', 'na', 'n/a', 'notfound', 'unknown', '-']);

/** A field's text, or null when absent or a placeholder. */
function field(e: Fields, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = e[key];
    const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
    if (s !== null && !EMPTY.has(s.toLowerCase())) return s;
  }
  return null;
}

const has = (e: object, ...keys: string[]): boolean => keys.some((k) => k in e);

/** The value at a dotted path of nested objects (`email.triggered_recipients`), or undefined. */
function at(e: Fields, path: string): unknown {
  let v: unknown = e;
  for (const key of path.split('.')) {
    const o = Fields.safeParse(v);
    if (!o.success) return undefined;
    v = o.data[key];
  }
  return v;
}

/** The text at a dotted path, or null when absent or a placeholder. */
const nested = (e: Fields, path: string): string | null => field({ v: at(e, path) }, 'v');

/** The items of a pipe-delimited NSS list (`a@x|b@y`), placeholders dropped. */
function items(e: Fields, path: string): string[] {
  return (nested(e, path) ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !EMPTY.has(s.toLowerCase()) && s.toLowerCase() !== 'null');
}

/** A sandbox report (`Classification`, `FileProperties`, `Summary`): the detail the sandbox API returns. */
const isSandboxReport = (e: object): boolean =>
  has(e, 'FileProperties') && has(e, 'Classification') && has(e, 'Summary');

/** The data stream a bare NSS record belongs to, judged by its field names; null when it is none. */
function streamOfShape(e: object): Stream | null {
  if (has(e, 'cltip', 'cip') && has(e, 'serverip', 'sip') && has(e, 'url', 'eurl', 'urlcat', 'urlclass'))
    return 'web';
  if (has(e, 'csip') && has(e, 'cdip') && has(e, 'csport', 'cdport', 'nwsvc', 'ipcat')) return 'firewall';
  if (has(e, 'dns_req', 'dns_reqtype') && has(e, 'clt_sip', 'srv_dip', 'reqaction')) return 'dns';
  if (has(e, 'tunneltype', 'Recordtype') && has(e, 'sourceip', 'destinationip')) return 'tunnel';
  return null;
}

interface NssRecord {
  stream: Stream;
  event: Fields;
}

function asRecord(raw: unknown): NssRecord | null {
  if (!isObject(raw)) return null;
  if ('sourcetype' in raw) {
    // The sourcetype's text first (cheap), the schema only for a flat feed it names.
    const type: unknown = raw.sourcetype;
    const m = typeof type === 'string' ? /^zscalernss-([a-z_]+)$/i.exec(type.trim()) : null;
    const stream = m?.[1] ? FLAT_SOURCETYPES[m[1].toLowerCase()] : undefined;
    const flat = stream ? Fields.safeParse(raw) : null;
    if (stream && flat?.success) return { stream, event: flat.data };
  }
  if ('sourcetype' in raw && 'event' in raw) {
    const w = Wrapper.safeParse(raw);
    if (!w.success) return null;
    const m = /^zscalernss-([a-z_]+)$/i.exec(w.data.sourcetype.trim());
    if (!m?.[1]) return null;
    const stream = SOURCETYPES[m[1].toLowerCase()] ?? streamOfShape(w.data.event);
    return stream ? { stream, event: w.data.event } : null;
  }
  // Field names first (cheap; every JSON alert passes through here), then the schema.
  const stream = isSandboxReport(raw) ? 'sandbox_report' : streamOfShape(raw);
  const bare = stream ? Fields.safeParse(raw) : null;
  return stream && bare?.success ? { stream, event: bare.data } : null;
}

function alertLine(raw: unknown): RegExpExecArray | null {
  const s = textOf(raw, 65_536);
  return s !== null && s.startsWith('<') && s.includes('ZscalerNSS:') ? ALERT_LINE.exec(s.trim()) : null;
}

function detect(raw: unknown): boolean {
  return alertLine(raw) !== null || asRecord(raw) !== null;
}

/** An NSS health alert: the address it names is destination.ip (when it is an address, not a name). */
function parseAlertLine(m: RegExpExecArray): ReturnType<Parser['parse']> {
  const message = m[4] ?? '';
  const obs = new ObservablesBuilder();
  obs.dstIp(LOST_TO.exec(message)?.[1] ?? m[3]);
  return parserAlert('zscaler_zia', 'zscaler_zia.alerts', obs, {
    title: message.replace(/^ZscalerNSS: /, '').slice(0, 200),
    severity: /lost|unavailable/i.test(message) ? 'medium' : 'low',
    observedAt: toIsoTime(m[2]),
    ruleId: null,
  });
}

/** The host part of a URL that NSS may write without a scheme (`www.example.com/path`). */
function urlHost(url: string | null): string | null {
  if (!url) return null;
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^/@\s]*@)?([^/:?#\s]+)/i.exec(url);
  return m?.[1] ?? null;
}

/** NSS URL-encodes some feeds' text (`jdoe%40example.com`); the pipelines `urldecode` it before reading it. */
const decoded = (value: string | null): string | null => (value === null ? null : urlDecoded(value));

/** A login as Elastic splits it: `user.name` (the local part) and `user.email`, both in `related.user`. */
function login(obs: ObservablesBuilder, raw: string | null): void {
  const value = decoded(raw);
  if (!value) return;
  obs.user(localPart(value));
  obs.user(value);
  obs.email(value);
}

/** A `user` field Elastic reads only when it is an e-mail address (firewall and DNS feeds). */
function emailUser(obs: ObservablesBuilder, raw: string | null): void {
  const value = decoded(raw);
  if (value?.includes('@')) login(obs, value);
}

/** The endpoint device: `devicehostname` lower-cased as `host.name`, `devicename` as written, `deviceowner`. */
function device(e: Fields, obs: ObservablesBuilder): void {
  obs.host(field(e, 'devicehostname')?.toLowerCase());
  obs.host(field(e, 'devicename'));
  obs.user(field(e, 'deviceowner'));
}

function severityOf(e: Fields, action: string | null): 'high' | 'medium' | 'low' | 'info' {
  if (field(e, 'threatname', 'malwarecat', 'malwarecategory', 'threatcat')) return 'high';
  // DLP and SaaS feeds rate themselves (`High Severity`, `Medium`, `High Severity|Low Severity`): the highest.
  const rated = field(e, 'severity')?.toLowerCase() ?? '';
  if (rated.includes('high') || rated.includes('critical')) return 'high';
  if (rated.includes('medium')) return 'medium';
  if (rated.includes('low')) return 'low';
  return /block|deny|drop|reject/i.test(action ?? '') ? 'low' : 'info';
}

function web(e: Fields, obs: ObservablesBuilder): string {
  const url = field(e, 'url', 'eurl');
  const host = field(e, 'host') ?? urlHost(url);
  // The URL and its host (destination.domain in ECS, not related.hosts): a URL and a domain, not a host.
  if (url) obs.url(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  obs.domain(host);
  if (has(e, 'cltip', 'serverip')) {
    // Current templates: cltip is source.ip, serverip destination.ip; the client's internet (NAT)
    // and public addresses, forward gateway and NSS service addresses are related only.
    obs.ip(field(e, 'cltintip'));
    obs.ip(field(e, 'cltpubip'));
    obs.ip(field(e, 'forward_gateway_ip'));
    obs.ip(field(e, 'nssserviceip'));
    obs.srcIp(field(e, 'cltip'));
    obs.dstIp(field(e, 'serverip'));
    device(e, obs);
    login(obs, field(e, 'login'));
  } else {
    // Older templates (cip/sip/eurl): Elastic keeps cip as client.ip (related only, not source.ip),
    // sip as destination.ip, the device host name as written; the login's local part and the device
    // owner are users, the login itself an e-mail address.
    obs.ip(field(e, 'cip'));
    obs.dstIp(field(e, 'sip'));
    obs.host(field(e, 'devicehostname'));
    const user = field(e, 'login');
    if (user) obs.user(localPart(user));
    obs.email(user);
    obs.user(field(e, 'deviceowner'));
  }
  return `Zscaler web ${field(e, 'action') ?? 'request'} ${field(e, 'reqmethod') ?? ''} ${host ?? ''}`;
}

function firewall(e: Fields, obs: ObservablesBuilder): string {
  // Elastic appends both client- and server-side addresses: source.ip = [csip, ssip],
  // destination.ip = [cdip, sdip]; the tunnel address tsip is related only. `login` is not a user.
  obs.dstIp(field(e, 'cdip'));
  obs.dstIp(field(e, 'sdip'));
  obs.srcIp(field(e, 'csip'));
  obs.srcIp(field(e, 'ssip'));
  obs.ip(field(e, 'tsip'));
  device(e, obs);
  emailUser(obs, field(e, 'user'));
  const proto = field(e, 'nwsvc', 'nwapp', 'proto') ?? '';
  return `Zscaler firewall ${field(e, 'action') ?? 'session'} ${proto} ${field(e, 'csip') ?? '?'} -> ${
    field(e, 'cdip') ?? '?'
  }`;
}

function dns(e: Fields, obs: ObservablesBuilder): string {
  // A resolved address in dns_resp is related (Elastic appends it before the endpoints).
  obs.ip(field(e, 'dns_resp'));
  obs.srcIp(field(e, 'clt_sip'));
  obs.dstIp(field(e, 'srv_dip'));
  device(e, obs);
  emailUser(obs, field(e, 'user'));
  const query = field(e, 'dns_req');
  obs.domain(query);
  return `Zscaler DNS ${field(e, 'reqaction', 'resaction') ?? 'query'} ${field(e, 'dns_reqtype') ?? ''} ${
    query ?? ''
  }`;
}

function tunnel(e: Fields, obs: ObservablesBuilder): string {
  obs.ip(field(e, 'destinationipend'));
  obs.ip(field(e, 'destinationipstart'));
  obs.dstIp(field(e, 'destinationip'));
  obs.ip(field(e, 'srcipend'));
  obs.srcIp(field(e, 'sourceip'));
  obs.ip(field(e, 'srcipstart'));
  // `user` is either the tunnel's IP address (related) or a VPN credential name (the user).
  const user = field(e, 'user');
  if (obs.ip(user) === null) login(obs, user);
  return `Zscaler tunnel ${field(e, 'Recordtype', 'recordtype') ?? ''} ${field(e, 'tunneltype') ?? ''} ${
    field(e, 'event') ?? ''
  }`;
}

function audit(e: Fields, obs: ObservablesBuilder): string {
  // The admin's address is user.email, its local part user.name; the client address is source.ip.
  obs.srcIp(field(e, 'clientip'));
  login(obs, field(e, 'adminid'));
  return `Zscaler admin audit ${field(e, 'action') ?? ''} ${field(e, 'category') ?? ''} ${
    field(e, 'resource') ?? ''
  } ${field(e, 'result') ?? ''}`;
}

function endpointDlp(e: Fields, obs: ObservablesBuilder): string {
  // `user` is user.name; the device as on the other feeds (host.name lower-cased, its name and owner related).
  obs.user(field(e, 'user'));
  device(e, obs);
  obs.hash(field(e, 'filemd5'));
  obs.hash(field(e, 'filesha'));
  return `Zscaler endpoint DLP ${field(e, 'actiontaken') ?? ''} ${field(e, 'activitytype') ?? ''} ${
    field(e, 'itemname') ?? ''
  }`;
}

/** Addresses in a user list as Elastic keeps them: whole, in related.user, and as e-mail addresses. */
function mailboxes(obs: ObservablesBuilder, values: (string | null)[]): void {
  for (const v of values) {
    obs.user(v);
    obs.email(v);
  }
}

function emailDlp(e: Fields, obs: ObservablesBuilder): string {
  // owner is user.name (kept whole); owner, sender and every recipient are related users.
  mailboxes(obs, [
    field(e, 'owner'),
    field(e, 'sender'),
    ...items(e, 'email.triggered_recipients'),
    ...items(e, 'email.other_recipients'),
  ]);
  for (const md5 of items(e, 'email.attachments.md5s')) obs.hash(md5);
  return `Zscaler email DLP ${field(e, 'log_type') ?? ''} ${items(e, 'actions')[0] ?? ''} ${
    nested(e, 'email.subject') ?? ''
  }`;
}

function saasSecurity(e: Fields, obs: ObservablesBuilder): string {
  mailboxes(obs, [
    field(e, 'user_name'),
    field(e, 'internal_user_name'),
    field(e, 'external_user_name'),
    nested(e, 'file.owner'),
    nested(e, 'file.last_share_user'),
    nested(e, 'collaboration.sender'),
    ...items(e, 'collab_names'),
    ...items(e, 'external_collab_names'),
    ...items(e, 'internal_collab_names'),
    ...items(e, 'collaboration.external_recipients'),
    ...items(e, 'collaboration.internal_recipients'),
    ...items(e, 'email.external_recipients'),
    ...items(e, 'email.internal_recipients'),
  ]);
  // The SaaS tenant's host name is in related.hosts (unlike the web feed's URL host).
  obs.host(field(e, 'hostname'));
  obs.host(nested(e, 'collaboration.channel.hostname'));
  obs.url(nested(e, 'file.full_url'));
  obs.hash(nested(e, 'file.hash.md5'));
  obs.hash(nested(e, 'file.hash.sha256'));
  return `Zscaler SaaS security ${field(e, 'sourcesubtype') ?? ''} ${nested(e, 'application.name') ?? ''} ${
    nested(e, 'rule.label') ?? ''
  }`;
}

function saasSecurityActivity(e: Fields, obs: ObservablesBuilder): string {
  obs.srcIp(field(e, 'src_ip'));
  mailboxes(obs, [field(e, 'user_name'), field(e, 'external_owner')]);
  return `Zscaler SaaS activity ${nested(e, 'activity.type') ?? ''} ${nested(e, 'application.name') ?? ''} by ${
    field(e, 'user_name') ?? '?'
  }`;
}

function sandboxVerdict(e: Fields, obs: ObservablesBuilder): string {
  // File hashes only: the verdict names no endpoint, user or host.
  obs.hash(nested(e, 'file.hash.md5'));
  obs.hash(nested(e, 'file.hash.sha256'));
  return `Zscaler sandbox verdict ${field(e, 'verdict') ?? ''} ${nested(e, 'threat.indicator.name') ?? ''}`;
}

function sandboxReport(e: Fields, obs: ObservablesBuilder): string {
  // The analysed file's hashes; the summary URL stays url.original in ECS (no host, no domain).
  for (const key of ['MD5', 'SHA1', 'Sha256']) obs.hash(nested(e, `FileProperties.${key}`));
  return `Zscaler sandbox report ${nested(e, 'Classification.Type') ?? ''} ${
    nested(e, 'Classification.DetectedMalware') ?? ''
  }`;
}

const MAPPERS: { [S in Stream]: (e: Fields, obs: ObservablesBuilder) => string } = {
  web,
  firewall,
  dns,
  tunnel,
  audit,
  endpoint_dlp: endpointDlp,
  email_dlp: emailDlp,
  saas_security: saasSecurity,
  saas_security_activity: saasSecurityActivity,
  sandbox_verdict: sandboxVerdict,
  sandbox_report: sandboxReport,
};

/** The sandbox's own rating: a malicious classification or verdict is high, a suspicious one medium. */
function sandboxSeverity(e: Fields): 'high' | 'medium' | 'info' | null {
  const rating = (nested(e, 'Classification.Type') ?? field(e, 'verdict'))?.toLowerCase();
  if (!rating) return null;
  if (rating.includes('benign')) return 'info';
  return rating.includes('suspicious') ? 'medium' : 'high';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = alertLine(raw);
  if (line) return parseAlertLine(line);
  const rec = asRecord(raw);
  if (!rec) throw new Error('not a Zscaler ZIA NSS record');
  const e = rec.event;
  const obs = new ObservablesBuilder();
  const title = MAPPERS[rec.stream](e, obs).replace(/\s+/g, ' ').trim();
  const action = field(e, 'action', 'actiontaken', 'reqaction', 'resaction');
  return parserAlert('zscaler_zia', `zscaler_zia.${rec.stream}`, obs, {
    title,
    severity: sandboxSeverity(e) ?? severityOf(e, action),
    observedAt:
      asctimeUtc(field(e, 'time', 'datetime', 'eventtime')) ??
      toIsoTime(field(e, 'epochtime')) ??
      toIsoTime(nested(e, 'Summary.StartTime')),
    ruleId:
      field(
        e,
        'rulelabel',
        'urlfilterrulelabel',
        'reqrulelabel',
        'resrulelabel',
        'ipsrulelabel',
        'rulename',
      ) ??
      items(e, 'rule.labels')[0] ??
      nested(e, 'rule.label'),
  });
}

export const zscalerZiaParser: Parser = {
  name: 'zscaler_zia',
  claims: {
    keys: [
      'sourcetype',
      'FileProperties',
      'cltip',
      'cip',
      'csip',
      'dns_req',
      'dns_reqtype',
      'tunneltype',
      'Recordtype',
    ],
    text: ['] ZscalerNSS: '],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
