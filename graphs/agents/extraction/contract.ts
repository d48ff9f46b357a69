// The extraction contract: what every path from a raw vendor payload to a normalised alert must produce,
// whether a deterministic parser, the heuristic extractor or (later) a model-backed micro-agent.
import { z } from 'zod';

/** One severity scale for every source. */
export const Severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** Indicators found in an alert. IPs are validated and written canonically (IPv6 compressed, lower case). */
export const Observables = z.object({
  /** Addresses the activity came from (ECS `source.ip`). */
  srcIps: z.array(z.string()),
  /** Addresses the activity went to (ECS `destination.ip`). */
  dstIps: z.array(z.string()),
  /** Every address that is an indicator of this alert (ECS `related.ip`). */
  ips: z.array(z.string()),
  users: z.array(z.string()),
  hosts: z.array(z.string()),
  domains: z.array(z.string()),
  urls: z.array(z.string()),
  /** File hashes (md5, sha1, sha256), lower case. */
  hashes: z.array(z.string()),
  emails: z.array(z.string()),
  /**
   * The people working the alert in the vendor's console (assignee, resolver), where a parser can tell: listed in
   * `users` too, as the vendor's ECS mapping relates them, but never a response target nor a reason to call two
   * alerts the same or related. Absent when there are none.
   */
  analysts: z.array(z.string()).optional(),
});
export type Observables = z.infer<typeof Observables>;

/**
 * What a person asked Vigil to do with `/vigil block`: block `ip`, for `ttlSeconds` (null: the policy's TTL).
 * `by` is the Slack user who asked; they may never approve it.
 */
export const ActionRequest = z
  .object({
    action: z.literal('block_ip'),
    ip: z.string().min(1),
    ttlSeconds: z.number().int().positive().nullable(),
    by: z.string().min(1),
  })
  .strict();
export type ActionRequest = z.infer<typeof ActionRequest>;

/** A normalised alert: the one shape every later step works on. */
export const Alert = z.object({
  /** Source format, e.g. `suricata.eve`, `cef`, or `unknown`. */
  format: z.string().min(1),
  /**
   * `parser:<name>` when a deterministic parser recognised it, otherwise `extractor`, or `extractor+model:<model>`
   * once the model-backed extraction agent refined the heuristic's reading (it may have chosen the title, the
   * severity and indicators).
   */
  recognizedBy: z.string().regex(/^(parser:[a-z0-9_.-]+|extractor(\+model:[\w.:/-]{1,100})?)$/),
  title: z.string().min(1).max(500),
  severity: Severity,
  /** When the source says the event happened (ISO 8601), if it says. */
  observedAt: z.string().nullable(),
  /** The rule, signature or event id the source reports, used for fingerprints. */
  ruleId: z.string().nullable(),
  observables: Observables,
  /** The model asked to refine the heuristic's reading that failed (or was skipped after failing): it stands. */
  modelFailed: z.string().optional(),
  /**
   * A response a person asked for by hand (`/vigil block`). Set only by intake's reader of the bodies that command
   * files (source `slack:/vigil block`), never by a parser, the extractor or a model: alert content cannot ask.
   */
  request: ActionRequest.optional(),
});
export type Alert = z.infer<typeof Alert>;

/** The model that refined the heuristic's reading of `alert`, or null. */
export function refinedBy(alert: Alert): string | null {
  return alert.recognizedBy.startsWith('extractor+model:')
    ? alert.recognizedBy.slice('extractor+model:'.length)
    : null;
}

/**
 * How the alert was read, as every output labels it: the parser, the heuristic extractor, the model that refined
 * the extractor's reading, or the extractor's reading kept because the model failed.
 */
export function readingOf(alert: Alert): string {
  const model = refinedBy(alert);
  if (model) return `extractor, refined by model ${model}`;
  if (alert.modelFailed)
    return `${alert.recognizedBy} (model ${alert.modelFailed} failed, heuristic reading kept)`;
  return alert.recognizedBy;
}

/** The title of an alert in which nothing said what it is (no title, message or rule name found). */
export const UNRECOGNISED_TITLE = 'Unrecognised alert';

/**
 * The users an alert is about: its users less the analysts working it. An alert assigned to someone, or re-sent
 * once assigned, is still the same alert; two alerts one analyst works are not related by that; and the analyst
 * is never a response target.
 */
export function subjectUsers(o: Observables): string[] {
  if (!o.analysts?.length) return o.users;
  const working = new Set(o.analysts.map((a) => a.toLowerCase()));
  return o.users.filter((u) => !working.has(u.toLowerCase()));
}

export const emptyObservables = (): Observables => ({
  srcIps: [],
  dstIps: [],
  ips: [],
  users: [],
  hosts: [],
  domains: [],
  urls: [],
  hashes: [],
  emails: [],
});

/**
 * Turns any payload (parsed JSON or a raw text line) into an Alert. Implementations never throw:
 * unreadable input still yields a valid alert with a fallback title and empty observables.
 */
export interface Extractor {
  extract(raw: unknown): Alert;
}
