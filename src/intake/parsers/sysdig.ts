// Sysdig Secure runtime alerts (policy webhook/forwarder `alerts`) and Secure events API records
// (`event`): Falco rule detections whose host, user and socket address are mapped as Elastic's `sysdig`
// pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
/** Falco output fields and Sysdig labels: flat dotted keys (`proc.name`, `host.hostName`). */
const Flat = z.record(z.string(), z.unknown());

const Content = z.object({
  ruleName: Str,
  ruleType: z.union([z.string(), z.number()]).nullish(),
  ruleTags: z.array(z.string()).nullish(),
  output: Str,
  fields: Flat.nullish(),
});

const SysdigRecord = z.object({
  id: Str,
  name: Str,
  description: Str,
  severity: z.number().nullish(),
  source: Str,
  originator: Str,
  timestamp: z.union([z.number(), z.string()]).nullish(),
  timestampRFC3339Nano: Str,
  content: Content,
  labels: Flat.nullish(),
});
type SysdigRecord = z.infer<typeof SysdigRecord>;

/** A runtime record: a Falco-style `content` (rule name or output fields) plus Sysdig's envelope keys. */
function read(raw: unknown): SysdigRecord | null {
  if (!isObject(raw) || !('content' in raw) || !isObject(raw.content)) return null;
  if (!('originator' in raw) && !('machineId' in raw) && !('engine' in raw)) return null;
  if (!('ruleName' in raw.content) && !('fields' in raw.content)) return null;
  const r = SysdigRecord.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** Events API records carry `engine`/`sourceDetails` and a numeric rule type; webhook alerts do not. */
function isEventApi(raw: unknown): boolean {
  return isObject(raw) && ('engine' in raw || 'sourceDetails' in raw || 'rawEventOriginator' in raw);
}

/** A flat label or field, also accepted when a forwarder already expanded the dots into objects. */
function field(map: Record<string, unknown> | null | undefined, key: string): string | undefined {
  if (!map) return undefined;
  const flat = map[key];
  if (typeof flat === 'string' || typeof flat === 'number') return String(flat);
  let cur: unknown = map;
  for (const part of key.split('.')) {
    if (!isObject(cur) || !(part in cur)) return undefined;
    cur = Object.entries(cur).find(([k]) => k === part)?.[1];
  }
  return typeof cur === 'string' || typeof cur === 'number' ? String(cur) : undefined;
}

/** Sysdig severities are syslog levels: 0-3 high (0-1 critical), 4-5 medium, 6 low, 7 info. */
function severityOf(n: number | null | undefined): Severity | null {
  if (n === null || n === undefined) return null;
  if (n <= 1) return 'critical';
  if (n <= 3) return 'high';
  if (n <= 5) return 'medium';
  return n === 6 ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Sysdig Secure record');
  const event = isEventApi(raw);
  const obs = new ObservablesBuilder();
  // The node the agent runs on is host.name (and related.hosts in the events stream).
  obs.host(field(r.labels, 'host.hostName'));
  if (event) {
    // Only the events pipeline reads the Falco output fields: the user and the socket's server address.
    // (The alerts pipeline's dot_expander does not reach `content.fields`, so it emits no user there.)
    obs.user(field(r.content.fields, 'user.name'));
    obs.user(field(r.content.fields, 'user.uid'));
    obs.ip(field(r.content.fields, 'fd.sip'));
  }
  const time = r.timestampRFC3339Nano ?? (typeof r.timestamp === 'number' ? r.timestamp / 1e6 : r.timestamp);
  return parserAlert('sysdig', event ? 'sysdig.event' : 'sysdig.alerts', obs, {
    title: `Sysdig: ${r.content.ruleName ?? r.name ?? 'runtime event'}${r.name && r.content.ruleName ? ` (${r.name})` : ''}`,
    severity: severityOf(r.severity),
    observedAt: toIsoTime(time),
    ruleId: r.content.ruleName ?? null,
  });
}

export const sysdigParser: Parser = {
  name: 'sysdig',
  claims: { keys: ['content'], text: false },
  detect,
  parse,
};
