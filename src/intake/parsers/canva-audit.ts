// Canva audit log events (`{"id", "timestamp", "actor", "target", "action": {"type", …}, "outcome", "context"}`):
// the client address as the source, and the actor's, target's and changed users' names, e-mails and ids,
// as Elastic's `canva` audit pipeline maps them to source.ip, user.name and related.user.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'canva.audit';

/** A list whose malformed items are dropped (a bad item never fails the whole event). */
const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item.nullable().catch(null))
    .nullish()
    .catch(undefined)
    .transform((items) => (items ?? []).filter((v) => v !== null && v !== undefined));

const User = z
  .object({ id: TextField, display_name: TextField, email: TextField })
  .nullish()
  .catch(undefined);
type User = z.infer<typeof User>;
const Named = z.object({ id: TextField, display_name: TextField }).nullish().catch(undefined);

const Change = z.object({
  type: TextField,
  user: User,
  recipient: TextField,
  new_owner: User,
});

const CanvaAudit = z.object({
  id: z.string().min(1),
  timestamp: z.union([z.number(), z.string()]),
  actor: z.object({
    type: z.string().min(1),
    user: User,
    team: Named,
  }),
  target: z
    .object({
      id: TextField,
      name: TextField,
      target_type: TextField,
      resource_type: TextField,
      user: User,
      team: Named,
      owner: z.object({ user: User }).nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
  action: z.object({
    type: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    display_name: TextField,
    email: TextField,
    emails: list(z.string()),
    oauth_accounts: list(z.object({ external_user_id: TextField })),
    changes: list(Change),
    user: User,
  }),
  outcome: z
    .object({ result: TextField, details: z.object({ user_id: TextField }).nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  context: z.object({ ip_address: TextField }).nullish().catch(undefined),
});
type CanvaAudit = z.infer<typeof CanvaAudit>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('actor' in raw && 'action' in raw && 'timestamp' in raw && 'id' in raw))
    return false;
  if (!('context' in raw) && !('outcome' in raw) && !('target' in raw)) return false;
  try {
    return CanvaAudit.safeParse(raw).success;
  } catch {
    return false;
  }
}

/** The local part of an e-mail, as the pipeline's dissect `%{user.name}@%{user.domain}` cuts it. */
const emailUser = (email: string | undefined): string | undefined => {
  const at = email?.indexOf('@') ?? -1;
  return email && at > 0 && at < email.length - 1 ? email.slice(0, at) : undefined;
};

/** Actions that change who can sign in or what they may do: worth more than an info note. */
const SENSITIVE =
  /ROLE|MFA|SSO|SAML|PASSWORD|PERMISSION|(?:DELETE|REMOVE|DEACTIVATE|LOCK)_USER|API_KEY|OWNER/;

function severityOf(e: CanvaAudit): Severity {
  if (e.outcome?.result === 'DENIED') return 'medium';
  return SENSITIVE.test(e.action.type) ? 'low' : 'info';
}

function users(obs: ObservablesBuilder, ...people: User[]): void {
  for (const p of people) {
    obs.user(p?.display_name);
    obs.user(p?.email);
    obs.user(p?.id);
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = CanvaAudit.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(bareIndicatorIp(e.context?.ip_address) ?? undefined);
  const actor = e.actor.user;
  // user.name: the local part of the actor's e-mail; then related.user in the pipeline's order.
  obs.user(emailUser(actor?.email));
  const changes = e.action.changes;
  for (const c of changes) obs.user(c.user?.display_name);
  for (const c of changes) obs.user(c.user?.email);
  for (const c of changes) obs.user(c.user?.id);
  obs.user(e.action.display_name);
  obs.user(e.action.email);
  for (const a of e.action.oauth_accounts) obs.user(a.external_user_id);
  users(obs, e.action.user, actor);
  obs.user(e.outcome?.details?.user_id);
  // Elastic files the target's id and name under related.user whatever the target is (a design too).
  obs.user(e.target?.id);
  obs.user(e.target?.name);
  users(obs, e.target?.owner?.user, e.target?.user);
  // Invite recipients, a design's new owner and listed addresses are kept as e-mail indicators only:
  // the pipeline version Vigil is scored against leaves them out of related.user.
  for (const c of changes) {
    obs.email(c.recipient);
    obs.email(c.new_owner?.email);
  }
  for (const m of [
    actor?.email,
    e.action.email,
    e.action.user?.email,
    e.target?.user?.email,
    ...e.action.emails,
  ])
    obs.email(m);
  const who = actor?.display_name ?? actor?.email ?? actor?.id ?? e.actor.type;
  const what =
    e.target?.name ?? e.target?.user?.display_name ?? e.target?.resource_type ?? e.target?.target_type;
  return parserAlert(NAME, NAME, obs, {
    title: `Canva audit: ${e.action.type} by ${who}${what ? ` on ${what}` : ''}`,
    severity: severityOf(e),
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.action.type,
  });
}

export const canvaAuditParser: Parser = {
  name: NAME,
  claims: { keys: ['actor'], text: false },
  detect,
  parse,
};
