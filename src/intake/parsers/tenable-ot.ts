// Tenable OT Security GraphQL API records: events (policy hits), assets and system-log entries, mapped as
// Elastic's `tenable_ot_security` pipelines map them: event addresses (no related.ip) and resolving user, an
// asset's direct addresses and MACs as related hosts, a system-log entry's user.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { TextField, bareIndicatorIp, detectorOf, isObject, parserAlert, type RecordFacts } from './common.js';
import type { Parser } from './parser.js';

/** A GraphQL connection (`{nodes: [...]}`) or a plain list, read as its text items. */
const TextNodes = z
  .union([z.array(z.unknown()), z.object({ nodes: z.array(z.unknown()).nullish() })])
  .nullish()
  .catch(undefined)
  .transform((v) =>
    (Array.isArray(v) ? v : (v?.nodes ?? [])).filter((s): s is string => typeof s === 'string'),
  );

const EventType = z.object({ type: TextField, description: TextField, category: TextField });

/** An event (`events` query): the policy that fired, its `hitId`/`logId` and the endpoints. */
const OtEvent = z.object({
  id: TextField,
  eventType: EventType,
  srcIP: TextField,
  dstIP: TextField,
  policy: z.object({ title: TextField, key: TextField, level: TextField }).nullish().catch(undefined),
  time: TextField,
  severity: TextField,
  resolvedUser: TextField,
  type: TextField,
  hitId: TextField,
  logId: TextField,
});
type OtEvent = z.infer<typeof OtEvent>;

/** An asset (`assets` query): its direct addresses and MACs, Purdue level and criticality. */
const OtAsset = z.object({
  id: TextField,
  name: TextField,
  firstSeen: TextField,
  type: TextField,
  criticality: TextField,
  directIps: TextNodes,
  directMacs: TextNodes,
});
type OtAsset = z.infer<typeof OtAsset>;

/** A system-log entry (`systemLog` query): exactly a message, its time and the user. */
const SystemLog = z.object({ message: z.string(), timeStamp: TextField, userName: TextField }).strict();
type SystemLog = z.infer<typeof SystemLog>;

type OtRecord =
  | { stream: 'events'; r: OtEvent }
  | { stream: 'assets'; r: OtAsset }
  | { stream: 'system_log'; r: SystemLog };

function read(raw: unknown): OtRecord | null {
  if (!isObject(raw)) return null;
  if ('eventType' in raw && 'hitId' in raw && 'logId' in raw && ('srcIP' in raw || 'dstIP' in raw)) {
    const r = OtEvent.safeParse(raw);
    return r.success ? { stream: 'events', r: r.data } : null;
  }
  if ('directIps' in raw && 'purdueLevel' in raw && 'superType' in raw) {
    const r = OtAsset.safeParse(raw);
    return r.success ? { stream: 'assets', r: r.data } : null;
  }
  if ('timeStamp' in raw && 'userName' in raw && 'message' in raw) {
    const r = SystemLog.safeParse(raw);
    return r.success && toIsoTime(r.data.timeStamp) !== null ? { stream: 'system_log', r: r.data } : null;
  }
  return null;
}

function eventOf(r: OtEvent, obs: ObservablesBuilder): RecordFacts {
  obs.srcIp(bareIndicatorIp(r.srcIP));
  obs.dstIp(bareIndicatorIp(r.dstIP));
  obs.analyst(r.resolvedUser);
  const name = r.policy?.title ?? r.eventType.description ?? r.type ?? r.eventType.type ?? 'event';
  return {
    title: `Tenable OT ${r.eventType.category ?? 'event'}: ${name}`,
    severity: mapSeverity(r.severity ?? r.policy?.level) ?? 'medium',
    observedAt: toIsoTime(r.time),
    ruleId: r.eventType.type ?? r.type ?? r.policy?.key ?? null,
  };
}

function assetOf(r: OtAsset, obs: ObservablesBuilder): RecordFacts {
  // related.hosts takes the direct addresses, then the direct MACs, as the pipeline appends them.
  for (const v of [...r.directIps, ...r.directMacs]) obs.host(v);
  return {
    title: `Tenable OT asset: ${r.name ?? r.id ?? ''}`,
    severity: mapSeverity(r.criticality?.replace(/Criticality$/, '')) ?? 'info',
    observedAt: toIsoTime(r.firstSeen),
    ruleId: r.type ?? null,
  };
}

function systemLogOf(r: SystemLog, obs: ObservablesBuilder): RecordFacts {
  obs.user(r.userName);
  return {
    title: `Tenable OT system log: ${r.message}`.slice(0, 300),
    severity: /\bfail(?:ed|ure)?\b|\bdenied\b/i.test(r.message) ? 'low' : 'info',
    observedAt: toIsoTime(r.timeStamp),
    ruleId: null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a Tenable OT Security record');
  // The pipelines emit source/destination addresses but no related.ip.
  const obs = new ObservablesBuilder(false);
  const facts =
    rec.stream === 'events'
      ? eventOf(rec.r, obs)
      : rec.stream === 'assets'
        ? assetOf(rec.r, obs)
        : systemLogOf(rec.r, obs);
  return parserAlert('tenable_ot_security', `tenable_ot_security.${rec.stream}`, obs, facts);
}

export const tenableOtParser: Parser = {
  name: 'tenable_ot_security',
  claims: { keys: ['hitId', 'purdueLevel', 'timeStamp'], text: false },
  detect: detectorOf(read),
  parse,
};
