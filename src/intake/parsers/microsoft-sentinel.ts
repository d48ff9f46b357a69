// Microsoft Sentinel: Log Analytics `SecurityAlert` / `SecurityIncident` rows (Event Hub export) and the
// Sentinel REST API's alerts and incidents (`properties.*`, `systemData`), with the users and hosts that
// Elastic's `microsoft_sentinel` event, alert and incident pipelines map.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = z.string().nullish().catch(null);

/** A `SecurityAlert` row (the `event` data stream). */
const SecurityAlertRow = z.object({
  Type: Str,
  SystemAlertId: z.string(),
  AlertName: Str,
  DisplayName: Str,
  AlertSeverity: Str,
  AlertType: Str,
  Description: Str,
  TimeGenerated: Str,
  StartTime: Str,
  SourceComputerId: Str,
  ProductName: Str,
});

/** A `SecurityIncident` row: Elastic's event pipeline maps none of its fields to indicators. */
const SecurityIncidentRow = z.object({
  Type: z.literal('SecurityIncident'),
  IncidentNumber: z.union([z.number(), z.string()]).nullish().catch(null),
  Title: Str,
  Severity: Str,
  TimeGenerated: Str,
  LastModifiedTime: Str,
  IncidentName: Str,
});

const SystemData = z
  .object({ createdBy: Str, createdByType: Str, lastModifiedBy: Str, lastModifiedByType: Str })
  .partial()
  .nullish()
  .catch(null);

/** An alert from the Sentinel API (`Microsoft.SecurityInsights/...`, kind `SecurityAlert`). */
const ApiAlert = z.object({
  type: z.string(),
  kind: Str,
  name: Str,
  properties: z
    .object({
      alertDisplayName: Str,
      alertType: Str,
      systemAlertId: Str,
      severity: Str,
      timeGenerated: Str,
      startTimeUtc: Str,
      description: Str,
    })
    .partial(),
  systemData: SystemData,
});

/** An incident from the Sentinel API (`Microsoft.SecurityInsights/incidents`). */
const ApiIncident = z.object({
  type: z.string(),
  name: Str,
  properties: z
    .object({
      title: Str,
      description: Str,
      severity: Str,
      incidentNumber: z.union([z.number(), z.string()]).nullish().catch(null),
      lastModifiedTimeUtc: Str,
      createdTimeUtc: Str,
      relatedAnalyticRuleIds: z.array(z.string()).nullish().catch(null),
      owner: z
        .object({ assignedTo: Str, email: Str, objectId: Str, ownerType: Str, userPrincipalName: Str })
        .partial()
        .nullish()
        .catch(null),
    })
    .partial(),
  systemData: SystemData,
});

type SentinelRecord =
  | { kind: 'event'; row: z.infer<typeof SecurityAlertRow> }
  | { kind: 'incident-row'; row: z.infer<typeof SecurityIncidentRow> }
  | { kind: 'alert'; api: z.infer<typeof ApiAlert> }
  | { kind: 'incident'; api: z.infer<typeof ApiIncident> };

const INSIGHTS = /^microsoft\.securityinsights\/([a-z]+)$/i;

function read(raw: unknown): SentinelRecord | null {
  if (!isObject(raw)) return null;
  if ('SystemAlertId' in raw) {
    // Defender for Cloud's own export spells the name `AlertDisplayName`; Sentinel's table `AlertName`.
    if ('AlertDisplayName' in raw || !('AlertName' in raw) || !('TimeGenerated' in raw)) return null;
    const r = SecurityAlertRow.safeParse(raw);
    if (!r.success || (r.data.Type && r.data.Type !== 'SecurityAlert')) return null;
    return { kind: 'event', row: r.data };
  }
  if ('IncidentNumber' in raw && 'Type' in raw) {
    const r = SecurityIncidentRow.safeParse(raw);
    return r.success ? { kind: 'incident-row', row: r.data } : null;
  }
  if (!('type' in raw) || !('properties' in raw) || typeof raw.type !== 'string') return null;
  const [, what] = INSIGHTS.exec(raw.type) ?? [];
  if (!what) return null;
  if (/^incidents$/i.test(what)) {
    const r = ApiIncident.safeParse(raw);
    return r.success ? { kind: 'incident', api: r.data } : null;
  }
  const r = ApiAlert.safeParse(raw);
  if (!r.success) return null;
  const p = r.data.properties;
  const alert = /^securityalert$/i.test(r.data.kind ?? '') || /^alerts$/i.test(what);
  return alert && (p.systemAlertId || p.alertDisplayName) ? { kind: 'alert', api: r.data } : null;
}

const detect = detectorOf(read);

const isUserType = (t: string | null | undefined): boolean => (t ?? '').toLowerCase() === 'user';

/** related.user from `systemData`: the creator and the last modifier when they are users. */
function systemDataUsers(s: z.infer<typeof SystemData>, obs: ObservablesBuilder): void {
  if (isUserType(s?.createdByType)) obs.user(s?.createdBy);
  if (isUserType(s?.lastModifiedByType)) obs.user(s?.lastModifiedBy);
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Microsoft Sentinel record');
  const obs = new ObservablesBuilder();
  switch (rec.kind) {
    case 'event': {
      const r = rec.row;
      // host.id (the source computer id) is the only indicator the event pipeline maps: related.hosts.
      obs.host(r.SourceComputerId);
      return parserAlert('microsoft_sentinel', 'microsoft_sentinel.event', obs, {
        title: r.AlertName ?? r.DisplayName ?? r.Description ?? 'Sentinel security alert',
        severity: mapSeverity(r.AlertSeverity) ?? 'medium',
        observedAt: toIsoTime(r.TimeGenerated ?? r.StartTime),
        ruleId: r.AlertType ?? null,
      });
    }
    case 'incident-row': {
      const r = rec.row;
      return parserAlert('microsoft_sentinel', 'microsoft_sentinel.event', obs, {
        title: r.Title ?? 'Sentinel incident',
        severity: mapSeverity(r.Severity) ?? 'medium',
        observedAt: toIsoTime(r.LastModifiedTime ?? r.TimeGenerated),
        ruleId: r.IncidentNumber ?? r.IncidentName ?? null,
      });
    }
    case 'alert': {
      const a = rec.api;
      const p = a.properties;
      // user.id and related.user: systemData.createdBy / lastModifiedBy of type User.
      systemDataUsers(a.systemData, obs);
      return parserAlert('microsoft_sentinel', 'microsoft_sentinel.alert', obs, {
        title: p.alertDisplayName ?? p.description ?? 'Sentinel alert',
        severity: mapSeverity(p.severity) ?? 'medium',
        observedAt: toIsoTime(p.timeGenerated ?? p.startTimeUtc),
        ruleId: p.alertType ?? null,
      });
    }
    case 'incident': {
      const p = rec.api.properties;
      const o = p.owner;
      // user.name is the assignee; related.user adds the owner's e-mail, object id (owner of type User)
      // and UPN, then the systemData users, all as given. The owner is the analyst working the incident.
      obs.analyst(o?.assignedTo);
      obs.analyst(o?.email);
      if (isUserType(o?.ownerType)) obs.analyst(o?.objectId);
      obs.analyst(o?.userPrincipalName);
      systemDataUsers(rec.api.systemData, obs);
      const number =
        p.incidentNumber === null || p.incidentNumber === undefined ? '' : ` ${p.incidentNumber}`;
      return parserAlert('microsoft_sentinel', 'microsoft_sentinel.incident', obs, {
        title: `Sentinel incident${number}: ${p.title ?? p.description ?? rec.api.name ?? 'untitled'}`,
        severity: mapSeverity(p.severity) ?? 'medium',
        observedAt: toIsoTime(p.lastModifiedTimeUtc ?? p.createdTimeUtc),
        ruleId: p.relatedAnalyticRuleIds?.[0] ?? null,
      });
    }
  }
}

export const microsoftSentinelParser: Parser = {
  name: 'microsoft_sentinel',
  claims: { keys: ['SystemAlertId', 'IncidentNumber', 'properties'], text: false },
  detect,
  parse,
};
