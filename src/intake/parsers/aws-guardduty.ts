// AWS GuardDuty findings, bare or inside an EventBridge "GuardDuty Finding" event: the finding's action
// gives source/destination addresses (by connection direction), the instance's interfaces give related
// addresses and DNS names, the access key or Kubernetes user the user, as Elastic's guardduty pipeline.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(null);
const IpDetails = z.object({ ipAddressV4: Str }).partial().nullish().catch(null);

const NetworkInterface = z
  .object({ privateIpAddress: Str, publicIp: Str, privateDnsName: Str, publicDnsName: Str })
  .partial();

const Action = z
  .object({
    actionType: Str,
    awsApiCallAction: z.object({ remoteIpDetails: IpDetails }).partial().nullish().catch(null),
    kubernetesApiCallAction: z.object({ remoteIpDetails: IpDetails }).partial().nullish().catch(null),
    networkConnectionAction: z
      .object({ connectionDirection: Str, localIpDetails: IpDetails, remoteIpDetails: IpDetails })
      .partial()
      .nullish()
      .catch(null),
    portProbeAction: z
      .object({
        portProbeDetails: z
          .array(z.object({ localIpDetails: IpDetails, remoteIpDetails: IpDetails }).partial())
          .nullish()
          .catch(null),
      })
      .partial()
      .nullish()
      .catch(null),
    dnsRequestAction: z.object({ domain: Str }).partial().nullish().catch(null),
    rdsLoginAttemptAction: z.object({ remoteIpDetails: IpDetails }).partial().nullish().catch(null),
  })
  .partial();

/** One GuardDuty finding (the fields Vigil reads). */
export const GuarddutyFinding = z.object({
  schemaVersion: z.string(),
  accountId: z.string(),
  id: Str,
  type: z.string(),
  title: Str,
  severity: z.union([z.number(), z.string()]).nullish().catch(null),
  createdAt: Str,
  updatedAt: Str,
  resource: z
    .object({
      resourceType: z.string(),
      accessKeyDetails: z.object({ userName: Str }).partial().nullish().catch(null),
      instanceDetails: z
        .object({ networkInterfaces: z.array(NetworkInterface).nullish().catch(null) })
        .partial()
        .nullish()
        .catch(null),
      kubernetesDetails: z
        .object({ kubernetesUserDetails: z.object({ username: Str }).partial().nullish().catch(null) })
        .partial()
        .nullish()
        .catch(null),
      rdsDbUserDetails: z.object({ user: Str }).partial().nullish().catch(null),
    })
    .passthrough(),
  service: z.object({ serviceName: Str, action: Action.nullish().catch(null) }).partial(),
});
export type GuarddutyFinding = z.infer<typeof GuarddutyFinding>;

const looksLikeFinding = (v: unknown): boolean =>
  isObject(v) &&
  'schemaVersion' in v &&
  'accountId' in v &&
  'resource' in v &&
  'service' in v &&
  GuarddutyFinding.safeParse(v).success;

/** The finding itself: the payload, or the `detail` of an EventBridge "GuardDuty Finding" event. */
function findingOf(raw: unknown): unknown {
  if (isObject(raw) && 'detail-type' in raw && 'detail' in raw) {
    return raw['detail-type'] === 'GuardDuty Finding' ? raw.detail : null;
  }
  return raw;
}

function detect(raw: unknown): boolean {
  try {
    return looksLikeFinding(findingOf(raw));
  } catch {
    return false;
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const f = GuarddutyFinding.parse(findingOf(raw));
  const obs = new ObservablesBuilder();
  const res = f.resource;
  obs.user(res.accessKeyDetails?.userName);
  obs.user(res.kubernetesDetails?.kubernetesUserDetails?.username);
  obs.user(res.rdsDbUserDetails?.user);
  // The instance's interfaces come first in related.ip / related.hosts, as in Elastic's pipeline.
  for (const nic of res.instanceDetails?.networkInterfaces ?? []) {
    obs.ip(nic.privateIpAddress);
    obs.ip(nic.publicIp);
    obs.host(nic.privateDnsName);
    obs.host(nic.publicDnsName);
  }
  const action = f.service.action;
  switch (action?.actionType) {
    case 'AWS_API_CALL':
      obs.srcIp(action.awsApiCallAction?.remoteIpDetails?.ipAddressV4);
      break;
    case 'KUBERNETES_API_CALL':
      obs.srcIp(action.kubernetesApiCallAction?.remoteIpDetails?.ipAddressV4);
      break;
    case 'NETWORK_CONNECTION': {
      const nc = action.networkConnectionAction;
      const local = nc?.localIpDetails?.ipAddressV4;
      const remote = nc?.remoteIpDetails?.ipAddressV4;
      const direction = nc?.connectionDirection?.toLowerCase();
      if (direction === 'outbound') {
        obs.srcIp(local);
        obs.dstIp(remote);
      } else if (direction === 'inbound') {
        obs.srcIp(remote);
        obs.dstIp(local);
      }
      break;
    }
    case 'PORT_PROBE':
      for (const d of action.portProbeAction?.portProbeDetails ?? []) {
        obs.ip(d.localIpDetails?.ipAddressV4);
        obs.ip(d.remoteIpDetails?.ipAddressV4);
      }
      break;
    case 'RDS_LOGIN_ATTEMPT':
      obs.srcIp(action.rdsLoginAttemptAction?.remoteIpDetails?.ipAddressV4);
      break;
    case 'DNS_REQUEST':
      obs.domain(action.dnsRequestAction?.domain);
      break;
    default:
      break;
  }
  return parserAlert('aws.guardduty', 'aws.guardduty', obs, {
    title: f.title ?? f.type,
    severity: mapSeverity(f.severity),
    observedAt: toIsoTime(f.updatedAt ?? f.createdAt),
    ruleId: f.type,
  });
}

export const awsGuarddutyParser: Parser = {
  name: 'aws.guardduty',
  claims: { keys: ['schemaVersion', 'detail-type'], text: false },
  detect,
  parse,
};
