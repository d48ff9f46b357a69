// ModSecurity JSON audit log records: libmodsecurity v3 (`transaction.client_ip`, `messages[]`, as nginx writes
// it) and ModSecurity 2 for Apache (`transaction.remote_address`, `audit_data.messages`), mapped as Elastic's
// `modsecurity.auditlog` pipelines map them: client → source only, no related.ip, the Host header as url.domain.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { asctimeUtc, toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z.union([z.string(), z.number()]).transform(String);
const Headers = z.record(z.string(), z.unknown());

/** libmodsecurity v3 (ModSecurity-nginx) JSON audit record. */
const V3Record = z.object({
  transaction: z.object({
    client_ip: z.string(),
    time_stamp: z.string().nullish(),
    host_ip: z.string().nullish(),
    host_port: z.number().nullish(),
    id: Text.nullish(),
    request: z
      .object({ method: z.string().nullish(), uri: z.string().nullish(), headers: Headers.nullish() })
      .nullish(),
    response: z.object({ http_code: z.number().nullish() }).nullish(),
    messages: z
      .array(
        z.object({
          message: z.string().nullish(),
          details: z.object({ ruleId: Text.nullish(), severity: Text.nullish() }).nullish(),
        }),
      )
      .nullish(),
  }),
});
type V3Record = z.infer<typeof V3Record>;

/** ModSecurity 2 (Apache) JSON audit record. */
const V2Record = z.object({
  transaction: z.object({
    time: z.string().nullish(),
    transaction_id: z.string().nullish(),
    remote_address: z.string(),
    local_address: z.string().nullish(),
    local_port: z.number().nullish(),
  }),
  request: z.object({ request_line: z.string().nullish(), headers: Headers.nullish() }).nullish(),
  response: z.object({ status: z.number().nullish() }).nullish(),
  audit_data: z.object({ messages: z.array(z.string()).nullish() }).nullish(),
});
type V2Record = z.infer<typeof V2Record>;

type AuditRecord = { kind: 'v3'; rec: V3Record } | { kind: 'v2'; rec: V2Record };

function asRecord(raw: unknown): AuditRecord | null {
  const obj: unknown =
    typeof raw === 'string' && raw.trimStart().startsWith('{"transaction"') ? tryJson(raw) : raw;
  if (!isObject(obj) || !('transaction' in obj)) return null;
  const t = obj.transaction;
  if (!isObject(t)) return null;
  if ('client_ip' in t && ('messages' in t || 'producer' in t)) {
    const v3 = V3Record.safeParse(obj);
    return v3.success ? { kind: 'v3', rec: v3.data } : null;
  }
  if ('remote_address' in t && 'local_address' in t && ('audit_data' in obj || 'request' in obj)) {
    const v2 = V2Record.safeParse(obj);
    return v2.success ? { kind: 'v2', rec: v2.data } : null;
  }
  return null;
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** A header value, whatever the case of its name. */
function header(headers: z.infer<typeof Headers> | null | undefined, name: string): string | null {
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === name && typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

/** The Host header's host (port removed): Elastic's url.domain when the server port is 80 or 443. */
function hostOf(
  headers: z.infer<typeof Headers> | null | undefined,
  port: number | null | undefined,
): string | null {
  if (port !== 80 && port !== 443) return null;
  const h = header(headers, 'host');
  if (!h) return null;
  return /^\[/.test(h) ? h.replace(/^\[([^\]]+)\].*$/, '$1') : h.replace(/:\d+$/, '');
}

interface Rule {
  title: string | null;
  ruleId: string | null;
  severity: Severity | null;
}

/** The rule that decided: the first message with a severity, else the first message. */
function pickRule(rules: readonly Rule[]): Rule | null {
  return rules.find((r) => r.severity !== null) ?? rules[0] ?? null;
}

/** A ModSecurity 2 message: `… [id "942100"] [msg "…"] [severity "CRITICAL"] …`. */
function v2Rule(message: string): Rule {
  const tag = (name: string): string | null =>
    new RegExp(`\\[${name} "([^"]*)"\\]`).exec(message)?.[1] ?? null;
  return {
    title: tag('msg') ?? message.split(' [')[0] ?? null,
    ruleId: tag('id'),
    severity: mapSeverity(tag('severity')),
  };
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** `23/May/2022:06:28:50 +0000` in ISO 8601. */
function apacheTime(v: string | null | undefined): string | null {
  const m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}:\d{2}:\d{2})(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|Z)?$/.exec(
    v ?? '',
  );
  const month = MONTHS.indexOf(m?.[2] ?? '');
  if (!m || month < 0) return null;
  const tz = m[5] ? m[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
  return toIsoTime(
    `${m[3]}-${String(month + 1).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}T${m[4]}${tz}`,
  );
}

function parseV3(rec: V3Record): ReturnType<Parser['parse']> {
  const t = rec.transaction;
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(t.client_ip));
  const host = hostOf(t.request?.headers, t.host_port);
  if (host && !bareIndicatorIp(host)) obs.domain(host);
  const rule = pickRule(
    (t.messages ?? []).map((m) => ({
      title: m.message?.trim() ? m.message : null,
      ruleId: m.details?.ruleId ?? null,
      severity: mapSeverity(m.details?.severity, 'syslog'),
    })),
  );
  return parserAlert('modsecurity.auditlog', 'modsecurity.auditlog', obs, {
    title: `ModSecurity: ${rule?.title ?? `${t.request?.method ?? ''} ${t.request?.uri ?? ''}`.trim()}`,
    severity: rule?.severity ?? (rule ? 'medium' : 'info'),
    observedAt: asctimeUtc(t.time_stamp ?? null),
    ruleId: rule?.ruleId ?? null,
  });
}

function parseV2(rec: V2Record): ReturnType<Parser['parse']> {
  const t = rec.transaction;
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(t.remote_address));
  obs.dstIp(bareIndicatorIp(t.local_address));
  obs.user(header(rec.request?.headers, 'remote_user'));
  const host = hostOf(rec.request?.headers, t.local_port);
  if (host && !bareIndicatorIp(host)) obs.domain(host);
  const rule = pickRule((rec.audit_data?.messages ?? []).map(v2Rule));
  return parserAlert('modsecurity.auditlog', 'modsecurity.auditlog', obs, {
    title: `ModSecurity: ${rule?.title ?? rec.request?.request_line ?? 'audit record'}`,
    severity: rule?.severity ?? (rule ? 'medium' : 'info'),
    observedAt: apacheTime(t.time),
    ruleId: rule?.ruleId ?? null,
  });
}

const detect = detectorOf(asRecord);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = asRecord(raw);
  if (!r) throw new Error('not a ModSecurity JSON audit record');
  return r.kind === 'v3' ? parseV3(r.rec) : parseV2(r.rec);
}

export const modsecurityParser: Parser = {
  name: 'modsecurity.auditlog',
  claims: { keys: ['transaction'], text: false },
  detect,
  parse,
  domainsInRelatedHosts: false,
};
