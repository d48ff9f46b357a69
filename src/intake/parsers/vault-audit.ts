// HashiCorp Vault audit device records (`{"type": "request"|"response", "auth", "request", "error"}`, and the
// KMIP `kmip-request`/`kmip-response` ones), mapped as Elastic's `hashicorp_vault` audit pipeline maps them:
// the request's remote address is the source; the token's display name and e-mail are no user names there.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const TYPES = ['request', 'response', 'kmip-request', 'kmip-response'] as const;
const isType = (v: unknown): boolean => typeof v === 'string' && TYPES.some((t) => t === v);

const VaultRecord = z.object({
  time: Str,
  type: z.enum(TYPES),
  auth: z
    .object({ display_name: Str, metadata: z.object({ email: Str }).passthrough().nullish() })
    .passthrough()
    .nullish(),
  request: z
    .object({
      id: Str,
      operation: Str,
      path: Str,
      mount_type: Str,
      remote_address: Str,
      namespace: z.object({ id: Str, path: Str }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
  error: Str,
});

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('type' in raw) || !isType(raw.type)) return false;
  if (!('request' in raw) || !isObject(raw.request)) return false;
  const req = raw.request;
  if (!('remote_address' in req) && !('client_token' in req) && !('operation' in req)) return false;
  if (!('path' in req) && !('auth' in raw) && !('client_certificate_serial_number' in req)) return false;
  return VaultRecord.safeParse(raw).success;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = VaultRecord.parse(raw);
  const obs = new ObservablesBuilder();
  // Elastic converts `remote_address` to `source.ip` (and `related.ip`); a `host:port` spelling is read too.
  obs.srcIp(indicatorIp(r.request?.remote_address) ?? undefined);
  obs.email(r.auth?.metadata?.email ?? undefined);
  const op = r.request?.operation;
  const path = r.request?.path;
  const error = r.error?.replace(/[\s*]+/g, ' ').trim();
  const denied = /denied/i.test(error ?? '');
  return parserAlert('hashicorp_vault.audit', 'hashicorp_vault.audit', obs, {
    title: `Vault ${r.type}${op ? ` ${op}` : ''}${path ? ` ${path}` : ''}${error ? `: ${error}` : ''}`,
    severity: denied ? 'medium' : error ? 'low' : 'info',
    observedAt: toIsoTime(r.time ?? null),
    ruleId: op ?? r.type,
  });
}

export const vaultAuditParser: Parser = {
  name: 'hashicorp_vault.audit',
  claims: { keys: ['request'], text: false },
  detect,
  parse,
};
