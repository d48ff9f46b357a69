// Barracuda CloudGen Firewall Insights JSON (as shipped over Lumberjack): firewall activity, web (URL filter) and
// threat (virus, ATD, IPS) records, told apart by their fields and mapped as Elastic's `barracuda_cloudgen_firewall`
// pipelines map them: source and destination addresses (NAT addresses left out), the user, the URL's site.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

/** Firewall activity (`ngfw-act`): one connection's end points, rule and outcome. */
const Activity = z.object({
  timestamp: TextField,
  action: TextField,
  src_ip: TextField,
  src_port: TextField,
  dst_ip: TextField,
  dst_port: TextField,
  fw_rule: TextField,
  app_rule: TextField,
  ip_proto: TextField,
  user: TextField,
});

/** Web log (`ngfw-wf`): one HTTP(S) request through the URL filter. */
const Web = z.object({
  timestamp: TextField,
  action: TextField,
  source_ip: TextField,
  destination_ip: TextField,
  destination_port: TextField,
  method: TextField,
  name: TextField,
  domain: TextField,
  user: TextField,
  user_type: TextField,
  fw_rule: TextField,
});

/** Threat log (`ngfw-threat`): a virus, ATD or IPS finding on a connection. */
const Threat = z.object({
  timestamp: TextField,
  date: TextField,
  time: TextField,
  timezone: TextField,
  src_ip: TextField,
  dst_ip: TextField,
  port: TextField,
  severity: TextField,
  threat_severity: TextField,
  description: TextField,
  type: TextField,
  operation: TextField,
  fw_rule: TextField,
  user: TextField,
});

type CgfRecord =
  | { kind: 'activity'; e: z.infer<typeof Activity> }
  | { kind: 'web'; e: z.infer<typeof Web> }
  | { kind: 'threat'; e: z.infer<typeof Threat> };

const has = (o: object, ...keys: string[]): boolean => keys.every((k) => k in o);
const count = (o: object, keys: string[]): number => keys.filter((k) => k in o).length;

/** Which record the object is, from the fields only that log writes; null for any other object. */
function read(raw: unknown): CgfRecord | null {
  if (!isObject(raw)) return null;
  if (
    has(raw, 'src_ip', 'dst_ip', 'threat_severity') &&
    count(raw, ['component', 'operation', 'date']) >= 2
  ) {
    const p = Threat.safeParse(raw);
    return p.success ? { kind: 'threat', e: p.data } : null;
  }
  if (
    has(raw, 'source_ip', 'destination_ip') &&
    count(raw, ['traffic_type', 'user_type', 'fw_rule', 'app_rule']) >= 3
  ) {
    const p = Web.safeParse(raw);
    return p.success ? { kind: 'web', e: p.data } : null;
  }
  if (
    has(raw, 'src_ip', 'dst_ip', 'fw_rule', 'action') &&
    count(raw, ['app_rule', 'fw_info', 'ip_proto', 'src_iface', 'dst_iface', 'src_ip_nat']) >= 2
  ) {
    const p = Activity.safeParse(raw);
    return p.success ? { kind: 'activity', e: p.data } : null;
  }
  return null;
}

const detect = detectorOf(read);

/** An address field as the pipeline converts it: `-` means none, anything but a bare address is skipped. */
const addr = (v: string | undefined): string | null =>
  v === undefined || v === '-' ? null : bareIndicatorIp(v);

const IANA: Readonly<Partial<Record<string, string>>> = {
  '1': 'ICMP',
  '6': 'TCP',
  '17': 'UDP',
  '58': 'ICMPv6',
};

const endpoint = (ip: string | undefined, port: string | undefined): string =>
  `${ip ?? '?'}${port && port !== '-' ? `:${port}` : ''}`;

interface Reading {
  title: string;
  severity: Severity;
  observedAt: string | null;
  ruleId: string | null;
}

function activity(e: z.infer<typeof Activity>, obs: ObservablesBuilder): Reading {
  obs.srcIp(addr(e.src_ip));
  obs.dstIp(addr(e.dst_ip));
  obs.user(e.user);
  const proto = e.ip_proto ? (IANA[e.ip_proto] ?? `proto ${e.ip_proto}`) : '';
  const blocked = /block|deny|drop|fail/i.test(e.action ?? '');
  return {
    title: `Barracuda CloudGen Firewall ${e.action ?? 'activity'} ${proto} ${endpoint(e.src_ip, e.src_port)} -> ${endpoint(e.dst_ip, e.dst_port)}${e.fw_rule ? ` (rule ${e.fw_rule})` : ''}`,
    severity: blocked ? 'low' : 'info',
    observedAt: toIsoTime(e.timestamp === undefined ? undefined : Number(e.timestamp)),
    ruleId: e.fw_rule ?? null,
  };
}

function web(e: z.infer<typeof Web>, obs: ObservablesBuilder): Reading {
  obs.srcIp(addr(e.source_ip));
  obs.dstIp(addr(e.destination_ip));
  // The pipeline means to take the user when it is an authenticated name (user_type 1), not the client
  // address it writes otherwise (its comparison of the converted string with 1 never holds: an artefact).
  if (e.user_type === '1' && e.user !== '-') obs.user(e.user);
  const url = e.name && /^[a-z][a-z0-9+.-]*:\/\//i.test(e.name) ? e.name : null;
  obs.url(url);
  obs.domain(urlHostname(url) ?? e.domain);
  const denied = e.action === '1';
  return {
    title: `Barracuda CloudGen Firewall web ${denied ? 'blocked' : 'allowed'}: ${e.method ?? ''} ${e.name ?? e.domain ?? ''} from ${e.source_ip ?? '?'}`,
    severity: denied ? 'low' : 'info',
    observedAt: toIsoTime(e.timestamp === undefined ? undefined : Number(e.timestamp)),
    ruleId: e.fw_rule ?? null,
  };
}

/** The threat's time: the ISO timestamp, else `yyyy MM dd` and the time in the record's own zone. */
function threatTime(e: z.infer<typeof Threat>): string | null {
  if (e.timestamp && e.timestamp !== '-') return toIsoTime(e.timestamp);
  const d = /^(\d{4}) (\d{2}) (\d{2})$/.exec(e.date ?? '');
  if (!d || !e.time) return null;
  const zone = /^[+-]\d{2}:?\d{2}$/.test(e.timezone ?? '') ? (e.timezone ?? '') : 'Z';
  return toIsoTime(`${d[1]}-${d[2]}-${d[3]}T${e.time}${zone}`);
}

function threat(e: z.infer<typeof Threat>, obs: ObservablesBuilder): Reading {
  obs.srcIp(addr(e.src_ip));
  obs.dstIp(addr(e.dst_ip));
  obs.user(e.user);
  const signature = /^ID:\s*(\d+)/.exec(e.description ?? '')?.[1];
  const level = mapSeverity(e.severity);
  return {
    title: `Barracuda CloudGen Firewall ${e.type ?? 'threat'} ${e.operation ?? ''}: ${e.description ?? ''} ${endpoint(e.src_ip, undefined)} -> ${endpoint(e.dst_ip, e.port)}`,
    // A threat finding is worth a look whatever the device's level word says: never below low.
    severity: level === 'info' ? 'low' : (level ?? 'medium'),
    observedAt: threatTime(e),
    ruleId: signature ?? e.description ?? e.fw_rule ?? null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Barracuda CloudGen Firewall record');
  const obs = new ObservablesBuilder();
  const reading =
    r.kind === 'activity' ? activity(r.e, obs) : r.kind === 'web' ? web(r.e, obs) : threat(r.e, obs);
  return parserAlert('barracuda_cloudgen_firewall.log', 'barracuda_cloudgen_firewall.log', obs, {
    ...reading,
    title: reading.title.replace(/\s+/g, ' ').trim().slice(0, 300),
  });
}

export const barracudaCloudgenFirewallParser: Parser = {
  name: 'barracuda_cloudgen_firewall.log',
  claims: { keys: ['src_ip', 'source_ip'], text: false },
  // The web log's site stays in url.domain; Elastic writes no related.hosts for this package.
  domainsInRelatedHosts: false,
  detect,
  parse,
};
