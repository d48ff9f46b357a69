// Darktrace alerts as the API, webhooks or the syslog JSON output write them (also after a syslog app name,
// `darktrace {…}`): model breaches (device, model, triggering components), AI Analyst incidents (breach
// devices, detail sections) and system status alerts, mapped as Elastic's three darktrace pipelines do.
import { z } from 'zod';
import { isIpAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, textOf } from './common.js';
import type { Parser } from './parser.js';

const Num = z.union([z.number(), z.string()]).nullish().catch(undefined);

const ModelBreach = z.object({
  model: z.object({
    name: TextField,
    uuid: TextField,
    pid: TextField,
    priority: Num,
    created: z.object({ by: TextField }).nullish().catch(undefined),
    edited: z.object({ by: TextField }).nullish().catch(undefined),
  }),
  device: z
    .object({
      hostname: TextField,
      ip: TextField,
      ip6: TextField,
      ips: z
        .array(z.object({ ip: TextField }).catch({ ip: undefined }))
        .nullish()
        .catch(undefined),
    })
    .nullish()
    .catch(undefined),
  triggeredComponents: z
    .array(
      z
        .object({
          triggeredFilters: z
            .array(
              z
                .object({
                  filterType: TextField,
                  trigger: z.object({ value: TextField }).nullish().catch(undefined),
                })
                .catch({ filterType: undefined }),
            )
            .nullish()
            .catch(undefined),
        })
        .catch({}),
    )
    .nullish()
    .catch(undefined),
  score: Num,
  time: Num,
  creationTime: Num,
});

/** A device as AI Analyst incidents list it (in `breachDevices` and in detail sections). */
const Device = z
  .object({ identifier: TextField, hostname: TextField, ip: TextField })
  .catch({ identifier: undefined, hostname: undefined, ip: undefined });
type Device = z.infer<typeof Device>;

const AiAnalyst = z.object({
  title: TextField,
  id: TextField,
  summariser: TextField,
  aiaScore: Num,
  createdAt: Num,
  breachDevices: z.array(Device).nullish().catch(undefined),
  details: z
    .array(
      z
        .array(
          z
            .object({
              contents: z
                .array(z.object({ values: z.array(z.unknown()).nullish().catch(undefined) }).catch({}))
                .nullish()
                .catch(undefined),
            })
            .catch({}),
        )
        .catch([]),
    )
    .nullish()
    .catch(undefined),
});

const SystemStatus = z.object({
  alert_name: z.string(),
  name: TextField,
  hostname: TextField,
  ip_address: TextField,
  priority: Num,
  priority_level: TextField,
  last_updated: Num,
});

type Stream = 'model_breach_alert' | 'ai_analyst_alert' | 'system_status_alert';

/** How the pipelines read a text payload: an optional app name (letters), then the JSON object. */
const PREFIXED_JSON = /^[A-Za-z]*\s*\{/;
const MARKERS = /"(?:model|aiaScore|summariser|alert_name)"/;

/** The alert object of a payload: the object itself, or the JSON in a (possibly app-name-prefixed) line. */
function recordOf(raw: unknown): object | null {
  if (isObject(raw)) return raw;
  const text = textOf(raw)?.trim();
  if (!text?.endsWith('}') || !PREFIXED_JSON.test(text) || !MARKERS.test(text)) return null;
  try {
    const value: unknown = JSON.parse(text.slice(text.indexOf('{')));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function streamOf(r: object): Stream | null {
  if ('model' in r && isObject(r.model) && ('pbid' in r || 'triggeredComponents' in r))
    return ModelBreach.safeParse(r).success ? 'model_breach_alert' : null;
  if ('aiaScore' in r || ('summariser' in r && ('breachDevices' in r || 'details' in r)))
    return AiAnalyst.safeParse(r).success ? 'ai_analyst_alert' : null;
  if ('alert_name' in r && ('priority_level' in r || 'last_updated_status' in r))
    return SystemStatus.safeParse(r).success ? 'system_status_alert' : null;
  return null;
}

function read(raw: unknown): { record: object; stream: Stream } | null {
  const record = recordOf(raw);
  const stream = record ? streamOf(record) : null;
  return record && stream ? { record, stream } : null;
}

const detect = detectorOf(read);

/** Elastic's `convert … type: ip` test, which decides whether a device name goes to related.ip or related.hosts. */
const isAddress = (value: string | undefined): value is string => value !== undefined && isIpAddress(value);

/** A device name as the pipelines file it: an address is a related address, anything else a host name. */
function addName(obs: ObservablesBuilder, value: string | undefined): void {
  if (isAddress(value)) obs.ip(bareIndicatorIp(value));
  else obs.host(value);
}

const toNumber = (v: string | number | null | undefined): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

function parseModelBreach(record: object): ReturnType<Parser['parse']> {
  const e = ModelBreach.parse(record);
  const obs = new ObservablesBuilder(false);
  const d = e.device;
  // related.ip: the device hostname when it is an address, then host.ip (ip, ip6), then the device's ips;
  // a hostname that is not an address is host.hostname, copied to related.hosts.
  addName(obs, d?.hostname);
  obs.ip(bareIndicatorIp(d?.ip));
  obs.ip(bareIndicatorIp(d?.ip6));
  for (const entry of d?.ips ?? []) obs.ip(bareIndicatorIp(entry.ip));
  // The model's author and last editor are related.user.
  obs.user(e.model.created?.by);
  obs.user(e.model.edited?.by);
  // The connection hostname a triggering component shows is a domain for the SOC; Elastic keeps it out of
  // related.hosts (domainsInRelatedHosts below), as it does the component's destination address.
  for (const component of e.triggeredComponents ?? [])
    for (const filter of component.triggeredFilters ?? [])
      if (filter.filterType === 'Connection hostname') obs.domain(filter.trigger?.value);
  const score = toNumber(e.score);
  const priority = toNumber(e.model.priority);
  return parserAlert('darktrace', 'darktrace.model_breach_alert', obs, {
    title: e.model.name ?? 'Darktrace model breach',
    severity:
      score !== null
        ? mapSeverity(score * 100, 'hundred')
        : priority !== null
          ? mapSeverity(priority * 20, 'hundred')
          : null,
    observedAt: toIsoTime(e.time ?? e.creationTime),
    ruleId: e.model.uuid ?? e.model.pid ?? null,
  });
}

/** The device entries of an incident's detail sections (values that are objects; others are scalars). */
function detailDevices(details: z.infer<typeof AiAnalyst>['details']): Device[] {
  const out: Device[] = [];
  for (const section of details ?? [])
    for (const part of section)
      for (const content of part.contents ?? [])
        for (const value of content.values ?? []) if (isObject(value)) out.push(Device.parse(value));
  return out;
}

function parseAiAnalyst(record: object): ReturnType<Parser['parse']> {
  const e = AiAnalyst.parse(record);
  const obs = new ObservablesBuilder(false);
  const devices = e.breachDevices ?? [];
  const details = detailDevices(e.details);
  // The pipeline's order: breach-device hostnames and identifiers that are addresses, the devices' ips, then
  // the detail devices' ips, hostname and identifier addresses (CIDR values are not addresses).
  for (const dev of devices) if (isAddress(dev.hostname)) obs.ip(bareIndicatorIp(dev.hostname));
  for (const dev of devices) if (isAddress(dev.identifier)) obs.ip(bareIndicatorIp(dev.identifier));
  for (const dev of devices) obs.ip(bareIndicatorIp(dev.ip));
  for (const dev of details) obs.ip(bareIndicatorIp(dev.ip));
  for (const dev of details) if (isAddress(dev.hostname)) obs.ip(bareIndicatorIp(dev.hostname));
  for (const dev of details) if (isAddress(dev.identifier)) obs.ip(bareIndicatorIp(dev.identifier));
  // Identifiers are host.name (listed first), hostnames host.hostname; both, and the detail devices' names,
  // are related.hosts.
  for (const dev of devices) if (!isAddress(dev.identifier)) obs.host(dev.identifier);
  for (const dev of devices) if (!isAddress(dev.hostname)) obs.host(dev.hostname);
  for (const dev of details) if (!isAddress(dev.hostname)) obs.host(dev.hostname);
  for (const dev of details) if (!isAddress(dev.identifier)) obs.host(dev.identifier);
  const score = toNumber(e.aiaScore);
  return parserAlert('darktrace', 'darktrace.ai_analyst_alert', obs, {
    title: e.title ?? e.summariser ?? 'Darktrace AI Analyst incident',
    severity: score !== null ? mapSeverity(score, 'hundred') : null,
    observedAt: toIsoTime(e.createdAt),
    ruleId: e.summariser ?? e.id ?? null,
  });
}

function parseSystemStatus(record: object): ReturnType<Parser['parse']> {
  const e = SystemStatus.parse(record);
  const obs = new ObservablesBuilder(false);
  addName(obs, e.hostname);
  obs.ip(bareIndicatorIp(e.ip_address));
  const priority = toNumber(e.priority);
  return parserAlert('darktrace', 'darktrace.system_status_alert', obs, {
    title: e.alert_name,
    severity: mapSeverity(e.priority_level) ?? (priority !== null ? mapSeverity(priority, 'hundred') : null),
    observedAt: toIsoTime(e.last_updated),
    ruleId: e.name ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const hit = read(raw);
  if (!hit) throw new Error('not a Darktrace alert');
  if (hit.stream === 'model_breach_alert') return parseModelBreach(hit.record);
  if (hit.stream === 'ai_analyst_alert') return parseAiAnalyst(hit.record);
  return parseSystemStatus(hit.record);
}

export const darktraceParser: Parser = {
  name: 'darktrace',
  claims: {
    keys: ['model', 'aiaScore', 'summariser', 'alert_name'],
    text: ['"model"', '"aiaScore"', '"summariser"', '"alert_name"'],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
