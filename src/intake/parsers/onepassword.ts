// 1Password Events API records (sign-in attempts, item usages, audit events): the client or session address as
// the source and the user UUIDs, e-mails and names as users, as Elastic's `1password` pipelines map them.
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));

const Person = z.object({ uuid: Text, name: Text, email: Text }).passthrough();
const Client = z.object({ ip_address: Text, app_name: Text }).passthrough();

const SigninAttempt = z.object({
  uuid: Text,
  timestamp: z.string(),
  category: z.string(),
  type: Text,
  target_user: Person.nullish(),
  client: Client.nullish(),
});
type SigninAttempt = z.infer<typeof SigninAttempt>;

const ItemUsage = z.object({
  uuid: Text,
  timestamp: z.string(),
  item_uuid: z.string(),
  vault_uuid: z.string(),
  action: Text,
  user: Person.nullish(),
  client: Client.nullish(),
});
type ItemUsage = z.infer<typeof ItemUsage>;

const AuditEvent = z.object({
  uuid: Text,
  timestamp: z.string(),
  actor_uuid: z.string(),
  action: z.string(),
  object_type: Text,
  object_uuid: Text,
  aux_uuid: Text,
  actor_details: Person.nullish(),
  session: z.object({ ip: Text }).passthrough().nullish(),
});
type AuditEvent = z.infer<typeof AuditEvent>;

type Kind = 'signin_attempts' | 'item_usages' | 'audit_events';

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Which Events API record `raw` is, by the keys only that record carries; null for anything else. */
function kindOf(raw: unknown): Kind | null {
  if (!isObject(raw) || !own(raw, 'timestamp')) return null;
  if (own(raw, 'target_user') && own(raw, 'category') && own(raw, 'type')) {
    return SigninAttempt.safeParse(raw).success ? 'signin_attempts' : null;
  }
  if (own(raw, 'item_uuid') && own(raw, 'vault_uuid')) {
    return ItemUsage.safeParse(raw).success ? 'item_usages' : null;
  }
  if (own(raw, 'actor_uuid') && own(raw, 'object_type') && own(raw, 'action')) {
    return AuditEvent.safeParse(raw).success ? 'audit_events' : null;
  }
  return null;
}

const detect = (raw: unknown): boolean => kindOf(raw) !== null;

/** Sign-in categories other than `success` are failed or blocked attempts. */
function signinSeverity(category: string): Severity {
  if (category === 'success') return 'info';
  if (category === 'firewall_failed' || category === 'firewall_reported_success') return 'medium';
  return /failed|blocked/.test(category) ? 'medium' : 'low';
}

/** The user a sign-in or item usage names: `related.user` holds its UUID, e-mail and name, in that order. */
function addPerson(obs: ObservablesBuilder, p: z.infer<typeof Person> | null | undefined): void {
  if (!p) return;
  obs.user(p.uuid);
  obs.user(p.email);
  obs.user(p.name);
  obs.email(p.email);
}

function parseSignin(e: SigninAttempt): Alert {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.client?.ip_address) ?? undefined);
  addPerson(obs, e.target_user);
  const who = e.target_user?.email ?? e.target_user?.name;
  const what = e.type ? `${e.category} (${e.type})` : e.category;
  return parserAlert('1password', '1password.signin_attempts', obs, {
    title: `1Password sign-in attempt: ${what}${who ? ` for ${who}` : ''}`,
    severity: signinSeverity(e.category),
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.type ?? e.category,
  });
}

function parseItemUsage(e: ItemUsage): Alert {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.client?.ip_address) ?? undefined);
  addPerson(obs, e.user);
  const who = e.user?.email ?? e.user?.name;
  return parserAlert('1password', '1password.item_usages', obs, {
    title: `1Password item ${e.action ?? 'used'}${who ? ` by ${who}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.action ?? null,
  });
}

/** Object types whose `aux_uuid` is a user (group membership, device, user-vault access). */
const AUX_USER_TYPES = new Set(['gm', 'device', 'uva']);

function parseAudit(e: AuditEvent): Alert {
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.session?.ip) ?? undefined);
  // user.name is the actor's name; related.user adds the actor UUID and the user the action targets.
  obs.user(e.actor_details?.name);
  obs.user(e.actor_uuid);
  if (e.object_type === 'user') obs.user(e.object_uuid);
  if (e.object_type && AUX_USER_TYPES.has(e.object_type)) obs.user(e.aux_uuid);
  obs.email(e.actor_details?.email);
  const who = e.actor_details?.email ?? e.actor_details?.name ?? e.actor_uuid;
  const target = e.object_type ? ` on ${e.object_type}` : '';
  return parserAlert('1password', '1password.audit_events', obs, {
    title: `1Password audit: ${e.action}${target} by ${who}`,
    severity: /^(?:suspend|delete|destroy|purge|revoke|dlg|dsbl)/.test(e.action) ? 'low' : 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.action,
  });
}

function parse(raw: unknown): Alert {
  switch (kindOf(raw)) {
    case 'signin_attempts':
      return parseSignin(SigninAttempt.parse(raw));
    case 'item_usages':
      return parseItemUsage(ItemUsage.parse(raw));
    case 'audit_events':
      return parseAudit(AuditEvent.parse(raw));
    default:
      throw new Error('not a 1Password Events API record');
  }
}

export const onePasswordParser: Parser = {
  name: '1password',
  claims: { keys: ['target_user', 'item_uuid', 'actor_uuid'], text: false },
  detect,
  parse,
};
