// Gigamon Application Metadata Intelligence (AMI) records as the GigaVUE HTTP exporter posts them (flat JSON,
// `vendor: Gigamon`), read as Elastic's gigamon.ami pipeline maps them: flow endpoints as source/destination
// (not related), the DNS reverse address as the only related address, the DNS or HTTP host as `host.name`.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { asctimeUtc } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const AmiRecord = z.object({
  vendor: z.string().regex(/^gigamon$/i),
  ts: TextField,
  generator: TextField,
  src_ip: TextField,
  dst_ip: TextField,
  src_ipv6: TextField,
  dst_ipv6: TextField,
  src_port: TextField,
  dst_port: TextField,
  app_name: TextField,
  app_id: TextField,
  id: TextField,
  dns_name: TextField,
  dns_host: TextField,
  dns_query: TextField,
  dns_reverse_addr: TextField,
  http_host: TextField,
  http_server: TextField,
  ssl_common_name: TextField,
});
type AmiRecord = z.infer<typeof AmiRecord>;

/** Keys only an AMI record carries besides `vendor`; one of them must be present. */
const AMI_KEYS = ['generator', 'src_ip', 'src_ipv6', 'dns_name', 'app_name', 'seq_num', 'sys_up_time_first'];

/** The record itself, or the one inside Elastic's `{ "json": { … } }` input wrapper. */
function read(raw: unknown): AmiRecord | null {
  const body = isObject(raw) && 'json' in raw && isObject(raw.json) && !('vendor' in raw) ? raw.json : raw;
  if (!isObject(body) || !('vendor' in body) || !AMI_KEYS.some((k) => k in body)) return null;
  const r = AmiRecord.safeParse(body);
  return r.success ? r.data : null;
}

/** Reverse-lookup names (`….in-addr.arpa`, `… ip6.arpa`) are no indicators of their own. */
const isReverseName = (name: string): boolean => /\.?arpa$/i.test(name.trim());

function titleOf(r: AmiRecord): string {
  const app = r.app_name ?? (r.dns_name ? 'dns' : 'flow');
  const src = r.src_ipv6 ?? r.src_ip;
  const dst = r.dst_ipv6 ?? r.dst_ip;
  if (src && dst) {
    const from = r.src_port ? `${src}:${r.src_port}` : src;
    const to = r.dst_port ? `${dst}:${r.dst_port}` : dst;
    return `Gigamon AMI ${app}: ${from} -> ${to}`;
  }
  const name = r.dns_host ?? r.dns_name;
  return name ? `Gigamon AMI ${app}: ${name}` : `Gigamon AMI ${app}`;
}

export const gigamonAmiParser: Parser = {
  name: 'gigamon.ami',
  claims: { keys: ['vendor', 'json'], text: false },
  domainsInRelatedHosts: false,
  detect: detectorOf(read),
  parse(raw) {
    const r = read(raw);
    if (!r) throw new Error('not a Gigamon AMI record');
    // Elastic sets source/destination from the IPv4 fields, then overwrites them with the IPv6 ones.
    const obs = new ObservablesBuilder(false);
    obs.srcIp(bareIndicatorIp(r.src_ipv6 ?? r.src_ip));
    obs.dstIp(bareIndicatorIp(r.dst_ipv6 ?? r.dst_ip));
    obs.ip(bareIndicatorIp(r.dns_reverse_addr));
    // `host.name` is the DNS host, replaced by the HTTP Host header when the record has one.
    obs.host(r.http_host ?? r.dns_host);
    for (const name of [r.dns_query, r.ssl_common_name, r.http_server]) {
      if (name && !isReverseName(name)) obs.domain(name);
    }
    return parserAlert('gigamon.ami', 'gigamon.ami', obs, {
      title: titleOf(r),
      severity: 'info',
      observedAt: asctimeUtc(r.ts ?? null),
      ruleId: r.app_name ?? r.app_id ?? null,
    });
  },
};
