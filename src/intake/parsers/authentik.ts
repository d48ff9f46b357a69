// authentik API records as Elastic's `authentik` package reads them: events (`/events/events/`: the client
// address as the source; the user's name, e-mail and pk and the impersonated user as users), users
// (`/core/users/`) and groups (`/core/groups/`: the member pks as users).
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { lookupTable } from '../lookup-table.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, OptionalText, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'authentik';

/** A user as an event names it (`{pk, email, username}`); `{}` for events no user caused. */
const EventUser = z.object({ pk: TextField, email: TextField, username: TextField });

const AuthentikEvent = z.object({
  pk: z.string(),
  action: z.string().min(1),
  app: z.string().regex(/^authentik[._]/),
  created: OptionalText,
  client_ip: OptionalText,
  user: EventUser.extend({ on_behalf_of: EventUser.nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  context: z
    .object({ message: z.string().nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
});
type AuthentikEvent = z.infer<typeof AuthentikEvent>;

const AuthentikUser = z.object({
  pk: z.union([z.number(), z.string()]),
  username: z.string(),
  name: TextField,
  email: TextField,
  uid: TextField,
  uuid: TextField,
  is_superuser: z.boolean(),
  is_active: z.boolean().nullish(),
});
type AuthentikUser = z.infer<typeof AuthentikUser>;

const AuthentikGroup = z.object({
  pk: z.string(),
  num_pk: z.union([z.number(), z.string()]).nullish(),
  name: z.string(),
  is_superuser: z.boolean(),
  users: z.array(z.union([z.number(), z.string()])).nullish(),
});
type AuthentikGroup = z.infer<typeof AuthentikGroup>;

type AuthentikRecord =
  | { stream: 'event'; value: AuthentikEvent }
  | { stream: 'user'; value: AuthentikUser }
  | { stream: 'group'; value: AuthentikGroup };

/** The record `raw` is, judged by the keys only authentik's API writes together; null for anything else. */
function read(raw: unknown): AuthentikRecord | null {
  if (!isObject(raw) || !('pk' in raw)) return null;
  if ('action' in raw && 'app' in raw && typeof raw.app === 'string' && raw.app.startsWith('authentik')) {
    const r = AuthentikEvent.safeParse(raw);
    return r.success ? { stream: 'event', value: r.data } : null;
  }
  if ('username' in raw && 'uid' in raw && 'is_superuser' in raw && ('groups_obj' in raw || 'path' in raw)) {
    const r = AuthentikUser.safeParse(raw);
    return r.success ? { stream: 'user', value: r.data } : null;
  }
  if (
    'num_pk' in raw &&
    'users' in raw &&
    'is_superuser' in raw &&
    ('parent_name' in raw || 'users_obj' in raw)
  ) {
    const r = AuthentikGroup.safeParse(raw);
    return r.success ? { stream: 'group', value: r.data } : null;
  }
  return null;
}

/** Event actions a SOC rates above info (authentik's `EventAction` values). */
const SEVERITY: Readonly<Record<string, Severity>> = lookupTable<Severity>({
  login_failed: 'medium',
  suspicious_request: 'high',
  impersonation_started: 'medium',
  impersonation_ended: 'low',
  secret_view: 'low',
  secret_rotate: 'low',
  password_set: 'low',
  user_write: 'low',
  model_deleted: 'low',
  policy_exception: 'low',
  property_mapping_exception: 'low',
  system_exception: 'low',
  system_task_exception: 'low',
  configuration_error: 'low',
});

/** The first line of an event's message, kept short for a title. */
function summary(message: string | null | undefined): string | null {
  const line = message?.split('\n', 1)[0]?.trim();
  if (!line) return null;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function parseEvent(e: AuthentikEvent): Alert {
  const obs = new ObservablesBuilder();
  // source.ip and related.ip from client_ip (Elastic's convert to ip takes a bare address only).
  obs.srcIp(bareIndicatorIp(e.client_ip) ?? undefined);
  // user.name, then related.user in the pipeline's order: e-mail, the impersonated user's e-mail, pk and
  // username, then the user's pk and username. Python-dict-looking strings (`context.request.context.event.name`)
  // and the attempted `context.username` are not mapped by Elastic, so not read here.
  const u = e.user;
  const obo = u?.on_behalf_of;
  for (const v of [u?.username, u?.email, obo?.email, obo?.pk, obo?.username, u?.pk, u?.username])
    obs.user(v);
  obs.email(u?.email);
  obs.email(obo?.email);
  const who = u?.username ? ` by ${u.username}` : '';
  const message = summary(e.context?.message);
  return parserAlert(NAME, 'authentik.event', obs, {
    title: `authentik ${e.action}${who}${message ? `: ${message}` : ''}`,
    severity: SEVERITY[e.action] ?? 'info',
    observedAt: toIsoTime(e.created),
    ruleId: e.action,
  });
}

function parseUser(u: AuthentikUser): Alert {
  const obs = new ObservablesBuilder();
  // user.name (the username), then related.user: pk, username, full name, e-mail, uid, uuid.
  for (const v of [u.username, String(u.pk), u.name, u.email, u.uid, u.uuid]) obs.user(v);
  obs.email(u.email);
  return parserAlert(NAME, 'authentik.user', obs, {
    title: `authentik user ${u.username}${u.is_superuser ? ' (superuser)' : ''}`,
    severity: 'info',
    observedAt: null,
    ruleId: null,
  });
}

function parseGroup(g: AuthentikGroup): Alert {
  const obs = new ObservablesBuilder();
  // user.id and related.user: the member pks, as text.
  for (const member of g.users ?? []) obs.user(String(member));
  return parserAlert(NAME, 'authentik.group', obs, {
    title: `authentik group ${g.name}${g.is_superuser ? ' (superuser)' : ''}`,
    severity: 'info',
    observedAt: null,
    ruleId: null,
  });
}

function parse(raw: unknown): Alert {
  const r = read(raw);
  if (!r) throw new Error('not an authentik record');
  switch (r.stream) {
    case 'event':
      return parseEvent(r.value);
    case 'user':
      return parseUser(r.value);
    case 'group':
      return parseGroup(r.value);
  }
}

export const authentikParser: Parser = {
  name: NAME,
  claims: { keys: ['pk'], text: false },
  detect: detectorOf(read),
  parse,
};
