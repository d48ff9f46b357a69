// Seagate Lyve Cloud S3 audit records (MinIO-style `auditEntry` JSON with the service account), mapped as
// Elastic's lyve_cloud audit pipeline maps them: the service account and its creator as users, the
// X-Forwarded-For chain as related addresses (its last entry the source), the forwarded host as a domain.
import { z } from 'zod';
import { canonicalIp } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'lyve_cloud.audit';

const AuditEntry = z.object({
  api: z.object({
    name: z.string().min(1),
    bucket: TextField,
    object: TextField,
    status: TextField,
    statusCode: z.union([z.number(), z.string()]).nullish(),
  }),
  time: z.string().nullish(),
  version: TextField,
  requestID: TextField,
  deploymentid: TextField,
  requestHeader: z
    .object({ 'X-Forwarded-For': TextField, 'X-Forwarded-Host': TextField })
    .nullish()
    .catch(undefined),
});

const LyveAudit = z.object({
  auditEntry: AuditEntry,
  serviceAccountName: TextField,
  serviceAccountCreatorId: TextField,
});
type LyveAudit = z.infer<typeof LyveAudit>;

/** The record when `raw` is a Lyve Cloud audit record (an `auditEntry` with a service-account field). */
function read(raw: unknown): LyveAudit | null {
  if (!isObject(raw) || !('auditEntry' in raw) || !isObject(raw.auditEntry)) return null;
  if (!('serviceAccountName' in raw) && !('serviceAccountCreatorId' in raw)) return null;
  const r = LyveAudit.safeParse(raw);
  return r.success ? r.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (e === null) throw new Error('not a Lyve Cloud audit record');
  const { api } = e.auditEntry;
  const obs = new ObservablesBuilder();
  // Elastic relates the creator only alongside a service account.
  if (e.serviceAccountName) {
    obs.user(e.serviceAccountName);
    obs.user(e.serviceAccountCreatorId);
  }
  obs.email(e.serviceAccountCreatorId);
  // The forwarded chain: entries that are bare addresses are related; the last one is the client.
  const chain = (e.auditEntry.requestHeader?.['X-Forwarded-For'] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => canonicalIp(v) !== null);
  for (const hop of chain) obs.ip(bareIndicatorIp(hop));
  obs.srcIp(bareIndicatorIp(chain.at(-1)));
  const forwardedHost = e.auditEntry.requestHeader?.['X-Forwarded-Host'];
  if (forwardedHost && /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/i.test(forwardedHost) && !canonicalIp(forwardedHost))
    obs.domain(forwardedHost);
  else obs.host(forwardedHost);
  const status = Number(api.statusCode ?? NaN);
  const target = [api.bucket, api.object].filter((v) => v !== undefined).join('/');
  return parserAlert(NAME, NAME, obs, {
    title: `Lyve Cloud ${api.name}${target ? ` on ${target}` : ''}${api.status ? ` (${api.status})` : ''}`,
    severity: status === 401 || status === 403 ? 'low' : 'info',
    observedAt: toIsoTime(e.auditEntry.time),
    ruleId: api.name,
  });
}

export const lyveCloudParser: Parser = {
  name: NAME,
  claims: { keys: ['auditEntry'], text: false },
  detect: detectorOf(read),
  parse,
};
