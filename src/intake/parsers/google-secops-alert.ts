// Google SecOps (Chronicle) rule detections (`type: RULE_DETECTION`, one `detection` (the alert stream) or a
// list of them (alert_v2), and the UDM `event`), and the earlier alert stream's UDM search results (`{name,
// udm}`), mapped as Elastic's google_secops alert pipelines map the UDM nouns: `src` is the source, `target` the
// destination, `principal` the host, and every noun's addresses (NAT addresses too), host names and users
// related.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'google_secops.alert';

const Str = z.string().nullish().catch(null);
/** A list field; UDM search results also write a single value where the API has a list. */
const Texts = z
  .union([z.array(z.unknown()), z.string().transform((s) => [s])])
  .nullish()
  .catch(null);
const Label = z.object({ key: Str, value: Str });

const Detection = z.object({
  ruleId: Str,
  ruleName: Str,
  description: Str,
  riskScore: z.number().nullish().catch(null),
  ruleLabels: z.array(Label).nullish().catch(null),
});

const Hashes = z.object({ md5: Str, sha1: Str, sha256: Str }).partial().nullish().catch(null);
const User = z
  .object({ userid: Str, userDisplayName: Str, emailAddresses: Texts })
  .partial()
  .nullish()
  .catch(null);
/** A UDM noun (principal, src, target, about, intermediary): the fields Vigil reads. */
const Noun = z
  .object({
    hostname: Str,
    ip: Texts,
    natIp: Texts,
    asset: z.object({ hostname: Str, ip: Texts, natIp: Texts }).partial().nullish().catch(null),
    ipGeoArtifact: z
      .array(z.object({ ip: Str }).partial())
      .nullish()
      .catch(null),
    user: User,
    file: Hashes,
    process: z.object({ file: Hashes }).partial().nullish().catch(null),
  })
  .partial()
  .nullish()
  .catch(null);
type Noun = z.infer<typeof Noun>;

const Event = z
  .object({
    metadata: z
      .object({ description: Str, productEventType: Str, eventTimestamp: Str, eventType: Str })
      .partial()
      .nullish()
      .catch(null),
    principal: Noun,
    src: Noun,
    target: Noun,
    about: z.array(Noun).nullish().catch(null),
    intermediary: z.array(Noun).nullish().catch(null),
  })
  .partial()
  .nullish()
  .catch(null);

const RuleDetection = z.object({
  id: z.string().regex(/^de_/),
  type: z.literal('RULE_DETECTION'),
  detection: z.union([Detection, z.array(Detection).min(1)]),
  detectionTime: Str,
  createdTime: Str,
  event: Event,
});
type RuleDetection = z.infer<typeof RuleDetection>;

/** A UDM search result: the event's resource name and the UDM event, with its security results. */
const UdmResult = z.object({
  name: z.string(),
  udm: z.object({
    metadata: z.object({ eventType: z.string() }).passthrough(),
    securityResult: z
      .array(z.object({ severity: Str, priority: Str, summary: Str, ruleName: Str }).partial())
      .nullish()
      .catch(null),
  }),
});
type UdmResult = {
  name: string;
  event: z.infer<typeof Event>;
  results: z.infer<typeof UdmResult>['udm']['securityResult'];
};

type SecopsRecord = { kind: 'detection'; detection: RuleDetection } | ({ kind: 'udm' } & UdmResult);

function read(raw: unknown): SecopsRecord | null {
  if (!isObject(raw)) return null;
  if ('udm' in raw && 'name' in raw) {
    const r = UdmResult.safeParse(raw);
    if (!r.success) return null;
    const event = Event.parse(raw.udm);
    const named = event?.principal ?? event?.src ?? event?.target;
    return named ? { kind: 'udm', name: r.data.name, event, results: r.data.udm.securityResult } : null;
  }
  if (!('detection' in raw) || !('type' in raw) || raw.type !== 'RULE_DETECTION') return null;
  const d = RuleDetection.safeParse(raw);
  return d.success ? { kind: 'detection', detection: d.data } : null;
}

const texts = (list: readonly unknown[] | null | undefined): string[] =>
  (list ?? []).filter((v): v is string => typeof v === 'string');

const ips = (list: readonly unknown[] | null | undefined): string[] =>
  texts(list).flatMap((v) => bareIndicatorIp(v) ?? []);

function users(obs: ObservablesBuilder, u: z.infer<typeof User>, withEmails = true): void {
  if (withEmails) {
    for (const e of texts(u?.emailAddresses)) {
      obs.user(e);
      obs.email(e);
    }
  }
  obs.user(u?.userDisplayName);
  obs.user(u?.userid);
}

function hashes(obs: ObservablesBuilder, n: Noun): void {
  for (const h of [n?.file, n?.process?.file]) {
    obs.hash(h?.sha256);
    obs.hash(h?.sha1);
    obs.hash(h?.md5);
  }
}

function readEvent(obs: ObservablesBuilder, e: z.infer<typeof Event>): void {
  const { principal: p, src, target: t } = e ?? {};
  // related.ip in the pipeline's order: the principal (asset, geo artefacts, own), src, target.
  for (const i of e?.intermediary ?? []) for (const ip of ips(i?.ip)) obs.ip(ip);
  for (const ip of ips(p?.asset?.ip)) obs.ip(ip);
  for (const ip of ips(p?.asset?.natIp)) obs.ip(ip);
  for (const g of p?.ipGeoArtifact ?? []) obs.ip(bareIndicatorIp(g.ip));
  for (const ip of ips(p?.ip)) obs.ip(ip);
  for (const ip of ips(p?.natIp)) obs.ip(ip);
  for (const ip of ips(src?.asset?.ip)) obs.ip(ip);
  for (const ip of ips(src?.ip)) obs.srcIp(ip);
  for (const ip of ips(t?.asset?.ip)) obs.ip(ip);
  for (const ip of ips(t?.ip)) obs.dstIp(ip);
  // The principal's display name is user.name; `about` users come first in related.user, without e-mails.
  obs.user(p?.user?.userDisplayName);
  for (const a of e?.about ?? []) users(obs, a?.user, false);
  for (const n of [p, src, t]) users(obs, n?.user);
  for (const i of e?.intermediary ?? []) obs.host(i?.hostname);
  for (const n of [p, src, t]) obs.host(n?.asset?.hostname);
  for (const n of [p, src, t]) obs.host(n?.hostname);
  for (const n of [p, src, t]) hashes(obs, n);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Google SecOps rule detection or UDM event');
  return r.kind === 'udm' ? parseUdm(r) : parseDetection(r.detection);
}

function parseUdm(r: UdmResult): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  readEvent(obs, r.event);
  const results = r.results ?? [];
  const severity =
    results.map((s) => mapSeverity(s.severity) ?? mapSeverity(s.priority)).find((s) => s !== null) ??
    'medium';
  const m = r.event?.metadata;
  const what =
    results.find((s) => s.ruleName)?.ruleName ?? m?.productEventType ?? m?.eventType ?? 'UDM event';
  const why = m?.description ?? results.find((s) => s.summary)?.summary;
  return parserAlert(NAME, NAME, obs, {
    title: `Google SecOps ${what}${why ? `: ${why}` : ''}`,
    severity,
    observedAt: toIsoTime(m?.eventTimestamp),
    ruleId: null,
  });
}

function parseDetection(a: RuleDetection): ReturnType<Parser['parse']> {
  const rule = Array.isArray(a.detection) ? a.detection[0] : a.detection;
  const obs = new ObservablesBuilder();
  readEvent(obs, a.event);
  const labelled = rule?.ruleLabels?.find((l) => l.key?.toLowerCase() === 'severity')?.value;
  const severity = mapSeverity(labelled) ?? mapSeverity(rule?.riskScore, 'hundred') ?? 'medium';
  const what = rule?.ruleName ?? 'Google SecOps rule detection';
  const why = a.event?.metadata?.description ?? rule?.description;
  // The alert_v2 stream's API lists the detections; the alert stream's gives one.
  return parserAlert(NAME, Array.isArray(a.detection) ? 'google_secops.alert_v2' : NAME, obs, {
    title: why ? `${what}: ${why}` : what,
    severity,
    observedAt: toIsoTime(a.detectionTime ?? a.createdTime),
    ruleId: rule?.ruleId ?? null,
  });
}

export const googleSecopsAlertParser: Parser = {
  name: NAME,
  claims: { keys: ['detection', 'udm'], text: false },
  detect: detectorOf(read),
  parse,
};
