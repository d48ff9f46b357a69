// Takes alerts in from any surface. The raw bytes are stored before anything else; then each alert is
// normalised and either counted as a repeat of a recent case (same fingerprint), linked to an open case
// that shares an entity, or opened as a new case whose triage is queued. What cannot be read is kept
// (status `unparsed`) and the caller is told why.
import { randomBytes } from 'node:crypto';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import type { CaseEntitiesRepository } from '../../db/repositories/case-entities.js';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import { Alert } from '../../graphs/agents/extraction/contract.js';
import { sha256 } from '../../graphs/lib/digest.js';
import type { AuditSink } from '../../graphs/triage/ports.js';
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.js';
import { entitiesOf, fingerprintOf } from '../intake/fingerprint.js';
import {
  ACCEPTED_MEDIA_TYPES,
  MAX_ITEMS_PER_BODY,
  splitPayload,
  type PayloadItem,
} from '../intake/split-payload.js';
import type { CaseUpdates } from './case-updates.js';
import type { TriageService } from './triage-service.js';

export interface IncomingAlert {
  bytes: Buffer;
  contentType: string | null;
  /** `webhook`, `slack:/triage` or `slack:message`. */
  source: string;
  /** Slack user or bot id, or `webhook`. */
  submittedBy: string;
}

export interface AcceptedAlert {
  alertId: string;
  caseId: number;
  caseKey: string;
  /** `opened` a new case, `repeat` of a recent case's alert, or `linked` to an open case by a shared entity. */
  relation: 'opened' | 'repeat' | 'linked';
}

export interface UnparsedAlert {
  alertId: string;
  error: string;
}

export interface IntakeResult {
  accepted: AcceptedAlert[];
  unparsed: UnparsedAlert[];
}

export interface IntakeServiceDeps {
  alerts: AlertsRepository;
  cases: CasesRepository;
  entities: CaseEntitiesRepository;
  audit: AuditSink;
  triage: TriageService;
  updates: CaseUpdates;
  normalize: (raw: unknown) => Alert;
  /** Runs `work` in one database transaction. */
  transaction: <T>(work: () => T) => T;
  clock: () => Date;
  dedupeWindowSeconds: number;
}

export const newAlertId = (): string => `alr_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

type Stored = { alertId: string; item: PayloadItem };
type Decided = AcceptedAlert & { alert: Alert; shared?: string };

export class IntakeService {
  constructor(private readonly deps: IntakeServiceDeps) {}

  /**
   * Stores, normalises and routes every alert in the body. Throws InvalidInputError (carrying the stored
   * alert ids) when nothing in it could be read, UnsupportedMediaTypeError for a media type Vigil does
   * not read (the body is still stored), PayloadTooLargeError for more alerts than one body may carry.
   */
  receive(incoming: IncomingAlert): IntakeResult {
    const split = splitPayload(incoming.bytes, incoming.contentType);
    if (split.kind === 'too_many') {
      throw new PayloadTooLargeError(
        `The body holds ${split.count} alerts; send at most ${MAX_ITEMS_PER_BODY} per request.`,
      );
    }
    if (split.kind === 'unsupported') {
      const error = `Vigil does not read ${split.mediaType} bodies; send ${ACCEPTED_MEDIA_TYPES}.`;
      const [stored] = this.store(incoming, [{ ok: false, bytes: incoming.bytes, error }]);
      if (stored) this.markUnparsed([{ alertId: stored.alertId, error }]);
      throw new UnsupportedMediaTypeError(
        `${error} The body was stored as ${stored?.alertId} (status unparsed).`,
        {
          alertId: stored?.alertId,
        },
      );
    }

    const stored = this.store(incoming, split.items);
    const unparsed: UnparsedAlert[] = [];
    const readable: Array<{ alertId: string; alert: Alert }> = [];
    for (const { alertId, item } of stored) {
      if (!item.ok) {
        unparsed.push({ alertId, error: item.error });
        continue;
      }
      const normalised = this.normalise(item.raw);
      if (normalised.ok) readable.push({ alertId, alert: normalised.alert });
      else unparsed.push({ alertId, error: normalised.error });
    }
    if (unparsed.length) this.markUnparsed(unparsed);
    const decided = this.route(readable, incoming.submittedBy);
    this.announce(decided, incoming.submittedBy);

    if (!decided.length) {
      const first = unparsed[0];
      throw new InvalidInputError(
        `${first?.error ?? 'Nothing in the body could be read.'} It was stored as ${first?.alertId} (status unparsed) so nothing is lost; send a JSON alert object, NDJSON, or one text line per alert.`,
        { alertId: first?.alertId, alertIds: unparsed.map((u) => u.alertId) },
      );
    }
    return {
      accepted: decided.map(({ alertId, caseId, caseKey, relation }) => ({
        alertId,
        caseId,
        caseKey,
        relation,
      })),
      unparsed,
    };
  }

  /** Record first: every piece of the body, verbatim, with an audit row, in one transaction. */
  private store(incoming: IncomingAlert, items: PayloadItem[]): Stored[] {
    const { alerts, audit, clock, transaction } = this.deps;
    const at = clock().toISOString();
    return transaction(() =>
      items.map((item) => {
        const digest = sha256(item.bytes);
        const alertId = newAlertId();
        alerts.insert({
          id: alertId,
          source: incoming.source,
          submittedBy: incoming.submittedBy,
          contentType: incoming.contentType,
          raw: item.bytes,
          rawSha256: digest,
          status: 'received',
          receivedAt: at,
        });
        audit.append({
          type: 'alert.received',
          actor: incoming.submittedBy,
          data: { alertId, source: incoming.source, bytes: item.bytes.length, sha256: digest },
        });
        return { alertId, item };
      }),
    );
  }

  private normalise(raw: unknown): { ok: true; alert: Alert } | { ok: false; error: string } {
    try {
      return { ok: true, alert: Alert.parse(this.deps.normalize(raw)) };
    } catch (error) {
      return {
        ok: false,
        error: `Vigil could not normalise it (${error instanceof Error ? error.message : String(error)}).`,
      };
    }
  }

  private markUnparsed(unparsed: UnparsedAlert[]): void {
    this.deps.transaction(() => {
      for (const { alertId, error } of unparsed) {
        this.deps.alerts.markUnparsed(alertId, error);
        this.deps.audit.append({ type: 'alert.unparsed', actor: 'vigil', data: { alertId, error } });
      }
    });
  }

  /** Repeat, link or open, for each readable alert, in one transaction. */
  private route(readable: Array<{ alertId: string; alert: Alert }>, requestedBy: string): Decided[] {
    if (!readable.length) return [];
    const { alerts, cases, entities, audit, clock, transaction, dedupeWindowSeconds } = this.deps;
    const now = clock();
    const at = now.toISOString();
    const since = new Date(now.getTime() - dedupeWindowSeconds * 1000).toISOString();
    return transaction(() =>
      readable.map(({ alertId, alert }): Decided => {
        const fingerprint = fingerprintOf(alert);
        const involved = entitiesOf(alert);
        alerts.recordNormalized(alertId, JSON.stringify(alert), fingerprint);

        const repeated = cases.findRecentByFingerprint(fingerprint, since);
        if (repeated) {
          const bumped = cases.recordRepeat(repeated.id, at);
          alerts.attachToCase(alertId, repeated.id, 'repeat');
          entities.touch(repeated.id, involved, at);
          audit.append({
            type: 'alert.repeated',
            actor: 'vigil',
            caseId: repeated.id,
            data: { alertId, fingerprint, occurrences: bumped?.occurrences ?? null },
          });
          return { alertId, caseId: repeated.id, caseKey: caseKey(repeated.id), relation: 'repeat', alert };
        }

        const shared = entities.openCaseSharing(involved, since);
        if (shared) {
          alerts.attachToCase(alertId, shared.caseId, 'linked');
          entities.touch(shared.caseId, involved, at);
          audit.append({
            type: 'alert.linked',
            actor: 'vigil',
            caseId: shared.caseId,
            data: { alertId, fingerprint, shared: { kind: shared.kind, value: shared.value } },
          });
          return {
            alertId,
            caseId: shared.caseId,
            caseKey: caseKey(shared.caseId),
            relation: 'linked',
            alert,
            shared: `${shared.kind} ${shared.value}`,
          };
        }

        const opened = cases.create({
          title: alert.title,
          severity: alert.severity,
          requestedBy,
          at,
          fingerprint,
        });
        alerts.attachToCase(alertId, opened.id, 'opened');
        entities.touch(opened.id, involved, at);
        audit.append({
          type: 'case.opened',
          actor: 'vigil',
          caseId: opened.id,
          data: { alertId, fingerprint },
        });
        return { alertId, caseId: opened.id, caseKey: caseKey(opened.id), relation: 'opened', alert };
      }),
    );
  }

  /** After the commit: start triage for new cases; tell existing cases' messages (throttled). */
  private announce(decided: Decided[], requestedBy: string): void {
    for (const d of decided) {
      if (d.relation === 'opened') void this.deps.triage.start(d.caseId, d.alertId, requestedBy);
      else if (d.relation === 'repeat') this.deps.updates.changed(d.caseId);
      else
        this.deps.updates.linked(
          d.caseId,
          `${d.alert.title} (${d.alert.severity}), shares ${d.shared ?? 'an entity'} · ${d.alertId}`,
        );
    }
  }
}
