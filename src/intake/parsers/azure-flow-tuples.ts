// What Azure Network Watcher's NSG and VNet flow logs share: 13-field flow tuples, whose addresses Elastic's
// pipelines relate destinations first, then sources, and the alert made of them.
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert } from './common.js';

/** One flow tuple as Elastic's scripts read it; `verdict` as the format names it (allowed, denied, begin…). */
export interface FlowTuple {
  src: string;
  dst: string;
  srcPort: string;
  dstPort: string;
  protocol: string;
  direction: string;
  verdict: string;
}

/** A tuple's comma-separated fields when it has the 13 of the spelling Elastic's scripts read; else null. */
export function tupleFields(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  const fields = value.split(',');
  return fields.length === 13 ? fields : null;
}

/**
 * The alert for one flow log record: every tuple's addresses (related destinations first, then sources), low when
 * any flow was denied, titled with the rules and the first flow.
 */
export function flowAlert(
  parser: string,
  format: string,
  label: string,
  record: { rules: readonly string[]; tuples: readonly FlowTuple[]; time: string | null | undefined },
): Alert {
  const { rules, tuples } = record;
  const obs = new ObservablesBuilder(false);
  for (const t of tuples) obs.ip(bareIndicatorIp(t.dst));
  for (const t of tuples) obs.ip(bareIndicatorIp(t.src));
  for (const t of tuples) {
    obs.srcIp(bareIndicatorIp(t.src));
    obs.dstIp(bareIndicatorIp(t.dst));
  }
  const first = tuples[0];
  const flow = first
    ? ` ${first.protocol} ${first.src}:${first.srcPort} -> ${first.dst}:${first.dstPort} ${first.direction} ${first.verdict}` +
      (tuples.length > 1 ? ` (+${tuples.length - 1} more)` : '')
    : ' no flow tuples';
  return parserAlert(parser, format, obs, {
    title: `${label}${rules.length ? ` [${rules.join(', ')}]` : ''}:${flow}`,
    severity: tuples.some((t) => t.verdict === 'denied') ? 'low' : 'info',
    observedAt: toIsoTime(record.time),
    ruleId: rules[0] ?? null,
  });
}
