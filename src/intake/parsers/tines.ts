// Tines audit log records (`{"id", "operation_name", "request_ip", "tenant_id", "user_name", "created_at", …}`):
// the request address as the source and the acting user's name, as Elastic's `tines` audit_logs pipeline
// maps them to source.ip, user.name and related.user (the e-mail is kept as an e-mail indicator).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'tines';
const FORMAT = 'tines.audit_logs';

const TinesAuditLog = z.object({
  id: z.union([z.number(), z.string().min(1)]),
  operation_name: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
  tenant_id: z.union([z.number(), z.string().min(1)]),
  created_at: TextField,
  updated_at: TextField,
  request_ip: TextField,
  user_id: TextField,
  user_name: TextField,
  user_email: TextField,
});
type TinesAuditLog = z.infer<typeof TinesAuditLog>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('operation_name' in raw && 'tenant_id' in raw && 'id' in raw)) return false;
  if (!('request_ip' in raw) && !('user_id' in raw) && !('user_email' in raw)) return false;
  return TinesAuditLog.safeParse(raw).success;
}

/** Operations on sign-in, tokens, members and tenant settings: worth more than an info note. */
const SENSITIVE =
  /Login|Logout|AuthenticationToken|Credential|Tenant|Member|Role|Permission|Sso|Saml|Password/;

function severityOf(e: TinesAuditLog): Severity {
  return SENSITIVE.test(e.operation_name) ? 'low' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = TinesAuditLog.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.request_ip) ?? undefined);
  obs.user(e.user_name);
  obs.email(e.user_email);
  return parserAlert(NAME, FORMAT, obs, {
    title: `Tines audit: ${e.operation_name} by ${e.user_name ?? e.user_email ?? e.user_id ?? 'unknown user'}`,
    severity: severityOf(e),
    // The pipeline takes created_at, then lets updated_at override it.
    observedAt: toIsoTime(e.updated_at ?? e.created_at),
    ruleId: e.operation_name,
  });
}

export const tinesParser: Parser = {
  name: NAME,
  claims: { keys: ['operation_name'], text: false },
  detect,
  parse,
};
