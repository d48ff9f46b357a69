// Sublime Security records: audit events (`{"type", "created_by", "data": {"request"}}`), message events (message
// records and `message.*` webhooks) and Message Data Model email messages (`{"_meta", "headers", "sender", …}`),
// mapped as Elastic's `sublime_security` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).passthrough().nullish().catch(undefined);
/** A list whose unreadable items are skipped, so one odd item never fails the whole record. */
const ListOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item.nullable().catch(null))
    .nullish()
    .catch(undefined)
    .transform((xs) => (xs ?? []).filter((x): x is NonNullable<typeof x> => x !== null));

const AuditEvent = z.object({
  id: TextField,
  type: z.string(),
  created_at: TextField,
  created_by: Obj({
    id: TextField,
    email_address: TextField,
    first_name: TextField,
    last_name: TextField,
    google_oauth_user_id: TextField,
    microsoft_oauth_user_id: TextField,
    role: TextField,
  }),
  data: Obj({ request: Obj({ ip: TextField, method: TextField, path: TextField }) }),
});
type AuditEvent = z.infer<typeof AuditEvent>;

const FlaggedRule = z.object({ id: TextField, name: TextField, severity: TextField }).passthrough();
const MessageEvent = z.object({
  id: TextField,
  type: TextField,
  created_at: TextField,
  subject: TextField,
  attack_score_verdict: TextField,
  sender: Obj({ email: TextField, display_name: TextField }),
  recipients: ListOf(z.object({ email: TextField }).passthrough()),
  data: Obj({
    flagged_rules: ListOf(FlaggedRule),
    message: Obj({ id: TextField, attack_score_verdict: TextField }),
  }),
});
type MessageEvent = z.infer<typeof MessageEvent>;

/** A Message Data Model domain (`{"domain", "root_domain", …}`). */
const Domain = Obj({ domain: TextField, root_domain: TextField });
/** A Message Data Model address (`{"email", "domain": {…}}`). */
const Address = Obj({ email: TextField, domain: Domain });
const Ip = Obj({ ip: TextField });
const Url = Obj({ username: TextField, url: TextField, domain: Domain });
const SpfDetails = Obj({ client_ip: Ip, helo: Domain, server: Domain });
const Hop = z
  .object({
    authentication_results: Obj({
      dmarc_details: Obj({ from: Domain }),
      server: Domain,
      spf_details: SpfDetails,
    }),
    received_spf: SpfDetails,
  })
  .passthrough();
const Mailbox = Obj({ email: Address });

const EmailMessage = z.object({
  _meta: Obj({ id: TextField, created_at: TextField }),
  subject: Obj({ subject: TextField }),
  body: Obj({
    ips: ListOf(z.object({ ip: TextField }).passthrough()),
    links: ListOf(z.object({ display_url: Url, href_url: Url }).passthrough()),
  }),
  headers: Obj({
    auth_summary: Obj({ dmarc: Obj({ details: Obj({ from: Domain }) }), spf: Obj({ details: SpfDetails }) }),
    domains: ListOf(z.object({ domain: TextField, root_domain: TextField }).passthrough()),
    hops: ListOf(Hop),
    ips: ListOf(z.object({ ip: TextField }).passthrough()),
    reply_to: ListOf(z.object({ email: Address }).passthrough()),
    return_path: Address,
    x_authenticated_domain: Domain,
    x_authenticated_sender: Address,
    x_client_ip: Ip,
    x_originating_ip: Ip,
    x_sender: Address,
  }),
  mailbox: Mailbox,
  recipients: Obj({
    to: ListOf(z.object({ email: Address }).passthrough()),
    cc: ListOf(z.object({ email: Address }).passthrough()),
    bcc: ListOf(z.object({ email: Address }).passthrough()),
  }),
  sender: Obj({ display_name: TextField, email: Address }),
});
type EmailMessage = z.infer<typeof EmailMessage>;

type SublimeRecord =
  | { kind: 'audit'; record: AuditEvent }
  | { kind: 'message_event'; record: MessageEvent }
  | { kind: 'email_message'; record: EmailMessage };

const safe = <S extends z.ZodType>(schema: S, raw: unknown): z.output<S> | null => {
  const r = schema.safeParse(raw);
  return r.success ? r.data : null;
};

/** Sublime event types: dotted lower-case resource and action (`message_group.search`, `auth.login`). */
const EVENT_TYPE = /^[a-z_]+(?:\.[a-z_]+)+$/;

/** The record, or null when the payload is none of Sublime Security's shapes. */
function read(raw: unknown): SublimeRecord | null {
  if (!isObject(raw)) return null;
  if ('_meta' in raw && 'headers' in raw && ('sender' in raw || 'recipients' in raw) && 'body' in raw) {
    const record = safe(EmailMessage, raw);
    return record ? { kind: 'email_message', record } : null;
  }
  const type = 'type' in raw && typeof raw.type === 'string' ? raw.type : null;
  const data = 'data' in raw && isObject(raw.data) ? raw.data : null;
  if (type !== null && EVENT_TYPE.test(type) && 'created_at' in raw && data !== null) {
    if ('flagged_rules' in data || ('message' in data && 'triggered_actions' in data)) {
      const record = safe(MessageEvent, raw);
      return record ? { kind: 'message_event', record } : null;
    }
    if ('created_by' in raw || 'request' in data) {
      const record = safe(AuditEvent, raw);
      return record ? { kind: 'audit', record } : null;
    }
    return null;
  }
  if ('canonical_id' in raw && 'sender' in raw && 'recipients' in raw && 'message_source_id' in raw) {
    const record = safe(MessageEvent, raw);
    return record ? { kind: 'message_event', record } : null;
  }
  return null;
}

const isEmail = (v: string | undefined): v is string => v !== undefined && /^[^\s@]+@[^\s@]+$/.test(v);

function parseAudit(a: AuditEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const by = a.created_by;
  obs.srcIp(bareIndicatorIp(a.data?.request?.ip));
  // The pipeline dissects the e-mail into user.name (local part); related.user gets the address, the first
  // name (when there is an address), the OAuth ids and the Sublime user id.
  const email = by?.email_address;
  if (isEmail(email)) obs.user(email.slice(0, email.indexOf('@')));
  obs.user(email);
  obs.email(email);
  if (email !== undefined) obs.user(by?.first_name);
  obs.user(by?.google_oauth_user_id);
  obs.user(by?.id);
  obs.user(by?.microsoft_oauth_user_id);
  const failed = /fail|denied|error/i.test(a.type);
  return parserAlert('sublime_security', 'sublime_security.audit', obs, {
    title: `Sublime Security audit: ${a.type}${email ? ` by ${email}` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(a.created_at),
    ruleId: a.type,
  });
}

const VERDICT: Readonly<Record<string, Severity>> = lookupTable({
  malicious: 'high',
  suspicious: 'medium',
  spam: 'low',
  graymail: 'info',
  likely_benign: 'info',
  benign: 'info',
});

function worstSeverity(values: (Severity | null)[]): Severity | null {
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  for (const s of order) if (values.includes(s)) return s;
  return null;
}

function parseMessageEvent(m: MessageEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // related.user: each recipient, then the sender's display name and address.
  for (const r of m.recipients) {
    obs.user(r.email);
    obs.email(r.email);
  }
  obs.user(m.sender?.display_name);
  obs.user(m.sender?.email);
  obs.email(m.sender?.email);
  const rules = m.data?.flagged_rules ?? [];
  const verdict = m.attack_score_verdict ?? m.data?.message?.attack_score_verdict;
  const severity =
    worstSeverity(rules.map((r) => mapSeverity(r.severity))) ?? (verdict ? (VERDICT[verdict] ?? null) : null);
  const ruleNames = rules.flatMap((r) => (r.name ? [r.name] : []));
  const what = m.type ?? 'message';
  return parserAlert('sublime_security', 'sublime_security.message_event', obs, {
    title: `Sublime Security ${what}${ruleNames.length ? `: ${ruleNames.join(', ')}` : m.subject ? `: ${m.subject}` : ''}`,
    severity: severity ?? 'info',
    observedAt: toIsoTime(m.created_at),
    ruleId: rules[0]?.id ?? null,
  });
}

function parseEmailMessage(e: EmailMessage): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Every Message Data Model domain goes to related.hosts (domain, then root domain), in the pipeline's order.
  const domain = (
    d: { domain?: string; root_domain?: string } | null | undefined,
    part: 'domain' | 'root_domain',
  ) => obs.domain(d?.[part]);
  const both = (d: { domain?: string; root_domain?: string } | null | undefined) => {
    domain(d, 'domain');
    domain(d, 'root_domain');
  };
  const user = (v: string | undefined) => {
    obs.user(v);
    obs.email(v);
  };
  const ip = (v: string | undefined) => obs.ip(bareIndicatorIp(v));
  const h = e.headers;
  const links = e.body?.links ?? [];
  for (const x of e.body?.ips ?? []) ip(x.ip);
  for (const l of links) domain(l.display_url?.domain, 'domain');
  for (const l of links) domain(l.display_url?.domain, 'root_domain');
  for (const l of links) obs.user(l.display_url?.username);
  for (const l of links) domain(l.href_url?.domain, 'domain');
  for (const l of links) domain(l.href_url?.domain, 'root_domain');
  for (const l of links) obs.user(l.href_url?.username);
  for (const l of links) obs.url(l.href_url?.url);
  both(h?.auth_summary?.dmarc?.details?.from);
  const spf = h?.auth_summary?.spf?.details;
  ip(spf?.client_ip?.ip);
  both(spf?.helo);
  both(spf?.server);
  for (const d of h?.domains ?? []) domain(d, 'domain');
  for (const d of h?.domains ?? []) domain(d, 'root_domain');
  const hops = h?.hops ?? [];
  const ar = (hop: (typeof hops)[number]) => hop.authentication_results;
  for (const hop of hops) domain(ar(hop)?.dmarc_details?.from, 'domain');
  for (const hop of hops) domain(ar(hop)?.dmarc_details?.from, 'root_domain');
  for (const hop of hops) domain(ar(hop)?.server, 'domain');
  for (const hop of hops) domain(ar(hop)?.server, 'root_domain');
  for (const hop of hops) ip(hop.received_spf?.client_ip?.ip);
  for (const hop of hops) domain(hop.received_spf?.helo, 'domain');
  for (const hop of hops) domain(hop.received_spf?.helo, 'root_domain');
  for (const hop of hops) domain(hop.received_spf?.server, 'domain');
  for (const hop of hops) domain(hop.received_spf?.server, 'root_domain');
  for (const hop of hops) ip(ar(hop)?.spf_details?.client_ip?.ip);
  for (const hop of hops) domain(ar(hop)?.spf_details?.helo, 'domain');
  for (const hop of hops) domain(ar(hop)?.spf_details?.helo, 'root_domain');
  for (const hop of hops) domain(ar(hop)?.spf_details?.server, 'domain');
  for (const hop of hops) domain(ar(hop)?.spf_details?.server, 'root_domain');
  for (const x of h?.ips ?? []) ip(x.ip);
  const replyTo = h?.reply_to ?? [];
  for (const r of replyTo) domain(r.email?.domain, 'domain');
  for (const r of replyTo) domain(r.email?.domain, 'root_domain');
  for (const r of replyTo) user(r.email?.email);
  both(h?.return_path?.domain);
  both(h?.x_authenticated_domain);
  both(h?.x_authenticated_sender?.domain);
  // X-Client-IP is the source address; X-Originating-IP is only related.
  const client = bareIndicatorIp(h?.x_client_ip?.ip);
  if (client) obs.srcIp(client);
  ip(h?.x_originating_ip?.ip);
  both(h?.x_sender?.domain);
  both(e.mailbox?.email?.domain);
  user(e.mailbox?.email?.email);
  for (const list of [e.recipients?.bcc, e.recipients?.cc, e.recipients?.to]) {
    for (const r of list ?? []) domain(r.email?.domain, 'domain');
    for (const r of list ?? []) domain(r.email?.domain, 'root_domain');
    for (const r of list ?? []) user(r.email?.email);
  }
  both(e.sender?.email?.domain);
  user(e.sender?.email?.email);
  const from = e.sender?.email?.email;
  const subject = e.subject?.subject;
  return parserAlert('sublime_security', 'sublime_security.email_message', obs, {
    title: `Sublime Security email${subject ? `: ${subject}` : ''}${from ? ` from ${from}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e._meta?.created_at),
    ruleId: null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Sublime Security record');
  switch (r.kind) {
    case 'audit':
      return parseAudit(r.record);
    case 'message_event':
      return parseMessageEvent(r.record);
    case 'email_message':
      return parseEmailMessage(r.record);
  }
}

/** Sublime Security audit events, message events and email messages. */
export const sublimeSecurityParser: Parser = {
  name: 'sublime_security',
  claims: { keys: ['_meta', 'created_at', 'canonical_id'], text: false },
  detect: detectorOf(read),
  parse,
};
