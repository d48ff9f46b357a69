// Tenable Vulnerability Management (tenable.io) API JSON: audit-log events, vulnerability findings, assets,
// plugins, scans and scanners, with the actor, target user, scanned host's addresses and names mapped as
// Elastic's `tenable_io` pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(undefined);
const StrList = z.array(z.string()).nullish().catch(undefined);

/** An audit-log event (`/audit-log/v1/events`): `crud`, `actor` and `received` are its mark. */
const AuditEvent = z.object({
  id: TextField,
  action: z.string(),
  crud: z.string(),
  is_failure: z.union([z.boolean(), z.string()]).nullish(),
  received: Str,
  description: Str,
  actor: z.object({ id: TextField, name: TextField }),
  target: z.object({ id: TextField, name: TextField, type: Str }).nullish().catch(undefined),
});

/** A vulnerability finding from the export API: the scanned `asset`, the `plugin` and its severity. */
const Finding = z.object({
  asset: z.object({
    hostname: Str,
    fqdn: Str,
    netbios_name: Str,
    ipv4: Str,
    ipv6: Str,
    uuid: Str,
  }),
  plugin: z.object({ id: TextField, name: Str }),
  severity: Str,
  state: Str,
  port: z.object({ port: TextField, protocol: Str }).nullish().catch(undefined),
  last_found: Str,
  first_found: Str,
});

const NetworkInterface = z.object({ ipv4s: StrList, ipv6s: StrList, fqdns: StrList });

/** An asset from the export API: address and name lists with an asset `id`. */
const Asset = z.object({
  id: z.string(),
  ipv4s: z.array(z.string()),
  ipv6s: StrList,
  fqdns: z.array(z.string()),
  hostnames: StrList,
  netbios_names: StrList,
  network_interfaces: z.array(NetworkInterface).nullish().catch(undefined),
  updated_at: Str,
  last_seen: Str,
});

/** A plugin from the plugins API: `attributes` carries the plugin dates and risk factor. */
const Plugin = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string(),
  attributes: z.object({
    risk_factor: Str,
    plugin_modification_date: Str,
    plugin_publication_date: Str,
    synopsis: Str,
  }),
});

/** A scan definition from the scans API (its targets are not indicators for Elastic). */
const Scan = z.object({
  id: TextField,
  name: Str,
  owner: Str,
  status: Str,
  last_modification_date: z.number().nullish().catch(undefined),
});

/** A scanner from the scanners API. */
const Scanner = z.object({
  name: Str,
  hostname: Str,
  status: Str,
  last_modification_date: z.number().nullish().catch(undefined),
});

type TenableRecord =
  | { kind: 'audit'; event: z.infer<typeof AuditEvent> }
  | { kind: 'vulnerability'; finding: z.infer<typeof Finding> }
  | { kind: 'asset'; asset: z.infer<typeof Asset> }
  | { kind: 'plugin'; plugin: z.infer<typeof Plugin> }
  | { kind: 'scan'; scan: z.infer<typeof Scan> }
  | { kind: 'scanner'; scanner: z.infer<typeof Scanner> };

/** The record when `raw` is one of the tenable.io shapes; else null. */
function read(raw: unknown): TenableRecord | null {
  if (!isObject(raw)) return null;
  if ('crud' in raw && 'actor' in raw && 'received' in raw) {
    const r = AuditEvent.safeParse(raw);
    return r.success ? { kind: 'audit', event: r.data } : null;
  }
  if ('asset' in raw && 'plugin' in raw && ('last_found' in raw || 'first_found' in raw) && 'state' in raw) {
    const r = Finding.safeParse(raw);
    return r.success ? { kind: 'vulnerability', finding: r.data } : null;
  }
  if ('ipv4s' in raw && 'fqdns' in raw && ('has_plugin_results' in raw || 'sources' in raw)) {
    const r = Asset.safeParse(raw);
    return r.success ? { kind: 'asset', asset: r.data } : null;
  }
  if ('attributes' in raw && 'id' in raw && 'name' in raw && Object.keys(raw).length === 3) {
    const r = Plugin.safeParse(raw);
    const dated =
      r.success && (r.data.attributes.plugin_modification_date || r.data.attributes.plugin_publication_date);
    return r.success && dated ? { kind: 'plugin', plugin: r.data } : null;
  }
  if (
    'schedule_uuid' in raw &&
    'owner' in raw &&
    'user_permissions' in raw &&
    ('rrules' in raw || 'control' in raw)
  ) {
    const r = Scan.safeParse(raw);
    return r.success ? { kind: 'scan', scan: r.data } : null;
  }
  if ('owner_uuid' in raw && 'linked' in raw && 'pool' in raw && 'user_permissions' in raw && 'key' in raw) {
    const r = Scanner.safeParse(raw);
    return r.success ? { kind: 'scanner', scanner: r.data } : null;
  }
  return null;
}

/** Elastic: user.name is the actor's name; related.user the actor's id and name, then the target's id and
 * name when the target is a user. The X-Forwarded-For field is not an indicator in the version scored. */
function audit(e: z.infer<typeof AuditEvent>): Alert {
  const obs = new ObservablesBuilder();
  obs.user(e.actor.name);
  obs.user(e.actor.id);
  if (e.target?.type === 'User') {
    obs.user(e.target.id);
    obs.user(e.target.name);
  }
  const failed = e.is_failure === true || e.is_failure === 'true';
  const who = e.actor.name ?? e.target?.name;
  return parserAlert('tenable_io', 'tenable_io.audit', obs, {
    title: `Tenable.io audit: ${e.action}${who ? ` by ${who}` : ''}${failed ? ' (failed)' : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.received),
    ruleId: e.action,
  });
}

/** Elastic: host.name is the lower-cased NetBIOS name; the asset hostname is an address (related.ip) or a
 * name (related.hosts); then IPv4, IPv6 and the FQDN. */
function vulnerability(f: z.infer<typeof Finding>): Alert {
  const obs = new ObservablesBuilder();
  const a = f.asset;
  obs.host(a.netbios_name?.toLowerCase());
  const hostnameIp = bareIndicatorIp(a.hostname);
  if (hostnameIp) obs.ip(hostnameIp);
  else if (a.hostname && !a.hostname.includes(':')) obs.host(a.hostname);
  obs.ip(bareIndicatorIp(a.ipv4));
  obs.ip(bareIndicatorIp(a.ipv6));
  obs.host(a.fqdn);
  const where = a.fqdn || a.hostname || a.ipv4 || a.ipv6 || a.uuid || 'an asset';
  const port = f.port?.port && f.port.port !== '0' ? `:${f.port.port}` : '';
  return parserAlert('tenable_io', 'tenable_io.vulnerability', obs, {
    title: `Tenable.io: ${f.plugin.name ?? `plugin ${f.plugin.id}`} on ${where}${port}`,
    severity: mapSeverity(f.severity) ?? 'info',
    observedAt: toIsoTime(f.last_found ?? f.first_found),
    ruleId: f.plugin.id ?? null,
  });
}

/** Elastic: related.ip holds the interfaces' IPv4 then IPv6 addresses, then the asset's own; host.name is
 * the lower-cased NetBIOS names; related.hosts the interfaces' FQDNs, those names, the host names and the
 * asset's FQDNs. */
function asset(a: z.infer<typeof Asset>): Alert {
  const obs = new ObservablesBuilder();
  const interfaces = a.network_interfaces ?? [];
  const netbios = (a.netbios_names ?? []).map((n) => n.toLowerCase());
  for (const ip of [
    ...interfaces.flatMap((n) => n.ipv4s ?? []),
    ...interfaces.flatMap((n) => n.ipv6s ?? []),
    ...a.ipv4s,
    ...(a.ipv6s ?? []),
  ])
    obs.ip(bareIndicatorIp(ip));
  for (const name of [
    ...netbios,
    ...interfaces.flatMap((n) => n.fqdns ?? []),
    ...(a.hostnames ?? []),
    ...a.fqdns,
  ])
    obs.host(name);
  const where = a.fqdns[0] ?? a.hostnames?.[0] ?? a.ipv4s[0] ?? a.id;
  const severity: Severity = 'info';
  return parserAlert('tenable_io', 'tenable_io.asset', obs, {
    title: `Tenable.io asset ${where}`,
    severity,
    observedAt: toIsoTime(a.updated_at ?? a.last_seen),
    ruleId: null,
  });
}

const fromEpoch = (v: number | null | undefined): string | null =>
  v && v > 0 ? toIsoTime(new Date(v * 1000).toISOString()) : null;

/** Elastic maps no indicator from a plugin or a scan; a scanner's name is host.name and related.hosts. */
function other(r: TenableRecord): Alert {
  const obs = new ObservablesBuilder();
  if (r.kind === 'plugin') {
    const p = r.plugin;
    return parserAlert('tenable_io', 'tenable_io.plugin', obs, {
      title: `Tenable.io plugin ${p.id}: ${p.name}`,
      severity: mapSeverity(p.attributes.risk_factor) ?? 'info',
      observedAt: toIsoTime(p.attributes.plugin_modification_date ?? p.attributes.plugin_publication_date),
      ruleId: p.id,
    });
  }
  if (r.kind === 'scan') {
    const s = r.scan;
    return parserAlert('tenable_io', 'tenable_io.scan', obs, {
      title: `Tenable.io scan ${s.name ?? s.id ?? ''}${s.status ? ` (${s.status})` : ''}`.trim(),
      severity: 'info',
      observedAt: fromEpoch(s.last_modification_date),
      ruleId: s.id ?? null,
    });
  }
  if (r.kind === 'scanner') {
    const s = r.scanner;
    obs.host(s.name);
    obs.host(s.hostname);
    return parserAlert('tenable_io', 'tenable_io.scanner', obs, {
      title: `Tenable.io scanner ${s.name ?? s.hostname ?? ''}${s.status ? ` (${s.status})` : ''}`.trim(),
      severity: 'info',
      observedAt: fromEpoch(s.last_modification_date),
      ruleId: null,
    });
  }
  throw new Error(`unexpected tenable.io record ${r.kind}`);
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not a tenable.io record');
  if (r.kind === 'audit') return audit(r.event);
  if (r.kind === 'vulnerability') return vulnerability(r.finding);
  if (r.kind === 'asset') return asset(r.asset);
  return other(r);
}

export const tenableIoParser: Parser = {
  name: 'tenable_io',
  claims: { keys: ['crud', 'plugin', 'fqdns', 'attributes', 'schedule_uuid', 'owner_uuid'], text: false },
  detect: detectorOf(read),
  parse,
};
