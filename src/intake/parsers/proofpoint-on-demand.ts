// Proofpoint on Demand (PoD) log API records: admin audit (`{"audit": {"action", "user"}, "metadata"}`), message
// (`{"guid", "connection", "envelope", "filter", "msg"}`) and sendmail (`{"data", "sm", "pps"}`) events, mapped as
// Elastic's `proofpoint_on_demand` pipelines map them: client addresses as source, PPS agent as host, addresses as users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Strings = z.array(z.string()).nullish();

const Origin = z
  .object({
    origin: z.object({ data: z.object({ agent: Str, cid: Str }).passthrough().nullish() }).nullish(),
  })
  .passthrough()
  .nullish();

const AuditRecord = z.object({
  audit: z
    .object({
      action: z.string(),
      level: Str,
      resourceName: Str,
      resourceType: Str,
      service: z.object({ ipAddress: Str }).passthrough().nullish(),
      user: z.object({ email: Str, id: Str, ipAddress: Str }).passthrough().nullish(),
    })
    .passthrough(),
  guid: Str,
  metadata: Origin,
  ts: Str,
});
type AuditRecord = z.infer<typeof AuditRecord>;

const Header = z
  .object({ from: Strings, to: Strings, cc: Strings, 'reply-to': Strings, subject: Strings })
  .passthrough()
  .nullish();
const MessageRecord = z.object({
  guid: Str,
  connection: z.object({ host: Str, ip: Str, helo: Str }).passthrough(),
  envelope: z.object({ from: Str, rcpts: Strings }).passthrough(),
  filter: z
    .object({
      disposition: Str,
      routeDirection: Str,
      qid: Str,
      throttleIp: Str,
      verified: z.object({ rcpts: Strings }).passthrough().nullish(),
      quarantine: z.object({ rule: Str, folder: Str }).passthrough().nullish(),
      modules: z
        .object({
          dkimv: z.array(z.object({ domain: Str }).passthrough()).nullish(),
          dmarc: z
            .object({
              alignment: z.array(z.object({ fromDomain: Str }).passthrough()).nullish(),
              authResults: z
                .array(
                  z.object({ emailIdentities: z.record(z.string(), z.unknown()).nullish() }).passthrough(),
                )
                .nullish(),
            })
            .passthrough()
            .nullish(),
          spf: z.object({ domain: Str }).passthrough().nullish(),
        })
        .passthrough()
        .nullish(),
    })
    .passthrough()
    .nullish(),
  final_action: Str,
  final_rule: Str,
  msg: z
    .object({
      header: Header,
      parsedAddresses: z.object({ from: Strings, to: Strings, cc: Strings }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
  msgParts: z
    .array(
      z
        .object({ md5: Str, sha256: Str, urls: z.array(z.object({ url: Str }).passthrough()).nullish() })
        .passthrough(),
    )
    .nullish(),
  metadata: Origin,
  pps: z.object({ agent: Str }).passthrough().nullish(),
  ts: Str,
});
type MessageRecord = z.infer<typeof MessageRecord>;

const MailRecord = z.object({
  data: Str,
  id: Str,
  pps: z.object({ agent: Str, cid: Str }).passthrough().nullish(),
  metadata: Origin,
  sm: z.object({ from: Str, to: Strings, qid: Str, stat: Str, relay: Str }).passthrough(),
  ts: Str,
});
type MailRecord = z.infer<typeof MailRecord>;

type PodRecord =
  | { kind: 'audit'; record: AuditRecord }
  | { kind: 'message'; record: MessageRecord }
  | { kind: 'mail'; record: MailRecord };

const safe = <T>(schema: z.ZodType<T>, raw: unknown): T | null => {
  const r = schema.safeParse(raw);
  return r.success ? r.data : null;
};

/** The record, or null when the payload is not a PoD log API record (TAP and Essentials records have none of
 * `audit`, `envelope` + `connection`, or `sm`). */
function read(raw: unknown): PodRecord | null {
  if (!isObject(raw)) return null;
  if ('audit' in raw && isObject(raw.audit) && ('metadata' in raw || 'guid' in raw)) {
    const record = safe(AuditRecord, raw);
    return record ? { kind: 'audit', record } : null;
  }
  if ('envelope' in raw && 'connection' in raw && ('filter' in raw || 'msg' in raw)) {
    const record = safe(MessageRecord, raw);
    return record ? { kind: 'message', record } : null;
  }
  if ('sm' in raw && isObject(raw.sm) && ('pps' in raw || 'metadata' in raw) && 'data' in raw) {
    const record = safe(MailRecord, raw);
    return record ? { kind: 'mail', record } : null;
  }
  return null;
}

/** The PPS agent: an address goes to related.ip, a name to related.hosts (as the pipelines' `convert` does). */
function agent(obs: ObservablesBuilder, value: string | null | undefined): void {
  if (!value) return;
  if (bareIndicatorIp(value)) obs.ip(bareIndicatorIp(value));
  else obs.host(value);
}

function emailsOf(obs: ObservablesBuilder, values: readonly (string | null | undefined)[]): void {
  for (const v of values) {
    obs.user(v);
    // The part before the first `@` past the token's first character holds no `@`: with both sides allowed
    // `@`, each `@` of a long hostile token was tried as the split (quadratic time).
    const m = v ? /<([^<>\s][^<>\s@]*@[^<>\s]+)>/.exec(v) : null;
    obs.email(m ? m[1] : v);
  }
}

function parseAudit(a: AuditRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  agent(obs, a.metadata?.origin?.data?.agent);
  obs.ip(bareIndicatorIp(a.audit.service?.ipAddress));
  emailsOf(obs, [a.audit.user?.email]);
  obs.user(a.audit.user?.id);
  obs.srcIp(bareIndicatorIp(a.audit.user?.ipAddress));
  const what = [a.audit.action, a.audit.resourceType, a.audit.resourceName].filter(Boolean).join(' ');
  return parserAlert('proofpoint_on_demand', 'proofpoint_on_demand.audit', obs, {
    title: `Proofpoint on Demand audit: ${what}`,
    severity: 'info',
    observedAt: toIsoTime(a.ts),
    ruleId: a.audit.action,
  });
}

/** Values the message pipeline's clean-up drops (`**` is PoD's unknown country, `0` an unset sub-org). */
const present = (v: string | null | undefined): v is string =>
  typeof v === 'string' && v.trim() !== '' && v !== '**' && v !== '0';

function parseMessage(m: MessageRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const { connection: c, filter: f } = m;
  // HELO: an address is related, a name a host; then the connecting host name and address (the source).
  if (present(c.helo)) {
    if (bareIndicatorIp(c.helo)) obs.ip(bareIndicatorIp(c.helo));
    else obs.host(c.helo);
  }
  if (present(c.host)) obs.host(c.host);
  obs.srcIp(bareIndicatorIp(c.ip));
  const modules = f?.modules;
  for (const d of modules?.dkimv ?? []) obs.domain(d.domain);
  for (const a of modules?.dmarc?.alignment ?? []) obs.domain(a.fromDomain);
  for (const r of modules?.dmarc?.authResults ?? []) {
    const from = r.emailIdentities?.['header.from'];
    obs.domain(typeof from === 'string' ? from : null);
  }
  obs.domain(modules?.spf?.domain);
  obs.ip(bareIndicatorIp(f?.throttleIp));
  obs.host(m.metadata?.origin?.data?.agent);
  obs.host(m.pps?.agent);
  const h = m.msg?.header;
  const p = m.msg?.parsedAddresses;
  emailsOf(
    obs,
    [
      m.envelope.from,
      ...(m.envelope.rcpts ?? []),
      ...(f?.verified?.rcpts ?? []),
      ...(h?.cc ?? []),
      ...(h?.from ?? []),
      ...(h?.['reply-to'] ?? []),
      ...(h?.to ?? []),
      ...(p?.cc ?? []),
      ...(p?.from ?? []),
      ...(p?.to ?? []),
    ].filter(present),
  );
  for (const part of m.msgParts ?? []) {
    obs.hash(part.sha256);
    obs.hash(part.md5);
    for (const u of part.urls ?? []) obs.url(u.url);
  }
  const action = m.final_action ?? f?.disposition ?? null;
  const subject = h?.subject?.[0];
  return parserAlert('proofpoint_on_demand', 'proofpoint_on_demand.message', obs, {
    title: `Proofpoint on Demand message${action ? ` ${action}` : ''}${subject ? `: ${subject}` : ''}`,
    severity: action && /reject|discard|quarantine|block/i.test(action) ? 'medium' : 'info',
    observedAt: toIsoTime(m.ts),
    ruleId: m.final_rule ?? f?.quarantine?.rule ?? action,
  });
}

function parseMail(m: MailRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  agent(obs, m.pps?.agent ?? m.metadata?.origin?.data?.agent);
  emailsOf(obs, [...(m.sm.to ?? []), m.sm.from]);
  return parserAlert('proofpoint_on_demand', 'proofpoint_on_demand.mail', obs, {
    title: `Proofpoint on Demand mail log${m.sm.stat ? `: ${m.sm.stat}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(m.ts),
    ruleId: m.sm.qid ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (r === null) throw new Error('not a Proofpoint on Demand record');
  if (r.kind === 'audit') return parseAudit(r.record);
  return r.kind === 'message' ? parseMessage(r.record) : parseMail(r.record);
}

export const proofpointOnDemandParser: Parser = {
  name: 'proofpoint_on_demand',
  claims: { keys: ['audit', 'envelope', 'sm'], text: false },
  detect: detectorOf(read),
  parse,
};
