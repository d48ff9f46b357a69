// MySQL Enterprise Audit JSON records (one element of the audit log's JSON array, trailing comma and all),
// mapped as Elastic's mysql_enterprise.audit pipeline maps them: the account user, the login OS user and
// a created or dropped user as users, the login address as related, the account host as a host.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const Text = z.string().optional();
const Status = z.union([z.number(), z.string()]).optional();

const AuditRecord = z.object({
  timestamp: z.string(),
  id: z.union([z.number(), z.string()]),
  class: z.string(),
  event: z.string().optional(),
  connection_id: z.union([z.number(), z.string()]).optional(),
  account: z.object({ user: Text, host: Text }).optional(),
  login: z.object({ user: Text, os: Text, ip: Text, proxy: Text }).optional(),
  connection_data: z.object({ status: Status, db: Text }).passthrough().optional(),
  general_data: z
    .object({ command: Text, sql_command: Text, query: Text, status: Status })
    .passthrough()
    .optional(),
});
type AuditRecord = z.infer<typeof AuditRecord>;

function read(raw: unknown): AuditRecord | null {
  let value: unknown = raw;
  const s = textOf(raw);
  if (s !== null) {
    const t = s.trim().replace(/,$/, '');
    if (!t.startsWith('{') || !t.includes('"connection_id"') || !t.includes('"class"')) return null;
    try {
      value = JSON.parse(t);
    } catch {
      return null;
    }
  }
  if (!isObject(value) || !('class' in value) || !('connection_id' in value) || !('account' in value))
    return null;
  const r = AuditRecord.safeParse(value);
  return r.success ? r.data : null;
}

/** The user a `CREATE USER` / `DROP USER` statement names, as the pipeline's grok reads it. */
function targetUser(record: AuditRecord): string | null {
  const cmd = record.general_data?.sql_command ?? '';
  if (!['create_user', 'delete_user', 'drop_user'].includes(cmd)) return null;
  const m = /(?:CREATE|DROP)\s+USER(?:\s+IF\s+(?:NOT\s+)?EXISTS)?\s+(?:(['"`])(.*?)\1|([^\s@;]*))/i.exec(
    record.general_data?.query ?? '',
  );
  return m ? (m[2] ?? m[3] ?? null) : null;
}

const statusOf = (record: AuditRecord): number | null => {
  const s = record.connection_data?.status ?? record.general_data?.status;
  return s === undefined || s === '' ? null : Number(s);
};

/** Failed connections and privilege changes matter most; failed statements next. */
function severityOf(record: AuditRecord): Severity {
  const status = statusOf(record);
  const cmd = record.general_data?.sql_command ?? '';
  if (record.class === 'connection' && status !== null && status > 0) return 'medium';
  if (['create_user', 'drop_user', 'delete_user', 'grant'].includes(cmd)) return 'medium';
  if (status !== null && status > 0) return 'low';
  return 'info';
}

export const mysqlEnterpriseAuditParser: Parser = {
  name: 'mysql_enterprise.audit',
  claims: { keys: ['connection_id'], text: false },
  detect: detectorOf(read),
  parse(raw) {
    const record = read(raw);
    if (!record) throw new Error('not a MySQL Enterprise Audit record');
    const obs = new ObservablesBuilder();
    const account = record.account?.user;
    obs.user(account);
    obs.user(record.login?.os);
    const target = targetUser(record);
    obs.user(target);
    const ip = bareIndicatorIp(record.login?.ip);
    if (ip) obs.ip(ip);
    obs.host(record.account?.host);
    const what = record.general_data?.sql_command || record.event || record.class;
    return parserAlert('mysql_enterprise.audit', 'mysql_enterprise.audit', obs, {
      title: `MySQL audit ${record.class}/${what}${account ? ` by ${account}` : ''}${record.account?.host ? `@${record.account.host}` : ''}`,
      severity: severityOf(record),
      observedAt: toIsoTime(record.timestamp),
      ruleId: `mysql-${record.event ?? record.class}`,
    });
  },
};
