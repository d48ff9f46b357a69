// Takes alerts in from any surface. Requests that arrive together are filed in one transaction (group
// commit) and each caller is answered once it is durable: every alert is stored verbatim with what became
// of it, counted as a repeat of a recent case (same fingerprint), linked to an open case that shares an
// entity, or opened as a new case whose triage is queued. What cannot be read is kept (status `unparsed`)
// and the caller is told why.
import { randomBytes } from 'node:crypto';
import type { AlertRow, AlertsRepository, FiledAlert } from '../../db/repositories/alerts.js';
import type { CaseEntitiesRepository, Entity, SharedEntity } from '../../db/repositories/case-entities.js';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import type { OwedNote, OwedNotesRepository } from '../../db/repositories/owed-notes.js';
import { Severity, type Alert } from '../../graphs/agents/extraction/contract.js';
import { sha256 } from '../../graphs/lib/digest.js';
import type { AuditFact } from '../audit/audit-log.js';
import {
  FilingFailedError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  type VigilError,
} from '../errors.js';
import { BLOCK_REQUEST_SOURCE, readBlockRequest } from '../intake/block-request.js';
import { entitiesOf, fingerprintOf, linkKeys } from '../intake/fingerprint.js';
import {
  ACCEPTED_MEDIA_TYPES,
  MAX_ITEMS_PER_BODY,
  splitPayload,
  type PayloadItem,
} from '../intake/split-payload.js';
import { LISTED_LINES, type CaseUpdates } from './case-updates.js';
import type { TriageService } from './triage-service.js';

export interface IncomingAlert {
  bytes: Buffer;
  contentType: string | null;
  /**
   * `webhook`, `slack:/triage`, `slack:message`, or `slack:/vigil block` (`BLOCK_REQUEST_SOURCE`: a body only that
   * command files, read by its own reader into a person's request).
   */
  source: string;
  /** Slack user or bot id, or `webhook`. */
  submittedBy: string;
  /**
   * Set when the body cannot be read at all (an unknown Content-Encoding, a gzip body that does not
   * decompress): it is stored as it came, status `unparsed`, and refused with this error.
   */
  unreadable?: { error: string; status: 400 | 415 };
  /** Set when these are the stored bytes of an `unparsed` alert read again: it is filed under this id. */
  rereadOf?: string;
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
  /** Appends a batch's facts in order, in one step. */
  audit: { appendAll(facts: readonly AuditFact[]): unknown };
  triage: TriageService;
  updates: CaseUpdates;
  /** Where a batch records the thread notes it owes existing cases (in its transaction). */
  owed?: Pick<OwedNotesRepository, 'add'>;
  normalize: (raw: unknown) => Alert;
  /** Runs `work` in one database transaction. */
  transaction: <T>(work: () => T) => T;
  clock: () => Date;
  dedupeWindowSeconds: number;
  /** Whether an address is inside the organisation's own networks (policy), read per alert: such addresses link nothing. */
  ipInternal: () => (ip: string) => boolean;
}

/** Random bytes drawn in bulk: one system call per 4096 ids, not one per alert. */
let entropy = Buffer.alloc(0);
let offset = 0;
export function newAlertId(): string {
  if (offset + 6 > entropy.length) {
    entropy = randomBytes(6 * 4096);
    offset = 0;
  }
  offset += 6;
  return `alr_${Date.now().toString(36)}${entropy.toString('hex', offset - 6, offset)}`;
}

const newBatch = (): Batch => ({
  announcements: [],
  facts: [],
  caseOf: new Map(),
  repeats: new Map(),
  touched: new Set(),
  linked: new Map(),
});

/** A normalised alert with what intake derives from it; cached by the raw bytes' digest. */
interface Reading {
  alert: Alert;
  json: string;
  fingerprint: string;
  entities: Entity[];
}

type Announcement =
  | { kind: 'opened'; caseId: number; alertId: string; requestedBy: string; severity: Severity }
  | { kind: 'repeat'; caseId: number }
  | { kind: 'linked'; caseId: number; line: string }
  /** Something people working the case should read in its thread (a repeat at a higher severity, or after it was resolved). */
  | { kind: 'noted'; caseId: number; title: string; line: string };

/** The thread notes a batch owes: its linked and noted lines, by case and title, listed as a note lists them. */
function owedOf(announcements: readonly Announcement[]): OwedNote[] {
  const owed = new Map<string, OwedNote>();
  for (const a of announcements) {
    if (a.kind !== 'linked' && a.kind !== 'noted') continue;
    const title = a.kind === 'noted' ? a.title : null;
    const key = `${a.caseId}|${title ?? ''}`;
    let note = owed.get(key);
    if (!note) {
      note = { caseId: a.caseId, title, lines: [], more: 0 };
      owed.set(key, note);
    }
    if (note.lines.length < LISTED_LINES) note.lines.push(a.line);
    else note.more += 1;
  }
  return [...owed.values()];
}

/** What one batch (one transaction) has learned so far; repeats within it are counted together. */
interface Batch {
  announcements: Announcement[];
  /** Audit facts, appended together before the batch commits. */
  facts: AuditFact[];
  /** Cases already found (or opened) for a fingerprint in this batch. */
  caseOf: Map<string, number>;
  /** Repeats counted in memory per case; written with one update at the end of the batch. */
  repeats: Map<number, CountedRepeats>;
  /** Case entities already refreshed in this batch (they share one timestamp). */
  touched: Set<string>;
  /** Fingerprints this batch linked to a case: kept once it commits. */
  linked: Map<string, LinkedFingerprint>;
}

/** The case an alert's fingerprint was linked to, and when. */
interface LinkedFingerprint {
  caseId: number;
  at: string;
}

/** A committed batch: what it learned, and each body's outcome in order. */
interface Filed {
  state: Batch;
  outcomes: Array<IntakeResult | VigilError>;
}

interface Pending {
  incoming: IncomingAlert;
  resolve: (result: IntakeResult) => void;
  reject: (error: unknown) => void;
}

/**
 * A case's repeats in one batch: its count so far, its severity and status as the batch found them, and when its
 * thread was told an alert came in again after it was resolved.
 */
interface CountedRepeats {
  occurrences: number;
  unwritten: number;
  at: string;
  severity: string;
  status: string;
  seenAfterResolvedAt: string | null;
}

const SEVERITIES: readonly string[] = Severity.options;
const rank = (severity: string): number => SEVERITIES.indexOf(severity);

/** How many linked fingerprints intake remembers at most. */
const REMEMBERED = 10_000;

/** Forgets the oldest entries (in insertion order) of an in-memory cache grown past `max`. */
function trimOldest<K>(cache: Map<K, unknown> | Set<K>, max: number): void {
  for (const key of cache.keys()) {
    if (cache.size <= max) return;
    cache.delete(key);
  }
}

/** A normalised alert with what intake derives from it. */
const readingOf = (alert: Alert, digest: string): Reading => ({
  alert,
  json: JSON.stringify(alert),
  fingerprint: fingerprintOf(alert, digest),
  entities: entitiesOf(alert),
});

/** Readings kept for exact repeats; normalisation is pure, so the same bytes always read the same. */
const READING_CACHE_SIZE = 5_000;

/** Intake counts as busy (a burst) from this many alerts filed within the last 500 ms (100 a second). */
const BURST_ALERTS = 50;
const BURST_WINDOW_MS = 250;

export class IntakeService {
  private queue: Pending[] = [];
  private scheduled = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  /** Alerts filed in the current window and the one before it (a sliding 500 ms, in two halves). */
  private windowStart = Number.NEGATIVE_INFINITY;
  private inWindow = 0;
  private inPrevious = 0;
  private readonly readings = new Map<string, Reading>();
  /** Fingerprints of linked alerts and the case each went to, oldest first (kept in memory: a restart forgets). */
  private readonly linkedFingerprints = new Map<string, LinkedFingerprint>();

  constructor(private readonly deps: IntakeServiceDeps) {}

  /**
   * Files every alert in the body and resolves once it is committed. Rejects with InvalidInputError
   * (carrying the stored alert ids) when nothing in it could be read, UnsupportedMediaTypeError for a media
   * type Vigil does not read (the body is still stored), PayloadTooLargeError for too many alerts.
   */
  receive(incoming: IncomingAlert): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ incoming, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Everything that arrives before the event loop comes round again is filed together.
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Reads a stored `unparsed` alert's bytes again (a parser added since, or a fault of Vigil's while filing it) and,
   * when they now read as one alert, files it under the same id as a new arrival would be (a case opened, or a
   * repeat or link), brought in by `by`. Audited either way (`alert.reread`, with its outcome). Throws NotFoundError
   * for an unknown id, InvalidInputError when the alert is not unparsed or still cannot be read.
   */
  async reread(alertId: string, by: string, source: string): Promise<IntakeResult> {
    const row = this.deps.alerts.get(alertId);
    if (!row) throw new NotFoundError(`There is no stored alert ${alertId}.`);
    if (row.status !== 'unparsed')
      throw new InvalidInputError(`${alertId} was read already; it is not waiting to be read again.`);
    const error = this.rereadError(row);
    if (error !== undefined) {
      this.deps.audit.appendAll([
        { type: 'alert.reread', actor: by, data: { alertId, source, outcome: 'unparsed', error } },
      ]);
      throw new InvalidInputError(`${alertId} still cannot be read: ${error}`);
    }
    return this.receive({
      bytes: row.raw,
      contentType: row.contentType,
      source,
      submittedBy: by,
      rereadOf: alertId,
    });
  }

  /** Why a stored body still cannot be filed as one alert, or undefined when it now can. */
  private rereadError(row: AlertRow): string | undefined {
    const split = splitPayload(row.raw, row.contentType);
    if (split.kind !== 'items') return row.error ?? 'its body cannot be split into alerts';
    const [item, ...more] = split.items;
    if (!item || more.length)
      return `its body holds ${split.items.length} alerts; send them again (POST /alerts, or /triage with the text)`;
    if (!item.ok) return item.error;
    const reading = this.read(sha256(item.bytes), item.raw);
    return 'error' in reading ? reading.error : undefined;
  }

  /**
   * True while alerts keep arriving (some wait to be filed, or a batch was filed in the last 25 ms) or during
   * a burst (100 a second or more over the last half second): background work can wait. The window keeps a
   * burst a burst through a moment in which the event loop was busy elsewhere.
   */
  busy(): boolean {
    const now = performance.now();
    if (this.scheduled || now - this.lastFlushAt < 25) return true;
    this.roll(now);
    return this.inWindow + this.inPrevious >= BURST_ALERTS;
  }

  private roll(now: number): void {
    const elapsed = now - this.windowStart;
    if (elapsed < BURST_WINDOW_MS) return;
    this.inPrevious = elapsed < 2 * BURST_WINDOW_MS ? this.inWindow : 0;
    this.inWindow = 0;
    this.windowStart = now;
  }

  /** Files everything queued so far in one transaction, then answers each caller. */
  private flush(): void {
    this.lastFlushAt = performance.now();
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    let filed: Filed;
    try {
      filed = this.fileTogether(batch);
    } catch (error) {
      this.fileOneByOne(batch, error);
      return;
    }
    this.settle(batch, filed);
  }

  /** Files the bodies in one transaction; throws, having rolled it all back, if filing fails. */
  private fileTogether(pending: readonly Pending[]): Filed {
    const state = newBatch();
    const outcomes = this.deps.transaction(() => {
      const filed = pending.map((p) => this.file(p.incoming, state));
      for (const [caseId, r] of state.repeats)
        if (r.unwritten) this.deps.cases.recordRepeat(caseId, r.at, r.unwritten);
      // What the batch owes existing cases' threads, in one row: told after the commit, and after a stop too.
      this.deps.owed?.add(owedOf(state.announcements), this.deps.clock().toISOString());
      this.deps.audit.appendAll(state.facts);
      return filed;
    });
    return { state, outcomes };
  }

  /** After the commit: keeps what the batch noted in memory, starts triage and answers each caller. */
  private settle(pending: readonly Pending[], { state, outcomes }: Filed): void {
    for (const [fingerprint, linked] of state.linked) this.rememberLinked(fingerprint, linked);
    this.roll(performance.now());
    for (const outcome of outcomes) {
      this.inWindow += outcome instanceof Error ? 1 : outcome.accepted.length + outcome.unparsed.length;
    }
    this.announce(state.announcements);
    pending.forEach((p, i) => {
      const outcome = outcomes[i];
      if (!outcome || outcome instanceof Error) p.reject(outcome);
      else p.resolve(outcome);
    });
  }

  /**
   * A batch that failed while being filed (a fault of Vigil's: an unreadable body is stored `unparsed` within
   * the batch) was rolled back with every body in it, and nothing it noted in memory was kept. Each body is then
   * filed again on its own, so a body that trips the fault does not take the others down with it. One that fails
   * on its own too is stored as it came, `unparsed` with the failure, so nothing a sender sent is lost, and its
   * caller is told the id (the failure's own words stay with the body, for analysts: senders and channels are not
   * shown Vigil's internals). Only when that fails too (the database itself) does a caller get the bare error.
   */
  private fileOneByOne(batch: readonly Pending[], error: unknown): void {
    for (const p of batch) {
      let failure = error;
      if (batch.length > 1) {
        let filed: Filed | undefined;
        try {
          filed = this.fileTogether([p]);
        } catch (again) {
          failure = again;
        }
        if (filed) {
          this.settle([p], filed);
          continue;
        }
      }
      this.keepUnparsed(p, failure);
    }
  }

  private keepUnparsed(p: Pending, error: unknown): void {
    const reason = `Vigil failed while filing it (${error instanceof Error ? error.message : String(error)})`;
    try {
      const alertId = this.deps.transaction(() => {
        const state = newBatch();
        const id = this.storeUnparsed(state, p.incoming, p.incoming.bytes, reason);
        this.deps.audit.appendAll(state.facts);
        return id;
      });
      p.reject(
        new FilingFailedError(
          `Vigil failed while filing this body (an internal error, recorded with it). The body was kept as ${alertId} (status unparsed); sending it again is safe.`,
          { alertId },
        ),
      );
    } catch {
      p.reject(error);
    }
  }

  /** One request's body: split, read, routed and stored, inside the batch's transaction. */
  private file(incoming: IncomingAlert, batch: Batch): IntakeResult | VigilError {
    if (incoming.unreadable) {
      const { error, status } = incoming.unreadable;
      const alertId = this.storeUnparsed(batch, incoming, incoming.bytes, error);
      const message = `${error} The body was stored as ${alertId} (status unparsed).`;
      return status === 415
        ? new UnsupportedMediaTypeError(message, { alertId })
        : new InvalidInputError(message, { alertId, alertIds: [alertId] });
    }
    // Two re-reads of one alert at once: the first files it, the second finds it read.
    if (incoming.rereadOf && this.deps.alerts.get(incoming.rereadOf)?.status !== 'unparsed')
      return new InvalidInputError(
        `${incoming.rereadOf} was read already; it is not waiting to be read again.`,
      );
    const split = splitPayload(incoming.bytes, incoming.contentType);
    if (split.kind === 'too_many') {
      return new PayloadTooLargeError(
        `The body holds ${split.count} alerts; send at most ${MAX_ITEMS_PER_BODY} per request.`,
      );
    }
    if (split.kind === 'unsupported') {
      const error = `Vigil does not read ${split.mediaType} bodies; send ${ACCEPTED_MEDIA_TYPES}.`;
      const alertId = this.storeUnparsed(batch, incoming, incoming.bytes, error);
      return new UnsupportedMediaTypeError(`${error} The body was stored as ${alertId} (status unparsed).`, {
        alertId,
      });
    }
    const result: IntakeResult = { accepted: [], unparsed: [] };
    for (const item of split.items) this.fileItem(incoming, item, result, batch);
    if (result.accepted.length) return result;
    const first = result.unparsed[0];
    return new InvalidInputError(
      `${first?.error ?? 'Nothing in the body could be read.'} It was stored as ${first?.alertId} (status unparsed) so nothing is lost; send a JSON alert object, NDJSON, or one text line per alert.`,
      { alertId: first?.alertId, alertIds: result.unparsed.map((u) => u.alertId) },
    );
  }

  private fileItem(incoming: IncomingAlert, item: PayloadItem, result: IntakeResult, batch: Batch): void {
    if (!item.ok) {
      result.unparsed.push({
        alertId: this.storeUnparsed(batch, incoming, item.bytes, item.error),
        error: item.error,
      });
      return;
    }
    const digest = sha256(item.bytes);
    const request = incoming.source === BLOCK_REQUEST_SOURCE && !incoming.rereadOf;
    const reading = request
      ? this.readRequest(digest, item.raw, incoming.submittedBy)
      : this.read(digest, item.raw);
    if ('error' in reading) {
      result.unparsed.push({
        alertId: this.storeUnparsed(batch, incoming, item.bytes, reading.error, digest),
        error: reading.error,
      });
      return;
    }
    const { cases, entities, alerts } = this.deps;
    const { announcements } = batch;
    const now = this.deps.clock();
    const at = now.toISOString();
    const since = new Date(now.getTime() - this.deps.dedupeWindowSeconds * 1000).toISOString();
    const alertId = incoming.rereadOf ?? newAlertId();

    let caseId: number;
    let relation: AcceptedAlert['relation'];
    let relationFacts: Record<string, unknown> = {};
    // A person's request repeats the open case asking for the same (whenever it was asked), and is never linked
    // into another case: it is worked in a case of its own.
    const repeatOf = request
      ? (batch.caseOf.get(reading.fingerprint) ?? cases.findOpenByFingerprint(reading.fingerprint))
      : (batch.caseOf.get(reading.fingerprint) ??
        cases.findRecentByFingerprint(reading.fingerprint, since) ??
        this.linkedCase(batch, reading.fingerprint, since));
    const shared = repeatOf === undefined && !request ? this.linkTarget(reading, since) : undefined;
    if (repeatOf !== undefined) {
      caseId = repeatOf;
      relation = 'repeat';
      batch.caseOf.set(reading.fingerprint, caseId);
      const counted = this.countRepeat(batch, caseId, at);
      relationFacts = { occurrences: counted?.occurrences ?? null };
      announcements.push({ kind: 'repeat', caseId });
      if (counted) this.noteRepeat(batch, counted, caseId, reading.alert, alertId, at);
      if (batch.linked.has(reading.fingerprint) || this.linkedFingerprints.has(reading.fingerprint))
        batch.linked.set(reading.fingerprint, { caseId, at });
    } else if (shared) {
      caseId = shared.caseId;
      relation = 'linked';
      batch.caseOf.set(reading.fingerprint, caseId);
      batch.linked.set(reading.fingerprint, { caseId, at });
      relationFacts = { shared: { kind: shared.kind, value: shared.value } };
      const line = `${reading.alert.title} (${reading.alert.severity}), shares ${shared.kind} ${shared.value} · ${alertId}`;
      announcements.push({ kind: 'linked', caseId, line });
    } else {
      caseId = cases.create({
        title: reading.alert.title,
        severity: reading.alert.severity,
        requestedBy: incoming.submittedBy,
        at,
        fingerprint: reading.fingerprint,
      }).id;
      relation = 'opened';
      batch.caseOf.set(reading.fingerprint, caseId);
      announcements.push({
        kind: 'opened',
        caseId,
        alertId,
        requestedBy: incoming.submittedBy,
        severity: reading.alert.severity,
      });
    }
    const fresh = reading.entities.filter((e) => {
      const key = `${caseId}|${e.kind}|${e.value}`;
      if (batch.touched.has(key)) return false;
      batch.touched.add(key);
      return true;
    });
    entities.touch(caseId, fresh, at);
    if (incoming.rereadOf) {
      // The stored row keeps what came (bytes, source, sender, time); it is now read and filed.
      alerts.recordNormalized(alertId, reading.json, reading.fingerprint);
      alerts.attachToCase(alertId, caseId, relation);
      batch.facts.push({
        type: 'alert.reread',
        actor: incoming.submittedBy,
        caseId,
        data: { alertId, source: incoming.source, outcome: 'filed' },
      });
    } else {
      alerts.insert({
        ...this.rawRow(incoming, item.bytes, digest, alertId, at),
        status: 'normalized',
        normalized: reading.json,
        fingerprint: reading.fingerprint,
        caseId,
        relation,
      });
    }
    // One fact per alert: what arrived and what became of it (a case it `opened`, or the case it repeats or is
    // linked to), filed under that case.
    batch.facts.push({
      type: 'alert.received',
      actor: incoming.submittedBy,
      caseId,
      data: {
        alertId,
        source: incoming.source,
        bytes: item.bytes.length,
        sha256: digest,
        recognizedBy: reading.alert.recognizedBy,
        fingerprint: reading.fingerprint,
        relation,
        ...relationFacts,
      },
    });
    result.accepted.push({ alertId, caseId, caseKey: caseKey(caseId), relation });
  }

  /**
   * Counts a repeat of the case's alert and returns its occurrences so far. The first repeat of a case in a
   * batch is written at once (reading the count), later ones in memory, written together before the commit.
   */
  private countRepeat(batch: Batch, caseId: number, at: string): CountedRepeats | undefined {
    const counted = batch.repeats.get(caseId);
    if (counted) {
      counted.occurrences += 1;
      counted.unwritten += 1;
      counted.at = at;
      return counted;
    }
    const stored = this.deps.cases.recordRepeat(caseId, at);
    if (!stored) return undefined;
    const fresh = { ...stored, unwritten: 0, at };
    batch.repeats.set(caseId, fresh);
    return fresh;
  }

  /**
   * A repeat people should hear of in the case's thread: one at a higher severity than the case raises the
   * case to it (a detection re-sent with a higher risk score); the first one after the case was resolved says
   * that what was done may not have held. Either is posted with the case's next throttled update.
   */
  private noteRepeat(
    batch: Batch,
    counted: CountedRepeats,
    caseId: number,
    alert: Alert,
    alertId: string,
    at: string,
  ): void {
    if (rank(alert.severity) > rank(counted.severity)) {
      const was = counted.severity;
      this.deps.cases.update(caseId, { severity: alert.severity }, at);
      counted.severity = alert.severity;
      batch.announcements.push({
        kind: 'noted',
        caseId,
        title: 'Severity raised',
        line: `A repeat came in at ${alert.severity} (the case was ${was}), so the case is now ${alert.severity} · ${alertId}`,
      });
    }
    if (counted.status === 'resolved' && !counted.seenAfterResolvedAt) {
      // Recorded with the batch: said once, whatever restarts come between the repeats.
      counted.seenAfterResolvedAt = at;
      this.deps.cases.update(caseId, { seenAfterResolvedAt: at }, at);
      batch.announcements.push({
        kind: 'noted',
        caseId,
        title: 'Seen again after it was resolved',
        line: `The alert came in again after the case was resolved, so what was done may not have held: check it (repeats are counted on this case) · ${alertId}`,
      });
    }
  }

  /**
   * The open case an alert is linked to: the most recent one sharing a link key with it, unless the alert is
   * more severe than that case, which then would hide it (only a case's first alert is triaged): it opens a
   * case of its own.
   */
  private linkTarget(reading: Reading, since: string): SharedEntity | undefined {
    const keys = linkKeys(reading.entities, this.deps.ipInternal());
    const shared = this.deps.entities.openCaseSharing(keys, since);
    if (!shared) return undefined;
    const severity = this.deps.cases.get(shared.caseId)?.severity;
    return severity !== undefined && rank(reading.alert.severity) <= rank(severity) ? shared : undefined;
  }

  /** The case an alert with this fingerprint was linked to within the window, if it is remembered. */
  private linkedCase(batch: Batch, fingerprint: string, since: string): number | undefined {
    const linked = batch.linked.get(fingerprint) ?? this.linkedFingerprints.get(fingerprint);
    return linked && linked.at >= since ? linked.caseId : undefined;
  }

  /** Remembers a linked fingerprint as the newest (after its batch committed). */
  private rememberLinked(fingerprint: string, linked: LinkedFingerprint): void {
    this.linkedFingerprints.delete(fingerprint);
    this.linkedFingerprints.set(fingerprint, linked);
    trimOldest(this.linkedFingerprints, REMEMBERED);
  }

  /** Normalises (or recalls the reading of the same bytes); never throws. */
  private read(digest: string, raw: unknown): Reading | { error: string } {
    const cached = this.readings.get(digest);
    if (cached) return cached;
    let alert: Alert;
    try {
      // normalize returns an Alert it has already checked against the schema (normalizeAlert never throws). A
      // person's request is never read from alert content, whatever a parser made of it.
      alert = this.deps.normalize(raw);
      if (alert.request !== undefined) {
        const { request: _never, ...read } = alert;
        alert = read;
      }
    } catch (error) {
      return {
        error: `Vigil could not normalise it (${error instanceof Error ? error.message : String(error)}).`,
      };
    }
    const reading = readingOf(alert, digest);
    this.readings.set(digest, reading);
    trimOldest(this.readings, READING_CACHE_SIZE);
    return reading;
  }

  /**
   * Reads a body `/vigil block` filed into the request of `by`. Never cached: the reading cache holds what bytes read
   * as from any source, and the same bytes from a webhook are an ordinary alert.
   */
  private readRequest(digest: string, raw: unknown, by: string): Reading | { error: string } {
    try {
      return readingOf(readBlockRequest(raw, by), digest);
    } catch (error) {
      return {
        error: `Vigil could not read it as a /vigil block request (${error instanceof Error ? error.message : String(error)}).`,
      };
    }
  }

  private storeUnparsed(
    batch: Batch,
    incoming: IncomingAlert,
    bytes: Buffer,
    error: string,
    digest = sha256(bytes),
  ): string {
    // A re-read that fails to read stays the stored row, as it was: nothing new is stored.
    if (incoming.rereadOf) return incoming.rereadOf;
    const alertId = newAlertId();
    this.deps.alerts.insert({
      ...this.rawRow(incoming, bytes, digest, alertId, this.deps.clock().toISOString()),
      status: 'unparsed',
      error,
    });
    batch.facts.push({
      type: 'alert.received',
      actor: incoming.submittedBy,
      data: {
        alertId,
        source: incoming.source,
        bytes: bytes.length,
        sha256: digest,
        status: 'unparsed',
        error,
      },
    });
    return alertId;
  }

  private rawRow(incoming: IncomingAlert, bytes: Buffer, digest: string, id: string, at: string): FiledAlert {
    return {
      id,
      source: incoming.source,
      submittedBy: incoming.submittedBy,
      contentType: incoming.contentType,
      raw: bytes,
      rawSha256: digest,
      status: 'received',
      error: null,
      normalized: null,
      fingerprint: null,
      caseId: null,
      relation: null,
      receivedAt: at,
    };
  }

  /** After the commit: start triage for new cases; tell existing cases' messages (throttled). */
  private announce(announcements: Announcement[]): void {
    for (const a of announcements) {
      if (a.kind === 'opened') void this.deps.triage.start(a.caseId, a.alertId, a.requestedBy, a.severity);
      else if (a.kind === 'repeat') this.deps.updates.changed(a.caseId);
      else if (a.kind === 'noted') this.deps.updates.noted(a.caseId, a.title, a.line);
      else this.deps.updates.linked(a.caseId, a.line);
    }
  }
}
