// Tells Slack what happened to a case: the root message in the alerts channel (posted once, then updated in
// place), approval cards in its thread, and thread notes. Never throws: failures are logged, and the
// reconciler re-renders what did not get through.
import type { WebClient } from '@slack/web-api';
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import { Alert } from '../../graphs/agents/extraction/contract.js';
import { ApprovalDetails, Approvers } from '../../graphs/triage/contracts.js';
import type { CaseNotifier, ThreadNote } from '../../graphs/triage/ports.js';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import type { Logger } from '../logger.js';
import type { ApproverDirectory } from '../services/approver-directory.js';
import { KeyedSerial } from '../services/keyed-serial.js';
import { buildApprovalCardBlocks } from './blocks/approval-card.js';
import { buildCaseMessageBlocks } from './blocks/case-message.js';
import { buildThreadNoteBlocks } from './blocks/thread-note.js';
import type { OncePoster } from './post-once.js';
import { z } from 'zod';

export interface SlackNotifierDeps {
  client: WebClient;
  /** Posts root messages and cards once, though Slack's answer may be lost. */
  poster: OncePoster;
  alertsChannelId: string;
  cases: CasesRepository;
  alerts: AlertsRepository;
  approvals: ApprovalsRepository;
  directory: ApproverDirectory;
  clock: () => Date;
  logger: Logger;
}

const Parameters = z.record(z.string(), z.unknown());

/** How many cases' last-shown root messages are remembered. */
const SHOWN_CASES = 5_000;

/** Where a case's root message is and what it last showed in Slack. */
interface Shown {
  channel: string;
  ts: string;
  rendered: string;
}

export class SlackNotifier implements CaseNotifier {
  /** A message is posted once and then updated: renders of one message must not race each other. */
  private readonly serial = new KeyedSerial();
  /**
   * Each case's root message as last shown, so a render that changes nothing is not sent and a thread note
   * need not look the root up again (a root message, once posted, never moves).
   */
  private readonly shown = new Map<number, Shown>();
  /**
   * Case messages and cards whose last render Slack refused (rate limits in a storm, an outage longer than the
   * client's retries): rendered again by `resync`, so a decided card does not keep live buttons.
   */
  private readonly behind = { cases: new Set<number>(), approvals: new Set<string>() };

  /**
   * When this notifier started: a case message or card recorded before then without its ts may have been
   * posted by the process before, just before it stopped, so it is looked for before it is posted.
   */
  private readonly startedAt: string;

  constructor(private readonly deps: SlackNotifierDeps) {
    this.startedAt = deps.clock().toISOString();
  }

  /** Renders again what Slack refused to show last time; what it refuses again waits for the next call. */
  async resync(): Promise<void> {
    const cases = [...this.behind.cases];
    const approvals = [...this.behind.approvals];
    for (const caseId of cases) await this.caseUpdated(caseId);
    for (const approvalId of approvals) await this.approvalChanged(approvalId);
  }

  caseUpdated(caseId: number, alert?: Alert): Promise<void> {
    return this.serial.run(`case:${caseId}`, () => this.renderCase(caseId, alert));
  }

  approvalChanged(approvalId: string): Promise<void> {
    return this.serial.run(`approval:${approvalId}`, () => this.renderApproval(approvalId));
  }

  private async renderCase(caseId: number, given: Alert | undefined): Promise<void> {
    const synced = await this.guard('case message', caseId, async () => {
      const row = this.deps.cases.get(caseId);
      if (!row) return;
      const message = buildCaseMessageBlocks({
        key: caseKey(row.id),
        title: row.title,
        severity: row.severity,
        status: row.status,
        workflow: row.workflow,
        requestedBy: row.requestedBy,
        alert: given ?? this.firstAlert(caseId),
        createdAt: row.createdAt,
        occurrences: row.occurrences,
        linked: this.deps.alerts.countForCase(caseId).linked,
        lastSeenAt: row.lastSeenAt,
      });
      const rendered = JSON.stringify(message);
      if (row.channelId && row.rootTs) {
        const shown = this.shown.get(caseId);
        if (shown?.channel === row.channelId && shown.ts === row.rootTs && shown.rendered === rendered)
          return;
        await this.deps.client.chat.update({ channel: row.channelId, ts: row.rootTs, ...message });
        this.remember(caseId, { channel: row.channelId, ts: row.rootTs, rendered });
        return;
      }
      const posted = await this.deps.poster.post(
        { channel: this.deps.alertsChannelId, ...message },
        { kind: 'case', id: String(caseId) },
        row.createdAt < this.startedAt,
      );
      this.remember(caseId, { ...posted, rendered });
      this.deps.cases.update(
        caseId,
        { channelId: posted.channel, rootTs: posted.ts },
        this.deps.clock().toISOString(),
      );
    });
    if (synced) this.behind.cases.delete(caseId);
    else this.behind.cases.add(caseId);
  }

  /** The alert that opened the case, as stored (null for cases without one, such as offboarding). */
  private firstAlert(caseId: number): Alert | null {
    const normalized = this.deps.alerts.firstForCase(caseId)?.normalized;
    return normalized ? Alert.parse(JSON.parse(normalized)) : null;
  }

  private async renderApproval(approvalId: string): Promise<void> {
    const approval = this.deps.approvals.get(approvalId);
    if (!approval) return;
    const synced = await this.guard('approval card', approval.caseId, async () => {
      const owner = this.deps.cases.get(approval.caseId);
      if (!owner?.channelId || !owner.rootTs) return;
      const approvers = Approvers.parse(JSON.parse(approval.approvers));
      const card = buildApprovalCardBlocks({
        id: approval.id,
        caseKey: caseKey(approval.caseId),
        action: approval.action,
        target: approval.target,
        parameters: Parameters.parse(JSON.parse(approval.parameters)),
        rationale: approval.rationale,
        requestedBy: approval.requestedBy,
        requestedAt: approval.requestedAt,
        approversText: await this.deps.directory.reference(approvers),
        policyHash: approval.policyHash,
        status: approval.status,
        quorum: approval.quorum,
        approvedBy: this.deps.approvals.approvers(approval.id),
        expiresAt: approval.expiresAt,
        escalated: approval.escalations > 0,
        decidedBy: approval.decidedBy,
        decidedAt: approval.decidedAt,
        reason: approval.reason,
        details: approval.details ? ApprovalDetails.parse(JSON.parse(approval.details)) : null,
        now: this.deps.clock(),
      });
      if (approval.channelId && approval.cardTs) {
        await this.deps.client.chat.update({ channel: approval.channelId, ts: approval.cardTs, ...card });
        return;
      }
      const posted = await this.deps.poster.post(
        { channel: owner.channelId, threadTs: owner.rootTs, ...card },
        { kind: 'approval', id: approval.id },
        approval.requestedAt < this.startedAt,
      );
      this.deps.approvals.setCard(approval.id, posted.channel, posted.ts);
    });
    // A card never posted is posted again by the expiry sweep (repostMissingCards); one posted is updated here.
    if (synced || !approval.cardTs) this.behind.approvals.delete(approvalId);
    else this.behind.approvals.add(approvalId);
  }

  async threadNote(caseId: number, note: ThreadNote): Promise<boolean> {
    let posted = false;
    await this.guard(`${note.kind} note`, caseId, async () => {
      const root = this.rootOf(caseId);
      if (!root) return;
      if (note.once) {
        await this.deps.poster.post(
          { channel: root.channel, threadTs: root.ts, ...buildThreadNoteBlocks(note) },
          { kind: 'note', id: note.once.key },
          note.once.lookFirst,
        );
      } else {
        await this.deps.client.chat.postMessage({
          channel: root.channel,
          thread_ts: root.ts,
          ...buildThreadNoteBlocks(note),
        });
      }
      posted = true;
    });
    return posted;
  }

  /** The case's root message: as this process last showed it, else as the store has it; null before it is posted. */
  private rootOf(caseId: number): { channel: string; ts: string } | null {
    const shown = this.shown.get(caseId);
    if (shown) return shown;
    const owner = this.deps.cases.get(caseId);
    return owner?.channelId && owner.rootTs ? { channel: owner.channelId, ts: owner.rootTs } : null;
  }

  private remember(caseId: number, shown: Shown): void {
    this.shown.delete(caseId);
    this.shown.set(caseId, shown);
    // Keep the most recently rendered cases only; a forgotten case is simply rendered again.
    if (this.shown.size > SHOWN_CASES) {
      const oldest = this.shown.keys().next().value;
      if (oldest !== undefined) this.shown.delete(oldest);
    }
  }

  /** Runs one render; false (logged) when Slack refused it. */
  private async guard(what: string, caseId: number, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      this.deps.logger.error({ err: error, caseId, what }, 'could not update Slack');
      return false;
    }
  }
}
