// Salesforce events: Event Log File rows (`EVENT_TYPE`, `CLIENT_IP`/`SOURCE_IP` …), Login/Logout event objects
// (`LoginEvent`, `LogoutEvent`, `SourceIp`), AuraRequestEvent objects (`ClientIp`, `UserIdentifier`) and
// SetupAuditTrail records (`Display`, `Section`), mapped as Elastic's `salesforce` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'salesforce';

/** A text value; anything else (null, numbers, objects) reads as absent. */
const Text = z
  .string()
  .nullish()
  .catch(undefined)
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));

/** An Event Log File row (the CSV turned into JSON): upper-case column names. */
const EventLogFileRow = z.object({
  EVENT_TYPE: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  TIMESTAMP_DERIVED: Text,
  TIMESTAMP: Text,
  ORGANIZATION_ID: Text,
  REQUEST_ID: Text,
  USER_ID: Text,
  USER_NAME: Text,
  SOURCE_IP: Text,
  CLIENT_IP: Text,
  LOGIN_STATUS: Text,
  SUCCESS: Text,
  STATUS: Text,
  URI: Text,
});

/** A LoginEvent / LoginHistory / LogoutEvent object, from the REST API or the streaming API. */
const SessionEvent = z.object({
  EventIdentifier: Text,
  EventDate: Text,
  CreatedDate: Text,
  LoginKey: Text,
  SessionKey: Text,
  Username: Text,
  UserId: Text,
  SourceIp: Text,
  Status: Text,
  LoginType: Text,
  LoginUrl: Text,
  Application: Text,
  attributes: z.object({ type: Text }).nullish().catch(undefined),
});

/** A SetupAuditTrail record. */
const SetupAuditTrail = z.object({
  Action: Text,
  Display: z.string(),
  Section: Text,
  CreatedById: Text,
  CreatedByContext: Text,
  CreatedDate: Text,
  Id: Text,
  attributes: z.object({ type: Text }).nullish().catch(undefined),
});

/** An AuraRequestEvent object (Real-Time Event Monitoring), from the REST or streaming API. */
const AuraRequestEvent = z.object({
  ClientIp: Text,
  UserIdentifier: Text,
  Uri: Text,
  RequestMethod: Text,
  ActionMessage: Text,
  Timestamp: Text,
  EventDate: Text,
});

type Read =
  | { kind: 'elf'; row: z.infer<typeof EventLogFileRow> }
  | { kind: 'session'; event: z.infer<typeof SessionEvent> }
  | { kind: 'audit'; record: z.infer<typeof SetupAuditTrail> }
  | { kind: 'aura'; event: z.infer<typeof AuraRequestEvent> };

const has = (raw: object, key: string): boolean => key in raw;

function read(raw: unknown): Read | null {
  if (!isObject(raw)) return null;
  if (has(raw, 'EVENT_TYPE') && (has(raw, 'ORGANIZATION_ID') || has(raw, 'TIMESTAMP_DERIVED'))) {
    const row = EventLogFileRow.safeParse(raw);
    return row.success ? { kind: 'elf', row: row.data } : null;
  }
  if (
    has(raw, 'Display') &&
    has(raw, 'Section') &&
    (has(raw, 'CreatedByContext') || has(raw, 'CreatedById'))
  ) {
    const record = SetupAuditTrail.safeParse(raw);
    return record.success ? { kind: 'audit', record: record.data } : null;
  }
  if (
    has(raw, 'EventIdentifier') &&
    has(raw, 'EventDate') &&
    (has(raw, 'LoginKey') || has(raw, 'SessionKey')) &&
    (has(raw, 'Username') || has(raw, 'UserId'))
  ) {
    const event = SessionEvent.safeParse(raw);
    return event.success ? { kind: 'session', event: event.data } : null;
  }
  if (
    has(raw, 'ClientIp') &&
    has(raw, 'UserIdentifier') &&
    has(raw, 'Uri') &&
    (has(raw, 'RequestIdentifier') || has(raw, 'SessionKey'))
  ) {
    const event = AuraRequestEvent.safeParse(raw);
    return event.success ? { kind: 'aura', event: event.data } : null;
  }
  return null;
}

/** Salesforce shows its own internal addresses as this text instead of an IP. */
const addressOf = (value: string | undefined): string | null =>
  value === undefined || value === 'Salesforce.com IP' ? null : bareIndicatorIp(value);

/** The data stream an Event Log File event type belongs to. */
function elfStream(eventType: string): string {
  if (/^login(as)?$/i.test(eventType)) return 'login';
  if (/^logout$/i.test(eventType)) return 'logout';
  if (/^(apex\w*|externalcustomapexcallout)$/i.test(eventType)) return 'apex';
  if (/^aurarequest$/i.test(eventType)) return 'aura_request';
  return eventType.toLowerCase();
}

function parseElf(row: z.infer<typeof EventLogFileRow>): ReturnType<Parser['parse']> {
  const stream = elfStream(row.EVENT_TYPE);
  const obs = new ObservablesBuilder();
  // The login pipeline takes SOURCE_IP (its CLIENT_IP lands in a field it never relates); the others CLIENT_IP.
  obs.srcIp(addressOf(stream === 'login' ? row.SOURCE_IP : row.CLIENT_IP));
  const failed =
    (row.LOGIN_STATUS !== undefined && row.LOGIN_STATUS !== 'LOGIN_NO_ERROR') ||
    (row.SUCCESS !== undefined && row.SUCCESS !== '1');
  const severity: Severity = stream === 'login' && failed ? 'low' : 'info';
  return parserAlert(NAME, `salesforce.${stream}`, obs, {
    title: `Salesforce ${row.EVENT_TYPE}${failed ? ' failed' : ''}${row.USER_NAME ? ` (${row.USER_NAME})` : ''}`,
    severity,
    observedAt: toIsoTime(row.TIMESTAMP_DERIVED),
    ruleId: row.EVENT_TYPE,
  });
}

function parseSession(e: z.infer<typeof SessionEvent>): ReturnType<Parser['parse']> {
  const type = e.attributes?.type ?? '';
  const logout =
    /logout/i.test(type) || (!/login/i.test(type) && e.Status === undefined && e.LoginType === undefined);
  const stream = logout ? 'logout' : 'login';
  const obs = new ObservablesBuilder();
  obs.srcIp(addressOf(e.SourceIp));
  const failed = !logout && e.Status !== undefined && e.Status !== 'Success';
  const action = logout ? 'Logout' : failed ? `Login failed: ${e.Status ?? ''}` : 'Login';
  return parserAlert(NAME, `salesforce.${stream}`, obs, {
    title: `Salesforce ${action}${e.Username ? ` (${e.Username})` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.EventDate ?? e.CreatedDate),
    ruleId: type || (logout ? 'LogoutEvent' : 'LoginEvent'),
  });
}

function parseAudit(r: z.infer<typeof SetupAuditTrail>): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic dissects `For user %{user.name}, %{?}` out of Display.
  const target = /^For user (.+?), /.exec(r.Display)?.[1];
  if (target) obs.user(target);
  return parserAlert(NAME, 'salesforce.setupaudittrail', obs, {
    title: `Salesforce setup change: ${r.Display}`,
    severity: 'info',
    observedAt: toIsoTime(r.CreatedDate),
    ruleId: r.Action ?? r.Section ?? null,
  });
}

function parseAura(e: z.infer<typeof AuraRequestEvent>): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  // Elastic: ClientIp is source.ip (and related.ip); UserIdentifier is user.id, listed in related.user.
  obs.srcIp(addressOf(e.ClientIp));
  obs.user(e.UserIdentifier);
  const action = /ACTION\$(\w+)/.exec(e.ActionMessage ?? '')?.[1];
  return parserAlert(NAME, 'salesforce.aura_request', obs, {
    title: `Salesforce Aura request ${[e.RequestMethod, e.Uri].filter(Boolean).join(' ')}${action ? ` (${action})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e.Timestamp?.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') ?? e.EventDate),
    ruleId: action ?? null,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (r === null) throw new Error('not a Salesforce event');
  if (r.kind === 'aura') return parseAura(r.event);
  if (r.kind === 'elf') return parseElf(r.row);
  if (r.kind === 'session') return parseSession(r.event);
  return parseAudit(r.record);
}

export const salesforceParser: Parser = {
  name: NAME,
  claims: { keys: ['EVENT_TYPE', 'Display', 'EventIdentifier', 'UserIdentifier'], text: false },
  detect: detectorOf(read),
  parse,
};
