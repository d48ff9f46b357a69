// goflow2 JSON flow records (sFlow/NetFlow/IPFIX collector output): `src_addr` → source, `dst_addr` →
// destination, both in related.ip, as Elastic's goflow2 sflow pipeline maps them; the sampler is the observer.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const Flow = z.object({
  type: z.string().regex(/^(?:SFLOW|NETFLOW|IPFIX)/i),
  time_flow_start_ns: z.union([z.number(), z.string()]).nullish(),
  time_received_ns: z.union([z.number(), z.string()]).nullish(),
  src_addr: TextField,
  dst_addr: TextField,
  proto: TextField,
  src_port: TextField,
  dst_port: TextField,
  sampler_address: TextField,
});
type Flow = z.infer<typeof Flow>;

/** True for an object with goflow2's flow type and both address keys. */
function detect(raw: unknown): boolean {
  return (
    isObject(raw) &&
    'type' in raw &&
    'src_addr' in raw &&
    'dst_addr' in raw &&
    ('time_flow_start_ns' in raw || 'time_received_ns' in raw || 'sampling_rate' in raw) &&
    Flow.safeParse(raw).success
  );
}

/** goflow2 times are nanoseconds since the epoch; Elastic reads `time_flow_start_ns` as milliseconds / 1e6. */
function observedAt(f: Flow): string | null {
  const ns = Number(f.time_flow_start_ns ?? f.time_received_ns);
  return Number.isFinite(ns) && ns > 0 ? toIsoTime(Math.floor(ns / 1_000_000)) : null;
}

const endpoint = (ip: string | undefined, port: string | undefined): string =>
  `${ip ?? '?'}${port && port !== '0' ? `:${port}` : ''}`;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const f = Flow.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(f.src_addr));
  obs.dstIp(bareIndicatorIp(f.dst_addr));
  return parserAlert('goflow2.sflow', 'goflow2.sflow', obs, {
    title:
      `${f.type} flow ${f.proto ?? ''} ${endpoint(f.src_addr, f.src_port)} -> ${endpoint(f.dst_addr, f.dst_port)}`.replace(
        /\s+/g,
        ' ',
      ),
    severity: 'info',
    observedAt: observedAt(f),
    ruleId: f.type,
  });
}

export const goflow2Parser: Parser = {
  name: 'goflow2.sflow',
  claims: { keys: ['src_addr'], text: false },
  detect,
  parse,
};
