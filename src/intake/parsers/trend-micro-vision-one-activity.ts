// Trend Micro Vision One search-API activity records (endpoint activity, network/SWG activity, telemetry) and
// audit logs, mapped as Elastic's `trend_micro_vision_one` endpoint_activity, network_activity, telemetry and
// audit pipelines map them. Workbench alerts and detections are the `trend_micro_vision_one` parser's.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'trend_micro_vision_one.activity';
const PKG = 'trend_micro_vision_one';
const Str = z.string().nullish().catch(null);
const Num = z.union([z.string(), z.number()]).nullish().catch(null);
const List = z.array(z.unknown()).nullish().catch(null);

type Kind = 'endpoint_activity' | 'network_activity' | 'telemetry' | 'audit';

const has = (raw: object, key: string): boolean => key in raw;
const text = (raw: object, key: string): boolean =>
  typeof Object.getOwnPropertyDescriptor(raw, key)?.value === 'string';

/** A search-API detection (the `trend_micro_vision_one` parser's): a product code and a detection time field. */
const isDetection = (raw: object): boolean =>
  text(raw, 'productCode') && (has(raw, 'searchDL') || has(raw, 'eventTimeDT') || has(raw, 'rt_utc'));

/** The stream a record belongs to, by the fields only that stream's API returns; null for anything else. */
function kindOf(raw: unknown): Kind | null {
  if (!isObject(raw) || isDetection(raw)) return null;
  if (
    text(raw, 'loggedDateTime') &&
    text(raw, 'loggedUser') &&
    (has(raw, 'loggedRole') || has(raw, 'accessType'))
  )
    return 'audit';
  if (
    text(raw, 'tenantGuid') &&
    text(raw, 'eventName') &&
    (has(raw, 'src') || has(raw, 'dst') || has(raw, 'clientIp'))
  )
    return 'network_activity';
  if (!text(raw, 'uuid') || !(text(raw, 'endpointGuid') || text(raw, 'endpointHostName'))) return null;
  if (!has(raw, 'eventId') && !has(raw, 'eventSubId')) return null;
  if (has(raw, 'eventHashId') || has(raw, 'logReceivedTime') || has(raw, 'eventSourceType'))
    return 'telemetry';
  if (has(raw, 'searchDL') || has(raw, 'eventTimeDT')) return 'endpoint_activity';
  return null;
}

/** The strings of a list-valued field (Elastic's foreach runs only over lists). */
const strings = (v: unknown[] | null | undefined): string[] =>
  (v ?? []).filter((x): x is string => typeof x === 'string');

/** An object host name: a DNS name is a domain for the SOC, a bare machine name a host. */
function hostOrDomain(obs: ObservablesBuilder, name: string | null | undefined): void {
  if (name && /\./.test(name) && !bareIndicatorIp(name)) obs.domain(name);
  else obs.host(name);
}

const EndpointActivity = z.object({
  uuid: z.string(),
  eventId: Num,
  eventSubId: Num,
  eventTime: Num,
  eventTimeDT: Str,
  src: Str,
  dst: Str,
  endpointIp: List,
  objectIp: Str,
  objectIps: List,
  hostName: Str,
  endpointHostName: Str,
  objectHostName: Str,
  logonUser: List,
  objectUser: Str,
  processCmd: Str,
  objectCmd: Str,
  request: Str,
  objectFileHashSha1: Str,
  processFileHashSha1: Str,
  parentFileHashSha1: Str,
  srcFileHashSha1: Str,
});

function parseEndpointActivity(raw: unknown): ReturnType<Parser['parse']> {
  const r = EndpointActivity.parse(raw);
  const obs = new ObservablesBuilder();
  // source.ip is src; dst is only destination.address, so it is related but no destination.ip.
  obs.srcIp(bareIndicatorIp(r.src));
  for (const ip of [...strings(r.endpointIp), ...strings(r.objectIps), r.dst, r.objectIp]) {
    obs.ip(bareIndicatorIp(ip));
  }
  obs.host(r.hostName);
  obs.host(r.endpointHostName);
  hostOrDomain(obs, r.objectHostName);
  for (const u of strings(r.logonUser)) obs.user(u);
  obs.user(r.objectUser);
  obs.url(r.request);
  for (const h of [r.objectFileHashSha1, r.processFileHashSha1, r.parentFileHashSha1, r.srcFileHashSha1]) {
    obs.hash(h);
  }
  const host = r.hostName ?? r.endpointHostName;
  const what = r.processCmd ?? r.objectCmd ?? `event ${r.eventId ?? '?'}/${r.eventSubId ?? '?'}`;
  return parserAlert(NAME, `${PKG}.endpoint_activity`, obs, {
    title: `Trend Micro Vision One endpoint activity${host ? ` on ${host}` : ''}: ${what}`,
    severity: 'info',
    observedAt: toIsoTime(r.eventTimeDT) ?? toIsoTime(r.eventTime),
    ruleId: r.eventSubId === null || r.eventSubId === undefined ? null : String(r.eventSubId),
  });
}

const NetworkActivity = z.object({
  eventName: z.string(),
  eventSubName: Str,
  eventTime: Num,
  src: Str,
  dst: Str,
  clientIp: Str,
  endpointHostName: Str,
  requestBase: Str,
  request: Str,
  suid: Str,
  principalName: Str,
  ruleName: Str,
  ruleUuid: Str,
  fileHash: Str,
  fileHashSha256: Str,
});

function parseNetworkActivity(raw: unknown): ReturnType<Parser['parse']> {
  const r = NetworkActivity.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(r.src));
  obs.dstIp(bareIndicatorIp(r.dst));
  obs.ip(bareIndicatorIp(r.clientIp));
  // The endpoint is host.hostname (not host.name), though Elastic relates it; the requested site is a domain.
  obs.host(r.endpointHostName);
  obs.domain(r.requestBase);
  obs.user(r.suid);
  obs.user(r.principalName);
  obs.url(r.request);
  obs.hash(r.fileHash);
  obs.hash(r.fileHashSha256);
  const detail = r.eventSubName ?? r.requestBase ?? r.request;
  return parserAlert(NAME, `${PKG}.network_activity`, obs, {
    title: `Trend Micro Vision One ${r.eventName}${detail ? `: ${detail}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.eventTime),
    ruleId: r.ruleUuid ?? r.ruleName ?? null,
  });
}

const Telemetry = z.object({
  uuid: z.string(),
  eventId: Num,
  eventSubId: Num,
  eventTime: Num,
  src: Str,
  dst: Str,
  endpointGuid: Str,
  endpointHostName: Str,
  endpointIp: List,
  objectUser: Str,
  processUser: Str,
  processCmd: Str,
  objectCmd: Str,
  objectFileHashMd5: Str,
  objectFileHashSha1: Str,
  objectFileHashSha256: Str,
  processFileHashMd5: Str,
  processFileHashSha1: Str,
  processFileHashSha256: Str,
  parentFileHashMd5: Str,
  parentFileHashSha1: Str,
  parentFileHashSha256: Str,
});

function parseTelemetry(raw: unknown): ReturnType<Parser['parse']> {
  const r = Telemetry.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(r.src));
  obs.dstIp(bareIndicatorIp(r.dst));
  for (const ip of strings(r.endpointIp)) obs.ip(bareIndicatorIp(ip));
  // host.name is the endpoint; Elastic also relates its GUID (host.id) as a host.
  obs.host(r.endpointHostName);
  obs.host(r.endpointGuid);
  // Only the object's and the process's users are related; the parent's user is not.
  obs.user(r.objectUser);
  obs.user(r.processUser);
  for (const h of [
    r.objectFileHashMd5,
    r.objectFileHashSha1,
    r.objectFileHashSha256,
    r.processFileHashMd5,
    r.processFileHashSha1,
    r.processFileHashSha256,
    r.parentFileHashMd5,
    r.parentFileHashSha1,
    r.parentFileHashSha256,
  ]) {
    obs.hash(h);
  }
  const what = r.objectCmd ?? r.processCmd ?? `event ${r.eventId ?? '?'}/${r.eventSubId ?? '?'}`;
  return parserAlert(NAME, `${PKG}.telemetry`, obs, {
    title: `Trend Micro Vision One telemetry${r.endpointHostName ? ` on ${r.endpointHostName}` : ''}: ${what}`,
    severity: 'info',
    observedAt: toIsoTime(r.eventTime),
    ruleId: r.eventSubId === null || r.eventSubId === undefined ? null : String(r.eventSubId),
  });
}

const Audit = z.object({
  loggedDateTime: z.string(),
  loggedUser: z.string(),
  loggedRole: Str,
  accessType: Str,
  category: Str,
  activity: Str,
  result: Str,
});

function parseAudit(raw: unknown): ReturnType<Parser['parse']> {
  const r = Audit.parse(raw);
  const obs = new ObservablesBuilder();
  // The acting account is source.user.name and related.user (no user.name).
  obs.user(r.loggedUser);
  const what = [r.category, r.activity].filter(Boolean).join(': ') || 'audit event';
  const failed = /^unsuccessful|^fail/i.test(r.result ?? '');
  return parserAlert(NAME, `${PKG}.audit`, obs, {
    title: `Trend Micro Vision One audit: ${what} by ${r.loggedUser}${r.result ? ` (${r.result})` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(r.loggedDateTime),
    ruleId: r.category ?? null,
  });
}

const detect = (raw: unknown): boolean => kindOf(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  switch (kindOf(raw)) {
    case 'endpoint_activity':
      return parseEndpointActivity(raw);
    case 'network_activity':
      return parseNetworkActivity(raw);
    case 'telemetry':
      return parseTelemetry(raw);
    case 'audit':
      return parseAudit(raw);
    default:
      throw new Error('not a Trend Micro Vision One activity or audit record');
  }
}

export const trendMicroVisionOneActivityParser: Parser = {
  name: NAME,
  claims: { keys: ['loggedDateTime', 'tenantGuid', 'endpointGuid', 'endpointHostName'], text: false },
  detect,
  parse,
};
