// Snyk audit-log events (`{"group_id", "org_id", "user_id", "event": "org.user.add", "created", "content"}`, REST or
// the older camelCase v1 spelling) and REST issues (`{"type": "issue", "attributes": {…}}`), mapped as Elastic's
// `snyk` pipelines map them: the acting user id, an invited e-mail and an added user's id are the users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;

/** Audit event names: `org.user.add`, `org.project.files.create`, `group.settings.edit`, `api.access`. */
const EVENT = /^[a-z][a-z_]*(?:\.[a-z_]+)+$/;

const AuditEvent = z.object({
  event: z.string().regex(EVENT),
  created: z.string(),
  group_id: Str,
  groupId: Str,
  org_id: Str,
  orgId: Str,
  user_id: Str,
  userId: Str,
  content: z.object({ email: Str, userPublicId: Str, url: Str }).passthrough().nullish(),
});
type AuditEvent = z.infer<typeof AuditEvent>;

const Issue = z.object({
  id: z.string(),
  type: z.literal('issue'),
  attributes: z
    .object({
      title: Str,
      key: Str,
      effective_severity_level: Str,
      updated_at: Str,
      created_at: Str,
      status: Str,
    })
    .passthrough(),
  relationships: z.object({}).passthrough(),
});
type Issue = z.infer<typeof Issue>;

type Read = { kind: 'audit'; event: AuditEvent } | { kind: 'issue'; event: Issue };

function read(raw: unknown): Read | null {
  if (!isObject(raw)) return null;
  if ('event' in raw && 'created' in raw && 'content' in raw) {
    if (!('org_id' in raw) && !('group_id' in raw) && !('orgId' in raw) && !('groupId' in raw)) return null;
    const audit = AuditEvent.safeParse(raw);
    return audit.success ? { kind: 'audit', event: audit.data } : null;
  }
  if ('type' in raw && raw.type === 'issue' && 'attributes' in raw && 'relationships' in raw) {
    const issue = Issue.safeParse(raw);
    return issue.success ? { kind: 'issue', event: issue.data } : null;
  }
  return null;
}

function parseAudit(e: AuditEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.user(e.user_id ?? e.userId);
  obs.user(e.content?.email);
  obs.email(e.content?.email);
  obs.user(e.content?.userPublicId);
  // `content.url` becomes `url.*`, not `related.hosts`: its site is a domain indicator only.
  obs.url(e.content?.url);
  obs.domain(urlHostname(e.content?.url));
  return parserAlert('snyk', 'snyk.audit_logs', obs, {
    title: `Snyk ${e.event}`,
    severity: /\b(?:delete|remove)\b/.test(e.event) ? 'low' : 'info',
    observedAt: toIsoTime(e.created),
    ruleId: e.event,
  });
}

function parseIssue(e: Issue): ReturnType<Parser['parse']> {
  const a = e.attributes;
  return parserAlert('snyk', 'snyk.issues', new ObservablesBuilder(), {
    title: `Snyk issue: ${a.title ?? a.key ?? e.id}`,
    severity: mapSeverity(a.effective_severity_level) ?? 'medium',
    observedAt: toIsoTime(a.updated_at ?? a.created_at),
    ruleId: a.key ?? e.id,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Snyk event');
  return r.kind === 'audit' ? parseAudit(r.event) : parseIssue(r.event);
}

export const snykParser: Parser = {
  name: 'snyk',
  claims: { keys: ['content', 'relationships'], text: false },
  detect: detectorOf(read),
  domainsInRelatedHosts: false,
  parse,
};
