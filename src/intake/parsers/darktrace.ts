// Darktrace alerts as the API or the syslog JSON output writes them: model breaches (device, model,
// triggeredComponents), AI Analyst incidents (breachDevices, details) and system status alerts.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z.string().nullish().catch(undefined);
const Num = z.union([z.number(), z.string()]).nullish().catch(undefined);

const ModelBreach = z.object({
  model: z.object({
    name: z.string(),
    uuid: Text,
    pid: Num,
    priority: Num,
    created: z.object({ by: Text }).nullish().catch(undefined),
    edited: z.object({ by: Text }).nullish().catch(undefined),
  }),
  device: z
    .object({
      hostname: Text,
      ip: Text,
      ip6: Text,
      ips: z
        .array(z.object({ ip: Text }).catch({}))
        .nullish()
        .catch(undefined),
    })
    .nullish()
    .catch(undefined),
  pbid: Num,
  score: Num,
  time: Num,
  creationTime: Num,
});

const Device = z.object({ identifier: Text, hostname: Text, ip: Text }).catch({});
const AiAnalyst = z.object({
  title: z.string(),
  id: Text,
  summariser: Text,
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
                .array(
                  z.object({ type: Text, values: z.array(z.unknown()).nullish().catch(undefined) }).catch({}),
                )
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
  name: Text,
  uuid: Text,
  hostname: Text,
  ip_address: Text,
  priority: Num,
  priority_level: Text,
  last_updated: Num,
  message: Text,
});

type Stream = 'model_breach_alert' | 'ai_analyst_alert' | 'system_status_alert';

function streamOf(raw: unknown): Stream | null {
  if (!isObject(raw)) return null;
  if ('model' in raw && isObject(raw.model) && ('pbid' in raw || 'triggeredComponents' in raw))
    return ModelBreach.safeParse(raw).success ? 'model_breach_alert' : null;
  if ('aiaScore' in raw || ('summariser' in raw && 'breachDevices' in raw))
    return AiAnalyst.safeParse(raw).success ? 'ai_analyst_alert' : null;
  if ('alert_name' in raw && 'priority_level' in raw && 'last_updated' in raw)
    return SystemStatus.safeParse(raw).success ? 'system_status_alert' : null;
  return null;
}

const detect = detectorOf(streamOf);

/** A 0–1 breach score or a 0–100 AI Analyst score on Vigil's scale. */
function fromPercent(value: unknown): ReturnType<typeof mapSeverity> {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? mapSeverity(n, 'hundred') : null;
}

function parseModelBreach(raw: unknown): ReturnType<Parser['parse']> {
  const e = ModelBreach.parse(raw);
  const obs = new ObservablesBuilder(false);
  const d = e.device;
  // Elastic puts a device hostname that is an address into related.ip, any other into related.hosts.
  const hostnameIp = bareIndicatorIp(d?.hostname);
  if (hostnameIp) obs.ip(hostnameIp);
  else obs.host(d?.hostname ?? undefined);
  obs.ip(bareIndicatorIp(d?.ip));
  obs.ip(bareIndicatorIp(d?.ip6));
  for (const entry of d?.ips ?? []) obs.ip(bareIndicatorIp(entry.ip));
  // The model's author and editor are Elastic's related.user.
  obs.user(e.model.created?.by ?? undefined);
  obs.user(e.model.edited?.by ?? undefined);
  const score = typeof e.score === 'string' ? Number(e.score) : e.score;
  return parserAlert('darktrace', 'darktrace.model_breach_alert', obs, {
    title: e.model.name,
    severity: typeof score === 'number' && Number.isFinite(score) ? fromPercent(score * 100) : null,
    observedAt: toIsoTime(e.time ?? e.creationTime),
    ruleId: e.model.uuid ?? e.model.pid ?? null,
  });
}

function parseAiAnalyst(raw: unknown): ReturnType<Parser['parse']> {
  const e = AiAnalyst.parse(raw);
  const obs = new ObservablesBuilder(false);
  for (const dev of e.breachDevices ?? []) obs.host(dev.identifier ?? undefined);
  for (const dev of e.breachDevices ?? []) {
    obs.host(dev.hostname ?? undefined);
    obs.ip(bareIndicatorIp(dev.ip));
  }
  // Devices listed in the incident's detail sections are related addresses too (CIDR values are not).
  for (const section of e.details ?? [])
    for (const part of section)
      for (const content of part.contents ?? []) {
        if (content.type !== 'device') continue;
        for (const v of content.values ?? []) obs.ip(bareIndicatorIp(Device.parse(v).ip));
      }
  return parserAlert('darktrace', 'darktrace.ai_analyst_alert', obs, {
    title: e.title,
    severity: fromPercent(e.aiaScore),
    observedAt: toIsoTime(e.createdAt),
    ruleId: e.summariser ?? e.id ?? null,
  });
}

function parseSystemStatus(raw: unknown): ReturnType<Parser['parse']> {
  const e = SystemStatus.parse(raw);
  const obs = new ObservablesBuilder(false);
  obs.host(e.hostname ?? undefined);
  obs.ip(bareIndicatorIp(e.ip_address));
  return parserAlert('darktrace', 'darktrace.system_status_alert', obs, {
    title: e.alert_name,
    severity: mapSeverity(e.priority_level) ?? fromPercent(e.priority),
    observedAt: toIsoTime(e.last_updated),
    ruleId: e.name ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const stream = streamOf(raw);
  if (stream === 'model_breach_alert') return parseModelBreach(raw);
  if (stream === 'ai_analyst_alert') return parseAiAnalyst(raw);
  if (stream === 'system_status_alert') return parseSystemStatus(raw);
  throw new Error('not a Darktrace alert');
}

export const darktraceParser: Parser = { name: 'darktrace', detect, parse };
