// Microsoft SQL Server audit events (event 33205 written to the Windows Security or Application log, as
// Winlogbeat / Elastic Agent `winlog` JSON): the `key:value` lines of `param1` read as Elastic's
// microsoft_sqlserver.audit pipeline reads them (the server principal as the user, the agent's host).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const AuditDoc = z.object({
  winlog: z.object({
    event_id: z.union([z.literal('33205'), z.literal(33205)]),
    provider_name: z.string().optional(),
    computer_name: z.string().optional(),
    event_data: z.object({ param1: z.string() }).passthrough(),
  }),
  host: z.object({ name: z.string().optional() }).passthrough().optional(),
  '@timestamp': z.string().optional(),
});
type AuditDoc = z.infer<typeof AuditDoc>;

const END = '\nadditional_information:';

/**
 * The text between a line-opening `statement:` and the next `additional_information:` line, found with `indexOf`:
 * as a lazy `[\s\S]*?`, every `statement:` of a long hostile record was scanned to its end (quadratic time).
 */
function statementOf(text: string): string | null {
  const at = text.startsWith('statement:') ? 0 : text.indexOf('\nstatement:') + 1;
  if (at === 0 && !text.startsWith('statement:')) return null;
  const end = text.indexOf(END, at + 10);
  return end < 0 ? null : text.slice(at + 10, end);
}

/** The audit record's fields: one `key:value` a line; the statement may span lines up to `additional_information:`. */
function fields(param1: string): Map<string, string> {
  const out = new Map<string, string>();
  const text = param1.replace(/^\.$/m, '');
  const stmt = statementOf(text);
  const start = text.indexOf('statement:');
  const rest = stmt === null ? text : text.slice(0, start) + text.slice(text.indexOf(END, start + 10));
  for (const line of rest.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  if (stmt !== null) out.set('statement', stmt);
  return out;
}

function read(raw: unknown): AuditDoc | null {
  if (!isObject(raw) || !('winlog' in raw)) return null;
  const doc = AuditDoc.safeParse(raw);
  return doc.success && /(?:^|\n)action_id:/.test(doc.data.winlog.event_data.param1) ? doc.data : null;
}

/** Failed logins and permission changes matter most; a failed action next; the rest is informational. */
function severityOf(action: string, succeeded: string | undefined): Severity {
  if (action === 'LGIF' || action === 'DAGF' || action === 'DBAF') return 'medium';
  if (succeeded === 'false') return 'low';
  return 'info';
}

export const mssqlAuditParser: Parser = {
  name: 'microsoft_sqlserver.audit',
  claims: { keys: ['winlog'], text: false },
  detect: detectorOf(read),
  parse(raw) {
    const doc = read(raw);
    if (!doc) throw new Error('not a SQL Server audit event');
    const f = fields(doc.winlog.event_data.param1);
    const obs = new ObservablesBuilder();
    const principal = f.get('server_principal_name') ?? '';
    const slash = principal.indexOf('\\');
    obs.user(slash >= 0 ? principal.slice(slash + 1) : principal);
    obs.host(doc.host?.name);
    const action = (f.get('action_id') ?? '').trim().toUpperCase();
    const object = [f.get('database_name'), f.get('schema_name'), f.get('object_name')]
      .filter(Boolean)
      .join('.');
    const eventTime = f.get('event_time');
    return parserAlert('microsoft_sqlserver.audit', 'microsoft_sqlserver.audit', obs, {
      title: `SQL Server audit ${action || 'event'}${principal ? ` by ${principal}` : ''}${object ? ` on ${object}` : ''}`,
      severity: severityOf(action, f.get('succeeded')),
      observedAt:
        toIsoTime(eventTime ? eventTime.slice(0, 23) : null) ?? toIsoTime(doc['@timestamp'] ?? null),
      ruleId: action || '33205',
    });
  },
};
