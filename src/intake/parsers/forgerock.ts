// ForgeRock Identity Cloud monitoring-API log records (`{payload, timestamp, type, source}`): AM and IDM audit
// topics (access, activity, authentication, config, sync) and the am-core / idm-core debug logs. Elastic's
// `forgerock` pipelines map no address, user name or host into source/destination/related, so neither does this.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, detectorOf, isObject, parserAlert, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'forgerock';

/** The log sources the monitoring API names (`source`), which are also Elastic's data streams. */
const SOURCE = /^(am|idm)-(access|activity|authentication|config|core|sync)$/;
const TOPICS = new Set(['access', 'activity', 'authentication', 'config', 'sync']);
/** Loggers of an AM debug record that carries no `source` (AM is built on these packages). */
const AM_LOGGER = /^(?:org\.forgerock\.|com\.sun\.identity\.|com\.iplanet\.)/;

/** The fields of an audit or debug payload this parser reads; the rest is kept out. */
const Payload = z.object({
  eventName: TextField,
  topic: TextField,
  source: TextField,
  timestamp: TextField,
  level: TextField,
  logger: TextField,
  thread: TextField,
  message: TextField,
  component: TextField,
  operation: TextField,
  action: TextField,
  situation: TextField,
  result: TextField,
  status: TextField,
  response: z.object({ status: TextField }).nullish().catch(undefined),
  http: z
    .object({ request: z.object({ path: TextField }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
});
type Payload = z.infer<typeof Payload>;

const Envelope = z.object({
  payload: z.union([z.string(), Payload]),
  timestamp: TextField,
  type: TextField,
  source: TextField,
});

interface ForgeRockRecord {
  /** Elastic's data stream: `am_access`, `idm_core` … */
  stream: string;
  payload: string | Payload;
  timestamp: string | undefined;
}

/** The data stream of a record: the monitoring API's `source`, else the audit topic and event name. */
function streamOf(source: string | undefined, payload: string | Payload): string | null {
  const m = SOURCE.exec(source ?? '');
  if (m) return `${m[1]}_${m[2]}`;
  if (typeof payload === 'string') return null;
  if (payload.source === 'audit' && payload.topic && TOPICS.has(payload.topic) && payload.eventName) {
    return `${/^AM-/i.test(payload.eventName) ? 'am' : 'idm'}_${payload.topic}`;
  }
  if (payload.logger && AM_LOGGER.test(payload.logger) && payload.level && payload.thread) return 'am_core';
  return null;
}

function read(raw: unknown): ForgeRockRecord | null {
  // A cheap gate before zod: the monitoring API wraps every record in `payload`.
  if (!isObject(raw) || !('payload' in raw)) return null;
  const e = Envelope.safeParse(raw);
  if (!e.success) return null;
  const stream = streamOf(e.data.source, e.data.payload);
  return stream ? { stream, payload: e.data.payload, timestamp: e.data.timestamp } : null;
}

/** Elastic's `event.outcome: failure` (access `response.status`, authentication `result`, IDM `status`). */
function failed(p: Payload): boolean {
  return p.response?.status === 'FAILED' || p.result === 'FAILED' || p.status === 'FAIL';
}

/** A debug log's level on Vigil's scale: these are diagnostics, so an error is at most medium. */
function levelSeverity(level: string | undefined): Severity {
  if (/^(?:SEVERE|ERROR|FATAL)$/i.test(level ?? '')) return 'medium';
  if (/^WARN(?:ING)?$/i.test(level ?? '')) return 'low';
  return 'info';
}

const clip = (s: string): string => (s.length > 500 ? `${s.slice(0, 497)}...` : s);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a ForgeRock log record');
  const format = `${NAME}.${r.stream}`;
  const obs = new ObservablesBuilder();
  const p = r.payload;
  if (typeof p === 'string') {
    return parserAlert(NAME, format, obs, {
      title: clip(p.trim() || 'ForgeRock IDM core log'),
      severity: levelSeverity(/^(\w+):/.exec(p)?.[1]),
      observedAt: toIsoTime(r.timestamp),
      ruleId: null,
    });
  }
  // The request URL (Elastic's `http.request.Path`) is kept; its site is a domain, never a related host.
  const path = p.http?.request?.path;
  obs.url(path);
  obs.domain(urlHostname(path));
  const observedAt = toIsoTime(p.timestamp) ?? toIsoTime(r.timestamp);
  if (r.stream.endsWith('_core')) {
    return parserAlert(NAME, format, obs, {
      title: clip(p.message ?? p.logger ?? 'ForgeRock core log'),
      severity: levelSeverity(p.level),
      observedAt,
      ruleId: p.logger ?? null,
    });
  }
  const event = p.eventName ?? r.stream;
  const detail = [p.component, p.operation, p.action, p.situation].filter((v) => v !== undefined).join(' ');
  const bad = failed(p);
  return parserAlert(NAME, format, obs, {
    title: clip(`ForgeRock ${event}${detail ? ` (${detail})` : ''}${bad ? ' failed' : ''}`),
    severity: bad ? (r.stream.endsWith('_authentication') ? 'medium' : 'low') : 'info',
    observedAt,
    ruleId: event,
  });
}

export const forgerockParser: Parser = {
  name: NAME,
  claims: { keys: ['payload'], text: false },
  detect: detectorOf(read),
  parse,
  domainsInRelatedHosts: false,
};
