// JumpCloud Directory Insights events (`{"event_type", "service", "organization", "timestamp", "initiated_by", …}`),
// mapped as Elastic's `jumpcloud.events` pipeline maps them: `src_ip` is the source, a JumpCloud Protect device
// address is related, `username` is the user and the initiator's username a related user (`client_ip` is not).
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, indicatorIp, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;

const JumpcloudEvent = z.object({
  event_type: z.string().min(1),
  service: z.string().min(1),
  organization: z.string(),
  timestamp: z.string(),
  id: Str,
  src_ip: Str,
  client_ip: Str,
  username: Str,
  success: z.boolean().nullish(),
  sso_token_success: z.boolean().nullish(),
  message: Str,
  initiated_by: z.object({ username: Str, email: Str, id: Str, type: Str }).passthrough().nullish(),
  jumpcloud_protect_device: z.object({ ip: Str }).passthrough().nullish(),
  system: z.object({ hostname: Str }).passthrough().nullish(),
});
type JumpcloudEvent = z.infer<typeof JumpcloudEvent>;

function read(raw: unknown): JumpcloudEvent | null {
  if (!isObject(raw)) return null;
  if (!('event_type' in raw && 'service' in raw && 'organization' in raw && 'timestamp' in raw)) return null;
  const event = JumpcloudEvent.safeParse(raw);
  return event.success ? event.data : null;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a JumpCloud Directory Insights event');
  const obs = new ObservablesBuilder();
  // Elastic appends the Protect device address to `related.ip` before the source address.
  obs.ip(indicatorIp(e.jumpcloud_protect_device?.ip));
  obs.srcIp(indicatorIp(e.src_ip));
  obs.user(e.username);
  obs.user(e.initiated_by?.username);
  const failed = e.success === false || e.sso_token_success === false;
  const actor = e.username ?? e.initiated_by?.username ?? e.initiated_by?.email;
  return parserAlert('jumpcloud.events', 'jumpcloud.events', obs, {
    title: `JumpCloud ${e.service} ${e.event_type}${failed ? ' (failed)' : ''}${actor ? ` by ${actor}` : ''}`,
    severity: failed ? 'low' : 'info',
    observedAt: toIsoTime(e.timestamp),
    ruleId: e.event_type,
  });
}

export const jumpcloudParser: Parser = {
  name: 'jumpcloud.events',
  claims: { keys: ['organization'], text: false },
  detect: detectorOf(read),
  parse,
};
