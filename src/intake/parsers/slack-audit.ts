// Slack Enterprise Audit Logs API records (`/audit/v1/logs` entries): the actor's id and e-mail as users,
// the client address as the source, and a flagged file's MD5, as Elastic's `slack` audit pipeline maps them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Str = OptionalText;
/** Slack ids are strings; a number is accepted and written as text. */
const Id = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));
const Epoch = z.union([z.number(), z.string()]).nullish();

const Named = z.object({ id: Id, name: Str, email: Str, title: Str, domain: Str });
const SlackAudit = z.object({
  id: Str,
  date_create: Epoch,
  action: z.string().min(1),
  actor: z.object({ type: z.string(), user: Named.nullish() }),
  entity: z.object({ type: z.string() }).catchall(z.unknown()),
  context: z.object({
    ip_address: Str,
    ua: Str,
    session_id: z.union([z.string(), z.number()]).nullish(),
    location: z.object({ type: Str, name: Str, domain: Str }).nullish(),
  }),
  details: z
    .object({ md5_hash: Str, action_timestamp: Epoch, previous_ip_address: Str, location: Str })
    .nullish(),
});
type SlackAudit = z.infer<typeof SlackAudit>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('action' in raw && 'actor' in raw && 'entity' in raw && 'context' in raw)) {
    return false;
  }
  return SlackAudit.safeParse(raw).success;
}

/** Actions worth more than an info-level note to a SOC. */
const SEVERITY: Readonly<Record<string, Severity>> = lookupTable({
  file_malicious_content_detected: 'high',
  anomaly: 'medium',
  user_login_failed: 'low',
  file_downloaded_blocked: 'low',
  role_change_to_owner: 'low',
  role_change_to_admin: 'low',
});

/** A short name for what the record acted on: the entity object its `type` names. */
function entityLabel(e: SlackAudit): string {
  const parsed = Named.safeParse(e.entity[e.entity.type]);
  const name = parsed.success ? (parsed.data.name ?? parsed.data.title ?? parsed.data.id) : undefined;
  return name ? `${e.entity.type} ${name}` : e.entity.type;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = SlackAudit.parse(raw);
  const obs = new ObservablesBuilder();
  // Elastic renames the client address to source.ip (and related.ip); the previous address of an
  // `anomaly` is kept only under slack.audit.details, so it is not an indicator here either.
  obs.srcIp(e.context.ip_address ?? undefined);
  // The actor's id and e-mail (kept whole) go to related.user; the display name only to user.full_name.
  const actor = e.actor.user;
  obs.user(actor?.id);
  obs.user(actor?.email ?? undefined);
  obs.email(actor?.email ?? undefined);
  obs.hash(e.details?.md5_hash ?? undefined);
  const who = actor?.name ?? actor?.email ?? actor?.id ?? e.actor.type;
  return parserAlert('slack.audit', 'slack.audit', obs, {
    title: `Slack audit: ${e.action} by ${who} on ${entityLabel(e)}`,
    severity: SEVERITY[e.action] ?? 'info',
    // Elastic's @timestamp is the anomaly's action_timestamp when present, else date_create.
    observedAt: toIsoTime(e.details?.action_timestamp ?? e.date_create),
    ruleId: e.action,
  });
}

export const slackAuditParser: Parser = {
  name: 'slack.audit',
  claims: { keys: ['entity'], text: false },
  detect,
  parse,
};
