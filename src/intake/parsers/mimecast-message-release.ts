// Mimecast message release logs (`/api/gateway/get-hold-message-list` releases) as Elastic's
// `mimecast.message_release_logs` pipeline reads them: who released which held message, from whom to whom.
// related.user holds display names, local parts and addresses (sorted); related.hosts the address domains.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'mimecast.message_release_logs';

const Mailbox = z.object({ displayableName: OptionalText, emailAddress: OptionalText });
type Mailbox = z.infer<typeof Mailbox>;

const Release = z.object({
  id: OptionalText,
  status: z.string(),
  released: OptionalText,
  route: OptionalText,
  operator: OptionalText,
  fromEnv: Mailbox.nullish(),
  fromHdr: Mailbox.nullish(),
  to: z.array(Mailbox).nullish(),
  subject: OptionalText,
  heldReason: OptionalText,
  policy: OptionalText,
  rejectReason: OptionalText,
  spamScore: z.union([z.number(), z.string()]).nullish(),
});
type Release = z.infer<typeof Release>;

/** A JSON object, or a text line holding one (as the API's events arrive in Elastic's `message`). */
function objectOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  if (!s.startsWith('{') || s.length > 1_000_000) return null;
  try {
    const v: unknown = JSON.parse(s);
    return v;
  } catch {
    return null;
  }
}

function releaseOf(raw: unknown): Release | null {
  const o = objectOf(raw);
  if (!isObject(o) || !('status' in o) || !('to' in o) || !('fromEnv' in o || 'fromHdr' in o)) return null;
  if (!('released' in o || 'heldReason' in o || 'operator' in o)) return null;
  const p = Release.safeParse(o);
  return p.success ? p.data : null;
}

const detect = (raw: unknown): boolean => {
  try {
    return releaseOf(raw) !== null;
  } catch {
    return false;
  }
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = releaseOf(raw);
  if (!e) throw new Error('not a Mimecast message release record');
  const users = new Set<string>();
  const domains = new Set<string>();
  const address = (a: string | null | undefined): void => {
    const t = a?.trim();
    if (!t) return;
    users.add(t);
    const at = t.lastIndexOf('@');
    if (at > 0) {
      users.add(t.slice(0, at));
      domains.add(t.slice(at + 1));
    }
  };
  const mailbox = (m: Mailbox | null | undefined): void => {
    const name = m?.displayableName?.trim();
    if (name) users.add(name);
    address(m?.emailAddress);
  };
  address(e.operator);
  for (const m of [e.fromEnv, e.fromHdr, ...(e.to ?? [])]) mailbox(m);
  // Elastic's pipeline sorts and de-duplicates related.user and related.hosts.
  const obs = new ObservablesBuilder();
  for (const u of [...users].sort()) obs.user(u);
  for (const d of [...domains].sort()) obs.domain(d);
  for (const a of [
    e.fromEnv?.emailAddress,
    e.fromHdr?.emailAddress,
    ...(e.to ?? []).map((m) => m.emailAddress),
  ])
    obs.email(a);
  obs.email(e.operator);
  return parserAlert(NAME, NAME, obs, {
    title: ['Mimecast held message', e.status, e.heldReason ?? e.policy, e.subject]
      .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      .join(': '),
    severity: /impersonation|malware|virus|phish/i.test(`${e.heldReason ?? ''} ${e.policy ?? ''}`)
      ? 'medium'
      : 'low',
    observedAt: toIsoTime(e.released ?? null),
    ruleId: e.policy ?? null,
  });
}

/** Mimecast message release logs; related.hosts holds the addresses' domains, so they are reported as domains. */
export const mimecastMessageReleaseParser: Parser = {
  name: NAME,
  claims: { keys: ['fromEnv', 'fromHdr'], text: false },
  detect,
  parse,
};
