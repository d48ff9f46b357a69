// Netskope alerts and events as Elastic's `netskope` integration receives them (`{"netskope":{"alerts"|"events":
// {…}}, "source", "destination", "user":{"email"}, "host":{"hostname"}, …}`), read as its `alerts` and `events`
// pipelines read them: destination, user and source addresses; e-mail local parts as users.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' || v === 'null' ? undefined : String(v)));

/** `user.email` arrives as one address, a list, or an object of numbered copies (`{"1": …, "2": …}`). */
const Emails = z
  .union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((v): string[] => {
    if (v === null || v === undefined) return [];
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v : Object.values(v);
    return values.filter((e): e is string => typeof e === 'string');
  });

const Named = z.object({ name: Text }).partial().nullish();

/** The vendor fields under `netskope.alerts` / `netskope.events` that this parser reads. */
const Detail = z
  .object({
    alert: z.object({ name: Text, type: Text }).partial().nullish(),
    alert_type: Text,
    type: Text,
    event_type: Text,
    action: Text,
    activity: Named,
    policy: Named,
    app: Named,
    domain: Text,
    user: z.object({ ip: Text }).partial().nullish(),
    severity: z.object({ level: Text }).partial().nullish(),
    malware: z.object({ name: Text, severity: Text }).partial().nullish(),
    dlp: z
      .object({ rule: z.object({ severity: Text }).partial().nullish() })
      .partial()
      .nullish(),
    sa: z
      .object({ rule: z.object({ severity: Text }).partial().nullish() })
      .partial()
      .nullish(),
    alarm: Named,
    audit: z
      .object({ log: z.object({ event: Text }).partial().nullish() })
      .partial()
      .nullish(),
  })
  .partial();

const Endpoint = z.object({ ip: Text, domain: Text }).partial().nullish();

const NetskopeRecord = z.object({
  netskope: z.union([
    z.object({ alerts: Detail }).transform((n) => ({ stream: 'alerts' as const, d: n.alerts })),
    z.object({ events: Detail }).transform((n) => ({ stream: 'events' as const, d: n.events })),
  ]),
  '@timestamp': Text,
  source: Endpoint,
  destination: Endpoint,
  user: z.object({ name: Text, email: Emails }).partial().nullish(),
  host: z.object({ hostname: Text }).partial().nullish(),
  event: z.object({ action: Text }).partial().nullish(),
});
type NetskopeRecord = z.infer<typeof NetskopeRecord>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('netskope' in raw)) return false;
  const n = raw.netskope;
  if (!isObject(n) || !(('alerts' in n && isObject(n.alerts)) || ('events' in n && isObject(n.events))))
    return false;
  return NetskopeRecord.safeParse(raw).success;
}

/** The local parts of the distinct addresses holding an `@`, as the alerts pipeline's script derives users. */
function emailUsers(emails: readonly string[]): string[] {
  const distinct = [...new Set(emails)];
  return distinct.filter((e) => e.includes('@')).map((e) => e.split('@')[0] ?? '');
}

function severityOf(r: NetskopeRecord): Severity {
  const d = r.netskope.d;
  for (const v of [d.severity?.level, d.malware?.severity, d.dlp?.rule?.severity, d.sa?.rule?.severity]) {
    // Netskope writes `unknown` when it has no rating; that says nothing.
    const s = v && v.toLowerCase() !== 'unknown' ? mapSeverity(v) : null;
    if (s) return s;
  }
  if (r.netskope.stream === 'events') return 'info';
  return /malware|malsite|compromised|dlp/i.test(d.alert_type ?? d.type ?? '') ? 'high' : 'medium';
}

function titleOf(r: NetskopeRecord): string {
  const d = r.netskope.d;
  if (r.netskope.stream === 'alerts') {
    const what = d.alert?.name ?? d.malware?.name ?? d.policy?.name ?? 'alert';
    const kind = d.alert_type ?? d.type;
    return `Netskope ${kind ? `${kind} ` : ''}alert: ${what}`;
  }
  const what =
    d.alarm?.name ?? d.audit?.log?.event ?? d.activity?.name ?? d.policy?.name ?? d.type ?? 'event';
  return `Netskope ${d.event_type ?? ''} event: ${what}`.replace(/\s+/g, ' ');
}

function parse(raw: unknown): Alert {
  const r: NetskopeRecord = NetskopeRecord.parse(raw);
  const { stream, d } = r.netskope;
  const obs = new ObservablesBuilder();
  // related.ip lists destination.ip, then netskope.<stream>.user.ip, then source.ip.
  obs.dstIp(bareIndicatorIp(r.destination?.ip) ?? undefined);
  obs.ip(bareIndicatorIp(d.user?.ip) ?? undefined);
  obs.srcIp(bareIndicatorIp(r.source?.ip) ?? undefined);

  const emails = r.user?.email ?? [];
  for (const e of emails) obs.email(e);
  // Both pipelines turn e-mail addresses into users (user.name when there is one address).
  const fromEmails = emailUsers(emails);
  if (fromEmails.length !== 1) obs.user(r.user?.name);
  for (const u of fromEmails) obs.user(u);

  // related.hosts: destination.domain, netskope.alerts.domain (alerts only), host.hostname.
  obs.domain(r.destination?.domain);
  if (stream === 'alerts') obs.domain(d.domain);
  obs.host(r.host?.hostname);

  return parserAlert('netskope', `netskope.${stream}`, obs, {
    title: titleOf(r),
    severity: severityOf(r),
    observedAt: r['@timestamp'] ? toIsoTime(r['@timestamp']) : null,
    ruleId: d.policy?.name ?? d.alert?.name ?? null,
  });
}

export const netskopeParser: Parser = {
  name: 'netskope',
  claims: { keys: ['netskope'], text: false },
  detect,
  parse,
};
