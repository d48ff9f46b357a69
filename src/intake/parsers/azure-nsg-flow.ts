// Azure Network Watcher NSG flow logs (`NetworkSecurityGroupFlowEvent` records), read as Elastic's
// `azure_network_watcher_nsg` pipeline reads them: every version-2 flow tuple (13 comma-separated fields) gives
// its source and destination address; related.ip lists the destinations, then the sources.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'azure_network_watcher_nsg';

const Tuples = z.array(z.unknown()).nullish().catch(null);

const InnerFlow = z.object({ mac: OptionalText.catch(null), flowTuples: Tuples });

const RuleFlows = z.object({
  rule: OptionalText.catch(null),
  flows: z.array(InnerFlow.nullish().catch(null)).nullish().catch(null),
});

const FlowEvent = z.object({
  time: OptionalText,
  category: z.literal('NetworkSecurityGroupFlowEvent'),
  resourceId: OptionalText,
  operationName: OptionalText,
  properties: z
    .object({
      Version: z.union([z.number(), z.string()]).nullish(),
      flows: z.array(RuleFlows.nullish().catch(null)).nullish().catch(null),
    })
    .nullish()
    .catch(null),
});
type FlowEvent = z.infer<typeof FlowEvent>;

/** One flow tuple as Elastic's script reads it: only the 13-field (version 2) spelling counts. */
interface Tuple {
  src: string;
  dst: string;
  srcPort: string;
  dstPort: string;
  protocol: string;
  direction: string;
  decision: string;
}

function read(raw: unknown): FlowEvent | null {
  if (!isObject(raw) || !('category' in raw) || raw.category !== 'NetworkSecurityGroupFlowEvent') return null;
  const r = FlowEvent.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

function tupleOf(value: unknown): Tuple | null {
  if (typeof value !== 'string') return null;
  const f = value.split(',');
  if (f.length !== 13) return null;
  return {
    src: f[1] ?? '',
    dst: f[2] ?? '',
    srcPort: f[3] ?? '',
    dstPort: f[4] ?? '',
    protocol: /T/.test(f[5] ?? '') ? 'TCP' : /U/.test(f[5] ?? '') ? 'UDP' : (f[5] ?? ''),
    direction: /I/.test(f[6] ?? '') ? 'inbound' : /O/.test(f[6] ?? '') ? 'outbound' : (f[6] ?? ''),
    decision: /A/.test(f[7] ?? '') ? 'allowed' : /D/.test(f[7] ?? '') ? 'denied' : (f[7] ?? ''),
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an NSG flow event');
  const rules: string[] = [];
  const tuples: Tuple[] = [];
  for (const group of e.properties?.flows ?? []) {
    if (!group) continue;
    if (group.rule && !rules.includes(group.rule)) rules.push(group.rule);
    for (const inner of group.flows ?? []) {
      for (const t of inner?.flowTuples ?? []) {
        const tuple = tupleOf(t);
        if (tuple) tuples.push(tuple);
      }
    }
  }
  const obs = new ObservablesBuilder(false);
  // Elastic appends the destinations to related.ip before the sources.
  for (const t of tuples) obs.ip(bareIndicatorIp(t.dst));
  for (const t of tuples) obs.ip(bareIndicatorIp(t.src));
  for (const t of tuples) {
    obs.srcIp(bareIndicatorIp(t.src));
    obs.dstIp(bareIndicatorIp(t.dst));
  }
  const denied = tuples.some((t) => t.decision === 'denied');
  const first = tuples[0];
  const flow = first
    ? ` ${first.protocol} ${first.src}:${first.srcPort} -> ${first.dst}:${first.dstPort} ${first.direction} ${first.decision}` +
      (tuples.length > 1 ? ` (+${tuples.length - 1} more)` : '')
    : '';
  const severity: Severity = denied ? 'low' : 'info';
  return parserAlert(NAME, 'azure_network_watcher_nsg.log', obs, {
    title: `NSG flow${rules.length ? ` [${rules.join(', ')}]` : ''}:${flow || ' no flow tuples'}`,
    severity,
    observedAt: toIsoTime(e.time),
    ruleId: rules[0] ?? null,
  });
}

export const azureNsgFlowParser: Parser = { name: NAME, detect, parse };
