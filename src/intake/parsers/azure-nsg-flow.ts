// Azure Network Watcher NSG flow logs (`NetworkSecurityGroupFlowEvent` records), read as Elastic's
// `azure_network_watcher_nsg` pipeline reads them: every version-2 flow tuple (13 comma-separated fields) gives
// its source and destination address; related.ip lists the destinations, then the sources.
import { z } from 'zod';
import { detectorOf, isObject, OptionalText } from './common.js';
import { flowAlert, tupleFields, type FlowTuple } from './azure-flow-tuples.js';
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

function read(raw: unknown): FlowEvent | null {
  if (!isObject(raw) || !('category' in raw) || raw.category !== 'NetworkSecurityGroupFlowEvent') return null;
  const r = FlowEvent.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** One flow tuple as Elastic's script reads it: only the 13-field spelling counts. */
function tupleOf(value: unknown): FlowTuple | null {
  const f = tupleFields(value);
  if (!f) return null;
  return {
    src: f[1] ?? '',
    dst: f[2] ?? '',
    srcPort: f[3] ?? '',
    dstPort: f[4] ?? '',
    protocol: /T/.test(f[5] ?? '') ? 'TCP' : /U/.test(f[5] ?? '') ? 'UDP' : (f[5] ?? ''),
    direction: /I/.test(f[6] ?? '') ? 'inbound' : /O/.test(f[6] ?? '') ? 'outbound' : (f[6] ?? ''),
    verdict: /A/.test(f[7] ?? '') ? 'allowed' : /D/.test(f[7] ?? '') ? 'denied' : (f[7] ?? ''),
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not an NSG flow event');
  const rules: string[] = [];
  const tuples: FlowTuple[] = [];
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
  return flowAlert(NAME, 'azure_network_watcher_nsg.log', 'NSG flow', { rules, tuples, time: e.time });
}

export const azureNsgFlowParser: Parser = {
  name: NAME,
  claims: { keys: ['category'], text: false },
  detect,
  parse,
};
