// Palo Alto Networks Prisma Cloud Compute host scan records (`/api/v1/hosts`: `{_id, hostname, scanTime,
// hostDevices, vulnerabilities, complianceIssues, …}`), read as Elastic's `prisma_cloud.host` pipeline maps them:
// the device names and then the host name are related hosts, the device addresses related addresses.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, jsonObjectOf } from './common.js';
import type { Parser } from './parser.js';

const Device = z.object({ ip: TextField, name: TextField }).catch({ ip: undefined, name: undefined });
const Distribution = z
  .object({ critical: z.number().nullish(), high: z.number().nullish(), medium: z.number().nullish() })
  .nullish()
  .catch(undefined);

const HostScan = z.object({
  _id: TextField,
  hostname: TextField,
  scanTime: TextField,
  osDistro: TextField,
  hostDevices: z.array(Device).nullish().catch(undefined),
  vulnerabilitiesCount: z.number().nullish().catch(undefined),
  complianceIssuesCount: z.number().nullish().catch(undefined),
  vulnerabilityDistribution: Distribution,
  complianceDistribution: Distribution,
});
type HostScan = z.infer<typeof HostScan>;

/** The record as an object: the payload itself, or a JSON line that holds one. */
const objectOf = (raw: unknown): object | null =>
  jsonObjectOf(raw, (t) => t.includes('"scanTime"') && t.includes('"hostname"'));

/** A host scan: `_id`, `hostname`, `scanTime`, and the scan's device list or result counters. */
function asScan(raw: unknown): HostScan | null {
  const o = objectOf(raw);
  if (!isObject(o) || !('scanTime' in o) || !('hostname' in o) || !('_id' in o)) return null;
  if (!('hostDevices' in o || 'vulnerabilitiesCount' in o || 'complianceIssuesCount' in o)) return null;
  const r = HostScan.safeParse(o);
  return r.success ? r.data : null;
}

/** The worst level with findings in the scan's distributions; info when it found nothing. */
function severityOf(s: HostScan): ReturnType<typeof mapSeverity> {
  for (const level of ['critical', 'high', 'medium'] as const) {
    if ((s.vulnerabilityDistribution?.[level] ?? 0) > 0 || (s.complianceDistribution?.[level] ?? 0) > 0)
      return mapSeverity(level);
  }
  return (s.vulnerabilitiesCount ?? 0) + (s.complianceIssuesCount ?? 0) > 0 ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const s = asScan(raw);
  if (!s) throw new Error('not a Prisma Cloud host scan');
  const obs = new ObservablesBuilder();
  for (const d of s.hostDevices ?? []) obs.ip(bareIndicatorIp(d.ip));
  for (const d of s.hostDevices ?? []) obs.host(d.name);
  obs.host(s.hostname);
  const host = s.hostname ?? s._id ?? 'host';
  const counts = [
    s.vulnerabilitiesCount !== undefined && s.vulnerabilitiesCount !== null
      ? `${s.vulnerabilitiesCount} vulnerabilities`
      : null,
    s.complianceIssuesCount !== undefined && s.complianceIssuesCount !== null
      ? `${s.complianceIssuesCount} compliance issues`
      : null,
  ].filter(Boolean);
  return parserAlert('prisma_cloud.host', 'prisma_cloud.host', obs, {
    title: `Prisma Cloud host scan: ${host}${counts.length ? ` (${counts.join(', ')})` : ''}`,
    severity: severityOf(s),
    observedAt: toIsoTime(s.scanTime),
    ruleId: null,
  });
}

export const prismaCloudHostParser: Parser = {
  name: 'prisma_cloud.host',
  claims: { keys: ['scanTime'], text: false },
  detect: (raw) => asScan(raw) !== null,
  parse,
};
