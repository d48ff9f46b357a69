// Palo Alto Networks Prisma Cloud Compute host runtime profiles (`/api/v1/profiles/host`: `{_id, apps, sshEvents,
// geoip, …}`), read as Elastic's `prisma_cloud.host_profile` pipeline maps them: the profile id is the host, the
// geo-located peers and the apps' outgoing connections are related addresses; process and SSH users are not users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, jsonObjectOf } from './common.js';
import type { Parser } from './parser.js';

const WithIp = z.object({ ip: TextField }).catch({ ip: undefined });
const List = <T extends z.ZodTypeAny>(item: T) => z.array(item).nullish().catch(undefined);

const App = z
  .object({ name: TextField, outgoingPorts: List(WithIp) })
  .catch({ name: undefined, outgoingPorts: undefined });

const HostProfile = z.object({
  _id: TextField,
  created: TextField,
  time: TextField,
  apps: List(App),
  sshEvents: z.array(z.unknown()).nullish().catch(undefined),
  geoip: z
    .object({ countries: List(WithIp) })
    .nullish()
    .catch(undefined),
});
type HostProfile = z.infer<typeof HostProfile>;

/** The record as an object: the payload itself, or a JSON line that holds one. */
const objectOf = (raw: unknown): object | null =>
  jsonObjectOf(raw, (t) => t.includes('"apps"') && (t.includes('"sshEvents"') || t.includes('"geoip"')));

/** A host profile: `_id`, an `apps` list, and the profile's SSH events or geo-located peers. */
function asProfile(raw: unknown): HostProfile | null {
  const o = objectOf(raw);
  if (!isObject(o) || !('_id' in o) || !('apps' in o) || !('sshEvents' in o || 'geoip' in o)) return null;
  if (!Array.isArray(Reflect.get(o, 'apps'))) return null;
  const r = HostProfile.safeParse(o);
  return r.success ? r.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const p = asProfile(raw);
  if (!p) throw new Error('not a Prisma Cloud host profile');
  const obs = new ObservablesBuilder();
  obs.host(p._id);
  // related.ip: the geo-located peers first, then each app's outgoing connections (Elastic's order).
  for (const c of p.geoip?.countries ?? []) obs.ip(bareIndicatorIp(c.ip));
  for (const app of p.apps ?? [])
    for (const port of app.outgoingPorts ?? []) obs.ip(bareIndicatorIp(port.ip));
  const apps = (p.apps ?? []).length;
  const ssh = (p.sshEvents ?? []).length;
  return parserAlert('prisma_cloud.host_profile', 'prisma_cloud.host_profile', obs, {
    title: `Prisma Cloud host profile: ${p._id ?? 'host'} (${apps} apps, ${ssh} SSH events)`,
    severity: 'info',
    observedAt: toIsoTime(p.created),
    ruleId: null,
  });
}

export const prismaCloudHostProfileParser: Parser = {
  name: 'prisma_cloud.host_profile',
  claims: { keys: ['apps'], text: false },
  detect: (raw) => asProfile(raw) !== null,
  parse,
};
