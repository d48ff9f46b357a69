// Trend Micro Vision One workbench alerts and search-API detections, read as Elastic's `trend_micro_vision_one`
// alert and detection pipelines map them: alerts relate only the addresses of entities and indicators;
// detections give source/destination lists, every listed address, the endpoint and device hosts, and users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'trend_micro_vision_one';
const Str = z.string().nullish().catch(null);
/** An entity's or indicator's value: a plain string (account, e-mail, URL) or an object such as a host. */
const Value = z
  .union([z.string(), z.object({ ips: z.array(z.unknown()).nullish().catch(null) }).passthrough()])
  .nullish()
  .catch(null);

const Entity = z.object({ entityType: Str, entityValue: Value });
const Indicator = z.object({ type: Str, value: Value });

const WorkbenchAlert = z.object({
  id: z.string(),
  model: Str,
  description: Str,
  severity: Str,
  score: z.union([z.number(), z.string()]).nullish().catch(null),
  createdDateTime: Str,
  updatedDateTime: Str,
  impactScope: z.object({ entities: z.array(z.unknown()).nullish().catch(null) }).passthrough(),
  indicators: z.array(z.unknown()).nullish().catch(null),
  matchedRules: z
    .array(z.object({ id: Str, name: Str }).passthrough())
    .nullish()
    .catch(null),
  matchedIndicatorPatterns: z
    .array(z.object({ id: Str }).passthrough())
    .nullish()
    .catch(null),
});

function isAlert(raw: object): boolean {
  if (!('id' in raw) || typeof raw.id !== 'string' || !/^WB-/.test(raw.id)) return false;
  if (!('impactScope' in raw) || !isObject(raw.impactScope)) return false;
  return 'workbenchLink' in raw || 'alertProvider' in raw || 'investigationStatus' in raw;
}

/** Every address in a value object's `ips` list (Elastic's convert to `ip` drops the rest). */
function relateIps(obs: ObservablesBuilder, value: z.infer<typeof Value>): void {
  if (value === null || value === undefined || typeof value === 'string') return;
  for (const ip of value.ips ?? []) {
    if (typeof ip === 'string') obs.ip(bareIndicatorIp(ip));
  }
}

function parseAlert(raw: unknown): ReturnType<Parser['parse']> {
  const alert = WorkbenchAlert.parse(raw);
  const obs = new ObservablesBuilder();

  for (const item of alert.impactScope.entities ?? []) {
    const entity = Entity.safeParse(item);
    if (!entity.success) continue;
    relateIps(obs, entity.data.entityValue);
    // E-mail entities are indicators for the SOC, though Elastic keeps them out of related.user.
    if (entity.data.entityType === 'emailAddress' && typeof entity.data.entityValue === 'string') {
      obs.email(entity.data.entityValue);
    }
  }
  for (const item of alert.indicators ?? []) {
    const indicator = Indicator.safeParse(item);
    if (!indicator.success) continue;
    const value = indicator.data.value;
    relateIps(obs, value);
    if (typeof value !== 'string') continue;
    if (indicator.data.type === 'url') obs.url(value);
    else if (/^file_sha/.test(indicator.data.type ?? '')) obs.hash(value);
  }

  const score = typeof alert.score === 'string' ? Number(alert.score) : alert.score;
  return parserAlert(NAME, `${NAME}.alert`, obs, {
    title: alert.model ?? alert.description ?? null,
    severity: mapSeverity(alert.severity) ?? mapSeverity(score ?? null, 'hundred'),
    observedAt: toIsoTime(alert.updatedDateTime) ?? toIsoTime(alert.createdDateTime),
    ruleId: alert.matchedRules?.[0]?.id ?? alert.matchedIndicatorPatterns?.[0]?.id ?? null,
  });
}

const Names = z
  .union([z.string(), z.array(z.unknown())])
  .nullish()
  .catch(null);

/** A detection from the search API (`/v3.0/search/detections`): endpoint, network and e-mail sensor logs. */
const Detection = z.object({
  uuid: z.string(),
  productCode: z.string(),
  eventName: Str,
  eventId: Str,
  eventSubName: Str,
  threatName: Str,
  malName: Str,
  ruleName: Str,
  description: Str,
  filterRiskLevel: Str,
  ruleId: z.union([z.string(), z.number()]).nullish().catch(null),
  eventTime: z.union([z.number(), z.string()]).nullish().catch(null),
  eventTimeDT: Str,
  rt_utc: Str,
  src: Names,
  dst: Names,
  senderIp: Names,
  dvc: Names,
  mDevice: Names,
  interestedIp: Names,
  peerIp: Names,
  clientIp: Names,
  hostName: Str,
  endpointHostName: Str,
  dhost: Str,
  shost: Str,
  dvchost: Str,
  samUser: Str,
  suser: Names,
  duser: Names,
  request: Str,
  requests: Str,
  fileHash: Str,
  objectFileHashMd5: Str,
  objectFileHashSha1: Str,
  objectFileHashSha256: Str,
  parentFileHashSha1: Str,
  parentFileHashSha256: Str,
  processFileHashMd5: Str,
  processFileHashSha1: Str,
  processFileHashSha256: Str,
});
type Detection = z.infer<typeof Detection>;

function isDetection(raw: object): boolean {
  if (!('uuid' in raw) || typeof raw.uuid !== 'string') return false;
  if (!('productCode' in raw) || typeof raw.productCode !== 'string') return false;
  if (!('eventName' in raw) && !('eventId' in raw)) return false;
  return 'searchDL' in raw || 'eventTimeDT' in raw || 'rt_utc' in raw;
}

/** The strings of a list-valued field; Elastic's related.* appends read a field only when it is a list. */
const listOf = (v: Detection['src']): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function parseDetection(raw: unknown): ReturnType<Parser['parse']> {
  const d = Detection.parse(raw);
  // Elastic copies src/dst into source.ip/destination.ip but relates only list-valued addresses, in its order.
  const obs = new ObservablesBuilder(false);
  const one = (v: Detection['src']): string[] => (typeof v === 'string' ? [v] : listOf(v));
  for (const ip of one(d.src)) obs.srcIp(bareIndicatorIp(ip));
  for (const ip of one(d.dst)) obs.dstIp(bareIndicatorIp(ip));
  for (const list of [d.senderIp, d.dvc, d.dst, d.src, d.mDevice, d.interestedIp, d.peerIp, d.clientIp]) {
    for (const ip of listOf(list)) obs.ip(bareIndicatorIp(ip));
  }
  // host.name is the endpoint; related.hosts adds the reported host name, the device, source and sensor hosts.
  for (const h of [d.endpointHostName, d.hostName, d.dhost, d.shost, d.dvchost]) obs.host(h);
  obs.user(d.samUser);
  for (const u of [...listOf(d.suser), ...listOf(d.duser)]) obs.user(u);
  obs.url(d.request ?? d.requests);
  for (const h of [
    d.objectFileHashMd5,
    d.objectFileHashSha1,
    d.objectFileHashSha256,
    d.fileHash,
    d.parentFileHashSha1,
    d.parentFileHashSha256,
    d.processFileHashMd5,
    d.processFileHashSha1,
    d.processFileHashSha256,
  ]) {
    obs.hash(h);
  }

  return parserAlert(NAME, `${NAME}.detection`, obs, {
    title: d.threatName ?? d.malName ?? d.ruleName ?? d.description ?? d.eventSubName ?? d.eventName ?? null,
    severity: mapSeverity(d.filterRiskLevel),
    observedAt: toIsoTime(d.eventTime) ?? toIsoTime(d.eventTimeDT) ?? toIsoTime(d.rt_utc),
    ruleId: d.ruleId ?? d.ruleName ?? d.eventId ?? null,
  });
}

function detect(raw: unknown): boolean {
  return isObject(raw) && (isAlert(raw) || isDetection(raw));
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  return isObject(raw) && isAlert(raw) ? parseAlert(raw) : parseDetection(raw);
}

export const trendMicroVisionOneParser: Parser = {
  name: NAME,
  claims: { keys: ['impactScope', 'productCode'], text: false },
  detect,
  parse,
};
