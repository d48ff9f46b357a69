// Oracle Database audit trail records as the OS audit files (`*.aud`) write them: a timestamp line, then
// `LENGTH : '…'` and `KEY:[n] 'value'` lines (database audit) or `LENGTH: "…"` and `KEY:[n] "value"` pairs
// (object audit), read as Elastic's oracle.database_audit pipeline reads them.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { parseAddress } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Wed Oct  7 11:58:08 2020 -04:00` then `LENGTH : '392'` (database) or `LENGTH: "385"` (object). */
const HEAD =
  /^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\d{4}) ([+-]\d{2}:\d{2})\r?\nLENGTH(?: : '(\d+)'| ?: ?"(\d+)")[ \t]*(?:\r?\n|$)/;

/** A key line of the database form: `DATABASE USER:[1] '/'`, `PRIVILEGE :[4] 'NONE'`. */
const DB_KEY = /^([A-Z][A-Z0-9 $#_]*?) ?:\[\d+\] '/;

/** One record: when it happened and its fields, keys upper-case as the vendor writes them. */
interface OracleRecord {
  observedAt: string | null;
  object: boolean;
  fields: Map<string, string>;
}

function isoOf(m: RegExpExecArray): string | null {
  const month = MONTHS.indexOf(m[1] ?? '') + 1;
  const day = (m[2] ?? '').padStart(2, '0');
  const d = new Date(`${m[4]}-${String(month).padStart(2, '0')}-${day}T${m[3]}${m[5]}`);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

/** The database form: each field starts a line; ACTION (the SQL text) may span lines, as Elastic's grok reads it. */
function databaseFields(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | null = null;
  let value = '';
  const flush = (): void => {
    if (key !== null && !out.has(key)) out.set(key, value.replace(/'\s*$/, '').trim());
  };
  for (const line of body.split(/\r?\n/)) {
    const m = DB_KEY.exec(line);
    if (m && (key !== 'ACTION' || m[1] !== 'ACTION')) {
      flush();
      key = (m[1] ?? '').trim();
      value = line.slice(m[0].length);
    } else if (key !== null) value += `\n${line}`;
  }
  flush();
  return out;
}

/** The object form: `KEY:[n] "value"` pairs on one line. */
function objectFields(body: string): Map<string, string> {
  const out = new Map<string, string>();
  // A key is tried from the start of its word only: from every letter of a long word, quadratic time.
  for (const m of body.matchAll(/(?<![A-Z0-9$#_])[0-9$#_]*([A-Z][A-Z0-9$#_]*):\[\d+\] "([^"]*)"/g)) {
    const k = m[1] ?? '';
    if (!out.has(k)) out.set(k, m[2] ?? '');
  }
  return out;
}

function read(raw: unknown): OracleRecord | null {
  const s = textOf(raw);
  if (s === null) return null;
  const m = HEAD.exec(s);
  if (!m) return null;
  const body = s.slice(m[0].length);
  const object = m[7] !== undefined;
  return { observedAt: isoOf(m), object, fields: object ? objectFields(body) : databaseFields(body) };
}

function detect(raw: unknown): boolean {
  const s = textOf(raw, 512);
  return s !== null && HEAD.test(s);
}

/**
 * An address field as Elastic's grok splits it (an IP, else a name), except that Vigil reads the HOST of
 * an Oracle Net descriptor (`(PROTOCOL=tcp)(HOST=192.0.2.5)(PORT=1521)`), which Elastic keeps whole as a name.
 */
function address(obs: ObservablesBuilder, value: string | undefined): void {
  if (!value) return;
  // The host holds no parenthesis: allowed one, each `(` of a long hostile value was scanned to its end.
  const host = /\(HOST=([^()]+)\)/i.exec(value)?.[1]?.trim() ?? value;
  if (parseAddress(host)) {
    if (host !== '0.0.0.0' && host !== '::') obs.ip(host);
  } else obs.host(host);
}

/** A failed logon (ORA-01017) matters most; another failed action or a SYSDBA/SYSOPER session next. */
function severityOf(status: string | undefined, privilege: string | undefined): Severity {
  if (status === '1017' || status === '28000') return 'medium';
  if (status && status !== '0') return 'low';
  if (privilege && /^SYS(?:DBA|OPER|ASM|BACKUP|DG|KM)$/i.test(privilege)) return 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not an Oracle audit record');
  const f = r.fields;
  const obs = new ObservablesBuilder(false);
  // related.user: the database user, then the client (OS) user or, in the object form, CURRENT_USER.
  obs.user(f.get('DATABASE USER'));
  obs.user(r.object ? f.get('CURRENT_USER') : f.get('CLIENT USER'));
  // related.ip / related.hosts: the client address, then USERHOST (Elastic's server.address).
  const client = f.get('CLIENT ADDRESS');
  const userhost = f.get('USERHOST');
  address(obs, client);
  address(obs, userhost);
  const status = r.object ? f.get('RETURNCODE') : f.get('STATUS');
  const privilege = f.get('PRIVILEGE');
  const who = f.get('DATABASE USER') ?? f.get('CURRENT_USER') ?? f.get('USERID');
  const what = r.object
    ? `action ${f.get('ACTION') ?? '?'}${f.get('OBJ$NAME') ? ` on ${f.get('OBJ$CREATOR') ?? ''}.${f.get('OBJ$NAME')}` : ''}`
    : (f.get('ACTION') ?? '').replace(/\s+/g, ' ').slice(0, 120);
  return parserAlert('oracle.database_audit', 'oracle.database_audit', obs, {
    title: `Oracle audit${who ? ` by ${who}` : ''}${privilege && privilege !== 'NONE' ? ` as ${privilege}` : ''}: ${what}${
      status && status !== '0' ? ` (return code ${status})` : ''
    }`,
    severity: severityOf(status, privilege),
    observedAt: r.observedAt,
    ruleId: (r.object ? f.get('ACTION') : f.get('ACTION NUMBER')) ?? null,
  });
}

export const oracleDatabaseAuditParser: Parser = {
  name: 'oracle.database_audit',
  claims: { keys: [], text: ['\nLENGTH'] },
  detect,
  parse,
};
