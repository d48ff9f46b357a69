// Jamf Compliance Reporter JSON (macOS audit `AUE_*` records, app metrics and the other event types):
// the Mac's host name, the subject's users and a socket's address, mapped as Elastic's
// `jamf_compliance_reporter` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  isObject,
  OptionalNumber,
  OptionalText,
  parserAlert,
} from './common.js';
import type { Parser } from './parser.js';

const Str = OptionalText;
const Num = OptionalNumber;

const Header = z.object({
  event_name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  event_id: Num,
  time_seconds_epoch: Num,
  time_milliseconds_offset: Num,
});

const Socket = z.object({ ip_address: Str }).nullish();

const Record = z.object({
  header: Header,
  host_info: z.object({ host_name: Str, host_uuid: Str, serial_number: Str }),
  _event_score: Num,
  subject: z
    .object({
      user_name: Str,
      effective_user_name: Str,
      audit_user_name: Str,
      terminal_id: Socket,
    })
    .nullish(),
  attributes: z.object({ owner_user_name: Str }).nullish(),
  event_attributes: z.unknown().optional(),
  socket_inet: Socket,
  socket_inet6: Socket,
  return: z.object({ description: Str, error: Num }).nullish(),
});
type Record = z.infer<typeof Record>;

/** A print job's attributes (PRINT_EVENT_INFORMATION): the job's user. */
const PrintJob = z.object({ job_user: z.string() });

/** The record when `raw` is a Compliance Reporter event (a `header.event_name` and `host_info`); else null. */
function read(raw: unknown): Record | null {
  if (!isObject(raw) || !('header' in raw) || !('host_info' in raw)) return null;
  const r = Record.safeParse(raw);
  return r.success ? r.data : null;
}

/** The event time: `time_seconds_epoch` plus the millisecond offset. */
function observedAt(h: Record['header']): string | null {
  const s = Number(h.time_seconds_epoch);
  if (!Number.isFinite(s) || s <= 0) return null;
  const ms = Number(h.time_milliseconds_offset ?? 0);
  return toIsoTime(new Date(s * 1000 + (Number.isFinite(ms) ? ms : 0)).toISOString());
}

/** Compliance Reporter's event score (0-100) on Vigil's scale. */
function severityOf(score: number): Severity {
  return score >= 90
    ? 'critical'
    : score >= 70
      ? 'high'
      : score >= 40
        ? 'medium'
        : score >= 10
          ? 'low'
          : 'info';
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not a Jamf Compliance Reporter event');
  const obs = new ObservablesBuilder();
  // Elastic: the subject's user_name and effective_user_name (user.name / related.user), the file
  // owner (related.user), the audit user (process.real_user.name, related.user) and a print job's user.
  const s = r.subject;
  obs.user(s?.user_name ?? undefined);
  obs.user(s?.effective_user_name ?? undefined);
  obs.user(r.attributes?.owner_user_name ?? undefined);
  obs.user(s?.audit_user_name ?? undefined);
  const job = PrintJob.safeParse(r.event_attributes);
  if (job.success) obs.user(job.data.job_user);
  obs.host(r.host_info.host_name ?? undefined);
  // Terminal and socket addresses go to related.ip (the unspecified 0.0.0.0 is never an indicator).
  for (const a of [s?.terminal_id?.ip_address, r.socket_inet?.ip_address, r.socket_inet6?.ip_address]) {
    obs.ip(bareIndicatorIp(a) ?? undefined);
  }
  const name = r.header.event_name;
  const outcome = r.return?.description;
  const score = Number(r._event_score ?? 0);
  return parserAlert('jamf_compliance_reporter.log', 'jamf_compliance_reporter.log', obs, {
    title: `Jamf Compliance Reporter: ${name}${outcome ? ` (${outcome})` : ''}`,
    severity: severityOf(Number.isFinite(score) ? score : 0),
    observedAt: observedAt(r.header),
    ruleId: name,
  });
}

export const jamfComplianceReporterParser: Parser = {
  name: 'jamf_compliance_reporter.log',
  claims: { keys: ['header'], text: false },
  detect: detectorOf(read),
  parse,
};
