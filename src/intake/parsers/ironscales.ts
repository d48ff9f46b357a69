// IRONSCALES incident API records (camelCase or snake_case keys): recipient, sender, resolver and reporters as
// users, the mail servers' host names and addresses, as Elastic's `ironscales.incident` pipeline maps them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

/** Elastic's camelCase → snake_case key conversion: `_` only where a lower-case letter meets a capital. */
function snakeKey(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charAt(i);
    const lower = c.toLowerCase();
    if (c !== lower) {
      const prev = key.charAt(i - 1);
      if (i > 0 && prev !== prev.toUpperCase()) out += '_';
      out += lower;
    } else out += c;
  }
  return out;
}

/**
 * The record with every key in snake_case, recursively. Where both spellings of a key occur (`senderEmail`
 * and `sender_email`), the snake_case one is kept, as Elastic's conversion leaves it for the API's key set.
 */
function snakeCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCased);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value);
  for (const [k, v] of entries) if (snakeKey(k) !== k) out[snakeKey(k)] = snakeCased(v);
  for (const [k, v] of entries) if (snakeKey(k) === k) out[k] = snakeCased(v);
  return out;
}

const MailServer = z.object({ host: TextField, ip: TextField }).nullish().catch(undefined);

const Report = z.object({
  name: TextField,
  email: TextField,
  sender_email: TextField,
  mail_server: MailServer,
});

const Incident = z.object({
  incident_id: TextField,
  email_subject: TextField,
  classification: TextField,
  detailed_classification: TextField,
  incident_type: TextField,
  themis_verdict: TextField,
  created: TextField,
  first_reported_date: TextField,
  latest_email_date: TextField,
  recipient_email: TextField,
  recipient_name: TextField,
  assignee: TextField,
  sender_name: TextField,
  sender_email: TextField,
  resolved_by: TextField,
  reply_to: TextField,
  reporter_name: TextField,
  mail_server: MailServer,
  reports: z.array(Report.nullish().catch(undefined)).nullish().catch(undefined),
  links: z
    .array(z.object({ url: TextField }).nullish().catch(undefined))
    .nullish()
    .catch(undefined),
  attachments: z
    .array(z.object({ md5: TextField }).nullish().catch(undefined))
    .nullish()
    .catch(undefined),
});
type Incident = z.infer<typeof Incident>;

/** An IRONSCALES incident: an incident id with the e-mail classification fields around it. */
function asIncident(raw: unknown): Incident | null {
  if (!isObject(raw)) return null;
  if (!('incidentID' in raw) && !('incident_id' in raw)) return null;
  if (!('emailSubject' in raw) && !('email_subject' in raw)) return null;
  if (!('classification' in raw) && !('themis_verdict' in raw) && !('detailed_classification' in raw))
    return null;
  const parsed = Incident.safeParse(snakeCased(raw));
  return parsed.success ? parsed.data : null;
}

function severityOf(i: Incident): Severity {
  const label = `${i.classification ?? ''} ${i.detailed_classification ?? ''}`;
  if (/phish|attack|malware|malicious|imperson|fraud/i.test(label)) return 'high';
  if (/spam/i.test(label)) return 'low';
  if (/safe|false.?positive|legit|clean/i.test(label)) return 'info';
  return 'medium';
}

function observablesOf(i: Incident): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  const reports = (i.reports ?? []).flatMap((r) => (r ? [r] : []));
  // user.name (the assignee), then related.user in the pipeline's order; the assignee and the resolver are the
  // analysts working the incident.
  obs.analyst(i.assignee);
  for (const u of [i.recipient_email, i.recipient_name]) obs.user(u);
  for (const u of [i.sender_name, i.sender_email]) obs.user(u);
  obs.analyst(i.resolved_by);
  for (const u of [i.reply_to, i.reporter_name]) obs.user(u);
  for (const r of reports) obs.user(r.name);
  for (const r of reports) obs.user(r.email);
  for (const r of reports) obs.user(r.sender_email);
  // related.hosts and related.ip: the incident's mail server, then each report's.
  obs.host(i.mail_server?.host);
  for (const r of reports) obs.host(r.mail_server?.host);
  obs.ip(bareIndicatorIp(i.mail_server?.ip));
  for (const r of reports) obs.ip(bareIndicatorIp(r.mail_server?.ip));
  for (const e of [i.recipient_email, i.sender_email, i.reply_to]) obs.email(e);
  for (const r of reports) {
    obs.email(r.email);
    obs.email(r.sender_email);
  }
  // Link sites are domain indicators; Elastic keeps them in url.full, out of related.hosts.
  for (const l of i.links ?? []) {
    obs.url(l?.url);
    obs.domain(urlHostname(l?.url));
  }
  for (const a of i.attachments ?? []) obs.hash(a?.md5);
  return obs;
}

const detect = detectorOf(asIncident);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const i = asIncident(raw);
  if (!i) throw new Error('not an IRONSCALES incident');
  const label = i.classification ?? i.themis_verdict ?? 'Incident';
  return parserAlert('ironscales', 'ironscales.incident', observablesOf(i), {
    title: `IRONSCALES ${label}${i.email_subject ? `: ${i.email_subject}` : ''}`,
    severity: severityOf(i),
    observedAt: toIsoTime(i.created ?? i.first_reported_date ?? i.latest_email_date),
    ruleId: i.incident_type ?? i.classification ?? null,
  });
}

export const ironscalesParser: Parser = {
  name: 'ironscales',
  claims: { keys: ['incidentID', 'incident_id'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
