// Check Point Harmony Endpoint events as the Infinity Events API returns them (Anti-Bot, Anti-Malware,
// Forensics, Threat Emulation/Extraction, URL Filtering, Zero Phishing): one JSON object per event.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, urlHostname } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** Harmony Endpoint blade (`product`) → Elastic data stream. */
const STREAMS: Readonly<Record<string, string>> = lookupTable({
  'anti-bot': 'antibot',
  'anti-malware': 'antimalware',
  forensics: 'forensics',
  'threat emulation': 'threatemulation',
  'threat extraction': 'threatextraction',
  'url filtering': 'urlfiltering',
  'zero phishing': 'zerophishing',
});

const Text = z.string().nullish().catch(undefined);
/** A value the API writes as a string or as a one-element list. */
const Texts = z
  .union([z.string().transform((s) => [s]), z.array(z.unknown())])
  .nullish()
  .catch(undefined)
  .transform((v) => (v ?? []).filter((s): s is string => typeof s === 'string' && s !== ''));

const HarmonyEvent = z.object({
  product: z.string(),
  product_family: z.string(),
  id: Text,
  time: Text,
  severity: Text,
  action: Text,
  event_type: Text,
  protection_name: Text,
  description: Text,
  src: Text,
  dst: Text,
  src_machine_name: Text,
  src_user_name: Texts,
  resource: Texts,
  file_md5: Text,
  file_sha1: Text,
  file_sha256: Text,
});
type HarmonyEvent = z.infer<typeof HarmonyEvent>;

function streamOf(raw: unknown): string | null {
  if (!isObject(raw) || !('product_family' in raw) || !('product' in raw)) return null;
  if (typeof raw.product !== 'string' || raw.product_family !== 'Endpoint') return null;
  const product = raw.product.toLowerCase();
  return STREAMS[product] ?? null;
}

const detect = (raw: unknown): boolean => streamOf(raw) !== null && HarmonyEvent.safeParse(raw).success;

function observablesOf(e: HarmonyEvent, stream: string): ObservablesBuilder {
  // `src` is the endpoint's own address (Elastic: host.ip, and source.ip for Anti-Malware); `dst` is the
  // destination. Both are related; `0.0.0.0` (no destination) is neither.
  const obs = new ObservablesBuilder();
  if (stream === 'antimalware') obs.srcIp(bareIndicatorIp(e.src));
  else obs.ip(bareIndicatorIp(e.src));
  obs.dstIp(bareIndicatorIp(e.dst));
  obs.host(e.src_machine_name ?? undefined);
  for (const user of e.src_user_name) obs.user(user);
  // Elastic keeps the resource (a URL or a bare site) in url.original only: reported as URL and domain.
  for (const resource of e.resource) {
    obs.url(resource);
    obs.domain(urlHostname(resource) ?? resource);
  }
  for (const hash of [e.file_md5, e.file_sha1, e.file_sha256]) obs.hash(hash ?? undefined);
  return obs;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const stream = streamOf(raw);
  if (stream === null) throw new Error('not a Harmony Endpoint event');
  const e = HarmonyEvent.parse(raw);
  return parserAlert(
    'checkpoint_harmony_endpoint',
    `checkpoint_harmony_endpoint.${stream}`,
    observablesOf(e, stream),
    {
      title: e.protection_name ?? e.event_type ?? e.product,
      severity: mapSeverity(e.severity),
      observedAt: toIsoTime(e.time),
      ruleId: e.protection_name ?? null,
    },
  );
}

export const checkpointHarmonyEndpointParser: Parser = {
  name: 'checkpoint_harmony_endpoint',
  claims: { keys: ['product_family'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
