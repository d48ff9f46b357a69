// Proofpoint Essentials threat events from the Essentials API (`{"event_type": "clicks_blocked" | "clicks_permitted" |
// "messages_blocked" | "messages_delivered", "sender", "recipient", "senderIP", "clickIP", …}`), mapped as Elastic's
// `proofpoint_essentials` threat pipeline maps them: sender IP → source, click IP → destination, addresses → users.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert, urlHostname } from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Addresses = z.union([z.string(), z.array(z.string())]).nullish();

const EVENT_TYPES = ['clicks_blocked', 'clicks_permitted', 'messages_blocked', 'messages_delivered'] as const;

const ThreatEvent = z.object({
  event_type: z.enum(EVENT_TYPES),
  id: Str,
  GUID: Str,
  url: Str,
  classification: Str,
  clickTime: Str,
  messageTime: Str,
  threatTime: Str,
  clickIP: Str,
  senderIP: Str,
  sender: Str,
  fromAddress: Str,
  recipient: Addresses,
  toAddresses: z.array(z.string()).nullish(),
  replyToAddress: Str,
  subject: Str,
  quarantineRule: Str,
  threatsInfoMap: z
    .array(z.object({ threat: Str, threatType: Str, classification: Str }).passthrough())
    .nullish(),
  messageParts: z.array(z.object({ md5: Str, sha256: Str }).passthrough()).nullish(),
});
type ThreatEvent = z.infer<typeof ThreatEvent>;

/** The address test Elastic's script applies to a `threatsInfoMap` artefact. */
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/** The event, or null when the payload is not an Essentials threat event (TAP SIEM records carry no `event_type`). */
function read(raw: unknown): ThreatEvent | null {
  if (!isObject(raw) || !('event_type' in raw) || typeof raw.event_type !== 'string') return null;
  if (!('senderIP' in raw) && !('clickIP' in raw) && !('sender' in raw)) return null;
  // `threatURL` and `campaignId` are Proofpoint TAP fields, never sent by Essentials.
  if ('threatURL' in raw || 'campaignId' in raw) return null;
  const r = ThreatEvent.safeParse(raw);
  return r.success ? r.data : null;
}

const list = (v: string | readonly string[] | null | undefined): readonly string[] =>
  v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v;

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Proofpoint Essentials threat event');
  const obs = new ObservablesBuilder();
  obs.srcIp(e.senderIP ?? undefined);
  obs.dstIp(e.clickIP ?? undefined);
  // related.user, in the pipeline's order: impostor addresses among the threats, From, envelope sender,
  // listed recipients (a single recipient string is only email.to), Reply-To, To.
  for (const t of e.threatsInfoMap ?? []) {
    if (t.threat && EMAIL.test(t.threat)) {
      obs.user(t.threat);
      obs.email(t.threat);
    }
    if (t.threatType === 'URL') obs.url(t.threat ?? undefined);
    else obs.hash(t.threat ?? undefined);
  }
  obs.user(e.fromAddress ?? undefined);
  obs.user(e.sender ?? undefined);
  if (Array.isArray(e.recipient)) for (const r of e.recipient) obs.user(r);
  obs.user(e.replyToAddress ?? undefined);
  for (const to of e.toAddresses ?? []) obs.user(to);
  for (const a of [
    e.fromAddress,
    e.sender,
    ...list(e.recipient),
    e.replyToAddress,
    ...(e.toAddresses ?? []),
  ]) {
    obs.email(a ?? undefined);
  }
  obs.url(e.url ?? undefined);
  obs.domain(urlHostname(e.url));
  for (const part of e.messageParts ?? []) {
    obs.hash(part.md5 ?? undefined);
    obs.hash(part.sha256 ?? undefined);
  }
  const click = e.event_type.startsWith('clicks_');
  const blocked = e.event_type.endsWith('_blocked');
  const kind = e.classification ?? e.threatsInfoMap?.[0]?.classification ?? e.quarantineRule ?? null;
  const what = click
    ? `click ${blocked ? 'blocked' : 'permitted'}`
    : `message ${blocked ? 'blocked' : 'delivered'}`;
  return parserAlert('proofpoint_essentials.threat', 'proofpoint_essentials.threat', obs, {
    title: `Proofpoint Essentials ${what}${kind ? ` (${kind})` : ''}${e.subject ? `: ${e.subject}` : ''}`,
    // A threat that got through (a permitted click, a delivered message) matters more than a blocked one.
    severity: blocked ? 'medium' : 'high',
    observedAt: toIsoTime(click ? e.clickTime : e.messageTime) ?? toIsoTime(e.threatTime),
    ruleId: e.event_type,
  });
}

export const proofpointEssentialsParser: Parser = {
  name: 'proofpoint_essentials.threat',
  claims: { keys: ['event_type'], text: false },
  detect: detectorOf(read),
  // Elastic keeps the clicked URL's site out of related.hosts.
  domainsInRelatedHosts: false,
  parse,
};
