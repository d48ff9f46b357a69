// Check Point Harmony Email & Collaboration security events (JSON from the Harmony Email API), read as
// Elastic's `checkpoint_email.event` pipeline maps them: the sender, the mailbox owner and the user named in
// the event's `data` template are related users (full addresses); the geo-activity user's local part is the user.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { toIsoTime } from '../time.js';
import { isObject, localPart, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const HarmonyEvent = z.object({
  eventId: z.string(),
  customerId: z.string(),
  saas: z.string(),
  entityId: z.string().nullish(),
  type: z.string().nullish(),
  state: z.string().nullish(),
  severity: z.union([z.string(), z.number()]).nullish(),
  confidenceIndicator: z.string().nullish(),
  description: z.string().nullish(),
  data: z.string().nullish(),
  eventCreated: z.string().nullish(),
  senderAddress: z.string().nullish(),
});
type HarmonyEvent = z.infer<typeof HarmonyEvent>;

/** An entity reference inside `data`: `#{"entity_id": …, "entity_type": …, "label": …}`. */
const EntityRef = z.object({ label: z.string().nullish() });

/** Elastic's grok patterns over `data` (DATA is lazy); each names the entity refs it captures. */
const REF = '#(.*?)';
const DATA_PATTERNS: ReadonlyArray<{ re: RegExp; dst?: number; user?: number }> = [
  {
    re: new RegExp(`^${REF} attempt detected in an email from ${REF} - '${REF}' \\(${REF}'s mailbox\\)$`),
    dst: 4,
  },
  {
    re: new RegExp(
      `^.*?(?:A user|has detected) ${REF} in an email from ${REF} - '${REF}' \\(${REF}'s mailbox\\)$`,
    ),
    dst: 4,
  },
  {
    re: new RegExp(`^.*? has detected malicious attachment\\(s\\) in '${REF}' \\(${REF}'s mailbox\\)$`),
    dst: 2,
  },
  { re: new RegExp(`^User ${REF} reported a phishing email ${REF}$`), dst: 1 },
  { re: new RegExp(`^Unusual geo activity for ${REF}: ${REF} for the first time from .*?$`), user: 1 },
];

/** Harmony severities 1-5: Lowest, Low, Medium, High, Critical. */
const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

function read(raw: unknown): HarmonyEvent | null {
  if (!isObject(raw) || !('eventId' in raw) || !('saas' in raw) || !('customerId' in raw)) return null;
  const r = HarmonyEvent.safeParse(raw);
  return r.success ? r.data : null;
}

function detect(raw: unknown): boolean {
  try {
    return read(raw) !== null;
  } catch {
    return false;
  }
}

/** The label of an entity reference's JSON text, or null (Elastic's json processor fails on anything else). */
function labelOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    const r = EntityRef.safeParse(JSON.parse(text));
    const label = r.success ? r.data.label : null;
    return label && label !== '<Unknown>' ? label : null;
  } catch {
    return null;
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Harmony Email & Collaboration event');
  const obs = new ObservablesBuilder();

  let mailbox: string | null = null;
  let geoUser: string | null = null;
  for (const { re, dst, user } of DATA_PATTERNS) {
    const m = re.exec(e.data ?? '');
    if (!m) continue;
    if (dst !== undefined) mailbox = labelOf(m[dst]);
    if (user !== undefined) geoUser = labelOf(m[user]);
    break;
  }
  // user.name is the geo-activity user's local part (Elastic's dissect needs an `@`), then related.user in
  // Elastic's order: the mailbox owner, the geo-activity user, the sender.
  if (geoUser?.includes('@')) obs.user(localPart(geoUser));
  obs.user(mailbox);
  obs.user(geoUser);
  obs.user(e.senderAddress);
  for (const address of [mailbox, geoUser, e.senderAddress]) obs.email(address);

  const level = Number(e.severity);
  return parserAlert('checkpoint_email', 'checkpoint_email.event', obs, {
    title: e.description || (e.type ? `Harmony Email ${e.type} event` : null),
    severity: Number.isInteger(level) && level >= 1 && level <= 5 ? (SEVERITIES[level - 1] ?? null) : null,
    observedAt: toIsoTime(e.eventCreated),
    ruleId: e.type ?? null,
  });
}

export const checkpointEmailParser: Parser = {
  name: 'checkpoint_email',
  claims: { keys: ['eventId'], text: false },
  detect,
  parse,
};
