// CyberArk Endpoint Privilege Manager API records: raw events and policy audit raw events (the agent's
// user, file owner, run-as and exposed users, kept whole as `DOMAIN\user` in raw events and as the account
// alone in policy audit ones; the computer as the host),
// aggregated and policy audit aggregated events (first and last user) and admin audit records
// (administrator and source address), as Elastic's cyberark_epm pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, domainAccount, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'cyberark_epm';

/** A text field; null, numbers-as-ids and anything else unusable become null rather than failing the record. */
const Text = z.string().nullish().catch(null);
const Id = z
  .union([z.string(), z.number()])
  .nullish()
  .catch(null)
  .transform((v) => (v === null || v === undefined ? null : String(v)));

const ExposedUser = z.object({ username: Text }).passthrough();

/** One raw event (`/Events/Search`) or policy audit raw event (`/policyaudit/search`). */
const RawEvent = z
  .object({
    eventType: z.string(),
    agentId: Text,
    computerName: Text,
    lastEventComputerName: Text,
    userName: Text,
    sourceProcessUsername: Text,
    runAsUsername: Text,
    owner: Text,
    lureUser: Text,
    justificationEmail: Text,
    originUserUID: Id,
    exposedUsers: z.array(ExposedUser).nullish().catch(null),
    sourceWSIp: Text,
    fileName: Text,
    displayName: Text,
    policyName: Text,
    policyAction: Text,
    threatProtectionAction: Text,
    arrivalTime: Text,
    lastEventDate: Text,
    firstEventDate: Text,
  })
  .passthrough();
type RawEvent = z.infer<typeof RawEvent>;

/** One aggregated event (`/aggregatedevents/search`) or policy audit aggregated event
 * (`/policyaudit/aggregatedevents/search`). */
const AggregatedEvent = z
  .object({
    eventType: z.string(),
    aggregatedBy: z.string(),
    firstEventUserName: Text,
    lastEventUserName: Text,
    lastEventFileName: Text,
    lastEventDisplayName: Text,
    policyName: Text,
    policyId: Id,
    totalEvents: Id,
    arrivalTime: Text,
    lastEventDate: Text,
    firstEventDate: Text,
  })
  .passthrough();
type AggregatedEvent = z.infer<typeof AggregatedEvent>;

/** One admin audit record (`/Sets/{id}/AdminAudit`). */
const AdminAudit = z
  .object({
    Administrator: Text,
    Feature: Text,
    Description: Text,
    LoggedFrom: Text,
    Role: Text,
    SetName: Text,
    EventTime: Text,
    LoggedAt: Text,
  })
  .passthrough();
type AdminAudit = z.infer<typeof AdminAudit>;

/**
 * Keys EPM raw and policy audit events carry together (older agents omit `computerName`, `arrivalTime` and
 * `fileQualifier`); aggregated events (`aggregatedBy`, `lastEventUserName`, `lastEventSourceType`) are not read.
 */
function isRawEvent(raw: object): boolean {
  return (
    'agentId' in raw &&
    'eventType' in raw &&
    'sourceType' in raw &&
    'userName' in raw &&
    'hash' in raw &&
    ('lastEventDate' in raw || 'arrivalTime' in raw) &&
    !('aggregatedBy' in raw)
  );
}

/** Keys every aggregated event carries: the aggregation key, its event type, counts and last event. */
function isAggregatedEvent(raw: object): boolean {
  return (
    'aggregatedBy' in raw &&
    'eventType' in raw &&
    'totalEvents' in raw &&
    'fileQualifier' in raw &&
    ('lastEventUserName' in raw || 'firstEventUserName' in raw)
  );
}

function isAdminAudit(raw: object): boolean {
  return 'Administrator' in raw && 'Feature' in raw && 'LoggedFrom' in raw && 'EventTime' in raw;
}

function detect(raw: unknown): boolean {
  try {
    if (!isObject(raw)) return false;
    if (isRawEvent(raw)) return RawEvent.safeParse(raw).success;
    if (isAggregatedEvent(raw)) return AggregatedEvent.safeParse(raw).success;
    if (isAdminAudit(raw)) return AdminAudit.safeParse(raw).success;
    return false;
  } catch {
    return false;
  }
}

const ATTACK = new Set(['attackattempt', 'attackblock']);
const SUSPICIOUS = new Set(['suspiciousactivityattempt', 'suspiciousactivityblock']);
const CONTROL = new Set(['block', 'detectaccess', 'restrictaccess']);

/** Threat-protection detections rank above the policy (elevation, launch, access) events. */
function severityOf(eventType: string): Severity {
  const t = eventType.toLowerCase();
  if (ATTACK.has(t) || t === 'ransomware') return 'high';
  if (SUSPICIOUS.has(t)) return 'medium';
  if (CONTROL.has(t)) return 'low';
  return 'info';
}

/** A policy audit event has a policy action and none of the raw event's threat-protection fields. */
const isPolicyAudit = (raw: object): boolean =>
  'policyAction' in raw && !('threatProtectionAction' in raw) && !('accessAction' in raw);

function parseRawEvent(e: RawEvent, policyAudit: boolean): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic converts sourceWSIp / LoggedFrom to `ip`: a bare address only.
  obs.srcIp(bareIndicatorIp(e.sourceWSIp) ?? undefined);
  // user.name, then related.user in the pipeline's order. The raw-event pipeline keeps `DOMAIN\user` whole; the
  // policy-audit one splits the account from its domain for the user, the file owner and the run-as user.
  const account = (v: string | null | undefined) => (policyAudit ? (domainAccount(v) ?? v) : v);
  obs.user(account(e.userName));
  for (const u of e.exposedUsers ?? []) obs.user(u.username);
  obs.user(e.justificationEmail);
  obs.email(e.justificationEmail);
  obs.user(e.lureUser);
  obs.user(e.originUserUID);
  obs.user(account(e.owner));
  obs.user(account(e.runAsUsername));
  obs.user(e.sourceProcessUsername);
  obs.host(e.computerName);
  obs.host(e.lastEventComputerName);
  const file = e.fileName ?? e.displayName;
  const who = e.userName ? ` by ${e.userName}` : '';
  const where = e.computerName ? ` on ${e.computerName}` : '';
  return parserAlert(NAME, policyAudit ? `${NAME}.policyaudit_raw_event` : `${NAME}.raw_event`, obs, {
    title: `CyberArk EPM ${e.eventType}${file ? `: ${file}` : ''}${who}${where}`,
    severity: severityOf(e.eventType),
    observedAt: toIsoTime(e.arrivalTime) ?? toIsoTime(e.lastEventDate) ?? toIsoTime(e.firstEventDate),
    ruleId: e.policyName || e.eventType,
  });
}

/** An aggregated event: Elastic relates the first, then the last event's user (kept whole) and maps no host
 * (the computer names stay in vendor fields); a policy name marks the policy audit stream. */
function parseAggregatedEvent(e: AggregatedEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.user(e.firstEventUserName);
  obs.user(e.lastEventUserName);
  const policyAudit = Boolean(e.policyName);
  const file = e.lastEventFileName || e.lastEventDisplayName;
  const count = e.totalEvents ? ` (${e.totalEvents} events)` : '';
  return parserAlert(
    NAME,
    policyAudit ? `${NAME}.policyaudit_aggregated_event` : `${NAME}.aggregated_event`,
    obs,
    {
      title: `CyberArk EPM ${e.eventType}${file ? `: ${file}` : ''}${count}`,
      severity: severityOf(e.eventType),
      observedAt: toIsoTime(e.arrivalTime) ?? toIsoTime(e.lastEventDate) ?? toIsoTime(e.firstEventDate),
      ruleId: e.policyName || e.eventType,
    },
  );
}

/** Elastic's grok `%{USERNAME}@%{HOSTNAME}`: the administrator's login name when it is an e-mail address. */
const ADMIN_EMAIL = /^([a-zA-Z0-9._-]+)@[0-9A-Za-z][0-9A-Za-z_-]*(?:\.[0-9A-Za-z][0-9A-Za-z_-]*)*\.?$/;

function parseAdminAudit(a: AdminAudit): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(a.LoggedFrom) ?? undefined);
  const admin = a.Administrator?.trim() ?? '';
  const local = ADMIN_EMAIL.exec(admin)?.[1];
  obs.user(local ?? admin);
  obs.user(admin);
  obs.email(admin);
  const desc = (a.Description ?? '').trim();
  const what = desc.length > 160 ? `${desc.slice(0, 157)}...` : desc;
  return parserAlert(NAME, `${NAME}.admin_audit`, obs, {
    title: `CyberArk EPM admin audit: ${what || (a.Feature ?? 'activity')}${admin ? ` by ${admin}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(a.EventTime) ?? toIsoTime(a.LoggedAt),
    ruleId: a.Feature,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  if (isObject(raw) && isRawEvent(raw)) return parseRawEvent(RawEvent.parse(raw), isPolicyAudit(raw));
  if (isObject(raw) && isAggregatedEvent(raw)) return parseAggregatedEvent(AggregatedEvent.parse(raw));
  if (isObject(raw) && isAdminAudit(raw)) return parseAdminAudit(AdminAudit.parse(raw));
  throw new Error('not a CyberArk EPM record');
}

export const cyberarkEpmParser: Parser = {
  name: NAME,
  claims: { keys: ['eventType', 'Administrator'], text: false },
  detect,
  parse,
};
