// Jamf Protect JSON: macOS alerts (`input.match`), device telemetry (Endpoint Security events) and the
// Web Protection threat and network-traffic streams (`event.metadata.vendor: Jamf`), mapped as Elastic's
// `jamf_protect` pipelines map them (the Mac's addresses, its host name in telemetry, the users).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  isObject,
  OptionalNumber,
  OptionalText,
  parserAlert,
} from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Num = OptionalNumber;

/** The Mac that reported an alert or a telemetry event. */
const Host = z.object({
  hostname: Str,
  ips: z.array(z.string()).nullish(),
  provisioningUDID: Str,
  serial: Str,
});

const Fact = z.object({ name: Str, human: Str });

const AlertRecord = z.object({
  input: z.object({
    eventType: z.string(),
    host: Host,
    match: z.object({
      uuid: Str,
      severity: Num,
      facts: z.array(Fact).nullish(),
      event: z.object({ timestamp: Num }).nullish(),
    }),
    related: z.object({ users: z.array(z.object({ name: Str })).nullish() }).nullish(),
  }),
});
type AlertRecord = z.infer<typeof AlertRecord>;

const TelemetryRecord = z.object({
  host: Host,
  event: z.record(z.string(), z.unknown()),
  event_type: Num,
  time: Str,
  uuid: Str,
  metadata: z.object({ vendor: Str, product: Str }).nullish(),
});
type TelemetryRecord = z.infer<typeof TelemetryRecord>;

/** A telemetry event body: the fields Elastic's per-event pipelines rename to `user.name`. */
const TelemetryEventUser = z.object({ username: Str, user_name: Str });

const WebRecord = z.object({
  event: z.object({
    metadata: z.object({ vendor: z.literal('Jamf'), product: z.string() }),
    timestamp: Str,
    alertId: Str,
    eventType: z.object({ id: Num, name: Str, description: Str }).nullish(),
    signatureId: z.object({ id: Num, name: Str }).nullish(),
    severity: Num,
    action: Str,
    blocked: z.boolean().nullish(),
    hostName: Str,
    destination: z.object({ name: Str }).nullish(),
    threat: z.object({ result: Str }).nullish(),
    user: z.object({ name: Str, email: Str }).nullish(),
  }),
});
type WebRecord = z.infer<typeof WebRecord>;

type JamfRecord =
  | { kind: 'alerts'; r: AlertRecord }
  | { kind: 'telemetry'; r: TelemetryRecord }
  | { kind: 'web'; r: WebRecord };

/** The record when `raw` is one of Jamf Protect's streams; else null. */
function read(raw: unknown): JamfRecord | null {
  if (!isObject(raw)) return null;
  if ('input' in raw && isObject(raw.input) && 'match' in raw.input && 'eventType' in raw.input) {
    const a = AlertRecord.safeParse(raw);
    return a.success ? { kind: 'alerts', r: a.data } : null;
  }
  if (
    'host' in raw &&
    'event' in raw &&
    'event_type' in raw &&
    isObject(raw.host) &&
    'provisioningUDID' in raw.host
  ) {
    const t = TelemetryRecord.safeParse(raw);
    return t.success ? { kind: 'telemetry', r: t.data } : null;
  }
  if ('event' in raw && isObject(raw.event) && 'metadata' in raw.event) {
    const w = WebRecord.safeParse(raw);
    return w.success ? { kind: 'web', r: w.data } : null;
  }
  return null;
}

/** The Mac's addresses: Elastic's `host.ip`, copied into `related.ip`. */
function hostIps(obs: ObservablesBuilder, ips: string[] | null | undefined): void {
  for (const ip of ips ?? []) obs.ip(bareIndicatorIp(ip) ?? undefined);
}

/** Jamf Protect's alert levels: 0 informational, 1 low, 2 medium, 3 high. */
const ALERT_SEVERITY: Record<number, Severity> = { 0: 'info', 1: 'low', 2: 'medium', 3: 'high' };

function parseAlert(r: AlertRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  const i = r.input;
  hostIps(obs, i.host.ips);
  // Elastic: related.user from input.related.users[].name; host.hostname stays out of related.hosts.
  for (const u of i.related?.users ?? []) obs.user(u.name ?? undefined);
  const fact = i.match.facts?.[0];
  const ts = Number(i.match.event?.timestamp);
  return parserAlert('jamf_protect', 'jamf_protect.alerts', obs, {
    title: fact?.human ?? fact?.name ?? `Jamf Protect ${i.eventType}`,
    severity: ALERT_SEVERITY[Number(i.match.severity)] ?? 'medium',
    observedAt: Number.isFinite(ts) && ts > 0 ? toIsoTime(ts) : null,
    ruleId: fact?.name ?? null,
  });
}

function parseTelemetry(r: TelemetryRecord): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic: host.hostname into related.hosts, host.ips into related.ip, and the event's user name.
  obs.host(r.host.hostname ?? undefined);
  hostIps(obs, r.host.ips);
  const [action, body] = Object.entries(r.event).find(([, v]) => v !== null) ?? [];
  const u = TelemetryEventUser.safeParse(body);
  if (u.success) obs.user(u.data.username ?? u.data.user_name ?? undefined);
  return parserAlert('jamf_protect', 'jamf_protect.telemetry', obs, {
    title: `Jamf Protect telemetry: ${action ?? 'event'}`,
    severity: 'info',
    observedAt: toIsoTime(r.time),
    ruleId: r.event_type ?? null,
  });
}

function parseWeb(r: WebRecord): ReturnType<Parser['parse']> {
  const e = r.event;
  const obs = new ObservablesBuilder();
  // Elastic keeps the addresses in source/destination.address (no .ip, no related.ip) and the device
  // names in host.hostname; only user.name is an ECS indicator. The visited names are domains.
  obs.user(e.user?.name ?? undefined);
  obs.domain(e.hostName ?? undefined);
  obs.domain(e.destination?.name ?? undefined);
  const threat = /threat/i.test(e.metadata.product) || e.eventType != null;
  if (threat) {
    const sev = Number(e.severity);
    const severity: Severity | null = Number.isFinite(sev) ? mapSeverity(sev) : null;
    return parserAlert('jamf_protect', 'jamf_protect.web_threat_events', obs, {
      title: e.eventType?.description ?? e.eventType?.name ?? 'Jamf Protect threat event',
      severity: severity ?? 'medium',
      observedAt: toIsoTime(e.timestamp),
      ruleId: e.eventType?.id ?? null,
    });
  }
  const dirty = /dirty/i.test(e.threat?.result ?? '');
  return parserAlert('jamf_protect', 'jamf_protect.web_traffic_events', obs, {
    title: `Jamf Protect ${e.signatureId?.name ?? 'traffic'}${e.hostName ? `: ${e.hostName}` : ''}`,
    severity: dirty ? (e.blocked ? 'medium' : 'high') : 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.signatureId?.id ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Jamf Protect event');
  if (rec.kind === 'alerts') return parseAlert(rec.r);
  if (rec.kind === 'telemetry') return parseTelemetry(rec.r);
  return parseWeb(rec.r);
}

/** Jamf Protect alerts, telemetry and Web Protection threat and traffic events. */
export const jamfProtectParser: Parser = {
  name: 'jamf_protect',
  claims: { keys: ['input', 'event'], text: false },
  domainsInRelatedHosts: false,
  detect: detectorOf(read),
  parse,
};
