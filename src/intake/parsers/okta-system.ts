// Okta System Log events: the actor (login local part and display name), target users, the client
// address as the source and the request IP chain as related addresses.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { localPart, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Actor = z.object({
  alternateId: z.string().nullish(),
  displayName: z.string().nullish(),
  type: z.string().nullish(),
});
const OktaEvent = z.object({
  eventType: z.string(),
  uuid: z.string().optional(),
  published: z.string().optional(),
  displayMessage: z.string().nullish(),
  severity: z.string().nullish(),
  actor: Actor,
  client: z.object({ ipAddress: z.string().nullish() }).nullish(),
  request: z.object({ ipChain: z.array(z.object({ ip: z.string().nullish() })).nullish() }).nullish(),
  target: z.array(Actor).nullish(),
  outcome: z.object({ result: z.string().nullish(), reason: z.string().nullish() }).nullish(),
});

function detect(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || !('eventType' in raw) || !('actor' in raw)) return false;
  if (!('legacyEventType' in raw) && !('displayMessage' in raw) && !('authenticationContext' in raw))
    return false;
  return OktaEvent.safeParse(raw).success;
}

const isUser = (type: string | null | undefined): boolean => (type ?? 'User').toLowerCase() === 'user';

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = OktaEvent.parse(raw);
  const obs = new ObservablesBuilder();
  obs.srcIp(e.client?.ipAddress ?? undefined);
  for (const hop of e.request?.ipChain ?? []) obs.ip(hop.ip ?? undefined);
  if (isUser(e.actor.type)) {
    if (e.actor.alternateId) obs.user(localPart(e.actor.alternateId));
    obs.user(e.actor.displayName ?? undefined);
  }
  obs.email(e.actor.alternateId ?? undefined);
  for (const t of e.target ?? []) {
    if (isUser(t.type) && t.type) {
      if (t.alternateId) obs.user(localPart(t.alternateId));
    }
  }
  const failed = /fail|deny|challenge/i.test(e.outcome?.result ?? '');
  return parserAlert('okta.system', 'okta.system', obs, {
    title: e.displayMessage ?? e.eventType,
    severity: failed ? 'medium' : (mapSeverity(e.severity) ?? 'info'),
    observedAt: toIsoTime(e.published),
    ruleId: e.eventType,
  });
}

export const oktaSystemParser: Parser = {
  name: 'okta.system',
  claims: { keys: ['eventType'], text: false },
  detect,
  parse,
};
