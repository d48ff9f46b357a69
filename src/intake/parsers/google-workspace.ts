// Google Workspace Admin SDK Reports activities (`admin#reports#activity`): the actor's login (local
// part of the e-mail) and the caller address; the format follows the application (`login`, `admin` …).
// The OAuth `token` application and device audit events are read as Elastic's token and device pipelines read
// them (profile id, e-mail, domain).
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, localPart, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const Parameter = z
  .object({
    name: z.string().optional(),
    value: z.unknown().optional(),
    multiValue: z.array(z.unknown()).optional().catch(undefined),
  })
  .passthrough();
const GEvent = z.object({
  type: z.string().optional(),
  name: z.string().optional(),
  parameters: z.array(Parameter).optional().catch(undefined),
});
const Activity = z.object({
  kind: z.literal('admin#reports#activity'),
  id: z.object({ time: z.string().optional(), applicationName: z.string().optional() }),
  actor: z.object({ email: z.string().optional(), callerType: z.string().optional() }).optional(),
  ipAddress: z.string().optional(),
  ownerDomain: z.string().nullish().catch(undefined),
  events: z.union([GEvent, z.array(GEvent)]).optional(),
});

/** The fields Elastic's `google_workspace.token` pipeline maps to indicators. */
const TokenActivity = z.object({
  actor: z
    .object({ email: z.string().nullish().catch(undefined), profileId: TextField })
    .nullish()
    .catch(undefined),
  ownerDomain: z.string().nullish().catch(undefined),
  ipAddress: z.string().nullish().catch(undefined),
});

/**
 * Token-like activities: source.ip is ipAddress; the e-mail splits at its one `@` into user.name and user.domain;
 * related.user lists the profile id, the name and the e-mail; related.hosts the domain and ownerDomain, except for
 * Chrome events (`withDomains` false), whose pipeline relates no domain.
 */
function tokenObservables(raw: unknown, withDomains = true): ObservablesBuilder {
  const t = TokenActivity.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(t.ipAddress));
  const email = t.actor?.email ?? undefined;
  const parts = email?.split('@') ?? [];
  const [name, domain] = parts.length === 2 ? parts : [];
  obs.user(name);
  obs.user(t.actor?.profileId);
  if (name) obs.user(email);
  if (email) obs.email(email);
  if (!withDomains) return obs;
  obs.domain(domain);
  obs.domain(t.ownerDomain);
  return obs;
}

const detect = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && 'kind' in raw && Activity.safeParse(raw).success;

/** Applications whose events' type names them (Elastic's samples file them under another application). */
const TYPED_APPS = new Set(['access_transparency', 'context_aware_access']);

/**
 * The application an activity belongs to. Device audit events (`device_applications`, `device_updates` …) come
 * under `mobile`, or under another application's name in Elastic's samples; their event type tells them, as it
 * tells Access Transparency and Context-Aware Access events.
 */
function applicationOf(a: z.infer<typeof Activity>, events: readonly z.infer<typeof GEvent>[]): string {
  const app = (a.id.applicationName ?? 'unknown').toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (app === 'mobile' || events.some((e) => e.type?.startsWith('device_'))) return 'device';
  return events.map((e) => e.type ?? '').find((t) => TYPED_APPS.has(t)) ?? app;
}

/** Applications Elastic's pipelines read as the token pipeline does: profile id, e-mail, domains. */
const TOKEN_LIKE = new Set(['token', 'device', 'access_transparency', 'context_aware_access']);

/** The addresses a Chrome event lists (`LOCAL_IP`: `2001:db8:: , 192.0.2.1, …`). */
const addressList = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = Activity.parse(raw);
  const events = a.events === undefined ? [] : Array.isArray(a.events) ? a.events : [a.events];
  const app = applicationOf(a, events);
  const obs = TOKEN_LIKE.has(app)
    ? tokenObservables(raw)
    : app === 'chrome'
      ? tokenObservables(raw, false)
      : otherObservables(a, app);
  for (const p of events.flatMap((e) => e.parameters ?? [])) {
    // A DLP rule match's recipients: e-mail parties, and their domains (Elastic: related.hosts).
    if (app === 'rules' && p.name === 'resource_recipients') {
      for (const r of p.multiValue ?? []) {
        if (typeof r !== 'string') continue;
        obs.email(r);
        obs.domain(r.split('@')[1]);
      }
    }
    if (typeof p.value !== 'string') continue;
    // The addresses a Chrome endpoint reported (its local, then the remote, addresses): related.
    if (app === 'chrome' && (p.name === 'LOCAL_IP' || p.name === 'REMOTE_IP'))
      for (const ip of addressList(p.value)) obs.ip(bareIndicatorIp(ip));
    // The address of the actor whose data a DLP rule matched.
    if (app === 'rules' && p.name === 'actor_ip_address') obs.ip(bareIndicatorIp(p.value));
    // The owner of the resource Google staff accessed.
    if (app === 'access_transparency' && p.name === 'OWNER_EMAIL') {
      obs.user(p.value);
      obs.email(p.value);
    }
    // A Drive file's owner (Elastic's `file.owner`, the e-mail's local part) is a related user, and so is the
    // person a sharing change gave access to (`target`, `target_user`: the drive pipeline's target).
    if (app === 'drive' && p.name === 'owner') obs.user(localPart(p.value));
    if (app === 'drive' && (p.name === 'target' || p.name === 'target_user')) {
      obs.user(localPart(p.value));
      obs.email(p.value);
    }
    // The user an admin acted on (`user.target`: 2-step codes deleted, tokens revoked, password reset), or a
    // group moderator acted on (added, invited, banned, removed, join request approved).
    if ((app === 'admin' && p.name === 'USER_EMAIL') || (app === 'groups' && p.name === 'user_email')) {
      obs.user(localPart(p.value));
      obs.email(p.value);
    }
    // The device's user, whom Elastic's device pipeline relates by the whole address.
    if (app === 'device' && p.name === 'USER_EMAIL') {
      obs.user(p.value);
      obs.email(p.value);
    }
  }
  const first = events[0];
  const name = first?.name ?? first?.type ?? 'activity';
  return parserAlert('google_workspace', `google_workspace.${app}`, obs, {
    title: `Google Workspace ${app}: ${name.replace(/_/g, ' ')}`,
    severity: /suspicious|leak|disabled|hijack|attack|warning/i.test(`${name} ${first?.type ?? ''}`)
      ? 'high'
      : 'info',
    observedAt: toIsoTime(a.id.time),
    ruleId: `${app}:${name}`,
  });
}

function otherObservables(a: z.infer<typeof Activity>, app: string): ObservablesBuilder {
  const obs = new ObservablesBuilder();
  obs.srcIp(a.ipAddress);
  if (a.actor?.email) {
    obs.user(localPart(a.actor.email));
    obs.email(a.actor.email);
  }
  // A DLP rule match: the actor's e-mail domain and the owner domain (Elastic: related.hosts).
  if (app === 'rules') {
    obs.domain(a.actor?.email?.split('@')[1]);
    obs.domain(a.ownerDomain ?? undefined);
  }
  return obs;
}

export const googleWorkspaceParser: Parser = {
  name: 'google_workspace',
  claims: { keys: ['kind'], text: false },
  detect,
  parse,
};
