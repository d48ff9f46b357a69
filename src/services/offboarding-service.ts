// Drives the offboarding graph: opens a case for a request (from /vigil offboard or the HR webhook), resumes
// the run with a claimed approval decision, and retries a failed step: authorised like the approval
// (the action's approver group, never the requester), claimed on the step's action row so two clicks
// run it once, resumed on the same thread so the steps already done are not repeated. On start-up it carries
// on runs a crash cut off (never begun, mid-step, or a Retry claimed but not yet resumed).
import { Command } from '@langchain/langgraph';
import { z } from 'zod';
import type { ActionsRepository } from '../../db/repositories/actions.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ApprovalRow, ApprovalsRepository } from '../../db/repositories/approvals.js';
import { caseKey, type CaseRow, type CasesRepository } from '../../db/repositories/cases.js';
import {
  OFFBOARD_ACTION,
  OffboardSubject,
  offboardThreadId,
  RetryInterrupt,
  stepKey,
  type OffboardStep,
  type RetryResume,
} from '../../graphs/offboarding/contracts.js';
import type { OffboardingGraph } from '../../graphs/offboarding/graph.js';
import type { PersonDirectory } from '../../graphs/offboarding/ports.js';
import { stepTitle } from '../../graphs/offboarding/step.js';
import { rebind } from '../../graphs/triage/action-binding.js';
import { Approvers } from '../../graphs/triage/contracts.js';
import type { AuditSink, CaseNotifier, PolicyPort } from '../../graphs/triage/ports.js';
import { InvalidInputError, NotFoundError, StaleApprovalError } from '../errors.js';
import { isEmailAddress } from '../intake/text.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { CaseRunner } from './case-runner.js';
import type { Opened } from './onboarding-service.js';
import { claimStepRetry } from './step-retry.js';
import { resumeDecided, runProbe, type WorkflowThreads } from './workflow-run.js';

/** Where a Retry button was clicked, so its message can be locked at once. */
export interface RetryMessage {
  channel: string;
  ts: string;
}

/** A retry that won its claim, for re-rendering the failure message with who retried. */
export interface RetryClaim {
  caseId: number;
  title: string;
  error: string;
  failedAt: string;
  retriedBy: string;
  at: string;
}

export interface OffboardingServiceDeps {
  graph: OffboardingGraph;
  /** The offboarding workflow version this process runs; approvals bound under another are superseded. */
  workflowVersion: string;
  /** The hash of the policy in force; approvals given under another are superseded, not carried out. */
  policyHash: () => string;
  /** Approvals waiting for policy.yml to be fixed (see heldForPolicy), shared with triage. */
  held: Set<string>;
  runner: CaseRunner;
  cases: CasesRepository;
  approvals: ApprovalsRepository;
  actions: ActionsRepository;
  people: PersonDirectory;
  directory: ApproverDirectory;
  policy: PolicyPort;
  notifier: CaseNotifier & {
    retryClaimed(message: RetryMessage, claim: RetryClaim): Promise<void>;
    /** Locks the Retry message of a claim recovered after a restart (found in the case's thread). */
    retryRecovered(claim: RetryClaim): Promise<void>;
  };
  /**
   * Appends facts; reads a case's facts back to recover who retried a step before a crash; flushed when a
   * resumed run stops, so whatever reads the log next sees all of the run's facts.
   */
  audit: AuditSink & Pick<AuditLog, 'forCase' | 'flush'>;
  /** Runs `work` in one database transaction (immediate: it takes the write lock first). */
  transaction: <T>(work: () => T) => T;
  clock: () => Date;
}

const configFor = (caseId: number) => ({ configurable: { thread_id: offboardThreadId(caseId) } });

/** The `offboarding.requested` audit fact's data. */
const RequestedFact = z.object({ subject: OffboardSubject });

export class OffboardingService {
  /** The offboarding graph's runs, one thread per case. */
  private readonly threads: WorkflowThreads<ReturnType<typeof configFor>>;

  constructor(private readonly deps: OffboardingServiceDeps) {
    this.threads = { graph: deps.graph, configFor };
  }

  /** Whether this approval belongs to an offboarding run. */
  static owns(approval: ApprovalRow): boolean {
    return approval.action === OFFBOARD_ACTION;
  }

  /**
   * Opens an offboarding case ("Offboard @name") and starts its run in the background, or joins the one still
   * open for the same person (by e-mail address when Slack knows it, whether they were named by mention or by
   * address): a second request, or an HR system's retry, must not put a second card for the same person in
   * front of the approvers.
   */
  async request(subject: OffboardSubject, requestedBy: string, source: string): Promise<Opened> {
    let title: string;
    let email = subject.email ?? null;
    if (subject.slackUserId) {
      const person = await this.deps.people.bySlackId(subject.slackUserId);
      if (!person)
        throw new NotFoundError(`There is no Slack user ${subject.slackUserId} in this workspace.`);
      title = `Offboard @${person.handle}`;
      email = person.email;
    } else {
      title = `Offboard ${subject.email ?? 'unknown'}`;
    }
    const fingerprint = email ? `offboard:${email.toLowerCase()}` : `offboard:slack:${subject.slackUserId}`;
    const at = this.deps.clock().toISOString();
    // One transaction: the case never exists without its `offboarding.requested` row, and two requests
    // racing open one case.
    const opened = this.deps.transaction((): Opened => {
      const earlier = this.deps.cases.findRecentByFingerprint(fingerprint, '');
      if (earlier !== undefined && this.deps.cases.get(earlier)?.status !== 'resolved') {
        this.deps.audit.append({
          type: 'offboarding.duplicate',
          actor: requestedBy,
          caseId: earlier,
          data: { subject, source },
        });
        return { caseId: earlier, duplicate: true };
      }
      const row = this.deps.cases.create({
        title,
        severity: 'high',
        requestedBy,
        at,
        fingerprint,
        workflow: 'offboarding',
      });
      this.deps.audit.append({
        type: 'offboarding.requested',
        actor: requestedBy,
        caseId: row.id,
        data: { subject, source },
      });
      return { caseId: row.id, duplicate: false };
    });
    if (opened.duplicate) return opened;
    const { caseId } = opened;
    void this.deps.runner.enqueue(caseId, 'offboard', async () => {
      await this.deps.notifier.caseUpdated(caseId);
      await this.deps.graph.invoke({ caseId, subject, requestedBy }, configFor(caseId));
    });
    return opened;
  }

  /** Resumes the run waiting on this (already claimed) decision; does nothing if no run waits on it. */
  resume(approval: ApprovalRow): Promise<void> {
    return this.deps.runner.enqueue(
      approval.caseId,
      'offboard-resume',
      () => resumeDecided(this.deps, this.threads, approval),
      'interactive',
    );
  }

  /**
   * Retries the failed step of a case's offboarding. Throws (and audits the refusal) unless `userId` may
   * decide the offboarding; throws when nothing waits for a retry or another retry already claimed it.
   */
  async retry(caseId: number, userId: string, message?: RetryMessage): Promise<void> {
    const row = this.deps.cases.get(caseId);
    if (!row) throw new NotFoundError(`There is no case ${caseKey(caseId)}.`);
    const approval = this.deps.approvals
      .forCase(caseId)
      .filter((a) => a.action === OFFBOARD_ACTION)
      .at(-1);
    const approvers = approval
      ? Approvers.parse(JSON.parse(approval.approvers))
      : this.deps.policy.evaluate(OFFBOARD_ACTION).approvers;
    // Approved under an older version of the workflow (Vigil was upgraded mid-offboarding): its steps would
    // be refused against the approval on every retry, so say why and what to do instead.
    if (
      approval?.status === 'approved' &&
      rebind(approval, this.deps.workflowVersion) !== approval.actionHash
    ) {
      this.deps.audit.append({
        type: 'offboarding.retry_refused',
        actor: userId,
        caseId,
        data: {
          reason: 'workflow-upgraded',
          approvalId: approval.id,
          workflowVersion: this.deps.workflowVersion,
        },
      });
      throw new StaleApprovalError(
        `Vigil was upgraded after this offboarding was approved, so the approval no longer covers its remaining steps and nothing more is done under it. Ask for it again with \`/vigil offboard\`: the steps already done are checked at each vendor first and not changed twice.`,
      );
    }
    let step: OffboardStep | undefined;
    const claim = await claimStepRetry(this.deps, {
      owner: row,
      userId,
      approvers,
      workflow: 'offboarding',
      waiting: async () => {
        step = (await this.waitingRetry(caseId))?.step;
        return step ? { step, key: stepKey(caseId, step) } : undefined;
      },
    });
    if (!step) throw new Error('a claimed retry without its step');
    if (message) {
      await this.deps.notifier.retryClaimed(message, {
        caseId,
        title: stepTitle(step),
        error: claim.failed?.error ?? 'unknown error',
        failedAt: claim.failed?.updatedAt ?? claim.at,
        retriedBy: userId,
        at: claim.at,
      });
    }
    const value: RetryResume = { step, retriedBy: userId, at: claim.at };
    void this.deps.runner.enqueue(
      caseId,
      'offboard-retry',
      async () => {
        await this.deps.graph.invoke(new Command({ resume: value }), configFor(caseId));
      },
      'interactive',
    );
  }

  /**
   * After a restart: continues every offboarding run that a crash cut off between steps or in the middle of
   * one (a step whose action row was left `running` is run again with the same idempotency key; the
   * connectors check the vendor's state first, so nothing is changed twice). Returns how many.
   */
  async reconcile(): Promise<number> {
    let continued = 0;
    for (const row of this.deps.cases.listUnfinished('offboarding')) {
      if (await this.resumeClaimedRetry(row.id)) {
        continued += 1;
        continue;
      }
      if (await this.startNeverStarted(row)) {
        continued += 1;
        continue;
      }
      if (!(await runProbe(this.threads, row.id)).stoppedBetweenNodes) continue;
      continued += 1;
      void this.deps.runner.enqueue(row.id, 'offboard-continue', async () => {
        if ((await runProbe(this.threads, row.id)).stoppedBetweenNodes) {
          await this.deps.graph.invoke(null, configFor(row.id));
        }
      });
    }
    return continued;
  }

  /**
   * A case opened (with its `offboarding.requested` row) whose run never reached its first checkpoint: the
   * process died before the run began. Starts it for the subject the request named.
   */
  private async startNeverStarted(row: CaseRow): Promise<boolean> {
    if (row.status !== 'triage') return false;
    const requested = this.deps.audit.forCase(row.id).find((f) => f.type === 'offboarding.requested');
    const subject = requested && RequestedFact.safeParse(JSON.parse(requested.data)).data?.subject;
    if (!subject || (await this.started(row.id))) return false;
    void this.deps.runner.enqueue(row.id, 'offboard', async () => {
      if (await this.started(row.id)) return;
      await this.deps.notifier.caseUpdated(row.id);
      await this.deps.graph.invoke(
        { caseId: row.id, subject, requestedBy: row.requestedBy },
        configFor(row.id),
      );
    });
    return true;
  }

  /** Whether the case's run has a checkpoint. */
  private async started(caseId: number): Promise<boolean> {
    return !(await runProbe(this.threads, caseId)).neverCheckpointed;
  }

  /**
   * A Retry claimed (its step's row reopened to `pending`, audited) while the run still waits for it: the
   * process died before resuming. Locks the Retry message and resumes the run as the person asked.
   */
  private async resumeClaimedRetry(caseId: number): Promise<boolean> {
    const pending = await this.waitingRetry(caseId);
    if (!pending) return false;
    const action = this.deps.actions.byKey(stepKey(caseId, pending.step));
    if (action?.status !== 'pending') return false;
    const facts = this.deps.audit.forCase(caseId);
    const claimed = facts.filter((f) => f.type === 'offboarding.retry').at(-1);
    if (!claimed) return false;
    const failedAt = facts.filter((f) => f.type === 'offboarding.step_failed').at(-1)?.at ?? action.createdAt;
    const value: RetryResume = { step: pending.step, retriedBy: claimed.actor, at: claimed.at };
    void this.deps.runner.enqueue(
      caseId,
      'offboard-retry',
      async () => {
        await this.deps.notifier.retryRecovered({
          caseId,
          title: stepTitle(pending.step),
          error: action.error ?? 'unknown error',
          failedAt,
          retriedBy: claimed.actor,
          at: claimed.at,
        });
        if (await this.waitingRetry(caseId)) {
          await this.deps.graph.invoke(new Command({ resume: value }), configFor(caseId));
        }
      },
      'interactive',
    );
    return true;
  }

  private async waitingRetry(caseId: number): Promise<RetryInterrupt | undefined> {
    const snapshot = await this.deps.graph.getState(configFor(caseId));
    for (const task of snapshot.tasks) {
      for (const pending of task.interrupts) {
        const parsed = RetryInterrupt.safeParse(pending.value);
        if (parsed.success && parsed.data.caseId === caseId) return parsed.data;
      }
    }
    return undefined;
  }
}

/** Parses `/vigil offboard` arguments: a Slack mention (`<@U123|name>` or `<@U123>`) or an e-mail address. */
export function parseOffboardTarget(text: string): OffboardSubject {
  const trimmed = text.trim();
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(trimmed);
  if (mention?.[1]) return { slackUserId: mention[1] };
  const mailto = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(trimmed)?.[1] ?? trimmed;
  if (isEmailAddress(mailto, '<>')) return { email: mailto };
  throw new InvalidInputError('Usage: /vigil offboard @person (or an e-mail address).');
}
