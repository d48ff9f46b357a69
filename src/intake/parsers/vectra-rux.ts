// Vectra AI platform (Respond UX) API records: audit log entries, detection events, entity scoring
// events and lockdown records, with their users, hosts and addresses mapped as Elastic's `vectra_rux`
// pipelines map them (entity ids count as users or hosts there).
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalNumber, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Id = z.union([z.number(), z.string()]).nullish();
const Num = OptionalNumber;

const Audit = z.object({
  id: Id,
  user_id: Id,
  username: Str,
  source_ip: Str,
  event_timestamp: Str,
  message: Str,
  result_status: Str,
  event_object: z.string(),
  event_action: z.string(),
});

const DetectionEvent = z.object({
  id: Id,
  detection_id: Id,
  d_type_vname: Str,
  detection_type: Str,
  category: Str,
  entity_id: Id,
  type: Str,
  threat: Num,
  certainty: Num,
  event_timestamp: Str,
});

const EntityEvent = z.object({
  entity_id: Id,
  name: Str,
  type: Str,
  severity: Str,
  urgency_reason: Str,
  urgency_score: Num,
  active_detection_types: z.array(z.string()).nullish(),
  event_timestamp: Str,
});

const Lockdown = z.object({
  entity_id: Id,
  entity_name: Str,
  type: Str,
  locked_by: Str,
  lock_event_timestamp: Str,
  unlock_event_timestamp: Str,
});

type Stream = 'audit' | 'detection_event' | 'entity_event' | 'lockdown';

/** Which Vectra stream a record belongs to, from the keys only that stream's records carry. */
function streamOf(raw: unknown): Stream | null {
  if (!isObject(raw)) return null;
  if ('event_object' in raw && 'event_action' in raw && ('username' in raw || 'user_id' in raw)) {
    return Audit.safeParse(raw).success ? 'audit' : null;
  }
  if ('entity_id' in raw && 'detection_id' in raw && ('d_type_vname' in raw || 'detection_type' in raw)) {
    return DetectionEvent.safeParse(raw).success ? 'detection_event' : null;
  }
  if ('entity_id' in raw && 'urgency_score' in raw && 'active_detection_types' in raw) {
    return EntityEvent.safeParse(raw).success ? 'entity_event' : null;
  }
  if ('entity_id' in raw && 'locked_by' in raw && 'lock_event_timestamp' in raw) {
    return Lockdown.safeParse(raw).success ? 'lockdown' : null;
  }
  return null;
}

const detect = detectorOf(streamOf);

const text = (v: string | number | null | undefined): string | undefined =>
  v === null || v === undefined ? undefined : String(v);
const num = (v: string | number | null | undefined): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Vectra's threat/certainty quadrants: both high is critical, high threat is high, high certainty medium. */
function quadrant(threat: number | null, certainty: number | null): Severity {
  const t = threat ?? 0;
  const c = certainty ?? 0;
  if (t >= 50 && c >= 50) return 'critical';
  if (t >= 50) return 'high';
  if (c >= 50) return 'medium';
  return t > 0 || c > 0 ? 'low' : 'info';
}

function parseAudit(raw: unknown): ReturnType<Parser['parse']> {
  const e = Audit.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.source_ip ?? undefined);
  // user.name is the login, or the local part of an e-mail login (then also kept whole as user.email).
  const login = e.username ?? '';
  const at = login.indexOf('@');
  obs.user(at > 0 ? login.slice(0, at) : login);
  obs.user(text(e.user_id));
  if (at > 0) {
    obs.user(login);
    obs.email(login);
  }
  const failed = /fail|denied|error/i.test(e.result_status ?? '');
  return parserAlert('vectra_rux', 'vectra_rux.audit', obs, {
    title: `Vectra audit: ${e.event_object} ${e.event_action}${e.message ? ` (${e.message})` : ''}`,
    severity: failed ? 'medium' : 'info',
    observedAt: toIsoTime(e.event_timestamp),
    ruleId: `${e.event_object}.${e.event_action}`,
  });
}

function parseDetection(raw: unknown): ReturnType<Parser['parse']> {
  const e = DetectionEvent.parse(raw);
  const obs = new ObservablesBuilder();
  if (e.type === 'account') obs.user(text(e.entity_id));
  if (e.type === 'host') obs.host(text(e.entity_id));
  const name = e.d_type_vname ?? e.detection_type ?? 'detection';
  return parserAlert('vectra_rux', 'vectra_rux.detection_event', obs, {
    title: `Vectra detection: ${name}${e.category ? ` (${e.category.replace(/_/g, ' ')})` : ''}`,
    severity: quadrant(num(e.threat), num(e.certainty)),
    observedAt: toIsoTime(e.event_timestamp),
    ruleId: e.detection_type ?? e.d_type_vname ?? null,
  });
}

function parseEntity(raw: unknown): ReturnType<Parser['parse']> {
  const e = EntityEvent.parse(raw);
  const obs = new ObservablesBuilder();
  const id = text(e.entity_id);
  if (e.type === 'host') {
    obs.host(e.name ?? undefined);
    obs.host(id);
  } else if (e.type === 'account') {
    obs.user(id);
    obs.user(e.name ?? undefined);
  }
  const score = num(e.urgency_score);
  const detections = (e.active_detection_types ?? []).join(', ');
  return parserAlert('vectra_rux', 'vectra_rux.entity_event', obs, {
    title: `Vectra ${e.type ?? 'entity'} ${e.name ?? id ?? ''} prioritised${detections ? `: ${detections}` : ''}`,
    severity: mapSeverity(e.severity) ?? (score === null ? null : mapSeverity(score, 'hundred')),
    observedAt: toIsoTime(e.event_timestamp),
    ruleId: e.active_detection_types?.[0] ?? null,
  });
}

function parseLockdown(raw: unknown): ReturnType<Parser['parse']> {
  const e = Lockdown.parse(raw);
  const obs = new ObservablesBuilder();
  obs.user(e.locked_by ?? undefined);
  const id = text(e.entity_id);
  if (e.type === 'host') {
    obs.host(e.entity_name ?? undefined);
    obs.host(id);
  } else if (e.type === 'account') {
    obs.user(id);
    obs.user(e.entity_name ?? undefined);
  }
  return parserAlert('vectra_rux', 'vectra_rux.lockdown', obs, {
    title: `Vectra lockdown: ${e.type ?? 'entity'} ${e.entity_name ?? id ?? ''} locked by ${e.locked_by ?? 'unknown'}`,
    severity: 'medium',
    observedAt: toIsoTime(e.lock_event_timestamp),
    ruleId: 'lockdown',
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  switch (streamOf(raw)) {
    case 'audit':
      return parseAudit(raw);
    case 'detection_event':
      return parseDetection(raw);
    case 'entity_event':
      return parseEntity(raw);
    case 'lockdown':
      return parseLockdown(raw);
    default:
      throw new Error('not a Vectra RUX record');
  }
}

export const vectraRuxParser: Parser = {
  name: 'vectra_rux',
  claims: { keys: ['event_object', 'entity_id'], text: false },
  detect,
  parse,
};
