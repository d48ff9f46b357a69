// Amazon Inspector (v2) findings: package and code vulnerabilities and network reachability of a resource
// (posture). The scanned EC2 instance's addresses are related addresses, as Elastic's `aws.inspector`
// pipeline maps them (host.ip and related.ip); the finding names no user or host name.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalNumber, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.inspector';

const Addresses = z.array(z.unknown()).nullish().catch(undefined);
const Resource = z.object({
  id: OptionalText,
  type: OptionalText,
  details: z
    .object({
      awsEc2Instance: z.object({ ipV4Addresses: Addresses, ipV6Addresses: Addresses }).nullish(),
    })
    .nullish()
    .catch(undefined),
});
const Finding = z.object({
  findingArn: z.string(),
  awsAccountId: z.string(),
  type: z.string(),
  title: OptionalText,
  severity: OptionalText,
  status: OptionalText,
  updatedAt: OptionalNumber,
  lastObservedAt: OptionalNumber,
  resources: z.array(Resource).nullish(),
  packageVulnerabilityDetails: z.object({ vulnerabilityId: OptionalText }).nullish().catch(undefined),
});
type Finding = z.infer<typeof Finding>;

const TYPES = new Set(['PACKAGE_VULNERABILITY', 'NETWORK_REACHABILITY', 'CODE_VULNERABILITY']);

const read = (raw: unknown): Finding | null => {
  if (!isObject(raw) || !('findingArn' in raw) || !('awsAccountId' in raw)) return null;
  const r = Finding.safeParse(raw);
  return r.success && TYPES.has(r.data.type) ? r.data : null;
};

const SEVERITY: Readonly<Record<string, Severity>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
};

/** Inspector writes times as epoch seconds, as a number or as numeric text (`1.663703546405E9`). */
function timeOf(v: string | number | null | undefined): string | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return (typeof n === 'number' && Number.isFinite(n) ? toIsoTime(n) : null) ?? toIsoTime(v);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const f = Finding.parse(raw);
  const obs = new ObservablesBuilder();
  for (const r of f.resources ?? []) {
    const ec2 = r.details?.awsEc2Instance;
    for (const a of [...(ec2?.ipV4Addresses ?? []), ...(ec2?.ipV6Addresses ?? [])]) obs.ip(a);
  }
  const resource = f.resources?.[0]?.id;
  return parserAlert(NAME, NAME, obs, {
    title: `Amazon Inspector: ${f.title ?? f.type}${resource ? ` on ${resource}` : ''}`,
    severity: SEVERITY[(f.severity ?? '').toUpperCase()] ?? 'info',
    observedAt: timeOf(f.updatedAt ?? f.lastObservedAt),
    ruleId: f.packageVulnerabilityDetails?.vulnerabilityId ?? f.type,
  });
}

export const awsInspectorParser: Parser = {
  name: NAME,
  claims: { keys: ['findingArn'], text: false },
  detect: detectorOf(read),
  parse,
};
