// ServiceNow table API records (`{"table_name": "incident", "<field>": {"display_value", "value"}, …}`, as Elastic's
// `servicenow.event` input exports them): the people a record names (assignee, opener, closer, caller, creator …)
// and a CI's address, mapped as Elastic's `servicenow` event pipeline maps them to user.name, related.user, related.ip.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'servicenow';
const FORMAT = 'servicenow.event';

/** A field as the table API returns it with display values; a bare scalar (a flat export) is both, as Elastic reads it. */
const Field = z.union([
  z
    .object({
      display_value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
      value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
    })
    .passthrough(),
  z.union([z.string(), z.number(), z.boolean()]).transform((value) => ({ display_value: value, value })),
]);
type Field = z.infer<typeof Field>;

const ServiceNowRecord = z
  .object({ table_name: z.string().regex(/^[a-z][a-z0-9_]*$/) })
  .catchall(z.unknown());

/** Record keys every table export carries (one of them at least). */
const SYSTEM_KEYS = ['sys_id', 'sys_class_name', 'sys_updated_on', 'sys_created_on'] as const;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('table_name' in raw) || typeof raw.table_name !== 'string') return false;
  if (!SYSTEM_KEYS.some((k) => k in raw)) return false;
  return ServiceNowRecord.safeParse(raw).success;
}

/** Elastic drops these placeholder values before mapping anything. */
const PLACEHOLDER = /^(?:unknown|none|null|n\/a|na)$/i;

/** The fields Elastic's default pipeline appends to related.user (display values), in its order. */
const RELATED_USER_FIELDS = [
  'assigned_to',
  'attested_by',
  'closed_by',
  'email',
  'managed_by',
  'opened_by',
  'owned_by',
  'reopened_by',
  'resolved_by',
  'name',
  'supported_by',
  'sys_created_by',
  'sys_updated_by',
] as const;

/** The fields a table's own sub-pipeline appends after them. */
const TABLE_USER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  incident: ['caused_by', 'caller_id'],
  sys_user: ['user'],
  sys_user_grmember: ['user'],
  sys_user_group: ['user'],
};

/** Tables whose priority is worth reporting as the alert's severity. */
const PRIORITISED_TABLES = new Set(['incident', 'problem', 'sn_si_incident', 'sn_vul_vulnerable_item']);

type Reader = (key: string) => Field | null;

function readerOf(rec: Record<string, unknown>): Reader {
  return (key) => {
    if (!(key in rec)) return null;
    const f = Field.safeParse(rec[key]);
    return f.success ? f.data : null;
  };
}

/** A field's text, or undefined when it is empty or a placeholder Elastic drops. */
function text(v: string | number | boolean | null | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s === '' || PLACEHOLDER.test(s) ? undefined : s;
}

const displayOf = (f: Field | null): string | undefined => text(f?.display_value);
const valueOf = (f: Field | null): string | undefined => text(f?.value);

/** `2024-09-10 08:15:50` (the API's UTC value) as an ISO time. */
function utcTime(v: string | undefined): string | null {
  if (!v) return null;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(v);
  return m ? toIsoTime(`${m[1]}T${m[2]}Z`) : toIsoTime(v);
}

function severityOf(table: string, field: Reader): Severity {
  if (!PRIORITISED_TABLES.has(table)) return 'info';
  switch (valueOf(field('priority'))) {
    case '1':
      return 'high';
    case '2':
      return 'medium';
    case '3':
      return 'low';
    default:
      return 'info';
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = ServiceNowRecord.parse(raw);
  const table = rec.table_name;
  const field = readerOf(rec);
  const obs = new ObservablesBuilder();
  // user.name: the requester of a change, the member of a user-group record.
  obs.user(
    displayOf(field('requested_by')) ?? (TABLE_USER_FIELDS[table] ? displayOf(field('user')) : undefined),
  );
  for (const key of [...RELATED_USER_FIELDS, ...(TABLE_USER_FIELDS[table] ?? [])])
    obs.user(displayOf(field(key)));
  obs.email(displayOf(field('email')));
  const ip = field('ip_address');
  for (const v of [displayOf(ip), valueOf(ip)]) obs.ip(bareIndicatorIp(v) ?? undefined);
  const number = displayOf(field('number')) ?? displayOf(field('display_name'));
  const summary = displayOf(field('short_description')) ?? displayOf(field('name'));
  const title = [number, summary].filter(Boolean).join(': ');
  return parserAlert(NAME, FORMAT, obs, {
    title: `ServiceNow ${table}${title ? ` ${title}` : ''}`,
    severity: severityOf(table, field),
    observedAt: utcTime(valueOf(field('sys_updated_on'))) ?? utcTime(valueOf(field('sys_created_on'))),
    ruleId: table,
  });
}

export const servicenowParser: Parser = {
  name: NAME,
  claims: { keys: ['table_name'], text: false },
  detect,
  parse,
};
