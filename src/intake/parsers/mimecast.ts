// Mimecast email security logs as Elastic's `mimecast` package reads them: SIEM logs (the v1 API's
// capitalised keys and the v2 API's `type` records), TTP URL, Attachment Protect and Impersonation Protect
// logs, audit events, archive search logs and Cloud Integrated (M365) logs. Sending addresses are sources;
// e-mail addresses are related users only where Elastic puts them there.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const NAME = 'mimecast';
const Str = OptionalText;
const Scalar = z.union([z.string(), z.number(), z.boolean()]).nullish();

/** SIEM v1 API record (receipt, process, delivery, AV, spam, URL/impersonation/attachment protect, journal). */
const SiemV1 = z.object({
  datetime: z.string(),
  aCode: Str,
  acc: Str,
  Act: Str,
  Action: Str,
  Dir: Str,
  IP: Str,
  SourceIP: Str,
  sourceIp: Str,
  Sender: Str,
  sender: Str,
  headerFrom: Str,
  Rcpt: Str,
  Recipient: Str,
  recipient: Str,
  Subject: Str,
  subject: Str,
  SenderDomain: Str,
  senderDomain: Str,
  NewDomain: Str,
  URL: Str,
  url: Str,
  Hld: Str,
  RejType: Str,
  Virus: Str,
  Definition: Str,
  reason: Str,
  fileName: Str,
  md5: Str,
  sha1: Str,
  sha256: Str,
  TaggedMalicious: Scalar,
  'Content-Disposition': Str,
});
type SiemV1 = z.infer<typeof SiemV1>;

const V2_TYPES: Readonly<Record<string, string>> = lookupTable({
  av: 'avlog',
  delivery: 'delivery',
  'internal email protect': 'internal-email-protect',
  'impersonation protect': 'impersonation-protect',
  journal: 'jrnl',
  process: 'process',
  receipt: 'receipt',
  'attachment protect': 'attachment-protect',
  spam: 'spam',
  'url protect': 'url-protect',
});

const Recipients = z.union([z.string(), z.array(z.union([z.object({ value: Str }), z.string()]))]).nullish();

/** SIEM v2 API (cloud gateway event stream) record. */
const SiemV2 = z.object({
  type: z.string(),
  timestamp: z.union([z.number(), z.string()]).nullish(),
  processingId: Str,
  aggregateId: Str,
  accountId: Str,
  subtype: Scalar,
  action: Str,
  subject: Str,
  senderIp: Str,
  destinationIp: Str,
  senderHeader: Str,
  senderEnvelope: Str,
  sender: Str,
  recipients: Recipients,
  Hostname: Str,
  url: Str,
  senderDomain: Str,
  senderDomainInternal: Str,
  newDomain: Str,
  policyDefinition: Str,
  rejectionType: Str,
  holdReason: Str,
  fileName: Str,
  md5: Str,
  sha1: Str,
  sha256: Str,
  taggedMalicious: Scalar,
});
type SiemV2 = z.infer<typeof SiemV2>;

/** TTP URL Protect log (`/api/ttp/url/get-logs`). */
const TtpUrl = z.object({
  date: z.string(),
  url: Str,
  userEmailAddress: Str,
  fromUserEmailAddress: Str,
  sendingIp: Str,
  ttpDefinition: Str,
  subject: Str,
  action: Str,
  scanResult: Str,
  category: Str,
  route: Str,
});
type TtpUrl = z.infer<typeof TtpUrl>;

/** TTP Attachment Protect log (`/api/ttp/attachment/get-logs`). */
const TtpAttachment = z.object({
  date: z.string(),
  senderAddress: Str,
  recipientAddress: Str,
  fileName: Str,
  fileHash: Str,
  result: Str,
  actionTriggered: Str,
  definition: Str,
  subject: Str,
});
type TtpAttachment = z.infer<typeof TtpAttachment>;

/** TTP Impersonation Protect log (`/api/ttp/impersonation/get-logs`). */
const TtpImpersonation = z.object({
  eventTime: z.string(),
  id: Str,
  senderAddress: Str,
  recipientAddress: Str,
  senderIpAddress: Str,
  definition: Str,
  action: Str,
  subject: Str,
  taggedMalicious: Scalar,
  similarDomain: Str,
});
type TtpImpersonation = z.infer<typeof TtpImpersonation>;

/** Audit event (`/api/audit/get-audit-events`): an administrator's or user's action, its address in `eventInfo`. */
const AuditEvent = z.object({
  auditType: z.string(),
  eventTime: z.string(),
  eventInfo: Str,
  category: Str,
  user: Str,
  id: Str,
});
type AuditEvent = z.infer<typeof AuditEvent>;

/** Archive search log (`/api/archive/get-archive-search-logs`): who searched the archive for what. */
const ArchiveSearch = z.object({
  createTime: z.string(),
  emailAddr: Str,
  source: Str,
  searchText: Str,
  searchReason: Str,
  description: Str,
});
type ArchiveSearch = z.infer<typeof ArchiveSearch>;

/** A data-loss-prevention policy's hit on a message: the policy, the route and what was done with it. */
const Dlp = z.object({
  senderAddress: Str,
  recipientAddress: Str,
  subject: Str,
  eventTime: z.string(),
  route: Str,
  policy: z.string(),
  action: Str,
});
type Dlp = z.infer<typeof Dlp>;

/** Cloud Integrated (Microsoft 365) event stream record: `entities` (a message's verdict) or `mailflow`. */
const CloudIntegrated = z.object({
  type: z.string(),
  timestamp: z.union([z.number(), z.string()]).nullish(),
  senderIp: Str,
  senderHeader: Str,
  senderEnvelope: Str,
  recipients: Recipients,
  subject: Str,
  threatType: Str,
  threatState: Str,
  attachments: z.array(z.string()).nullish(),
});
type CloudIntegrated = z.infer<typeof CloudIntegrated>;

const CLOUD_INTEGRATED_TYPES = new Set(['entities', 'mailflow']);

type Kind =
  | 'siem_v1'
  | 'siem_v2'
  | 'ttp_url'
  | 'ttp_ap'
  | 'ttp_ip'
  | 'audit'
  | 'archive_search'
  | 'cloud_integrated'
  | 'dlp';

const has = (o: object, ...keys: string[]): boolean => keys.every((k) => k in o);
const hasAny = (o: object, ...keys: string[]): boolean => keys.some((k) => k in o);

/**
 * The first JSON object of a text line, as Elasticsearch's `json` processor reads it: the SIEM API's files
 * can hold several records joined by commas (`{…},{…}`), of which Elastic keeps the first.
 */
function firstObject(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.length > 1_000_000) return raw;
  const s = raw.trimStart();
  if (!s.startsWith('{')) return raw;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        const v: unknown = JSON.parse(s.slice(0, i + 1));
        return v;
      } catch {
        return raw;
      }
    }
  }
  return raw;
}

/** Key sets only Mimecast writes; checked before any schema is applied. */
function kindOf(raw: unknown): Kind | null {
  if (!isObject(raw)) return null;
  if (
    has(raw, 'userEmailAddress', 'fromUserEmailAddress', 'date') &&
    hasAny(raw, 'ttpDefinition', 'scanResult')
  )
    return TtpUrl.safeParse(raw).success ? 'ttp_url' : null;
  if (
    has(raw, 'senderAddress', 'recipientAddress', 'date', 'actionTriggered') &&
    hasAny(raw, 'fileHash', 'result')
  )
    return TtpAttachment.safeParse(raw).success ? 'ttp_ap' : null;
  if (
    has(raw, 'senderAddress', 'recipientAddress', 'eventTime') &&
    hasAny(raw, 'impersonationResults', 'taggedMalicious', 'identifiers')
  )
    return TtpImpersonation.safeParse(raw).success ? 'ttp_ip' : null;
  if (has(raw, 'senderAddress', 'recipientAddress', 'eventTime', 'policy', 'route', 'action'))
    return Dlp.safeParse(raw).success ? 'dlp' : null;
  if (has(raw, 'datetime') && hasAny(raw, 'aCode', 'acc'))
    return SiemV1.safeParse(raw).success ? 'siem_v1' : null;
  if (has(raw, 'type', 'processingId') && hasAny(raw, 'accountId', 'aggregateId')) {
    const p = SiemV2.safeParse(raw);
    if (p.success && p.data.type.toLowerCase() in V2_TYPES) return 'siem_v2';
    const c = CloudIntegrated.safeParse(raw);
    return c.success && CLOUD_INTEGRATED_TYPES.has(c.data.type.toLowerCase()) ? 'cloud_integrated' : null;
  }
  if (has(raw, 'auditType', 'eventTime', 'eventInfo') && hasAny(raw, 'category', 'user'))
    return AuditEvent.safeParse(raw).success ? 'audit' : null;
  if (has(raw, 'createTime', 'emailAddr') && hasAny(raw, 'searchText', 'searchReason', 'description'))
    return ArchiveSearch.safeParse(raw).success ? 'archive_search' : null;
  return null;
}

/** The site of a URL (Elastic's url.domain), or undefined. */
const siteOf = (url: string | null | undefined): string | undefined =>
  /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\s]*@)?([^/:?#\s]+)/i.exec(url ?? '')?.[1];

/** `<a@b>` (as Mimecast sometimes writes an address) without its brackets. */
const bare = (v: string | null | undefined): string | undefined => {
  const t = v?.trim();
  if (!t) return undefined;
  return /^<[^<>]*>$/.test(t) ? t.slice(1, -1) : t;
};

interface Facts {
  format: string;
  title: string;
  severity: Severity;
  observedAt: string | null;
  ruleId: string | null;
}

const join = (...parts: (string | null | undefined)[]): string =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(': ');

function siemV1(e: SiemV1, obs: ObservablesBuilder): Facts {
  // Elastic renames IP, then SourceIP, then sourceIp to source.ip; it sets no related.ip or related.user.
  obs.srcIp(bareIndicatorIp(e.IP ?? e.SourceIP ?? e.sourceIp));
  for (const a of [e.headerFrom, e.Sender, e.sender, e.Rcpt, e.Recipient, e.recipient]) obs.email(bare(a));
  for (const d of [e.SenderDomain, e.senderDomain, e.NewDomain]) obs.domain(d);
  const url = e.URL ?? e.url;
  obs.url(url);
  obs.domain(siteOf(url));
  for (const h of [e.md5, e.sha1, e.sha256]) obs.hash(h);
  const logType = /filename="([a-z]+(?:_[a-z]+)?)/i.exec(e['Content-Disposition'] ?? '')?.[1];
  const malicious =
    e.TaggedMalicious === true ||
    e.TaggedMalicious === 'true' ||
    /malicious|block/i.test(`${e.reason ?? ''} ${e.Action ?? ''}`);
  const alerting = malicious || !!e.Virus || !!e.Hld || !!e.RejType || !!e.fileName || !!url;
  return {
    format: 'mimecast.siem_logs',
    title: join(
      `Mimecast ${logType ?? 'SIEM'} log`,
      e.Definition ?? e.reason ?? e.Hld ?? e.RejType ?? e.Act ?? e.Action,
      e.Subject ?? e.subject,
    ),
    severity: malicious || e.Virus ? 'high' : alerting ? 'medium' : 'info',
    observedAt: toIsoTime(e.datetime),
    ruleId: e.Definition ?? logType ?? null,
  };
}

function recipientsOf(r: SiemV2['recipients']): string[] {
  if (!r) return [];
  if (typeof r === 'string') return [r];
  return r.map((x) => (typeof x === 'string' ? x : (x.value ?? ''))).filter((x) => x !== '');
}

function siemV2(e: SiemV2, obs: ObservablesBuilder): Facts {
  obs.srcIp(bareIndicatorIp(e.senderIp));
  obs.dstIp(bareIndicatorIp(e.destinationIp));
  // related.user: email.from.address (header, envelope, sender), then email.to.address (recipients).
  const addresses = [e.senderHeader, e.senderEnvelope, e.sender, ...recipientsOf(e.recipients)];
  for (const a of addresses) {
    obs.user(a);
    obs.email(bare(a));
  }
  obs.host(e.Hostname);
  for (const d of [e.senderDomainInternal, e.senderDomain, e.newDomain]) obs.domain(d);
  obs.url(e.url);
  obs.domain(siteOf(e.url));
  for (const h of [e.md5, e.sha1, e.sha256]) obs.hash(h);
  const type = e.type.toLowerCase();
  const malicious = e.taggedMalicious === true || e.taggedMalicious === 'true';
  const alerting = malicious || !!e.rejectionType || !!e.holdReason || !!e.url || !!e.fileName;
  const time = typeof e.timestamp === 'number' ? new Date(e.timestamp).toISOString() : toIsoTime(e.timestamp);
  return {
    format: 'mimecast.siem_logs',
    title: join(
      `Mimecast ${type} log`,
      e.policyDefinition ?? e.holdReason ?? e.rejectionType ?? e.action,
      e.subject,
    ),
    severity: malicious ? 'high' : alerting ? 'medium' : 'info',
    observedAt: time,
    ruleId: e.policyDefinition ?? V2_TYPES[type] ?? null,
  };
}

function ttpUrl(e: TtpUrl, obs: ObservablesBuilder): Facts {
  // `sendingIp` may be "Internal IP": Elastic's convert to ip fails quietly and sets no address.
  const ip = obs.srcIp(bareIndicatorIp(e.sendingIp));
  if (ip) obs.ip(ip);
  // related.user: the sender, then the recipient (e-mail addresses as written).
  for (const a of [e.fromUserEmailAddress, e.userEmailAddress]) {
    obs.user(bare(a));
    obs.email(bare(a));
  }
  obs.url(e.url);
  obs.domain(siteOf(e.url));
  const result = (e.scanResult ?? '').toLowerCase();
  return {
    format: 'mimecast.ttp_url_logs',
    title: join('Mimecast TTP URL', e.scanResult, e.category, e.url),
    severity: result === 'malicious' ? 'high' : result === 'suspicious' ? 'medium' : result ? 'low' : 'info',
    observedAt: toIsoTime(e.date),
    ruleId: e.ttpDefinition ?? null,
  };
}

function ttpAttachment(e: TtpAttachment, obs: ObservablesBuilder): Facts {
  for (const a of [e.senderAddress, e.recipientAddress]) obs.email(bare(a));
  obs.hash(e.fileHash);
  const result = (e.result ?? '').toLowerCase();
  return {
    format: 'mimecast.ttp_ap_logs',
    title: join('Mimecast TTP Attachment Protect', e.result, e.fileName),
    severity: result === 'malicious' ? 'high' : result === 'safe' ? 'info' : 'medium',
    observedAt: toIsoTime(e.date),
    ruleId: e.definition ?? null,
  };
}

function ttpImpersonation(e: TtpImpersonation, obs: ObservablesBuilder): Facts {
  const ip = obs.srcIp(bareIndicatorIp(e.senderIpAddress));
  if (ip) obs.ip(ip);
  for (const a of [e.senderAddress, e.recipientAddress]) obs.email(bare(a));
  obs.domain(e.similarDomain);
  const malicious = e.taggedMalicious === true || e.taggedMalicious === 'true';
  return {
    format: 'mimecast.ttp_ip_logs',
    title: join('Mimecast TTP Impersonation Protect', e.definition, e.subject),
    severity: malicious ? 'high' : 'medium',
    observedAt: toIsoTime(e.eventTime),
    ruleId: e.definition ?? null,
  };
}

/**
 * An account e-mail address as Elastic's audit and archive search pipelines read it: user.name is the local
 * part, and related.user holds the name, then the address.
 */
function accountUser(address: string | null | undefined, obs: ObservablesBuilder): void {
  const a = bare(address);
  if (!a) return;
  const at = a.lastIndexOf('@');
  if (at > 0) obs.user(a.slice(0, at));
  obs.user(a);
  if (at > 0) obs.email(a);
}

/** The client address an audit event's text names (`IP: …`, `remote IP : …`, `Remote IP is …`). */
const auditIp = (info: string | null | undefined): string | null =>
  bareIndicatorIp(/\bIP(?: Address)?\s*(?::|is)[\s:]*([0-9A-Fa-f:.]+[0-9A-Fa-f])/i.exec(info ?? '')?.[1]);

function audit(e: AuditEvent, obs: ObservablesBuilder): Facts {
  // Elastic reads the address into client.ip and related.ip (not source.ip), and the user as name + e-mail.
  accountUser(e.user, obs);
  obs.ip(auditIp(e.eventInfo));
  const failed = /fail|locked|denied/i.test(`${e.auditType} ${e.eventInfo ?? ''}`);
  const support = /support login/i.test(e.auditType);
  return {
    format: 'mimecast.audit_events',
    title: join('Mimecast audit', e.auditType, e.user),
    severity: failed || support ? 'low' : 'info',
    observedAt: toIsoTime(e.eventTime),
    ruleId: e.category ?? null,
  };
}

function archiveSearch(e: ArchiveSearch, obs: ObservablesBuilder): Facts {
  accountUser(e.emailAddr, obs);
  return {
    format: 'mimecast.archive_search_logs',
    title: join('Mimecast archive search', e.description, e.searchText),
    severity: 'info',
    observedAt: toIsoTime(e.createTime),
    ruleId: e.description ?? null,
  };
}

/** DLP actions that stopped the message (Mimecast's hold, block, bounce); the others notified or tagged it. */
const DLP_STOPPED = /^(?:hold|block|blocked|bounce|reject|quarantine)/i;

function dlp(e: Dlp, obs: ObservablesBuilder): Facts {
  // Elastic keeps the parties as e-mail addresses only (no related.user); `<>` is a bounce's empty sender.
  obs.email(bare(e.senderAddress));
  obs.email(bare(e.recipientAddress));
  return {
    format: 'mimecast.dlp_logs',
    title: join(`Mimecast DLP ${e.policy}`, [e.action, e.route].filter(Boolean).join(' '), e.subject),
    severity: DLP_STOPPED.test(e.action ?? '') ? 'medium' : 'low',
    observedAt: toIsoTime(e.eventTime),
    ruleId: e.policy,
  };
}

function cloudIntegrated(e: CloudIntegrated, obs: ObservablesBuilder): Facts {
  // Elastic sets source.ip and related.ip from senderIp; related.user holds the senders, then the recipients.
  const ip = obs.srcIp(bareIndicatorIp(e.senderIp));
  if (ip) obs.ip(ip);
  for (const a of [e.senderHeader, e.senderEnvelope, ...recipientsOf(e.recipients)]) {
    obs.user(bare(a));
    obs.email(bare(a));
  }
  const threat = (e.threatType ?? '').toUpperCase();
  const clean = threat === '' || threat === 'NO_DETECTIONS' || threat === 'POLICIES_DISABLED';
  const time = typeof e.timestamp === 'number' ? new Date(e.timestamp).toISOString() : toIsoTime(e.timestamp);
  return {
    format: 'mimecast.cloud_integrated_logs',
    title: join(`Mimecast Cloud Integrated ${e.type}`, clean ? e.threatState : e.threatType, e.subject),
    severity: clean ? 'info' : /MALWARE|PHISH|IMPERSONATION/.test(threat) ? 'high' : 'medium',
    observedAt: time,
    ruleId: clean ? null : (e.threatType ?? null),
  };
}

const detect = (raw: unknown): boolean => {
  try {
    return kindOf(firstObject(raw)) !== null;
  } catch {
    return false;
  }
};

function parse(payload: unknown): ReturnType<Parser['parse']> {
  const raw = firstObject(payload);
  const kind = kindOf(raw);
  // None of these pipelines copies source or destination addresses into related.ip by itself.
  const obs = new ObservablesBuilder(false);
  let facts: Facts;
  switch (kind) {
    case 'siem_v1':
      facts = siemV1(SiemV1.parse(raw), obs);
      break;
    case 'siem_v2':
      facts = siemV2(SiemV2.parse(raw), obs);
      break;
    case 'ttp_url':
      facts = ttpUrl(TtpUrl.parse(raw), obs);
      break;
    case 'ttp_ap':
      facts = ttpAttachment(TtpAttachment.parse(raw), obs);
      break;
    case 'ttp_ip':
      facts = ttpImpersonation(TtpImpersonation.parse(raw), obs);
      break;
    case 'audit':
      facts = audit(AuditEvent.parse(raw), obs);
      break;
    case 'archive_search':
      facts = archiveSearch(ArchiveSearch.parse(raw), obs);
      break;
    case 'cloud_integrated':
      facts = cloudIntegrated(CloudIntegrated.parse(raw), obs);
      break;
    case 'dlp':
      facts = dlp(Dlp.parse(raw), obs);
      break;
    default:
      throw new Error('not a Mimecast log record');
  }
  const { format, ...rest } = facts;
  return parserAlert(NAME, format, obs, rest);
}

/** Mimecast's pipelines keep sender domains and URL sites in source.domain / url.domain, not related.hosts. */
export const mimecastParser: Parser = {
  name: NAME,
  claims: {
    keys: ['fromUserEmailAddress', 'senderAddress', 'datetime', 'processingId', 'auditType', 'emailAddr'],
    text: false,
  },
  detect,
  domainsInRelatedHosts: false,
  parse,
};
