// Admin By Request EPM API records, bare or as an object under `message`: audit log entries (`traceNo`, `user`,
// `computer`, …) and events (`eventCode`, `eventText`, `computerName`, …), mapped as Elastic's `admin_by_request_epm`
// pipelines map them: the requester's full name and e-mail, or the event's user name, as users; the computer as a host.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'admin_by_request_epm';

const AuditLog = z.object({
  traceNo: z.union([z.string().min(1), z.number()]),
  type: z.string().min(1),
  typeCode: z.number(),
  status: TextField,
  reason: TextField,
  deniedReason: TextField,
  requestTimeUTC: TextField,
  requestTime: TextField,
  user: z.object({ account: TextField, fullName: TextField, email: TextField }).nullish().catch(undefined),
  computer: z.object({ name: TextField, platform: TextField }).nullish().catch(undefined),
  application: z
    .object({
      file: TextField,
      name: TextField,
      sha256: TextField,
      scanResultCode: z.number().nullish().catch(undefined),
    })
    .nullish()
    .catch(undefined),
});
type AuditLog = z.infer<typeof AuditLog>;

const EpmEvent = z.object({
  eventCode: z.number(),
  eventText: z.string().min(1),
  eventLevel: z.number().nullish().catch(undefined),
  eventTimeUTC: TextField,
  eventTime: TextField,
  computerName: TextField,
  userAccount: TextField,
  userName: TextField,
  application: z.object({ file: TextField, sha256: TextField }).nullish().catch(undefined),
});
type EpmEvent = z.infer<typeof EpmEvent>;

type EpmRecord = { kind: 'auditlog'; rec: AuditLog } | { kind: 'events'; rec: EpmEvent };

function read(payload: unknown): EpmRecord | null {
  if (!isObject(payload)) return null;
  // A pipeline-test or agent envelope keeps the API record as an object under `message`.
  const raw = 'message' in payload && isObject(payload.message) ? payload.message : payload;
  if ('traceNo' in raw && 'typeCode' in raw && ('user' in raw || 'computer' in raw)) {
    const r = AuditLog.safeParse(raw);
    return r.success ? { kind: 'auditlog', rec: r.data } : null;
  }
  if (
    'eventCode' in raw &&
    'eventText' in raw &&
    'computerName' in raw &&
    ('eventTimeUTC' in raw || 'eventTime' in raw)
  ) {
    const r = EpmEvent.safeParse(raw);
    return r.success ? { kind: 'events', rec: r.data } : null;
  }
  return null;
}

const detect = detectorOf(read);

/** The API writes UTC times without a zone (`2024-01-01T10:00:00`); read them as UTC. */
function utc(value: string | undefined): string | null {
  if (!value) return null;
  return toIsoTime(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

/** Blocked or denied executions and malware findings: worth a look. */
const ALARMING = /block|denied|malware|threat|virus|quarantin|fail/i;

function auditSeverity(a: AuditLog): Severity {
  if ((a.application?.scanResultCode ?? 0) > 0) return 'high';
  if (a.deniedReason || ALARMING.test(a.status ?? '')) return 'medium';
  return 'low';
}

function parseAuditLog(a: AuditLog): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.user(a.user?.fullName);
  obs.user(a.user?.email);
  obs.email(a.user?.email);
  obs.host(a.computer?.name);
  obs.hash(a.application?.sha256);
  const who = a.user?.fullName ?? a.user?.account ?? 'unknown user';
  const where = a.computer?.name ? ` on ${a.computer.name}` : '';
  const app = a.application?.name ?? a.application?.file;
  return parserAlert(NAME, 'admin_by_request_epm.auditlog', obs, {
    title: `Admin By Request: ${a.type}${a.status ? ` ${a.status}` : ''} for ${who}${where}${app ? ` (${app})` : ''}`,
    severity: auditSeverity(a),
    observedAt: utc(a.requestTimeUTC ?? a.requestTime),
    ruleId: a.type,
  });
}

function parseEvent(e: EpmEvent): ReturnType<Parser['parse']> {
  const obs = new ObservablesBuilder();
  obs.user(e.userName);
  obs.host(e.computerName);
  obs.hash(e.application?.sha256);
  const where = e.computerName ? ` on ${e.computerName}` : '';
  return parserAlert(NAME, 'admin_by_request_epm.events', obs, {
    title: `Admin By Request: ${e.eventText}${where}`,
    severity: ALARMING.test(e.eventText) ? 'medium' : 'info',
    observedAt: utc(e.eventTimeUTC ?? e.eventTime),
    ruleId: e.eventCode,
  });
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (!r) throw new Error('not an Admin By Request EPM record');
  return r.kind === 'auditlog' ? parseAuditLog(r.rec) : parseEvent(r.rec);
}

export const adminByRequestEpmParser: Parser = {
  name: NAME,
  claims: { keys: ['traceNo', 'eventCode', 'message'], text: false },
  detect,
  parse,
};
