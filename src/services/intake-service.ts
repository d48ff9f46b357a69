// Takes an alert in from any surface: stores the raw bytes before anything else, then opens a case and
// queues its triage. A payload that cannot be read is kept (status `unparsed`) and the caller is told why.
import { randomBytes } from 'node:crypto';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import { sha256 } from '../../graphs/lib/digest.js';
import type { AuditSink } from '../../graphs/triage/ports.js';
import { InvalidInputError } from '../errors.js';
import type { TriageService } from './triage-service.js';

export interface IncomingAlert {
  bytes: Buffer;
  contentType: string | null;
  /** `webhook`, `slack:/triage` or `slack:message`. */
  source: string;
  /** Slack user id, or `webhook`. */
  submittedBy: string;
}

export interface AcceptedAlert {
  alertId: string;
  caseId: number;
  caseKey: string;
}

export interface IntakeServiceDeps {
  alerts: AlertsRepository;
  cases: CasesRepository;
  audit: AuditSink;
  triage: TriageService;
  clock: () => Date;
}

export const newAlertId = (): string => `alr_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

export class IntakeService {
  constructor(private readonly deps: IntakeServiceDeps) {}

  /**
   * Stores the payload, then opens a case for it. Throws InvalidInputError (carrying the stored alert id)
   * when the payload is not one JSON object.
   */
  receive(incoming: IncomingAlert): AcceptedAlert {
    const { alerts, cases, audit, clock } = this.deps;
    const at = clock().toISOString();
    const digest = sha256(incoming.bytes);
    const row = alerts.insert({
      id: newAlertId(),
      source: incoming.source,
      submittedBy: incoming.submittedBy,
      contentType: incoming.contentType,
      raw: incoming.bytes,
      rawSha256: digest,
      status: 'received',
      receivedAt: at,
    });
    audit.append({
      type: 'alert.received',
      actor: incoming.submittedBy,
      data: { alertId: row.id, source: incoming.source, bytes: incoming.bytes.length, sha256: digest },
    });

    const problem = problemWith(incoming.bytes);
    if (problem) {
      alerts.markUnparsed(row.id, problem);
      audit.append({ type: 'alert.unparsed', actor: 'vigil', data: { alertId: row.id, error: problem } });
      throw new InvalidInputError(
        `${problem} It was stored as ${row.id} (status unparsed) so nothing is lost; send one JSON object, e.g. {"title": "…", "source_ip": "203.0.113.7"}.`,
        { alertId: row.id },
      );
    }

    const opened = cases.create({
      title: 'New alert',
      severity: 'info',
      requestedBy: incoming.submittedBy,
      at,
    });
    alerts.attachToCase(row.id, opened.id);
    audit.append({ type: 'case.opened', actor: 'vigil', caseId: opened.id, data: { alertId: row.id } });
    void this.deps.triage.start(opened.id, row.id, incoming.submittedBy);
    return { alertId: row.id, caseId: opened.id, caseKey: caseKey(opened.id) };
  }
}

/** Why the bytes are not one JSON object, or null when they are. */
function problemWith(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'The payload is empty.';
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `The payload is not valid JSON (${detail}).`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `The payload is JSON but not an object (it is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}).`;
  }
  return null;
}
