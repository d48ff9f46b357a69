// Swimlane audit logs: the camelCase `AuditLogSchema` records of the audit-log API and the PascalCase
// `LogType: Audit` records of the Swimlane, Tenant and Turbine services; the acting user and the first
// client address, mapped as Elastic's `swimlane` pipelines map them (no `related.ip`).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { findIps } from '../ip.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const SourceIp = z
  .union([z.string(), z.array(z.unknown())])
  .nullish()
  .catch(undefined);

/** The audit-log API record (`audit_logs` stream). */
const CamelRecord = z.object({
  eventTime: z.string(),
  actionType: TextField,
  description: TextField,
  category: TextField,
  user: TextField,
  sourceIp: SourceIp,
  eventOutcome: TextField,
  endpoint: TextField,
  tenantId: TextField,
  accountId: TextField,
});

/** The service record (`swimlane_api`, `tenant_api`, `turbine_api` streams). */
const PascalRecord = z.object({
  LogType: z.literal('Audit'),
  EventTime: z.string(),
  ActionType: TextField,
  Description: TextField,
  Category: TextField,
  User: TextField,
  SourceIp: SourceIp,
  EventOutcome: TextField,
  EndPoint: TextField,
  LogSource: TextField,
  service: TextField,
});

interface SwimlaneEvent {
  stream: 'audit_logs' | 'swimlane_api' | 'tenant_api' | 'turbine_api';
  time: string;
  action: string | undefined;
  description: string | undefined;
  category: string | undefined;
  user: string | undefined;
  sourceIp: string | undefined;
  outcome: string | undefined;
  /** The Tenant service's `EndPoint` (`host/path`). */
  endPoint: string | undefined;
}

/** The first value of a list (or the string itself), as the pipelines normalise `sourceIp`. */
function firstSource(v: z.infer<typeof SourceIp>): string | undefined {
  if (typeof v === 'string') return v;
  const first = v?.[0];
  return typeof first === 'string' ? first : undefined;
}

function read(raw: unknown): SwimlaneEvent | null {
  if (!isObject(raw)) return null;
  if ('LogType' in raw && 'EventTime' in raw) {
    const r = PascalRecord.safeParse(raw);
    if (!r.success) return null;
    const e = r.data;
    const stream =
      e.service === 'turbine-api'
        ? 'turbine_api'
        : e.LogSource === 'Tenant Service' || e.EndPoint !== undefined
          ? 'tenant_api'
          : 'swimlane_api';
    return {
      stream,
      time: e.EventTime,
      action: e.ActionType,
      description: e.Description,
      category: e.Category,
      user: e.User,
      sourceIp: firstSource(e.SourceIp),
      outcome: e.EventOutcome,
      endPoint: e.EndPoint,
    };
  }
  const typed = '$type' in raw && typeof raw.$type === 'string' && raw.$type.includes('AuditLogSchema');
  if (!typed && !('tenantId' in raw && 'accountId' in raw && 'actionType' in raw)) return null;
  const r = CamelRecord.safeParse(raw);
  if (!r.success) return null;
  const e = r.data;
  return {
    stream: 'audit_logs',
    time: e.eventTime,
    action: e.actionType,
    description: e.description,
    category: e.category,
    user: e.user,
    sourceIp: firstSource(e.sourceIp),
    outcome: e.eventOutcome,
    endPoint: undefined,
  };
}

/** The address Elastic's grok takes: `::ffff:`-mapped IPv4, else the first IPv4, else the first IPv6. */
function sourceAddress(value: string | undefined): string | null {
  if (!value) return null;
  const mapped = /::ffff:(\d{1,3}(?:\.\d{1,3}){3})/i.exec(value);
  if (mapped?.[1]) return bareIndicatorIp(mapped[1]);
  const hits = findIps(value).map((h) => h.ip);
  const v4 = hits.find((ip) => ip.includes('.'));
  return bareIndicatorIp(v4 ?? hits[0]);
}

function severityOf(e: SwimlaneEvent): Severity {
  if (/fail/i.test(e.outcome ?? '')) return e.action === 'Login' ? 'medium' : 'low';
  return 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Swimlane audit record');
  const obs = new ObservablesBuilder(false);
  obs.srcIp(sourceAddress(e.sourceIp));
  obs.user(e.user);
  if (e.endPoint) obs.domain(/^([a-z0-9.-]+)\//i.exec(e.endPoint)?.[1]);
  return parserAlert('swimlane', `swimlane.${e.stream}`, obs, {
    title: e.description ?? [e.category, e.action].filter(Boolean).join(' '),
    severity: severityOf(e),
    observedAt: toIsoTime(e.time),
    ruleId: [e.category, e.action].filter(Boolean).join(':') || null,
  });
}

export const swimlaneParser: Parser = {
  name: 'swimlane',
  claims: { keys: ['EventTime', 'eventTime'], text: false },
  detect: detectorOf(read),
  parse,
  domainsInRelatedHosts: false,
};
