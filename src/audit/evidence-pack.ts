// A case's evidence pack: everything an auditor needs to check one case on its own: the case, the raw
// alerts' digests, approvals with every vote, actions with request and result, and the case's audit rows
// with their hashes, plus whether the whole chain verifies as of now.
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { caseKey } from '../../db/repositories/cases.js';
import { TRIAGE_WORKFLOW_VERSION } from '../../graphs/triage/graph.js';
import { NotFoundError } from '../errors.js';
import type { AuditLog, VerifyResult } from './audit-log.js';

const Json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'stored JSON does not parse' });
    return z.NEVER;
  }
});

/** Repeats of a case's alert listed in its pack, at most: the first and the last half of these. */
const REPEATS_LISTED = 200;

/** An `alert.received` row of a repeat. */
const RepeatReceived = z.object({ alertId: z.string(), relation: z.literal('repeat') });

export interface EvidencePack {
  format: 'vigil.evidence-pack/1';
  generatedAt: string;
  workflowVersion: string;
  case: Record<string, unknown>;
  alerts: Array<Record<string, unknown>>;
  approvals: Array<Record<string, unknown>>;
  actions: Array<Record<string, unknown>>;
  /** Tickets opened for the case, with the alert each is for. */
  tickets: Array<Record<string, unknown>>;
  audit: Array<Record<string, unknown>>;
  /**
   * Repeats of the case's alert past the first and last 100 (a detection firing all month), with their
   * `alert.received` audit rows: counted, not listed, so the pack stays a size a person can open. The chain
   * check covers their rows all the same; `vigil audit verify` re-checks every one.
   */
  omitted?: { repeats: number; auditRows: number; firstRow: number | null; lastRow: number | null };
  /** The whole chain as of now; verified, its head (`lastRow`, `lastHash`) is an anchor to keep. */
  chain: {
    verified: boolean;
    rows: number;
    lastRow?: number;
    lastHash?: string;
    brokenAt?: number;
    reason?: string;
  };
}

export function buildEvidencePack(
  sqlite: BetterSqlite3.Database,
  audit: AuditLog,
  caseId: number,
  now: Date,
  /** The whole chain's check, when the caller ran it already (a running Vigil checks it in turns). */
  checked?: VerifyResult,
): EvidencePack {
  const all = (sql: string) => sqlite.prepare<[number], Record<string, unknown>>(sql).all(caseId);
  const row = sqlite
    .prepare<[number], Record<string, unknown>>(
      `SELECT id, title, severity, status, requested_by AS requestedBy, summary, occurrences, created_at AS createdAt,
              evidence_at AS evidenceAt, triaged_at AS triagedAt, closed_at AS closedAt, fingerprint
       FROM cases WHERE id = ?`,
    )
    .get(caseId);
  if (!row) throw new NotFoundError(`There is no case ${caseKey(caseId)}.`);
  const verified = checked ?? audit.verify();
  // Every alert but repeats, and of those the first and last REPEATS_LISTED / 2.
  const alerts = sqlite
    .prepare<[number, number], Record<string, unknown>>(
      `WITH repeats AS (
       SELECT id, row_number() OVER (ORDER BY received_at, id) AS n, count(*) OVER () AS total
       FROM alerts WHERE case_id = ? AND relation = 'repeat')
     SELECT id, source, submitted_by AS submittedBy, received_at AS receivedAt, raw_sha256 AS sha256, length(raw) AS bytes,
            status, relation, json_extract(normalized, '$.format') AS format, json_extract(normalized, '$.recognizedBy') AS recognizedBy
     FROM alerts WHERE case_id = ? AND (relation IS NOT 'repeat' OR id IN (
       SELECT id FROM repeats WHERE n <= ${REPEATS_LISTED / 2} OR n > total - ${REPEATS_LISTED / 2}))
     ORDER BY received_at, id`,
    )
    .all(caseId, caseId);
  const repeats = sqlite
    .prepare<[number], number>(`SELECT count(*) FROM alerts WHERE case_id = ? AND relation = 'repeat'`)
    .pluck()
    .get(caseId);
  const approvals = all(
    `SELECT a.id, a.action, a.target, a.parameters, a.rationale, a.action_hash AS actionHash, a.policy_hash AS policyHash,
            a.approvers, a.quorum, a.status, a.requested_by AS requestedBy, a.requested_at AS requestedAt,
            a.expires_at AS expiresAt, a.escalations, a.decided_by AS decidedBy, a.decided_at AS decidedAt, a.reason,
            (SELECT json_group_array(json_object('user', v.user_id, 'vote', v.vote, 'at', v.at, 'round', v.round))
               FROM approval_votes v WHERE v.approval_id = a.id) AS votes
     FROM approvals a WHERE a.case_id = ? ORDER BY a.requested_at`,
  ).map((a) => ({
    ...a,
    parameters: Json.parse(a.parameters),
    approvers: Json.parse(a.approvers),
    votes: Json.parse(a.votes),
  }));
  const actions = all(
    `SELECT id, idempotency_key AS idempotencyKey, approval_id AS approvalId, kind, target, request, status, result, error,
            created_at AS createdAt, updated_at AS updatedAt, expires_at AS expiresAt, reverted_at AS revertedAt, reverted_by AS revertedBy
     FROM actions WHERE case_id = ? ORDER BY created_at`,
  ).map((a) => ({
    ...a,
    request: Json.parse(a.request),
    result: a.result === null ? null : Json.parse(a.result),
  }));
  const tickets = all(
    `SELECT key, tracker_id AS trackerId, url, tracker, alert_id AS alertId, created_at AS createdAt
     FROM tickets WHERE case_id = ? ORDER BY created_at`,
  );
  const listed = new Set(alerts.map((a) => a.id));
  // A repeat's `alert.received` row is listed with its alert; the rest are counted, first and last row named.
  const skipped = { auditRows: 0, firstRow: null as number | null, lastRow: null as number | null };
  const rows = audit
    .forCase(caseId, (r) => {
      const data = RepeatReceived.safeParse(Json.safeParse(r.data).data);
      if (r.type !== 'alert.received' || !data.success || listed.has(data.data.alertId)) return true;
      skipped.auditRows += 1;
      skipped.firstRow ??= r.id;
      skipped.lastRow = r.id;
      return false;
    })
    .map((r) => ({ ...r, data: Json.parse(r.data) }));
  const omittedRepeats = (repeats ?? 0) - alerts.filter((a) => a.relation === 'repeat').length;
  return {
    format: 'vigil.evidence-pack/1',
    generatedAt: now.toISOString(),
    workflowVersion: TRIAGE_WORKFLOW_VERSION,
    case: { key: caseKey(caseId), ...row },
    alerts,
    approvals,
    actions,
    tickets,
    audit: rows,
    ...(omittedRepeats > 0 || skipped.auditRows > 0
      ? { omitted: { repeats: omittedRepeats, ...skipped } }
      : {}),
    chain: verified.ok
      ? { verified: true, rows: verified.rows, lastRow: verified.lastRow, lastHash: verified.lastHash }
      : { verified: false, rows: verified.rows, brokenAt: verified.brokenAt, reason: verified.reason },
  };
}
