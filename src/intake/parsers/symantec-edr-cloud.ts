// Symantec EDR Cloud (Integrated Cyber Defense Manager) incidents from its `/v1/incidents` API: title, severity,
// rule and time, with no indicators, as Elastic's `symantec_edr_cloud.incident` pipeline maps none (the
// incident URL is a console link, the message free text).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'symantec_edr_cloud';

const Incident = z.object({
  incident_uid: TextField,
  ref_incident_uid: TextField,
  incident_url: TextField,
  type: TextField,
  type_id: TextField,
  event_id: TextField,
  conclusion: TextField,
  rule_name: TextField,
  message: TextField,
  product_name: TextField,
  severity_id: TextField,
  priority_id: TextField,
  time: TextField,
  device_time: TextField,
  created: TextField,
});
type Incident = z.infer<typeof Incident>;

/** ICDM incident event types: 8075 creation, 8076 update, 8077 closure. */
const INCIDENT_TYPE_IDS = new Set(['8075', '8076', '8077']);

function read(raw: unknown): Incident | null {
  if (!isObject(raw) || !('incident_uid' in raw)) return null;
  const r = Incident.safeParse(raw);
  if (!r.success || !r.data.incident_uid) return null;
  const e = r.data;
  const typed =
    (e.type_id !== undefined && INCIDENT_TYPE_IDS.has(e.type_id)) ||
    (e.event_id !== undefined && INCIDENT_TYPE_IDS.has(e.event_id.slice(0, 4))) ||
    /^INCIDENT_(?:CREATION|UPDATE|CLOSURE)$/.test(e.type ?? '');
  const icdm =
    /securitycloud\.symantec\.com\//i.test(e.incident_url ?? '') || e.ref_incident_uid !== undefined;
  return typed || icdm ? e : null;
}

const detect = detectorOf(read);

/** Severity ids as ICDM (EDR Cloud and Endpoint Security) uses them: 1 Informational … 5 Critical, 6 Fatal. */
export const ICDM_SEVERITY: Readonly<Record<string, Severity>> = {
  '1': 'info',
  '2': 'low',
  '3': 'medium',
  '4': 'high',
  '5': 'critical',
  '6': 'critical',
};
/** ICDM priority ids: 1 Informational, 2 Normal, 3 High, 4 Critical. */
const PRIORITY_IDS: Readonly<Record<string, Severity>> = {
  '1': 'info',
  '2': 'low',
  '3': 'high',
  '4': 'critical',
};

function severityOf(e: Incident): Severity {
  return (
    (e.severity_id ? ICDM_SEVERITY[e.severity_id] : undefined) ??
    (e.priority_id ? PRIORITY_IDS[e.priority_id] : undefined) ??
    'medium'
  );
}

function titleOf(e: Incident): string {
  const id = e.ref_incident_uid ?? e.incident_uid ?? '';
  const what = [e.rule_name, e.conclusion].filter(Boolean).join(': ') || e.message || e.type || 'incident';
  const state =
    e.type === 'INCIDENT_CLOSURE' ? ' (closed)' : e.type === 'INCIDENT_UPDATE' ? ' (updated)' : '';
  return `Symantec EDR incident ${id}: ${what}${state}`;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Symantec EDR Cloud incident');
  // Elastic maps no address, user or host from an incident: nothing is reported as an indicator.
  const obs = new ObservablesBuilder();
  return parserAlert(NAME, 'symantec_edr_cloud.incident', obs, {
    title: titleOf(e),
    severity: severityOf(e),
    observedAt: toIsoTime(e.time) ?? toIsoTime(e.device_time) ?? toIsoTime(e.created),
    ruleId: e.rule_name ?? null,
  });
}

export const symantecEdrCloudParser: Parser = {
  name: NAME,
  claims: { keys: ['incident_uid'], text: false },
  detect,
  parse,
};
