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

/**
 * Elastic's grok patterns over `data`: the texts around their entity refs (`#…`, grok's lazy DATA), read by
 * `dissect`. `start` is the text `data` opens with, or `anywhere` the texts the pattern's leading `.*?` looks for
 * (either one); `end` says what ends `data`: the last text, the last ref, or anything. `dst` and `user` name refs
 * (1-based). As regexes, their chains of lazy `.*?` let the engine try every split of a long hostile line
 * between them (polynomial time, up to the 5th degree); `dissect` finds each text once with indexOf.
 */
interface DataPattern {
  start: string | { anywhere: readonly string[] };
  texts: readonly string[];
  end: 'text' | 'ref' | 'any';
  dst?: number;
  user?: number;
}
const DATA_PATTERNS: readonly DataPattern[] = [
  {
    start: '#',
    texts: [' attempt detected in an email from #', " - '#", "' (#", "'s mailbox)"],
    end: 'text',
    dst: 4,
  },
  {
    start: { anywhere: ['A user #', 'has detected #'] },
    texts: [' in an email from #', " - '#", "' (#", "'s mailbox)"],
    end: 'text',
    dst: 4,
  },
  {
    start: { anywhere: [" has detected malicious attachment(s) in '#"] },
    texts: ["' (#", "'s mailbox)"],
    end: 'text',
    dst: 2,
  },
  { start: 'User #', texts: [' reported a phishing email #'], end: 'ref', dst: 1 },
  { start: 'Unusual geo activity for #', texts: [': #', ' for the first time from '], end: 'any', user: 1 },
];

/** The characters grok's `.` does not match: no ref, and no text around them, may hold one. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Where the pattern's refs start in `data` (after its opening text), or -1 when it does not open there. */
function refsStart(data: string, start: DataPattern['start']): number {
  if (typeof start === 'string') return data.startsWith(start) ? start.length : -1;
  let best = -1;
  let length = 0;
  for (const text of start.anywhere) {
    const at = data.indexOf(text);
    if (at >= 0 && (best < 0 || at < best)) [best, length] = [at, text.length];
  }
  return best < 0 || LINE_BREAK.test(data.slice(0, best)) ? -1 : best + length;
}

/**
 * The refs of `data` under one pattern, or null when it does not match. A ref ends at the first occurrence of
 * the text after it, as the lazy DATA does: what follows that text always starts with another ref (or is the
 * end), so where the first occurrence fails every later one fails too. A last text must end `data`.
 */
function dissect(data: string, p: DataPattern): string[] | null {
  let at = refsStart(data, p.start);
  if (at < 0) return null;
  const refs: string[] = [];
  for (const [i, text] of p.texts.entries()) {
    const last = p.end === 'text' && i === p.texts.length - 1;
    const next = last ? data.length - text.length : data.indexOf(text, at);
    if (next < at || (last && !data.endsWith(text))) return null;
    refs.push(data.slice(at, next));
    at = next + text.length;
  }
  const rest = data.slice(at);
  if (p.end === 'ref') refs.push(rest);
  return [...refs, rest].some((text) => LINE_BREAK.test(text)) ? null : refs;
}

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
  for (const p of DATA_PATTERNS) {
    const refs = dissect(e.data ?? '', p);
    if (!refs) continue;
    if (p.dst !== undefined) mailbox = labelOf(refs[p.dst - 1]);
    if (p.user !== undefined) geoUser = labelOf(refs[p.user - 1]);
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
