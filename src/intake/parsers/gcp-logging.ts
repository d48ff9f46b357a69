// Google Cloud Logging `LogEntry` JSON: Cloud Audit Logs (`protoPayload` AuditLog: the caller address),
// Cloud DNS query logs (client, resolved addresses, query and answer names), and VPC firewall and flow
// logs (connection endpoints), mapped as Elastic's `gcp` package pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const AUDIT_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';
/** The log id after `projects/<p>/logs/`, URL-encoded (`%2F`) as the API writes it, or plain. */
const LOG_ID = /\/logs\/([a-z0-9.-]+)(?:%2F|\/)([a-z_]+)$/i;

const Str = OptionalText;
const Port = z.union([z.number(), z.string()]).nullish();

const AuditPayload = z.object({
  '@type': z.string().nullish(),
  serviceName: Str,
  methodName: Str,
  resourceName: Str,
  authenticationInfo: z.object({ principalEmail: Str }).nullish(),
  requestMetadata: z.object({ callerIp: Str }).nullish(),
  status: z.object({ code: z.number().nullish(), message: Str }).nullish(),
});

const Connection = z.object({
  src_ip: Str,
  dest_ip: Str,
  src_port: Port,
  dest_port: Port,
  protocol: z.union([z.number(), z.string()]).nullish(),
});
const FlowPayload = z.object({
  connection: Connection,
  disposition: Str,
  reporter: Str,
  rule_details: z.object({ reference: Str, action: Str, direction: Str }).nullish(),
});

const StructuredAnswer = z.object({ type: Str, rvalue: Str, domainName: Str });
const DnsPayload = z.object({
  queryName: Str,
  queryType: Str,
  rdata: Str,
  structuredRdata: z.array(StructuredAnswer).nullish(),
  responseCode: Str,
  sourceIP: Str,
  destinationIP: Str,
});

const LogEntry = z.object({
  logName: Str,
  timestamp: Str,
  receiveTimestamp: Str,
  severity: Str,
  resource: z.object({ type: Str }).nullish(),
  // The HTTP request an entry is about: the client's address (`remoteIp`, sometimes with a port) and the server's.
  httpRequest: z.object({ remoteIp: Str, serverIp: Str }).nullish(),
  protoPayload: z.unknown().optional(),
  jsonPayload: z.unknown().optional(),
});
type LogEntry = z.infer<typeof LogEntry>;

type Kind = 'audit' | 'dns' | 'firewall' | 'vpcflow';

/** Which of the supported logs an entry is, from its payload type and log name; null for any other. */
function kindOf(e: LogEntry): Kind | null {
  if (isObject(e.protoPayload)) {
    const p = AuditPayload.safeParse(e.protoPayload);
    if (!p.success) return null;
    const type = p.data['@type'];
    const auditLog = /\/logs\/cloudaudit\.googleapis\.com(?:%2F|\/)/i.test(e.logName ?? '');
    return type === AUDIT_TYPE || (!type && auditLog) ? 'audit' : null;
  }
  if (!isObject(e.jsonPayload)) return null;
  const [, service, log] = LOG_ID.exec(e.logName ?? '') ?? [];
  if (service === 'dns.googleapis.com' && log === 'dns_queries') return 'dns';
  if (e.resource?.type === 'dns_query' && 'queryName' in e.jsonPayload) return 'dns';
  if (service === 'compute.googleapis.com' && log === 'firewall') return 'firewall';
  if (log === 'vpc_flows' && /^(?:compute|networkmanagement)\.googleapis\.com$/.test(service ?? '')) {
    return 'vpcflow';
  }
  return null;
}

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('protoPayload' in raw || 'jsonPayload' in raw)) return false;
  if (!('logName' in raw || 'insertId' in raw)) return false;
  const e = LogEntry.safeParse(raw);
  if (!e.success) return false;
  const kind = kindOf(e.data);
  if (kind === 'dns') return DnsPayload.safeParse(e.data.jsonPayload).success;
  if (kind === 'firewall' || kind === 'vpcflow') return FlowPayload.safeParse(e.data.jsonPayload).success;
  return kind === 'audit';
}

/** gRPC status codes that mean the caller was refused (PERMISSION_DENIED, UNAUTHENTICATED). */
const REFUSED = new Set([7, 16]);

function parseAudit(e: LogEntry): ReturnType<Parser['parse']> {
  const p = AuditPayload.parse(e.protoPayload);
  // The caller's address is the source; the principal (a person or service account) is the user, kept
  // whole, as Elastic's current pipeline lists it in related.user (older versions kept only user.email).
  const obs = new ObservablesBuilder();
  obs.srcIp(p.requestMetadata?.callerIp ?? undefined);
  // The HTTP request's client, when the entry records one (Security Command Center's audit findings): related,
  // as Elastic lists it; the caller stays the source.
  obs.ip(indicatorIp(e.httpRequest?.remoteIp));
  obs.user(p.authenticationInfo?.principalEmail ?? undefined);
  obs.email(p.authenticationInfo?.principalEmail ?? undefined);
  const code = p.status?.code ?? 0;
  const severity: Severity = REFUSED.has(code) ? 'medium' : (mapSeverity(e.severity) ?? 'info');
  const what = [p.serviceName, p.methodName].filter(Boolean).join(' ') || 'Cloud Audit event';
  return parserAlert('gcp.logging', 'gcp.audit', obs, {
    title: `GCP audit: ${what}${p.resourceName ? ` on ${p.resourceName}` : ''}${code ? ` (status ${code})` : ''}`,
    severity,
    observedAt: toIsoTime(e.timestamp ?? e.receiveTimestamp),
    ruleId: p.methodName ?? null,
  });
}

interface Answer {
  type: string;
  data: string;
}

/** The answers of a DNS log: `structuredRdata` when present, else the tab-separated `rdata` lines. */
function dnsAnswers(p: z.infer<typeof DnsPayload>): Answer[] {
  const strip = (s: string): string => s.replace(/\.$/, '');
  if (p.structuredRdata) {
    return p.structuredRdata.map((a) => ({ type: a.type ?? '', data: strip(a.rvalue ?? '') }));
  }
  if (!p.rdata) return [];
  const lines = p.rdata.split('\n');
  if (p.rdata.endsWith('...')) lines.pop();
  return lines.map((line) => {
    const parts = line.split('\t');
    return { type: (parts[3] ?? '').toUpperCase(), data: strip(parts[4] ?? '') };
  });
}

function parseDns(e: LogEntry): ReturnType<Parser['parse']> {
  const p = DnsPayload.parse(e.jsonPayload);
  // Elastic's related.ip lists the resolved addresses first, then the client and the server.
  const obs = new ObservablesBuilder(false);
  for (const a of dnsAnswers(p)) {
    if (a.type === 'A' || a.type === 'AAAA') obs.ip(a.data);
    else if (a.type === 'CNAME') obs.domain(a.data);
    else if (a.type === 'MX') obs.domain(a.data.split(' ')[1]);
  }
  obs.ip(obs.srcIp(p.sourceIP ?? undefined) ?? undefined);
  obs.ip(obs.dstIp(p.destinationIP ?? undefined) ?? undefined);
  const question = p.queryName?.replace(/\.$/, '');
  obs.domain(question);
  const rcode = p.responseCode ?? '';
  return parserAlert('gcp.logging', 'gcp.dns', obs, {
    title: `GCP DNS ${p.queryType ?? 'query'} ${question ?? '?'}${rcode ? ` ${rcode}` : ''}`,
    severity: mapSeverity(e.severity) ?? 'info',
    observedAt: toIsoTime(e.timestamp ?? e.receiveTimestamp),
    ruleId: `dns:${p.queryType ?? ''}`,
  });
}

function parseFlow(e: LogEntry, kind: 'firewall' | 'vpcflow'): ReturnType<Parser['parse']> {
  const p = FlowPayload.parse(e.jsonPayload);
  const c = p.connection;
  const obs = new ObservablesBuilder();
  obs.srcIp(c.src_ip ?? undefined);
  obs.dstIp(c.dest_ip ?? undefined);
  const flow = `${c.src_ip ?? '?'}:${c.src_port ?? ''} -> ${c.dest_ip ?? '?'}:${c.dest_port ?? ''}`;
  const proto = c.protocol ?? '?';
  if (kind === 'firewall') {
    const disposition = p.disposition ?? p.rule_details?.action ?? '';
    const rule = p.rule_details?.reference ?? null;
    return parserAlert('gcp.logging', 'gcp.firewall', obs, {
      title: `GCP firewall ${disposition} ${flow} ${proto}${rule ? ` by ${rule}` : ''}`.replace(/\s+/g, ' '),
      severity: /^DENIED$/i.test(disposition) ? 'low' : 'info',
      observedAt: toIsoTime(e.timestamp ?? e.receiveTimestamp),
      ruleId: rule ?? `firewall:${disposition}`,
    });
  }
  return parserAlert('gcp.logging', 'gcp.vpcflow', obs, {
    title: `GCP VPC flow ${flow} proto ${proto}`,
    severity: 'info',
    observedAt: toIsoTime(e.timestamp ?? e.receiveTimestamp),
    ruleId: `vpcflow:${p.reporter ?? ''}`,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = LogEntry.parse(raw);
  const kind = kindOf(e);
  switch (kind) {
    case 'audit':
      return parseAudit(e);
    case 'dns':
      return parseDns(e);
    case 'firewall':
    case 'vpcflow':
      return parseFlow(e, kind);
    default:
      throw new Error('not a supported Google Cloud log entry');
  }
}

export const gcpLoggingParser: Parser = {
  name: 'gcp.logging',
  claims: { keys: ['protoPayload', 'jsonPayload'], text: false },
  detect,
  parse,
};
