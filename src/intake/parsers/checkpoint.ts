// Check Point Log Exporter syslog (RFC 5424, the record in structured data as `key:"value";` pairs, or
// `key="value"` pairs after an SD-ID), read as Elastic's `checkpoint.firewall` pipeline maps it: src/client_ip
// and dst as source/destination, NAT addresses related only, users lower-cased with e-mail names split.
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const NAME = 'checkpoint.firewall';
/**
 * PRI and version; then (`headerOf`) timestamp, host, app, proc id and msg id, each a FIELD, and the structured
 * data up to the last `]`. Read field by field: as one pattern it was linear, but recheck could not prove it so
 * in its time limit.
 */
const HEADER = /^<(\d{1,3})>\d{1,2} +/;
const FIELD = /^(\S+) +/;
const APP = /^check_?point$/i;
const KEYS = /(?:^|[\s;[])(?:loguid|origin|product)::?"/;
/** Structured data under Check Point's own SD-ID (its enterprise number, 2620): `[Fields@1.3.6.1.4.1.2620 …]`. */
const CHECKPOINT_SD_ID = /^Fields@1\.3\.6\.1\.4\.1\.2620\s/;

interface CheckpointRecord {
  timestamp: string;
  fields: ReadonlyMap<string, string>;
}

/** `key:"value"; key:"value"` (the Log Exporter syslog format); keys lower-cased, first value kept. */
function colonPairs(sd: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of sd.split(/(?<=");\s?/)) {
    const m = /^\s*([A-Za-z][\w.-]*?):{1,2}"([\s\S]*?)";?\s*$/.exec(part);
    const key = m?.[1]?.toLowerCase();
    if (key && !out.has(key)) out.set(key, (m?.[2] ?? '').trim());
  }
  return out;
}

/** `SD-ID key="value" key="value"`: the space-separated variant Elastic's pipeline also reads. */
function equalsPairs(sd: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = sd.replace(/^\S+\s+(?=[A-Za-z][\w.-]*=")/, '');
  for (const part of body.split(/(?<=")\s+/)) {
    const m = /^\s*([A-Za-z][\w.-]*)="([\s\S]*)"\s*$/.exec(part);
    const key = m?.[1]?.toLowerCase();
    if (key && !out.has(key)) out.set(key, (m?.[2] ?? '').trim());
  }
  return out;
}

/** The header's five fields and the structured data (without its outer brackets) of a line, or null. */
function headerOf(s: string): { fields: string[]; sd: string } | null {
  const pri = HEADER.exec(s);
  if (!pri) return null;
  const fields: string[] = [];
  let rest = s.slice(pri[0].length);
  while (fields.length < 5) {
    const field = FIELD.exec(rest);
    if (!field?.[1]) return null;
    fields.push(field[1]);
    rest = rest.slice(field[0].length);
  }
  const close = rest.lastIndexOf(']');
  if (!rest.startsWith('[') || close < 1) return null;
  return { fields, sd: rest.slice(1, close) };
}

function asCheckpoint(raw: unknown): CheckpointRecord | null {
  const s = textOf(raw, 65_536);
  if (s === null || !s.startsWith('<') || !s.includes('"')) return null;
  const header = headerOf(s);
  if (!header) return null;
  const { fields: head, sd } = header;
  if (!APP.test(head[2] ?? '') && !KEYS.test(sd) && !CHECKPOINT_SD_ID.test(sd)) return null;
  let fields = colonPairs(sd);
  if (fields.size === 0) fields = equalsPairs(sd);
  if (fields.size === 0) return null;
  return { timestamp: head[0] ?? '-', fields };
}

const NUMERIC_SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  '1': 'info',
  '2': 'low',
  '3': 'medium',
  '4': 'high',
  '5': 'critical',
});

function severityOf(f: ReadonlyMap<string, string>): Severity {
  const stated = f.get('severity');
  if (stated !== undefined) {
    const sev = /^\d+$/.test(stated) ? NUMERIC_SEVERITY[stated] : mapSeverity(stated);
    if (sev) return sev;
  }
  const ruleAction = f.get('rule_action') ?? f.get('action') ?? '';
  if (/^(?:prevent|detect|quarantine)$/i.test(ruleAction)) return 'medium';
  if (/^(?:drop|reject|block)$/i.test(ruleAction)) return 'low';
  if (f.get('audit_status') === 'Failure' || f.get('action') === 'Failed Log In') return 'low';
  return 'info';
}

function titleOf(f: ReadonlyMap<string, string>): string {
  const product = f.get('product') ?? 'Check Point';
  const operation = f.get('operation');
  if (operation !== undefined || f.get('administrator') !== undefined) {
    const status = f.get('audit_status');
    return `Check Point ${product}: ${f.get('subject') ?? operation ?? ''}${status ? ` (${status})` : ''}`;
  }
  const what =
    f.get('attack') ??
    f.get('protection_name') ??
    f.get('malware_action') ??
    f.get('app_name') ??
    f.get('service');
  const src = f.get('src') ?? f.get('client_ip') ?? '?';
  const dst = f.get('dst') ?? '?';
  return `Check Point ${product}: ${f.get('action') ?? ''} ${what ?? ''} ${src} -> ${dst}`.replace(
    /\s+/g,
    ' ',
  );
}

const present = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/** A user as Elastic's "Standardize user fields" step leaves it: an e-mail name becomes name + e-mail. */
function standardize(
  name: string | undefined,
  email: string | undefined,
): [string | undefined, string | undefined] {
  if (email === undefined && name !== undefined && name.indexOf('@') > 0)
    return [name.slice(0, name.indexOf('@')), name];
  if (name === undefined && email !== undefined) {
    const at = email.indexOf('@');
    return [at >= 0 ? email.slice(0, at) : undefined, email];
  }
  return [name, email];
}

/** user.name, then related.user in the pipeline's order: user, source user, destination user. */
function addUsers(f: ReadonlyMap<string, string>, obs: ObservablesBuilder): void {
  const lower = (v: string | undefined): string | undefined => v?.toLowerCase();
  const srcName = present(f.get('src_user_name')) ?? present(f.get('administrator'));
  const from = present(f.get('from'));
  // uid is source.user.id; Elastic's audit records (with an administrator) keep it out of the users.
  const uid = srcName === undefined && f.get('user') === undefined ? present(f.get('uid')) : undefined;
  const [userName, userEmail] = standardize(lower(present(f.get('user')) ?? srcName), lower(from));
  const [sName, sEmail] = standardize(lower(srcName), from);
  const [dName, dEmail] = standardize(lower(present(f.get('dst_user_name'))), present(f.get('to')));
  for (const v of [userName, lower(uid), userEmail, uid, sName, sEmail]) obs.user(v);
  for (const v of [present(f.get('usercheck_incident_uid')), dName, dEmail]) obs.user(v);
}

function observablesOf(f: ReadonlyMap<string, string>): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(present(f.get('src')) ?? f.get('client_ip')));
  obs.ip(bareIndicatorIp(f.get('xlatesrc')));
  obs.dstIp(bareIndicatorIp(f.get('dst')));
  obs.ip(bareIndicatorIp(f.get('xlatedst')));
  addUsers(f, obs);
  const operation = f.get('operation');
  if (operation === 'Log In' && f.get('product') === 'Expert Shell') obs.host(f.get('device_name'));
  // Elastic keeps these names in source/destination.domain, url.domain and dns.question.name.
  obs.domain(f.get('src_machine_name'));
  const machine = f.get('machine');
  if ((operation === 'Log In' || operation === 'Log Out') && machine !== 'localhost') obs.domain(machine);
  obs.domain(f.get('destination_dns_hostname') ?? f.get('dst_machine_name'));
  obs.domain(f.get('http_host'));
  obs.domain(f.get('domain_name'));
  obs.url(f.get('resource') ?? f.get('url'));
  for (const key of ['file_md5', 'file_sha1', 'file_sha256']) obs.hash(f.get(key));
  return obs;
}

const detect = (raw: unknown): boolean => asCheckpoint(raw) !== null;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = asCheckpoint(raw);
  if (!rec) throw new Error('not a Check Point Log Exporter record');
  const f = rec.fields;
  return parserAlert(NAME, NAME, observablesOf(f), {
    title: titleOf(f),
    severity: severityOf(f),
    observedAt: toIsoTime(f.get('time')) ?? toIsoTime(rec.timestamp),
    ruleId:
      present(f.get('malware_rule_id')) ??
      present(f.get('app_rule_id')) ??
      present(f.get('rule_uid')) ??
      present(f.get('rule_name')) ??
      present(f.get('operation_number')) ??
      null,
  });
}

export const checkpointParser: Parser = {
  name: NAME,
  claims: {
    keys: [],
    text: ['checkpoint', 'check_point', 'loguid:', 'origin:', 'product:', '@1.3.6.1.4.1.2620 '],
  },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
