// Zoom webhook notifications (`{"event": "user.signed_in", "payload": {...}, "event_ts"}`, bare or under a
// `zoom` key): the operator and the ids of the users, hosts, participants and members the event names,
// as Elastic's `zoom` webhook pipelines put them in `related.user`.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

/** Zoom ids are strings; a number is written as text, and an empty value is no id (Elastic drops it). */
const Id = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const Str = OptionalText;
const Time = z.union([z.string(), z.number()]).nullish();

const Person = z.object({ id: Id, user_id: Id, email: Str, user_name: Str, join_time: Str, leave_time: Str });
const Member = z.object({ id: Id, display_name: Str });
const Party = z.object({ user_id: Id });
const ZoomObject = z
  .object({
    id: Id,
    host_id: Id,
    owner_id: Id,
    contact_id: Id,
    email: Str,
    topic: Str,
    name: Str,
    date_time: Str,
    timestamp: Time,
    participant: Person.nullish(),
    registrant: Person.nullish(),
    members: z.array(Member).nullish().catch(undefined),
    callee: Party.nullish().catch(undefined),
    caller: Party.nullish().catch(undefined),
    callee_user_id: Id,
  })
  .catchall(z.unknown());
type ZoomObject = z.infer<typeof ZoomObject>;

const ZoomEvent = z.object({
  event: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  event_ts: Time,
  payload: z.object({
    account_id: Id,
    operator: Str,
    operator_id: Id,
    time_stamp: Time,
    object: ZoomObject.nullish(),
    old_object: z.object({ id: Id }).catchall(z.unknown()).nullish(),
  }),
});
type ZoomEvent = z.infer<typeof ZoomEvent>;

/** The event families Elastic's webhook pipeline routes to a sub-pipeline. */
const FAMILIES = new Set([
  'account',
  'chat_channel',
  'chat_message',
  'meeting',
  'phone',
  'recording',
  'user',
  'webinar',
  'zoomroom',
]);

/** The notification itself: the payload as sent, or as Elastic's HTTP endpoint files it under `zoom`. */
function unwrap(raw: unknown): unknown {
  return isObject(raw) && !('event' in raw) && 'zoom' in raw ? raw.zoom : raw;
}

function detect(raw: unknown): boolean {
  const body = unwrap(raw);
  if (!isObject(body) || !('event' in body && 'payload' in body)) return false;
  const { event, payload } = body;
  if (typeof event !== 'string' || !isObject(payload)) return false;
  const family = event.slice(0, event.indexOf('.'));
  return FAMILIES.has(family) && ZoomEvent.safeParse(body).success;
}

/** The users each family's pipeline appends to related.user, in its order (after the operator). */
function familyUsers(family: string, p: ZoomEvent['payload']): (string | null | undefined)[] {
  const o: ZoomObject | null | undefined = p.object;
  // Elastic lifts participant and registrant out of the object before the sub-pipelines run.
  const participant = o?.participant;
  const registrant = o?.registrant;
  switch (family) {
    case 'user':
      return [o?.id, p.old_object?.id];
    case 'meeting':
      // The participant's meeting id, then their Zoom user id (set when they are in the account).
      return [participant?.id, participant?.user_id, o?.host_id];
    case 'webinar':
      return [o?.host_id, registrant?.id, participant?.id, participant?.user_id];
    case 'recording':
      return [o?.host_id, registrant?.id];
    case 'account':
      // The object's own id becomes the sub-account id; the owner, else the previous id, is the target.
      return [o?.owner_id, p.old_object?.id ?? o?.owner_id];
    case 'chat_channel':
      return (o?.members ?? []).flatMap((m) => [m.display_name, m.id]);
    case 'chat_message':
      return [o?.contact_id];
    case 'phone':
      return [o?.callee?.user_id ?? o?.callee_user_id, o?.caller?.user_id];
    default:
      return [];
  }
}

/** Events worth more than an info-level note to a SOC. */
const SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  'meeting.alert': 'low',
  'webinar.alert': 'low',
  'user.deleted': 'low',
  'user.deactivated': 'low',
  'account.disassociated': 'low',
});

/** When it happened: the time Elastic reads for the event, else the notification's own timestamp. */
function observedAt(e: ZoomEvent): string | null {
  const p = e.payload;
  const o = p.object;
  return (
    toIsoTime(o?.participant?.join_time ?? o?.participant?.leave_time) ??
    toIsoTime(p.time_stamp) ??
    toIsoTime(o?.timestamp) ??
    toIsoTime(o?.date_time) ??
    toIsoTime(e.event_ts)
  );
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = ZoomEvent.parse(unwrap(raw));
  const family = e.event.slice(0, e.event.indexOf('.'));
  const p = e.payload;
  const obs = new ObservablesBuilder();
  // The operator's id leads related.user; the operator's e-mail is only user.email.
  obs.user(p.operator_id);
  for (const u of familyUsers(family, p)) obs.user(u ?? undefined);
  obs.email(p.operator ?? undefined);
  const what = p.object?.topic ?? p.object?.name ?? p.object?.email ?? p.object?.id;
  const who = p.operator ?? p.operator_id;
  return parserAlert('zoom.webhook', 'zoom.webhook', obs, {
    title: `Zoom ${e.event}${what ? `: ${what}` : ''}${who ? ` by ${who}` : ''}`,
    severity: SEVERITY[e.event] ?? 'info',
    observedAt: observedAt(e),
    ruleId: e.event,
  });
}

export const zoomWebhookParser: Parser = {
  name: 'zoom.webhook',
  claims: { keys: ['event', 'zoom'], text: false },
  detect,
  parse,
};
