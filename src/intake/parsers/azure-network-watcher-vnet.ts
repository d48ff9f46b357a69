// Azure Network Watcher virtual network flow logs (`FlowLogFlowEvent` records with `flowRecords.flows[].flowGroups`),
// read as Elastic's `azure_network_watcher_vnet` pipeline reads them: every 13-field flow tuple gives its source and
// destination address; related.ip lists the destinations, then the sources.
import { z } from 'zod';
import { detectorOf, isObject, OptionalText } from './common.js';
import { flowAlert, tupleFields, type FlowTuple } from './azure-flow-tuples.js';
import type { Parser } from './parser.js';

const NAME = 'azure_network_watcher_vnet';

const FlowGroup = z.object({
  rule: OptionalText.catch(null),
  flowTuples: z.array(z.unknown()).nullish().catch(null),
});

const AclFlow = z.object({
  aclID: OptionalText.catch(null),
  flowGroups: z.array(FlowGroup.nullish().catch(null)).nullish().catch(null),
});

const FlowEvent = z.object({
  time: OptionalText,
  category: OptionalText,
  flowLogVersion: z.union([z.number(), z.string()]).nullish(),
  targetResourceID: OptionalText,
  flowRecords: z.object({ flows: z.array(AclFlow.nullish().catch(null)).nullish().catch(null) }),
});
type FlowEvent = z.infer<typeof FlowEvent>;

const PROTOCOLS: Record<string, string> = { '1': 'ICMP', '6': 'TCP', '17': 'UDP', '58': 'ICMPv6' };

function read(raw: unknown): FlowEvent | null {
  if (!isObject(raw) || !('flowRecords' in raw)) return null;
  if (
    !('flowLogGUID' in raw) &&
    !('flowLogVersion' in raw) &&
    !('category' in raw && raw.category === 'FlowLogFlowEvent')
  )
    return null;
  const r = FlowEvent.safeParse(raw);
  return r.success ? r.data : null;
}

const detect = detectorOf(read);

/** One flow tuple as Elastic's script reads it: only the 13-field spelling counts. */
function tupleOf(value: unknown): FlowTuple | null {
  const f = tupleFields(value);
  if (!f) return null;
  const dir = f[6] ?? '';
  const st = f[7] ?? '';
  return {
    src: f[1] ?? '',
    dst: f[2] ?? '',
    srcPort: f[3] ?? '',
    dstPort: f[4] ?? '',
    protocol: PROTOCOLS[f[5] ?? ''] ?? (f[5] || '?'),
    direction: dir.includes('I') ? 'inbound' : dir.includes('O') ? 'outbound' : dir,
    verdict: st.includes('B')
      ? 'begin'
      : st.includes('C')
        ? 'continuing'
        : st.includes('E')
          ? 'end'
          : st.includes('D')
            ? 'denied'
            : st,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not a VNet flow event');
  const rules: string[] = [];
  const tuples: FlowTuple[] = [];
  for (const acl of e.flowRecords.flows ?? []) {
    for (const group of acl?.flowGroups ?? []) {
      if (!group) continue;
      if (group.rule && !rules.includes(group.rule)) rules.push(group.rule);
      for (const t of group.flowTuples ?? []) {
        const tuple = tupleOf(t);
        if (tuple) tuples.push(tuple);
      }
    }
  }
  return flowAlert(NAME, 'azure_network_watcher_vnet.log', 'VNet flow', { rules, tuples, time: e.time });
}

export const azureNetworkWatcherVnetParser: Parser = {
  name: NAME,
  claims: { keys: ['flowRecords'], text: false },
  detect,
  parse,
};
