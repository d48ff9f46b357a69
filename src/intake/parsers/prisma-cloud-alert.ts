// Palo Alto Networks Prisma Cloud (CSPM) alerts as the alert API returns them (`{id, status, policy, resource,
// alertAttribution, …}`), read as Elastic's `prisma_cloud.alert` pipeline maps them: only the attribution
// event users are indicators; the resource's console URL is kept as a URL (Elastic's url.*), not a host.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const Time = z.union([z.number(), z.string()]).nullish();

const Resource = z.object({
  rrn: z.string(),
  id: OptionalText,
  name: OptionalText,
  resourceType: OptionalText,
  cloudType: OptionalText,
  url: OptionalText,
});

const CspmAlert = z.object({
  id: OptionalText,
  status: OptionalText,
  reason: OptionalText,
  alertTime: Time,
  lastUpdated: Time,
  policyId: OptionalText,
  policy: z
    .object({ policyId: OptionalText, name: OptionalText, severity: OptionalText, policyType: OptionalText })
    .nullish(),
  alertAttribution: z
    .object({
      attributionEventList: z.array(z.object({ username: OptionalText, event: OptionalText })).nullish(),
    })
    .nullish(),
  resource: Resource.nullish(),
  riskDetail: z
    .object({
      rating: OptionalText,
      policyScores: z.array(z.object({ name: OptionalText, severity: OptionalText })).nullish(),
    })
    .nullish(),
});
type CspmAlert = z.infer<typeof CspmAlert>;

/** The record as an object: the payload itself, or a JSON line that holds one. */
function objectOf(raw: unknown): unknown {
  if (isObject(raw)) return raw;
  const s = textOf(raw, 262_144)?.trim();
  if (!s?.startsWith('{') || !(s.includes('"rrn"') || s.includes('"riskDetail"'))) return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/**
 * An alert names a resource by its Prisma `rrn:`; with a policy, or alone as the API's resource-only record. The
 * API's risk-detail record (`{riskDetail: {policyScores, …}}`) comes alone too.
 */
function asAlert(raw: unknown): CspmAlert | null {
  const o = objectOf(raw);
  if (!isObject(o)) return null;
  if ('riskDetail' in o && !('resource' in o)) return asRiskDetail(o);
  if (!('resource' in o)) return null;
  const res = o.resource;
  if (!isObject(res) || !('rrn' in res) || typeof res.rrn !== 'string' || !res.rrn.startsWith('rrn:'))
    return null;
  const keys = Object.keys(o);
  if (keys.length > 1 && !('policy' in o || 'policyId' in o || 'alertAttribution' in o)) return null;
  const r = CspmAlert.safeParse(o);
  return r.success ? r.data : null;
}

function asRiskDetail(o: object): CspmAlert | null {
  const detail: unknown = Reflect.get(o, 'riskDetail');
  if (Object.keys(o).length !== 1 || !isObject(detail) || !('policyScores' in detail)) return null;
  const r = CspmAlert.safeParse(o);
  return r.success ? r.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = asAlert(raw);
  if (!a) throw new Error('not a Prisma Cloud alert');
  const obs = new ObservablesBuilder();
  for (const e of a.alertAttribution?.attributionEventList ?? []) obs.user(e.username);
  obs.url(a.resource?.url);
  const scores = a.riskDetail?.policyScores ?? [];
  const rating = a.riskDetail ? `risk ${a.riskDetail.rating ?? 'detail'}` : null;
  const what = a.policy?.name ?? a.reason ?? rating ?? 'alert';
  const on = a.resource?.name ?? a.resource?.id;
  return parserAlert('prisma_cloud.alert', 'prisma_cloud.alert', obs, {
    title: `Prisma Cloud: ${what}${on ? ` (${on})` : ''}`,
    severity: mapSeverity(a.policy?.severity ?? scores[0]?.severity) ?? 'info',
    observedAt: toIsoTime(a.alertTime ?? a.lastUpdated),
    ruleId: a.policy?.policyId ?? a.policyId ?? null,
  });
}

export const prismaCloudAlertParser: Parser = {
  name: 'prisma_cloud.alert',
  claims: { keys: ['riskDetail', 'resource'], text: false },
  detect: (raw) => asAlert(raw) !== null,
  parse,
};
