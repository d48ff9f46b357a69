// Palo Alto Networks Prisma Cloud (CSPM) misconfiguration findings: one asset scanned against one policy
// (`{id, name, assetType, scannedPolicy, unifiedAssetId, …}`), read as Elastic's `prisma_cloud.misconfiguration`
// pipeline maps them: an instance is a host (name and asset id), an IAM credential report a user.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { isObject, OptionalText, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const Finding = z.object({
  id: z.string(),
  name: OptionalText,
  assetType: z.string(),
  accountName: OptionalText,
  unifiedAssetId: OptionalText,
  overallPassed: z.boolean().nullish(),
  scannedPolicy: z.object({
    id: OptionalText,
    name: OptionalText,
    severity: OptionalText,
    passed: z.boolean().nullish(),
  }),
});
type Finding = z.infer<typeof Finding>;

/** Asset types Elastic treats as hosts and as users. */
const HOST_ASSETS = new Set(['EC2 Instance', 'Azure Virtual Machine']);
const USER_ASSETS = new Set(['AWS IAM Credential Report']);

/** The record as an object: the payload itself, or a JSON line that holds one. */
function objectOf(raw: unknown): unknown {
  if (isObject(raw)) return raw;
  const s = textOf(raw, 262_144)?.trim();
  if (!s?.startsWith('{') || !s.includes('"scannedPolicy"')) return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

function asFinding(raw: unknown): Finding | null {
  const o = objectOf(raw);
  if (!isObject(o) || !('scannedPolicy' in o) || !('assetType' in o) || !('rrn' in o)) return null;
  const r = Finding.safeParse(o);
  return r.success ? r.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const f = asFinding(raw);
  if (!f) throw new Error('not a Prisma Cloud misconfiguration finding');
  const obs = new ObservablesBuilder();
  if (HOST_ASSETS.has(f.assetType)) {
    obs.host(f.name);
    obs.host(f.unifiedAssetId);
  } else if (USER_ASSETS.has(f.assetType)) {
    obs.user(f.name);
    obs.user(f.unifiedAssetId);
  }
  const passed = f.scannedPolicy.passed ?? f.overallPassed;
  const policy = f.scannedPolicy.name ?? f.scannedPolicy.id ?? 'policy';
  return parserAlert('prisma_cloud.misconfiguration', 'prisma_cloud.misconfiguration', obs, {
    title: `Prisma Cloud ${passed === false ? 'failed' : passed ? 'passed' : 'checked'}: ${policy} (${f.name ?? f.id})`,
    // A passed check is informational; a failed one carries the policy's severity.
    severity: passed === false ? (mapSeverity(f.scannedPolicy.severity) ?? 'low') : 'info',
    observedAt: null,
    ruleId: f.scannedPolicy.id ?? null,
  });
}

export const prismaCloudMisconfigurationParser: Parser = {
  name: 'prisma_cloud.misconfiguration',
  claims: { keys: ['scannedPolicy'], text: false },
  detect: (raw) => asFinding(raw) !== null,
  parse,
};
