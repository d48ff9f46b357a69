// Palo Alto Networks Prisma Cloud audit log entries (`{timestamp, user, ipAddress, actionType, action,
// resourceType, resourceName, result}`), read as Elastic's `prisma_cloud.audit` pipeline maps them: the
// caller's address is a related (host) address, the user e-mail and its local part are users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const AuditEntry = z.object({
  timestamp: z.union([z.number(), z.string()]).nullish(),
  user: z.string().nullish(),
  ipAddress: z.string().nullish(),
  actionType: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceName: z.string().nullish(),
  result: z.string().nullish(),
});
type AuditEntry = z.infer<typeof AuditEntry>;

const KEYS = ['actionType', 'action', 'resourceType'] as const;

/** The entry as an object: the payload itself, or a JSON line that holds one. */
function entryOf(raw: unknown): unknown {
  if (isObject(raw)) return raw;
  const s = textOf(raw, 65_536)?.trim();
  if (!s?.startsWith('{') || !s.includes('"actionType"')) return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

function asEntry(raw: unknown): AuditEntry | null {
  const e = entryOf(raw);
  if (!isObject(e) || !KEYS.every((k) => k in e) || !('timestamp' in e || 'user' in e || 'ipAddress' in e))
    return null;
  const r = AuditEntry.safeParse(e);
  return r.success ? r.data : null;
}

function detect(raw: unknown): boolean {
  return asEntry(raw) !== null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = asEntry(raw);
  if (!e) throw new Error('not a Prisma Cloud audit entry');
  const obs = new ObservablesBuilder();
  // Elastic copies ipAddress to host.ip and related.ip only (it is neither source nor destination);
  // values that are not addresses ("RedLock Internal IP") are dropped by its convert.
  const ip = bareIndicatorIp(e.ipAddress);
  if (ip) obs.ip(ip);
  // user -> user.email; `name@domain` is dissected into user.name; both are related users.
  const user = e.user?.trim();
  if (user) {
    const m = /^([^@]+)@(.+)$/.exec(user);
    if (m) obs.user(m[1]);
    obs.user(user);
    obs.email(user);
  }
  const failed = /fail/i.test(e.result ?? '');
  return parserAlert('prisma_cloud.audit', 'prisma_cloud.audit', obs, {
    title: e.action || e.actionType,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.actionType,
  });
}

export const prismaCloudParser: Parser = {
  name: 'prisma_cloud.audit',
  claims: { keys: ['actionType'], text: false },
  detect,
  parse,
};
