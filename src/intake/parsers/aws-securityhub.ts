// AWS Security Hub findings (ASFF), bare, as a `findings` list, or inside an EventBridge "Security Hub
// Findings" event: Network source/destination addresses, action addresses as related, and the users and
// container hosts of the resources, as Elastic's securityhub_findings pipeline maps them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(null);
const IpDetails = z.object({ IpAddressV4: Str }).partial().nullish().catch(null);
const Named = z.object({ UserName: Str, OwnerName: Str, Name: Str }).partial().nullish().catch(null);

const Resource = z.object({
  Type: Str,
  Id: Str,
  Details: z
    .object({ AwsIamUser: Named, AwsIamAccessKey: Named, AwsS3Bucket: Named, AwsEcsContainer: Named })
    .partial()
    .nullish()
    .catch(null),
});

/** One finding in the AWS Security Finding Format (the fields Vigil reads). */
export const SecurityhubFinding = z.object({
  SchemaVersion: z.string(),
  ProductArn: z.string(),
  Id: Str,
  GeneratorId: Str,
  Title: Str,
  Severity: z
    .object({ Label: Str, Normalized: z.number().nullish().catch(null) })
    .partial()
    .nullish()
    .catch(null),
  CreatedAt: Str,
  UpdatedAt: Str,
  Network: z
    .object({
      SourceIpV4: Str,
      SourceIpV6: Str,
      SourceDomain: Str,
      DestinationIpV4: Str,
      DestinationIpV6: Str,
      DestinationDomain: Str,
    })
    .partial()
    .nullish()
    .catch(null),
  Action: z
    .object({
      AwsApiCallAction: z.object({ RemoteIpDetails: IpDetails }).partial().nullish().catch(null),
      NetworkConnectionAction: z.object({ RemoteIpDetails: IpDetails }).partial().nullish().catch(null),
      PortProbeAction: z
        .object({
          PortProbeDetails: z
            .array(z.object({ LocalIpDetails: IpDetails, RemoteIpDetails: IpDetails }).partial())
            .nullish()
            .catch(null),
        })
        .partial()
        .nullish()
        .catch(null),
    })
    .partial()
    .nullish()
    .catch(null),
  Resources: z.array(Resource).nullish().catch(null),
});
export type SecurityhubFinding = z.infer<typeof SecurityhubFinding>;

const isFinding = (v: unknown): boolean =>
  isObject(v) && 'SchemaVersion' in v && 'ProductArn' in v && SecurityhubFinding.safeParse(v).success;

/** The findings a payload carries: itself, its `findings`, or its EventBridge `detail.findings`. */
function findingsOf(raw: unknown): unknown[] {
  if (!isObject(raw)) return [];
  if ('SchemaVersion' in raw) return [raw];
  let body: unknown = raw;
  if ('detail-type' in raw && 'detail' in raw) {
    const kind = raw['detail-type'];
    if (typeof kind !== 'string' || !kind.startsWith('Security Hub Findings')) return [];
    body = raw.detail;
  }
  if (isObject(body) && 'findings' in body && Array.isArray(body.findings)) return body.findings;
  return [];
}

function detect(raw: unknown): boolean {
  try {
    const list = findingsOf(raw);
    return list.length > 0 && list.every(isFinding);
  } catch {
    return false;
  }
}

function readFinding(f: SecurityhubFinding, obs: ObservablesBuilder): void {
  const net = f.Network;
  obs.srcIp(net?.SourceIpV4);
  obs.srcIp(net?.SourceIpV6);
  obs.dstIp(net?.DestinationIpV4);
  obs.dstIp(net?.DestinationIpV6);
  // related.ip in the pipeline's order: action addresses, then destination, then source.
  obs.ip(f.Action?.AwsApiCallAction?.RemoteIpDetails?.IpAddressV4);
  obs.ip(f.Action?.NetworkConnectionAction?.RemoteIpDetails?.IpAddressV4);
  const probes = f.Action?.PortProbeAction?.PortProbeDetails ?? [];
  for (const p of probes) obs.ip(p.LocalIpDetails?.IpAddressV4);
  for (const p of probes) obs.ip(p.RemoteIpDetails?.IpAddressV4);
  obs.ip(net?.DestinationIpV4);
  obs.ip(net?.DestinationIpV6);
  obs.ip(net?.SourceIpV4);
  obs.ip(net?.SourceIpV6);
  // Elastic keeps the Network domains out of related.hosts; they are still indicators.
  obs.domain(net?.SourceDomain);
  obs.domain(net?.DestinationDomain);
  for (const r of f.Resources ?? []) {
    const d = r.Details;
    if (r.Type === 'AwsIamUser') obs.user(d?.AwsIamUser?.UserName);
    if (r.Type === 'AwsIamAccessKey') obs.user(d?.AwsIamAccessKey?.UserName);
    if (r.Type === 'AwsS3Bucket') obs.user(d?.AwsS3Bucket?.OwnerName);
    if (r.Type === 'AwsEcsContainer') obs.host(d?.AwsEcsContainer?.Name);
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const findings = findingsOf(raw).map((f) => SecurityhubFinding.parse(f));
  const first = findings[0];
  if (!first) throw new Error('no Security Hub finding');
  const obs = new ObservablesBuilder(false);
  for (const f of findings) readFinding(f, obs);
  return parserAlert('aws.securityhub_findings', 'aws.securityhub_findings', obs, {
    title: first.Title ?? first.GeneratorId,
    severity: mapSeverity(first.Severity?.Label) ?? mapSeverity(first.Severity?.Normalized, 'hundred'),
    observedAt: toIsoTime(first.UpdatedAt ?? first.CreatedAt),
    ruleId: first.GeneratorId,
  });
}

export const awsSecurityhubParser: Parser = {
  name: 'aws.securityhub_findings',
  claims: { keys: ['SchemaVersion', 'detail-type', 'findings'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
