// Falco alerts: the JSON alert Falco (or Falcosidekick) writes, bare or wrapped in a syslog header, read as
// Elastic's `falco` pipeline reads it: the sensor's hostname as the host, `fd.lip`/`fd.rip` as source and
// destination, no related addresses or users (the process user is no ECS user there).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parseSyslog } from '../syslog.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** Falco's priorities (its `falco_common` levels), lower-cased, with the Vigil severity of each. */
const PRIORITIES: Readonly<Record<string, Severity>> = lookupTable({
  emergency: 'critical',
  alert: 'critical',
  critical: 'critical',
  error: 'high',
  warning: 'medium',
  notice: 'low',
  informational: 'info',
  info: 'info',
  debug: 'info',
});

const FalcoAlert = z.object({
  rule: z.string().min(1),
  priority: z.string().refine((p) => p.toLowerCase() in PRIORITIES),
  output: z.string(),
  time: z.string().nullish(),
  hostname: TextField,
  source: z.string().nullish(),
  uuid: z.string().nullish(),
  tags: z.array(z.unknown()).nullish(),
  /** Flat dotted keys (`fd.lip`, `proc.name`), or already expanded objects. */
  output_fields: z.record(z.string(), z.unknown()).nullish(),
});
type FalcoAlert = z.infer<typeof FalcoAlert>;

/** A Falco alert object, also inside a syslog line (the agent's `syslog` processor keeps its message). */
function read(raw: unknown): FalcoAlert | null {
  let value = raw;
  if (typeof raw === 'string') {
    if (!raw.includes('"priority"')) return null;
    const line = parseSyslog(raw.length > 262_144 ? raw.slice(0, 262_144) : raw);
    const body = line?.message.trim() ?? '';
    if (!body.startsWith('{') || !body.includes('"rule"') || !body.includes('"priority"')) return null;
    value = JSON.parse(body);
  }
  if (!isObject(value) || !('rule' in value) || !('priority' in value) || !('output' in value)) return null;
  if (!('time' in value) && !('output_fields' in value)) return null;
  const r = FalcoAlert.safeParse(value);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** An output field, written flat (`fd.lip`) or expanded by a forwarder (`fd: { lip }`). */
function field(fields: Record<string, unknown> | null | undefined, key: string): string | undefined {
  if (!fields) return undefined;
  let cur: unknown = fields;
  if (key in fields) cur = fields[key];
  else {
    for (const part of key.split('.')) {
      if (!isObject(cur)) return undefined;
      cur = Object.entries(cur).find(([k]) => k === part)?.[1];
    }
  }
  return typeof cur === 'string' || typeof cur === 'number' ? String(cur) : undefined;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = read(raw);
  if (!a) throw new Error('not a Falco alert');
  // Elastic appends no source or destination address to related.ip.
  const obs = new ObservablesBuilder(false);
  obs.host(a.hostname);
  // fd.lip/fd.rip are source/destination (converted as IPs); fd.cip/fd.sip only client/server.
  obs.srcIp(bareIndicatorIp(field(a.output_fields, 'fd.lip')) ?? undefined);
  obs.dstIp(bareIndicatorIp(field(a.output_fields, 'fd.rip')) ?? undefined);
  // Resolved names of the socket ends: domains, which Elastic keeps out of related.hosts.
  for (const end of ['fd.lip.name', 'fd.rip.name', 'fd.cip.name', 'fd.sip.name']) {
    obs.domain(field(a.output_fields, end));
  }
  const evtTime = field(a.output_fields, 'evt.time.iso8601') ?? field(a.output_fields, 'evt.time');
  const numeric = evtTime !== undefined && /^\d+$/.test(evtTime) ? Number(evtTime) : evtTime;
  return parserAlert('falco.alerts', 'falco.alerts', obs, {
    title: `Falco: ${a.rule}`,
    severity: PRIORITIES[a.priority.toLowerCase()] ?? null,
    observedAt: toIsoTime(a.time) ?? toIsoTime(numeric),
    ruleId: a.rule,
  });
}

export const falcoParser: Parser = {
  name: 'falco.alerts',
  claims: { keys: ['rule'], text: ['"priority"'] },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
