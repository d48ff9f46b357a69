// Linux audit events already decoded by the Elastic Agent's Auditd Manager (or Auditbeat's auditd module):
// ECS JSON with an `auditd` object (message type, summary, data). Elastic's auditd_manager.auditd pipeline
// keeps the agent's user, related.*, source/destination and host fields, so this parser reads those.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { TextField, detectorOf, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const Names = z.array(z.unknown()).catch([]);
const Named = z.object({ name: TextField }).passthrough().nullish().catch(undefined);
const Endpoint = z.object({ ip: TextField }).passthrough().nullish().catch(undefined);

const AuditdEvent = z.object({
  '@timestamp': TextField,
  auditd: z.object({
    message_type: TextField,
    result: TextField,
    summary: z
      .object({
        actor: z
          .object({ primary: TextField, secondary: TextField })
          .passthrough()
          .nullish()
          .catch(undefined),
        object: z.object({ primary: TextField, type: TextField }).passthrough().nullish().catch(undefined),
        how: TextField,
      })
      .passthrough()
      .nullish()
      .catch(undefined),
  }),
  event: z
    .object({
      action: TextField,
      outcome: TextField,
      module: TextField,
      original: z
        .union([z.string(), z.array(z.unknown())])
        .nullish()
        .catch(undefined),
    })
    .passthrough()
    .nullish()
    .catch(undefined),
  service: z.object({ type: TextField }).passthrough().nullish().catch(undefined),
  data_stream: z.object({ dataset: TextField }).passthrough().nullish().catch(undefined),
  user: Named,
  host: Named,
  source: Endpoint,
  destination: Endpoint,
  related: z
    .object({ user: Names, ip: Names, hosts: Names })
    .partial()
    .passthrough()
    .nullish()
    .catch(undefined),
});
type AuditdEvent = z.infer<typeof AuditdEvent>;

/** An Auditd Manager / Auditbeat event: an `auditd` object with a message type or summary, from the auditd service. */
function read(raw: unknown): AuditdEvent | null {
  if (!isObject(raw) || !('auditd' in raw) || !isObject(raw.auditd)) return null;
  const e = AuditdEvent.safeParse(raw);
  if (!e.success) return null;
  const d = e.data;
  if (!d.auditd.message_type && !d.auditd.summary) return null;
  const fromAuditd =
    d.service?.type === 'auditd' ||
    d.event?.module === 'auditd' ||
    (d.data_stream?.dataset ?? '').startsWith('auditd_manager');
  return fromAuditd ? d : null;
}

const texts = (values: readonly unknown[] | undefined): string[] =>
  (values ?? []).filter((v): v is string => typeof v === 'string');

/** The names of the user's audit roles (`user.audit.name`, `user.effective.name`, `user.new_auid.name` …). */
function roleUsers(user: AuditdEvent['user']): string[] {
  if (!user) return [];
  return Object.values(user).flatMap((role) =>
    isObject(role) && 'name' in role && typeof role.name === 'string' ? [role.name] : [],
  );
}

/** The audit record's epoch time (`msg=audit(1610903553.686:584)`) when the event has no @timestamp. */
function originalTime(original: string | readonly unknown[] | null | undefined): string | null {
  const first = typeof original === 'string' ? original : texts(original ?? [])[0];
  const m = first ? /msg=audit\((\d+(?:\.\d+)?):/.exec(first) : null;
  return m ? toIsoTime(Number(m[1])) : null;
}

/** Failures and kernel anomalies (AVC denials, ANOM_*, integrity) are worth a look; the rest is routine. */
function severityOf(type: string, failed: boolean): Severity {
  if (/^(?:anom|avc|selinux_err|integrity)/i.test(type)) return 'medium';
  return failed ? 'medium' : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not an Auditd Manager event');
  // As Elastic emits them: source/destination.ip are not copied into related.ip unless the agent did so.
  const obs = new ObservablesBuilder(false);
  obs.srcIp(e.source?.ip);
  obs.dstIp(e.destination?.ip);
  for (const ip of texts(e.related?.ip)) obs.ip(ip);
  obs.user(e.user?.name);
  for (const u of texts(e.related?.user)) obs.user(u);
  // The agent builds related.user from these; an export that drops related.* keeps them.
  for (const u of roleUsers(e.user)) obs.user(u);
  obs.host(e.host?.name);
  for (const h of texts(e.related?.hosts)) obs.host(h);
  const type = e.auditd.message_type ?? 'audit';
  const outcome = e.event?.outcome ?? e.auditd.result;
  const failed = outcome === 'failure' || outcome === 'fail';
  const actor = e.auditd.summary?.actor?.secondary ?? e.auditd.summary?.actor?.primary;
  const object = e.auditd.summary?.object?.primary;
  return parserAlert('auditd_manager.auditd', 'auditd_manager.auditd', obs, {
    title: `auditd ${type}${e.event?.action ? ` ${e.event.action}` : ''}${actor ? ` by ${actor}` : ''}${
      object ? ` on ${object}` : ''
    }${outcome ? ` (${outcome})` : ''}`,
    severity: severityOf(type, failed),
    observedAt: toIsoTime(e['@timestamp']) ?? originalTime(e.event?.original),
    ruleId: type.toUpperCase(),
  });
}

export const auditdManagerParser: Parser = {
  name: 'auditd_manager.auditd',
  claims: { keys: ['auditd'], text: false },
  detect: detectorOf(read),
  parse,
};
