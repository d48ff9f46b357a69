// Suricata EVE JSON (alert, flow, dns, http, tls, fileinfo, stats …): endpoints, DNS answers, HTTP
// host and TLS SNI as hosts, the alert signature as the title.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const DnsAnswer = z.object({ rdata: z.unknown().optional() });
const Eve = z.object({
  timestamp: z.string(),
  event_type: z.string(),
  flow_id: z.number().optional(),
  src_ip: z.string().optional(),
  dest_ip: z.string().optional(),
  proto: z.string().optional(),
  app_proto: z.string().optional(),
  alert: z
    .object({
      signature: z.string().optional(),
      signature_id: z.number().optional(),
      severity: z.number().optional(),
      category: z.string().optional(),
    })
    .optional(),
  http: z
    .object({
      hostname: z.string().optional(),
      url: z.string().optional(),
      http_method: z.string().optional(),
    })
    .optional(),
  tls: z.object({ sni: z.string().optional() }).optional(),
  dns: z
    .object({
      rrname: z.string().optional(),
      rdata: z.unknown().optional(),
      answers: z.array(DnsAnswer).optional(),
    })
    .optional(),
});

function detect(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('event_type' in raw) || !('timestamp' in raw))
    return false;
  const r = Eve.safeParse(raw);
  return (
    r.success &&
    (r.data.flow_id !== undefined ||
      r.data.src_ip !== undefined ||
      r.data.event_type === 'stats' ||
      'in_iface' in raw)
  );
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = Eve.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.src_ip);
  obs.dstIp(e.dest_ip);
  const rdata = [e.dns?.rdata, ...(e.dns?.answers ?? []).map((a) => a.rdata)];
  for (const r of rdata) if (typeof r === 'string') obs.ip(r);
  obs.host(e.http?.hostname);
  obs.host(e.tls?.sni?.replace(/\.$/, ''));
  obs.domain(e.dns?.rrname);
  obs.domain(e.tls?.sni);
  if (e.http?.hostname && e.http.url)
    obs.url(e.http.url.startsWith('http') ? e.http.url : `http://${e.http.hostname}${e.http.url}`);
  const title =
    e.alert?.signature ??
    `Suricata ${e.event_type}${e.app_proto && e.app_proto !== 'failed' ? ` (${e.app_proto})` : ''} event`;
  return parserAlert('suricata.eve', 'suricata.eve', obs, {
    title,
    severity: e.alert ? (mapSeverity(e.alert.severity ?? 3, 'rank') ?? 'medium') : 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.alert?.signature_id ?? e.event_type,
  });
}

export const suricataEveParser: Parser = {
  name: 'suricata.eve',
  claims: { keys: ['event_type'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
