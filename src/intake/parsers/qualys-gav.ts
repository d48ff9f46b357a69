// Qualys Global AssetView asset records (the GAV REST API's `assetListData.asset[]` entries): one inventoried
// host. Elastic's `qualys_gav.asset` pipeline relates the asset's addresses, its last logged-on user, and its
// ids and names (asset id, name, UUID, DNS name, domains, host id, NetBIOS and interface names, WHOIS domains).
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'qualys_gav.asset';

/** A list the vendor may leave out or null; an entry of another shape reads as null, not as a failed record. */
const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item.nullable().catch(null)).nullish().catch(undefined);

const NetworkInterface = z.object({ hostname: TextField, addressIpV4: TextField, addressIpV6: TextField });

const Asset = z.object({
  assetId: z.union([z.number(), z.string().min(1)]),
  assetUUID: TextField,
  agentId: TextField,
  hostId: TextField,
  assetType: TextField,
  assetName: TextField,
  dnsName: TextField,
  netbiosName: TextField,
  address: TextField,
  lastLoggedOnUser: TextField,
  lastModifiedDate: TextField,
  sensorLastUpdatedDate: TextField,
  createdDate: TextField,
  criticality: z.object({ score: TextField }).nullish().catch(undefined),
  operatingSystem: z.object({ fullName: TextField, osName: TextField }).nullish().catch(undefined),
  agent: z.object({ connectedFrom: TextField }).nullish().catch(undefined),
  domain: listOf(z.string()),
  subdomain: listOf(z.string()),
  networkInterfaceListData: z
    .object({ networkInterface: listOf(NetworkInterface) })
    .nullish()
    .catch(undefined),
  whois: listOf(z.object({ domain: TextField })),
});
type Asset = z.infer<typeof Asset>;

/** A GAV asset: `assetId` with `assetUUID` and one of GAV's own keys; null for anything else. */
function read(raw: unknown): Asset | null {
  if (!isObject(raw) || !('assetId' in raw) || !('assetUUID' in raw)) return null;
  if (!('hostId' in raw) && !('sensorLastUpdatedDate' in raw) && !('networkInterfaceListData' in raw))
    return null;
  const r = Asset.safeParse(raw);
  return r.success ? r.data : null;
}

function parse(raw: unknown): Alert {
  const a = read(raw);
  if (!a) throw new Error('not a Qualys Global AssetView asset');
  const obs = new ObservablesBuilder();
  // related.ip: the asset's address, the agent's connecting address, then each interface's v4 and v6 address.
  obs.ip(bareIndicatorIp(a.address));
  obs.ip(bareIndicatorIp(a.agent?.connectedFrom));
  const interfaces = a.networkInterfaceListData?.networkInterface ?? [];
  for (const n of interfaces) {
    obs.ip(bareIndicatorIp(n?.addressIpV4));
    obs.ip(bareIndicatorIp(n?.addressIpV6));
  }
  // user.name and related.user: the last logged-on user only (the account list is inventory, not activity).
  obs.user(a.lastLoggedOnUser);
  // related.hosts, in the pipeline's order.
  obs.host(String(a.assetId));
  obs.host(a.assetName);
  obs.host(a.assetUUID);
  obs.host(a.agentId);
  obs.host(a.dnsName);
  for (const d of a.domain ?? []) obs.host(d);
  for (const d of a.subdomain ?? []) obs.host(d);
  obs.host(a.hostId);
  obs.host(a.netbiosName);
  for (const n of interfaces) obs.host(n?.hostname);
  for (const w of a.whois ?? []) obs.host(w?.domain);
  const name = a.assetName ?? a.dnsName ?? a.netbiosName ?? a.address ?? String(a.assetId);
  const os = a.operatingSystem?.fullName ?? a.operatingSystem?.osName;
  return parserAlert(NAME, NAME, obs, {
    title: `Qualys asset ${name}${a.address && a.address !== name ? ` (${a.address})` : ''}${os ? `, ${os}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(a.lastModifiedDate ?? a.sensorLastUpdatedDate ?? a.createdDate),
    ruleId: a.assetType ?? null,
  });
}

export const qualysGavParser: Parser = {
  name: NAME,
  claims: { keys: ['assetId'], text: false },
  detect: detectorOf(read),
  parse,
};
