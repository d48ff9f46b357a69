// Entro secret-scan audit records (`{request_id, date, secret_type, exposed_value, line_number}`), as Elastic's
// `entro` audit pipeline reads them: a vulnerability finding with no network or user indicators. The exposed
// value itself is never copied into the alert.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'entro.audit';

/** Every key Entro's audit API (flattened per secret by the integration) writes. */
const KEYS = new Set(['request_id', 'date', 'timestamp', 'secret_type', 'exposed_value', 'line_number']);

const EntroAudit = z
  .object({
    request_id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    date: z.string(),
    timestamp: z.unknown().optional(),
    secret_type: OptionalText,
    exposed_value: OptionalText,
    line_number: z.union([z.number(), z.string()]).nullish(),
  })
  .strict();
type EntroAudit = z.infer<typeof EntroAudit>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('request_id' in raw) || !('date' in raw)) return false;
  if (!Object.keys(raw).every((k) => KEYS.has(k))) return false;
  return EntroAudit.safeParse(raw).success && toIsoTime(Reflect.get(raw, 'date')) !== null;
}

function parse(raw: unknown): Alert {
  const e: EntroAudit = EntroAudit.parse(raw);
  const line =
    e.line_number === null || e.line_number === undefined ? '' : ` (line ${String(e.line_number)})`;
  return parserAlert(NAME, NAME, new ObservablesBuilder(), {
    title: e.secret_type
      ? `Entro: exposed secret ${e.secret_type}${line}`
      : 'Entro: scan with no exposed secret',
    severity: e.secret_type ? 'high' : 'info',
    observedAt: toIsoTime(e.date),
    ruleId: e.secret_type ?? null,
  });
}

export const entroParser: Parser = {
  name: NAME,
  claims: { keys: ['request_id'], text: false },
  detect,
  parse,
};
