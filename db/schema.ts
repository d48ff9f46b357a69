// The app's tables (drizzle, SQLite). Migrations in db/migrations are generated from this file with
// `npm run db:generate` and applied at start-up. LangGraph's checkpoints live in their own file.
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The audit rows a person made that count as an analyst touching a case (an alert brought in by hand, a
 * decision, a refusal): the condition of a partial index, and word for word of the metrics query that uses it
 * (SQLite uses a partial index only when the query states its condition).
 */
export const ANALYST_TOUCH = `(actor GLOB 'U[A-Z0-9]*' OR actor GLOB 'W[A-Z0-9]*') AND type IN ('alert.received', 'approval.decided', 'approval.refused')`;

/** Every payload that arrived, kept verbatim before anything else happens to it. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    /** Where it came from: `webhook`, `slack:/triage`, `slack:message`. */
    source: text('source').notNull(),
    /** Who brought it in: a Slack user id, or `webhook`. */
    submittedBy: text('submitted_by').notNull(),
    contentType: text('content_type'),
    /** The bytes exactly as received. */
    raw: blob('raw', { mode: 'buffer' }).notNull(),
    rawSha256: text('raw_sha256').notNull(),
    /** `received` → `normalized`, or `unparsed` when it could not be read (kept and listed for analysts). */
    status: text('status', { enum: ['received', 'normalized', 'unparsed'] }).notNull(),
    error: text('error'),
    /** The normalised Alert (JSON) once read. */
    normalized: text('normalized'),
    fingerprint: text('fingerprint'),
    /** How this alert relates to its case: `opened` it, `repeat` of its fingerprint, or `linked` by an entity. */
    relation: text('relation', { enum: ['opened', 'repeat', 'linked'] }),
    caseId: integer('case_id'),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    // Only unparsed payloads are ever looked up by status (listed for analysts, newest first), so only they are
    // indexed: a normal alert's insert maintains one index fewer.
    index('alerts_unparsed_idx').on(t.receivedAt).where(sql.raw(`status = 'unparsed'`)),
    index('alerts_case_idx').on(t.caseId),
    // Metrics count a window of recent alerts by what became of them from this index alone, never reading the
    // rows (nor the whole history).
    index('alerts_received_idx').on(t.receivedAt, t.relation, t.status),
  ],
);

/** A case: one root message in the alerts channel, everything else in its thread. */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    /** `triage` → `awaiting_approval` → `resolved` (or `failed`). */
    status: text('status').notNull(),
    /** The workflow that works the case: triage (opened by an alert), offboarding or onboarding. */
    workflow: text('workflow', { enum: ['triage', 'offboarding', 'onboarding'] })
      .notNull()
      .default('triage'),
    requestedBy: text('requested_by').notNull(),
    /** Slack channel and `ts` of the case's root message, once posted. */
    channelId: text('channel_id'),
    rootTs: text('root_ts'),
    summary: text('summary'),
    /** Fingerprint of the alert that opened the case (format, rule, key entities): repeats join the case. */
    fingerprint: text('fingerprint'),
    /** How many alerts with this fingerprint arrived; root message shows it. */
    occurrences: integer('occurrences').notNull().default(1),
    lastSeenAt: text('last_seen_at'),
    /** When the first evidence (the normalised alert's facts) was in the case: time to evidence. */
    evidenceAt: text('evidence_at'),
    /** When triage reached its decision (an action proposed and gated, or nothing to do): time to triage. */
    triagedAt: text('triaged_at'),
    closedAt: text('closed_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** The `owed_notes` row through which the case's thread was told (null: none was owed it yet). */
    toldThrough: integer('told_through'),
    /**
     * When an alert first came in again after the case was resolved (its thread is told so once, in the same
     * transaction): null until then.
     */
    seenAfterResolvedAt: text('seen_after_resolved_at'),
  },
  (t) => [
    index('cases_fingerprint_idx').on(t.fingerprint, t.lastSeenAt),
    index('cases_created_idx').on(t.createdAt),
    index('cases_workflow_status_idx').on(t.workflow, t.status),
    // The open cases (App Home, /vigil cases), however many were resolved before them.
    index('cases_open_idx')
      .on(t.id)
      .where(sql`${t.status} <> 'resolved'`),
  ],
);

/** The entities (IPs, users, hosts) a case involves, for linking related alerts to it. */
export const caseEntities = sqliteTable(
  'case_entities',
  {
    caseId: integer('case_id').notNull(),
    kind: text('kind', { enum: ['ip', 'user', 'host'] }).notNull(),
    /** Lower-cased value. */
    value: text('value').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.kind, t.value] }),
    index('case_entities_lookup_idx').on(t.kind, t.value, t.lastSeenAt),
  ],
);

/** Slack Events API deliveries already handled, so retries and replicas handle each event once. */
export const slackEvents = sqliteTable('slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: text('received_at').notNull(),
});

/** A request for a person to approve one action, bound to exactly what was shown by `action_hash`. */
export const approvals = sqliteTable(
  'approvals',
  {
    id: text('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    /** JSON of the action's parameters. */
    parameters: text('parameters').notNull(),
    rationale: text('rationale').notNull(),
    actionHash: text('action_hash').notNull(),
    policyHash: text('policy_hash').notNull(),
    /** JSON: who may approve (`{ usergroup }` or `{ users }`). */
    approvers: text('approvers').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    /** `expired` when nobody decided in time; `stale` when the policy changed under it (a new card replaces it). */
    status: text('status', { enum: ['pending', 'approved', 'denied', 'expired', 'stale'] }).notNull(),
    /** Distinct approvers needed (2 = two-person rule). */
    quorum: integer('quorum').notNull().default(1),
    /** When the request lapses, if policy sets an expiry. */
    expiresAt: text('expires_at'),
    /** JSON: what expiry does (`{ "onExpiry": "deny" }` or escalate with the next approvers). */
    expiry: text('expiry'),
    /** 0 as first requested; 1 once escalated to the next tier. */
    escalations: integer('escalations').notNull().default(0),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    reason: text('reason'),
    /** JSON of what the card shows beyond the action: confidence, environment, blast radius, tier, evidence. */
    details: text('details'),
    /** Slack channel and `ts` of the approval card, once posted. */
    channelId: text('channel_id'),
    cardTs: text('card_ts'),
    /** Set once the graph waiting on this decision has been resumed and finished. */
    resumedAt: text('resumed_at'),
    /** Set once the thread was told of the escalation (null while it is owed: a stop came in between). */
    escalationToldAt: text('escalation_told_at'),
  },
  (t) => [
    index('approvals_status_idx').on(t.status),
    index('approvals_case_idx').on(t.caseId),
    index('approvals_requested_idx').on(t.requestedAt),
  ],
);

/**
 * One person's vote on an approval: quorum counts distinct people, so a second click by one is not a vote.
 * `round` is the approval's `escalations` when the vote was cast: only votes of the current round count, so
 * after an escalation the next tier's quorum is met by the next tier (a person in both votes again).
 */
export const approvalVotes = sqliteTable(
  'approval_votes',
  {
    approvalId: text('approval_id').notNull(),
    userId: text('user_id').notNull(),
    vote: text('vote', { enum: ['approve', 'deny'] }).notNull(),
    at: text('at').notNull(),
    round: integer('round').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.approvalId, t.userId] })],
);

/** One attempt to act; the idempotency key makes retries and replays run the connector once. */
export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    caseId: integer('case_id').notNull(),
    approvalId: text('approval_id'),
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    /** JSON of what was sent to the connector. */
    request: text('request').notNull(),
    status: text('status', { enum: ['pending', 'running', 'done', 'failed'] }).notNull(),
    /** JSON of what came back. */
    result: text('result'),
    error: text('error'),
    /** When a reversible action lapses and is reverted (from the policy's ttl), if it does. */
    expiresAt: text('expires_at'),
    /**
     * Set when a roll-back is claimed (before the vendor is called): by `vigil` (ttl) or the person who pressed
     * Revert. `revertDoneAt` is set once it went through; a claim without it for long was cut off (a crash
     * during the vendor call) and is tried again.
     */
    revertedAt: text('reverted_at'),
    revertedBy: text('reverted_by'),
    revertDoneAt: text('revert_done_at'),
    /**
     * True when the effect was already in place when the action ran and no other Vigil action had put it there (a
     * person or another tool did): rolling the action back records it for the case and leaves the effect be.
     */
    foundInPlace: integer('found_in_place', { mode: 'boolean' }),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('actions_idempotency_key_idx').on(t.idempotencyKey),
    index('actions_expiry_idx').on(t.status, t.revertedAt, t.expiresAt),
    index('actions_case_idx').on(t.caseId),
    index('actions_revert_unconfirmed_idx')
      .on(t.revertedAt)
      .where(sql`${t.revertedAt} IS NOT NULL AND ${t.revertDoneAt} IS NULL`),
  ],
);

/** Tickets Vigil opened in the tracker: which alert and case each one is for. */
export const tickets = sqliteTable(
  'tickets',
  {
    /** The tracker's key, e.g. `SOC-42`. */
    key: text('key').primaryKey(),
    trackerId: text('tracker_id').notNull(),
    url: text('url').notNull(),
    /** The tracker connector that holds it (`jira`, `jira (lab)`). */
    tracker: text('tracker').notNull(),
    caseId: integer('case_id').notNull(),
    alertId: text('alert_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('tickets_case_idx').on(t.caseId), index('tickets_alert_idx').on(t.alertId)],
);

/** Append-only, hash-chained record of every fact: each row stores the previous row's hash. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    caseId: integer('case_id'),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    /** Canonical JSON of the event's facts. */
    data: text('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_case_idx').on(t.caseId),
    // The few rows people made, by time: analyst touches without reading every fact of the period.
    index('audit_events_touch_idx').on(t.at, t.caseId).where(sql.raw(ANALYST_TOUCH)),
  ],
);

/** IPs Vigil blocks, served to firewalls as an external dynamic list. */
export const blocklistEntries = sqliteTable('blocklist_entries', {
  ip: text('ip').primaryKey(),
  caseId: integer('case_id'),
  actionId: text('action_id'),
  addedAt: text('added_at').notNull(),
  /** When the block lapses; null blocks until removed. */
  expiresAt: text('expires_at'),
});

/**
 * Identity provider events (Okta Event Hook deliveries) recorded before they are answered, then worked off
 * in the background: each named person is read from the provider and onboarded. Keyed by the event's own id,
 * so a redelivery is recorded once.
 */
export const idpEvents = sqliteTable(
  'idp_events',
  {
    /** `okta:<event uuid>`. */
    id: text('id').primaryKey(),
    /** The person the event names (their login), and their display name when the event carries it. */
    login: text('login').notNull(),
    displayName: text('display_name'),
    /** Where it came from, as audited with the onboarding request. */
    source: text('source').notNull(),
    /** pending → done (a case opened or joined) | refused (audited with the reason) | failed (gave up). */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    caseId: integer('case_id'),
    /** Why the last attempt did not get through, or why it was refused. */
    error: text('error'),
    receivedAt: text('received_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('idp_events_status_idx').on(t.status, t.receivedAt)],
);

/**
 * Thread notes intake owes existing cases (linked alerts, a raised severity, a repeat after resolution), one row
 * per batch that owes any, written in the batch's transaction: a stop before Slack is told loses nothing. A case
 * is told through a row once its `told_through` reaches the row's id.
 */
export const owedNotes = sqliteTable('owed_notes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  /** JSON: `[{ caseId, title, lines, more }]` (title null for linked alerts; at most 10 lines each, `more` beyond). */
  notes: text('notes').notNull(),
});
