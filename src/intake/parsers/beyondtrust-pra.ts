// BeyondTrust Privileged Remote Access access-session events (JSON from the session-report API:
// `{"event_type", "body", "performed_by": {…}, "destination": {…}, "session": {"lsid", …}}`), mapped as
// Elastic's `beyondtrust_pra.access_session` pipeline maps them (public/private addresses, hosts, users).
import { z } from 'zod';
import type { Alert, Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

/** A session participant: `performed_by` (the representative or system acting) or `destination`. */
const Participant = z
  .object({
    display_name: Text,
    hostname: Text,
    id: Text,
    private_ip: Text,
    public_ip: Text,
    username: Text,
    type: Text,
  })
  .passthrough();

const AccessSessionEvent = z
  .object({
    event_type: z.string(),
    body: Text,
    timestamp: Text,
    performed_by: Participant.nullish(),
    destination: Participant.nullish(),
    session: z.object({ lsid: Text }).passthrough().nullish(),
  })
  .passthrough();
type AccessSessionEvent = z.infer<typeof AccessSessionEvent>;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('event_type' in raw) || typeof raw.event_type !== 'string') return false;
  const session = 'session' in raw ? raw.session : undefined;
  const hasSession = isObject(session) && 'lsid' in session;
  const hasParticipant =
    ('performed_by' in raw && isObject(raw.performed_by) && 'gsnumber' in raw.performed_by) ||
    ('destination' in raw && isObject(raw.destination) && 'gsnumber' in raw.destination);
  return (hasSession || hasParticipant) && AccessSessionEvent.safeParse(raw).success;
}

/** Event types a SOC rates above info (event.action spelling: lower case, words joined by `-`). */
const NOTABLE: Readonly<Record<string, Severity>> = lookupTable({
  'credential-injection-attempt-failed': 'medium',
  'credential-injection-attempt': 'low',
  'command-shell-session-started': 'low',
  'registry-key-deleted': 'low',
  'registry-value-deleted': 'low',
  'registry-value-modified': 'low',
  'file-deleted': 'low',
  'file-upload': 'low',
  'file-download': 'low',
});

function parse(raw: unknown): Alert {
  const e: AccessSessionEvent = AccessSessionEvent.parse(raw);
  const src = e.performed_by;
  const dst = e.destination;
  // related.ip lists destination public, destination private (NAT), source private (NAT), source public.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(bareIndicatorIp(src?.public_ip) ?? undefined);
  obs.dstIp(bareIndicatorIp(dst?.public_ip) ?? undefined);
  for (const ip of [dst?.public_ip, dst?.private_ip, src?.private_ip, src?.public_ip]) {
    obs.ip(bareIndicatorIp(ip) ?? undefined);
  }
  // destination.domain and source.domain are the endpoints' machine names.
  obs.host(dst?.hostname);
  obs.host(src?.hostname);
  for (const u of [dst?.id, dst?.username, src?.display_name, src?.id, src?.username]) obs.user(u);
  const action = e.event_type.trim().toLowerCase().split(/\s+/).join('-');
  const actor = src?.display_name ?? src?.username;
  return parserAlert('beyondtrust_pra', 'beyondtrust_pra.access_session', obs, {
    title: `BeyondTrust PRA: ${e.body ?? e.event_type}${e.body || !actor ? '' : ` by ${actor}`}`,
    severity: NOTABLE[action] ?? 'info',
    observedAt: e.timestamp ? toIsoTime(e.timestamp) : null,
    ruleId: action || null,
  });
}

export const beyondtrustPraParser: Parser = {
  name: 'beyondtrust_pra',
  claims: { keys: ['event_type'], text: false },
  detect,
  parse,
};
