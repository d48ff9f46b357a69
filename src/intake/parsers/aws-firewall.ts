// AWS Network Firewall logs (alert, flow and TLS records: Suricata EVE inside `event`, with the firewall's
// name): endpoints as source and destination, the HTTP host or TLS SNI as a domain, as Elastic's
// `aws.firewall_logs` pipeline maps them (to destination.domain, not related.hosts).
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalNumber, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.firewall_logs';

const FirewallLog = z.object({
  firewall_name: z.string(),
  availability_zone: OptionalText,
  event_timestamp: OptionalNumber,
  event: z.object({
    timestamp: OptionalText,
    event_type: z.string(),
    src_ip: OptionalText,
    dest_ip: OptionalText,
    dest_port: OptionalNumber,
    proto: OptionalText,
    app_proto: OptionalText,
    alert: z
      .object({
        action: OptionalText,
        signature: OptionalText,
        signature_id: OptionalNumber,
        severity: OptionalNumber,
      })
      .nullish(),
    http: z.object({ hostname: OptionalText }).nullish(),
    tls: z.object({ sni: OptionalText }).nullish(),
  }),
});
type FirewallLog = z.infer<typeof FirewallLog>;

const read = (raw: unknown): FirewallLog | null => {
  if (!isObject(raw) || !('firewall_name' in raw) || !('event' in raw)) return null;
  const r = FirewallLog.safeParse(raw);
  return r.success ? r.data : null;
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = FirewallLog.parse(raw);
  const ev = e.event;
  const obs = new ObservablesBuilder();
  const src = obs.srcIp(ev.src_ip);
  const dst = obs.dstIp(ev.dest_ip);
  obs.domain(ev.http?.hostname);
  obs.domain(ev.tls?.sni);
  const alert = ev.alert;
  const flow = `${src ?? '?'} -> ${dst ?? '?'}${ev.dest_port != null ? `:${String(ev.dest_port)}` : ''}`;
  const title = alert
    ? `${alert.signature ?? `Rule ${String(alert.signature_id ?? '')}`.trim()}${alert.action ? ` (${alert.action})` : ''}: ${flow}`
    : `AWS Network Firewall ${ev.event_type}${ev.app_proto && ev.app_proto !== 'failed' ? ` (${ev.app_proto})` : ''}: ${flow}`;
  const rank = Number(alert?.severity);
  return parserAlert(NAME, NAME, obs, {
    title: `${title} [${e.firewall_name}]`,
    severity: alert ? (mapSeverity(Number.isFinite(rank) ? rank : 3, 'rank') ?? 'medium') : 'info',
    observedAt: toIsoTime(ev.timestamp) ?? toIsoTime(e.event_timestamp),
    ruleId: alert?.signature_id != null ? String(alert.signature_id) : ev.event_type,
  });
}

export const awsFirewallParser: Parser = {
  name: NAME,
  claims: { keys: ['firewall_name'], text: false },
  detect: detectorOf(read),
  parse,
  domainsInRelatedHosts: false,
};
