// Cisco Secure Endpoint (AMP for Endpoints) events from the v1 events API, wrapped (`{version, metadata, data}`)
// or bare: the computer's name, user and addresses, the flow's local and remote address, as Elastic's
// `cisco_secure_endpoint.event` pipeline maps them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(undefined);
const Identity = z.object({ sha256: Str, sha1: Str, md5: Str }).nullish().catch(undefined);
const FileInfo = z
  .object({
    file_name: Str,
    identity: Identity,
    parent: z.object({ identity: Identity }).nullish().catch(undefined),
  })
  .nullish()
  .catch(undefined);

const AmpEvent = z.object({
  id: TextField,
  event_type: z.string(),
  event_type_id: z.union([z.number(), z.string()]),
  detection: Str,
  severity: Str,
  date: Str,
  timestamp: z.number().nullish().catch(undefined),
  hostname: Str,
  computer: z
    .object({
      hostname: Str,
      user: Str,
      external_ip: Str,
      network_addresses: z
        .array(z.object({ ip: Str }).catch({}))
        .nullish()
        .catch(undefined),
    })
    .nullish()
    .catch(undefined),
  cloud_ioc: z.object({ short_description: Str }).nullish().catch(undefined),
  file: FileInfo,
  network_info: z
    .object({
      local_ip: Str,
      remote_ip: Str,
      dirty_url: Str,
      parent: z.object({ identity: Identity }).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
});
type AmpEvent = z.infer<typeof AmpEvent>;

/** The event: the API wrapper's `data`, or the event itself; null for anything else. */
function read(raw: unknown): AmpEvent | null {
  if (!isObject(raw)) return null;
  const inner = 'data' in raw && 'metadata' in raw ? raw.data : raw;
  if (!isObject(inner) || !('event_type_id' in inner) || !('event_type' in inner)) return null;
  if (!('connector_guid' in inner) && !('computer' in inner)) return null;
  const r = AmpEvent.safeParse(inner);
  return r.success ? r.data : null;
}

/** `user@domain` becomes `user`, as Elastic's script does when the name splits into exactly two parts. */
function userName(v: string): string {
  const parts = v.split('@');
  return parts.length === 2 && parts[0] ? parts[0] : v;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Cisco Secure Endpoint event');
  const obs = new ObservablesBuilder();
  const net = e.network_info;
  obs.srcIp(bareIndicatorIp(net?.local_ip));
  obs.dstIp(bareIndicatorIp(net?.remote_ip));
  obs.ip(bareIndicatorIp(e.computer?.external_ip));
  for (const a of e.computer?.network_addresses ?? []) obs.ip(bareIndicatorIp(a.ip));
  obs.host(e.computer?.hostname ?? e.hostname);
  if (e.computer?.user) obs.user(userName(e.computer.user));
  if (net?.dirty_url) {
    obs.url(net.dirty_url);
    obs.domain(urlHostname(net.dirty_url));
  }
  for (const id of [e.file?.identity, e.file?.parent?.identity, net?.parent?.identity]) {
    obs.hash(id?.sha256);
    obs.hash(id?.sha1);
    obs.hash(id?.md5);
  }
  const what = e.detection ?? e.cloud_ioc?.short_description ?? e.file?.file_name;
  return parserAlert('cisco_secure_endpoint.event', 'cisco_secure_endpoint.event', obs, {
    title: `Cisco Secure Endpoint: ${e.event_type}${what ? `: ${what}` : ''}`,
    severity: mapSeverity(e.severity) ?? 'info',
    observedAt: toIsoTime(e.date) ?? toIsoTime(e.timestamp),
    ruleId: String(e.event_type_id),
  });
}

export const ciscoSecureEndpointParser: Parser = {
  name: 'cisco_secure_endpoint.event',
  claims: { keys: ['event_type_id', 'data'], text: false },
  detect: detectorOf(read),
  // Elastic keeps the URL's site (url.domain) out of related.hosts.
  domainsInRelatedHosts: false,
  parse,
};
