// GitHub organisation/enterprise audit log entries: the actor and the target user, the actor's address.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert } from './common.js';
import type { Parser } from './parser.js';

const AuditEntry = z.object({
  action: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_.]+$/),
  actor: z.string().nullish(),
  user: z.string().nullish(),
  org: z.string().nullish(),
  repo: z.string().nullish(),
  business: z.string().nullish(),
  actor_ip: z.string().nullish(),
  created_at: z.union([z.number(), z.string()]).nullish(),
  '@timestamp': z.union([z.number(), z.string()]).nullish(),
});

function detect(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('action' in raw) || !('actor' in raw)) return false;
  if (!('org' in raw) && !('repo' in raw) && !('business' in raw) && !('actor_location' in raw)) return false;
  return AuditEntry.safeParse(raw).success;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = AuditEntry.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(a.actor_ip ?? undefined);
  obs.user(a.actor ?? undefined);
  obs.user(a.user ?? undefined);
  const where = a.repo ?? a.org ?? a.business;
  return parserAlert('github.audit', 'github.audit', obs, {
    title: `GitHub ${a.action}${a.actor ? ` by ${a.actor}` : ''}${where ? ` in ${where}` : ''}`,
    severity: /destroy|delete|remove|disable|transfer|visibility|oauth|token|secret|key/.test(a.action)
      ? 'medium'
      : 'info',
    observedAt: toIsoTime(a.created_at ?? a['@timestamp'] ?? null),
    ruleId: a.action,
  });
}

export const githubAuditParser: Parser = {
  name: 'github.audit',
  claims: { keys: ['action'], text: false },
  detect,
  parse,
};
