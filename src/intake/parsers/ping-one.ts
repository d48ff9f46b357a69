// PingOne audit activities (the Platform API's `/activities` records and webhook deliveries), read as
// Elastic's `ping_one` audit pipeline maps them: the acting user's name as the user, and the client id,
// client name and user id as related users. The records carry no addresses or hosts.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Actor = z.object({ id: Str, name: Str, type: Str });

const Activity = z.object({
  _links: z.object({ self: z.object({ href: Str }).nullish() }).nullish(),
  id: Str,
  recordedAt: z.string(),
  createdAt: Str,
  correlationId: Str,
  actors: z.object({ client: Actor.nullish(), user: Actor.nullish() }).nullish(),
  action: z.object({ type: z.string(), description: Str }),
  resources: z.array(z.object({ type: Str, id: Str, name: Str })).nullish(),
  result: z.object({ status: Str, description: Str }).nullish(),
});
type Activity = z.infer<typeof Activity>;

/** A PingOne activity: an action type like `USER.ACCESS_ALLOWED` and a PingOne link or the activity's parts. */
function read(raw: unknown): Activity | null {
  if (!isObject(raw) || !('recordedAt' in raw) || !('action' in raw)) return null;
  const a = Activity.safeParse(raw);
  if (!a.success || !/^[A-Z][A-Z0-9_]*\.[A-Z0-9_.]+$/.test(a.data.action.type)) return null;
  const href = a.data._links?.self?.href ?? '';
  const pingLink = /^https:\/\/api\.pingone\.[a-z.]+\/v1\/environments\//i.test(href);
  return pingLink || (a.data.resources && a.data.result && (a.data.correlationId || a.data.actors))
    ? a.data
    : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const a = read(raw);
  if (!a) throw new Error('not a PingOne audit activity');
  const obs = new ObservablesBuilder();
  const client = a.actors?.client;
  const user = a.actors?.user;
  // user.name first, then related.user in the pipeline's order: client id, client name, user id.
  obs.user(user?.name);
  obs.user(client?.id);
  obs.user(client?.name);
  obs.user(user?.id);
  const status = a.result?.status ?? '';
  const failed = /^(?:failure|failed)$/i.test(status);
  const denied = /DENIED|FAILED|LOCKED/i.test(a.action.type);
  return parserAlert('ping_one.audit', 'ping_one.audit', obs, {
    title: `PingOne ${a.action.description ?? a.action.type}${status ? ` (${status})` : ''}`,
    severity: failed || denied ? 'low' : 'info',
    observedAt: toIsoTime(a.recordedAt) ?? toIsoTime(a.createdAt),
    ruleId: a.action.type,
  });
}

export const pingOneParser: Parser = {
  name: 'ping_one.audit',
  claims: { keys: ['recordedAt'], text: false },
  detect: detectorOf(read),
  parse,
};
