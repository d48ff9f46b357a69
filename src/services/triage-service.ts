// Drives the triage graph for cases: starts runs, resumes them with a claimed decision, marks a case whose run
// threw failed and runs it again from there when a person presses Retry, and on start-up reconciles whatever a
// crash interrupted so the store, the graph and Slack agree again.
import { z } from 'zod';
import type { AlertsRepository } from '../../db/repositories/alerts.js';
import type { ApprovalRow, ApprovalsRepository } from '../../db/repositories/approvals.js';
import { caseKey, type CasesRepository, type Workflow } from '../../db/repositories/cases.js';
import type { Severity } from '../../graphs/agents/extraction/contract.js';
import { threadIdFor, type TriageGraph } from '../../graphs/triage/graph.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import type { AuditLog } from '../audit/audit-log.js';
import { AlreadyDecidedError, NotAuthorizedError, NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ApprovalRouter } from './approval-router.js';
import type { CaseRunner } from './case-runner.js';
import type { RetryMessage } from './offboarding-service.js';
import { isDecided, supersedeIfStale } from './approval-resume.js';
import { resumeDecided, runProbe, type WorkflowThreads } from './workflow-run.js';

/** A case's run that stopped on an unexpected error, for its Workflow error note. */
export interface WorkflowErrorNotice {
  caseId: number;
  /** The case's own workflow, which the note names. */
  workflow: Workflow;
  error: string;
  at: string;
  /** Whether the note offers Retry (a triage case). */
  retry: boolean;
}

/** A Retry that won its claim, for locking the Workflow error note with who retried and when. */
export interface WorkflowRetryClaim {
  caseId: number;
  workflow: Workflow;
  error: string;
  failedAt: string;
  retriedBy: string;
  at: string;
}

/** Tells a case's thread that its run stopped on an error, and locks that note once someone retries. Never throws. */
export interface WorkflowErrorNotifier {
  workflowFailed(notice: WorkflowErrorNotice): Promise<void>;
  retryClaimed(message: RetryMessage, claim: WorkflowRetryClaim): Promise<void>;
}

export interface TriageServiceDeps {
  graph: TriageGraph;
  runner: CaseRunner;
  cases: CasesRepository;
  alerts: AlertsRepository;
  approvals: ApprovalsRepository;
  notifier: CaseNotifier;
  /** The Workflow error note of a case whose run threw, with Retry for a triage case. */
  errors: WorkflowErrorNotifier;
  /** Whether a person may retry a failed triage run: a member of an approver group of the policy in force. */
  mayRetry: (userId: string) => Promise<boolean>;
  /**
   * Flushed when a run stops, so whatever reads the log next sees all of the run's facts; read back for the error
   * a retried run stopped on.
   */
  audit: AuditSink & Pick<AuditLog, 'flush' | 'forCase'>;
  clock: () => Date;
  logger: Logger;
  /** The triage workflow version this process runs; approvals bound under another are superseded. */
  workflowVersion: string;
  /** The hash of the policy in force; approvals given under another are superseded, not carried out. */
  policyHash: () => string;
  /** Approvals waiting for policy.yml to be fixed (see heldForPolicy). */
  held: Set<string>;
  /**
   * Rolls back a finished case's actions left `pending` or `running` by a stop, and those `done` that its
   * outcome (`accountedFor`, the action ids its executions name) does not account for (Containment.settleCutOff).
   */
  settleCutOff: (caseId: number, accountedFor: ReadonlySet<string> | undefined) => Promise<number>;
  /** The workflow each approval belongs to (triage's own, or offboarding's), which its decision is resumed in. */
  workflows: ApprovalRouter;
}

/** The actions a finished run's outcomes name (each proposal's execution, if it got one). */
const FinishedOutcomes = z.object({
  outcomes: z.array(z.object({ execution: z.object({ actionId: z.string().nullable() }).nullable() })),
});

/** What a retried run's checkpoint says of the policy its validation ran under. */
const RetriedRun = z.object({ validatedUnder: z.string().nullable().optional() });

/** The `case.closed` audit fact's data: the status the run closed the case with. */
const ClosedFact = z.object({ status: z.enum(['resolved', 'failed']) });

/** The `case.error` audit fact's data. */
const CaseErrorFact = z.object({ error: z.string() });

/** How long a new card may take to reach Slack before the sweep posts it again. */
const CARD_GRACE_MS = 60_000;

/**
 * Runs checkpoint once, when they stop (finished, waiting at an interrupt, or failed), not after every node:
 * most of LangGraph's per-run cost goes. A process killed mid-run leaves the case where its last run began,
 * and `reconcile` runs it again from there; every node with an effect is idempotent (actions, approvals and
 * root messages are keyed), so a re-run converges.
 */
const configFor = (caseId: number) => ({
  configurable: { thread_id: threadIdFor(caseId) },
  durability: 'exit' as const,
});

export class TriageService {
  /** The triage graph's runs, one thread per case. */
  private readonly threads: WorkflowThreads<ReturnType<typeof configFor>>;

  constructor(private readonly deps: TriageServiceDeps) {
    this.threads = { graph: deps.graph, configFor };
  }

  /**
   * Posts the case message and runs the graph until it finishes or waits for a person. Behind a backlog, a
   * case of higher severity starts first.
   */
  start(caseId: number, alertId: string, requestedBy: string, severity: Severity = 'medium'): Promise<void> {
    return this.deps.runner.enqueue(
      caseId,
      'start',
      async () => {
        await this.deps.notifier.caseUpdated(caseId);
        await this.invoke({ caseId, alertId, requestedBy }, configFor(caseId));
      },
      { severity },
    );
  }

  /** Runs the graph (a new input, a resume command, or null to continue) until it stops. */
  private async invoke(input: Parameters<TriageGraph['invoke']>[0], config: ReturnType<typeof configFor>) {
    try {
      await this.deps.graph.invoke(input, config);
    } finally {
      this.deps.audit.flush();
    }
  }

  /** Resumes the run waiting on this (already claimed) decision; does nothing if no run waits on it. */
  resume(approval: ApprovalRow): Promise<void> {
    return this.deps.runner.enqueue(
      approval.caseId,
      'resume',
      () => resumeDecided(this.deps, this.threads, approval, (caseId) => this.settleIfFinished(caseId)),
      'interactive',
    );
  }

  /**
   * Resumes the approvals that waited for policy.yml to be fixed, once it is (the expiry sweep's timer), in the
   * workflow each belongs to. Returns how many it queued.
   */
  resumeHeld(): number {
    if (!this.deps.held.size) return 0;
    try {
      this.deps.policyHash();
    } catch {
      return 0;
    }
    let queued = 0;
    for (const id of this.deps.held) {
      const approval = this.deps.approvals.get(id);
      if (!approval || approval.resumedAt) {
        this.deps.held.delete(id);
        continue;
      }
      queued += 1;
      void this.deps.workflows.workflowOf(approval).resume(approval);
    }
    return queued;
  }

  /**
   * Once a case's run has finished, the actions it left `pending` or `running` (cut off by a stop, and not
   * taken up again by the run), and those done before a stop that the run, worked again, no longer carried out,
   * are settled: nothing stays in force that its outcome does not account for.
   */
  private async settleIfFinished(caseId: number): Promise<void> {
    const snapshot = await this.deps.graph.getState(configFor(caseId));
    if (snapshot.next.length > 0) return;
    // Outcomes unreadable: only the actions left pending or running are settled, never a done one.
    const finished = FinishedOutcomes.safeParse(snapshot.values);
    const accountedFor = finished.success
      ? new Set(finished.data.outcomes.flatMap((o) => (o.execution?.actionId ? [o.execution.actionId] : [])))
      : undefined;
    await this.deps.settleCutOff(caseId, accountedFor);
  }

  /**
   * After a restart: re-render the cards of decisions recorded but not acted on (the crash may have come
   * before Slack saw the locked card) and resume their runs, carry out Retries claimed but not yet run, continue
   * runs that stopped between nodes, and post cards that never reached Slack.
   */
  async reconcile(): Promise<{ resumed: number; continued: number; cardsPosted: number }> {
    // Runs cut off before their first checkpoint start again first, so a decision taken on their card
    // (resumed below, queued behind them) finds the run waiting at its interrupt.
    let continued = 0;
    const unfinished = this.deps.cases
      .listUnfinished('triage')
      .filter((row) => row.status === 'triage' || row.status === 'awaiting_approval');
    for (const row of unfinished) {
      const first = this.deps.alerts.firstForCase(row.id);
      if (!first || !(await runProbe(this.threads, row.id)).neverCheckpointed) continue;
      continued += 1;
      // Checked again in the job: an alert taken in while this runs may have started it meanwhile.
      void this.deps.runner.enqueue(row.id, 'restart', async () => {
        if (!(await runProbe(this.threads, row.id)).neverCheckpointed) return;
        await this.deps.notifier.caseUpdated(row.id);
        await this.invoke(
          { caseId: row.id, alertId: first.id, requestedBy: row.requestedBy, restarted: true },
          configFor(row.id),
        );
        await this.settleIfFinished(row.id);
      });
    }

    const decided = this.deps.approvals.listDecidedNotResumed();
    for (const approval of decided) {
      void this.deps.runner.enqueue(approval.caseId, 'card', () =>
        this.deps.notifier.approvalChanged(approval.id),
      );
      void this.deps.workflows.workflowOf(approval).resume(approval);
    }

    // A Retry claimed (the case taken back from `failed`, audited) that a stop cut off before it was carried out.
    for (const row of unfinished) {
      if (row.status !== 'triage' || !this.retryClaimed(row.id)) continue;
      continued += 1;
      void this.deps.runner.enqueue(row.id, 'retry', () => this.runRetried(row.id), 'interactive');
    }

    for (const row of unfinished) {
      if ((await runProbe(this.threads, row.id)).stoppedBetweenNodes) {
        continued += 1;
        void this.deps.runner.enqueue(row.id, 'continue', async () => {
          if ((await runProbe(this.threads, row.id)).stoppedBetweenNodes)
            await this.invoke(null, configFor(row.id));
          await this.settleIfFinished(row.id);
        });
      }
    }

    const cardsPosted = this.repostMissingCards();
    if (decided.length + continued + cardsPosted > 0) {
      this.deps.logger.info({ resumed: decided.length, continued, cardsPosted }, 'reconciled after restart');
    }
    return { resumed: decided.length, continued, cardsPosted };
  }

  /**
   * Posts again the cards of pending approvals that never reached Slack (and the case message first, if that
   * did not either). At start-up every such card; on the expiry sweep's timer (`now`), those requested over a
   * minute ago, so a card still being posted is left alone. Returns how many it queued.
   */
  repostMissingCards(now?: Date): number {
    const before = now ? new Date(now.getTime() - CARD_GRACE_MS).toISOString() : undefined;
    const missing = this.deps.approvals
      .listWithoutCard()
      .filter((approval) => before === undefined || approval.requestedAt <= before);
    for (const approval of missing) {
      void this.deps.runner.enqueue(approval.caseId, 'card', async () => {
        await this.deps.notifier.caseUpdated(approval.caseId);
        await this.deps.notifier.approvalChanged(approval.id);
      });
    }
    return missing.length;
  }

  /**
   * Marks a case whose run crashed (of any workflow: the runner's jobs are all cases'), so people see it instead
   * of a case stuck in triage, and says so in its thread, with Retry for a triage case (retryFailed).
   */
  async failCase(caseId: number, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const at = this.deps.clock().toISOString();
    const workflow = this.deps.cases.update(caseId, { status: 'failed' }, at)?.workflow ?? 'triage';
    this.deps.audit.append({ type: 'case.error', actor: 'vigil', caseId, data: { error: message } });
    await this.deps.errors.workflowFailed({
      caseId,
      workflow,
      error: message,
      at,
      retry: workflow === 'triage',
    });
    await this.deps.notifier.caseUpdated(caseId);
  }

  /**
   * Retry on a triage case's Workflow error note. Throws, and audits the refusal, unless `userId` may retry
   * (mayRetry); throws when the case has no failed run, or another Retry claimed it first: the claim is a
   * conditional update (`… WHERE status = 'failed'`), so double clicks, Slack's retries and two replicas run it
   * again once. The note is locked with who retried, and the run goes on from the step that threw.
   */
  async retryFailed(caseId: number, userId: string, message?: RetryMessage): Promise<void> {
    const row = this.deps.cases.get(caseId);
    if (row?.workflow !== 'triage') throw new NotFoundError(`There is no triage case ${caseKey(caseId)}.`);
    if (!(await this.deps.mayRetry(userId))) {
      this.deps.audit.append({
        type: 'case.retry_refused',
        actor: userId,
        caseId,
        data: { reason: 'not-an-approver' },
      });
      throw new NotAuthorizedError(
        'Only Vigil’s approvers (the approver groups policy.yml names) may retry a case. Ask one of them.',
      );
    }
    const at = this.deps.clock().toISOString();
    if (!this.deps.cases.reopenFailed(caseId, at)) {
      throw new AlreadyDecidedError(`A retry of ${caseKey(caseId)} is already under way.`);
    }
    const failure = this.deps.audit.forCase(caseId, (fact) => fact.type === 'case.error').at(-1);
    const error = failure && CaseErrorFact.safeParse(JSON.parse(failure.data)).data?.error;
    this.deps.audit.append({ type: 'case.retried', actor: userId, caseId, data: { error: error ?? null } });
    if (message) {
      await this.deps.errors.retryClaimed(message, {
        caseId,
        workflow: 'triage',
        error: error ?? 'unknown error',
        failedAt: failure?.at ?? at,
        retriedBy: userId,
        at,
      });
    }
    void this.deps.runner.enqueue(caseId, 'retry', () => this.runRetried(caseId), 'interactive');
  }

  /** Whether the case's latest word on its failed run is a claimed Retry (`case.retried` after its `case.error`). */
  private retryClaimed(caseId: number): boolean {
    const facts = this.deps.audit.forCase(
      caseId,
      (f) => f.type === 'case.error' || f.type === 'case.retried',
    );
    return facts.at(-1)?.type === 'case.retried';
  }

  /**
   * Runs a retried case on: the step that threw runs again (`invoke(null)`; every step with an effect is keyed, so
   * what was done before it is not done again), and a run never checkpointed starts again, as `reconcile` starts
   * it. A new error fails the case again, with a new note.
   */
  private async runRetried(caseId: number): Promise<void> {
    await this.deps.notifier.caseUpdated(caseId);
    const probe = await runProbe(this.threads, caseId);
    if (probe.failed) {
      await this.regateIfPolicyChanged(caseId);
      await this.invoke(null, configFor(caseId));
    } else if (probe.stoppedBetweenNodes) {
      await this.invoke(null, configFor(caseId));
    } else if (!probe.neverCheckpointed) {
      // The run itself did not fail (it finished, or waits for a person): a job around it did. The case takes
      // back the status its run gives it.
      this.restoreStatus(caseId, probe.waiting);
      await this.deps.notifier.caseUpdated(caseId);
    } else {
      const first = this.deps.alerts.firstForCase(caseId);
      const row = this.deps.cases.get(caseId);
      if (first && row) {
        await this.invoke(
          { caseId, alertId: first.id, requestedBy: row.requestedBy, restarted: true },
          configFor(caseId),
        );
      }
    }
    // The decisions the run has now carried out, dropped or superseded wait for no resume at the next start-up.
    const at = this.deps.clock().toISOString();
    for (const approval of this.deps.approvals.forCase(caseId)) {
      if (isDecided(approval) && !approval.resumedAt) this.deps.approvals.markResumed(approval.id, at);
    }
    await this.settleIfFinished(caseId);
  }

  /** A case whose run finished or waits, but was marked failed by a job around it, as its run leaves it. */
  private restoreStatus(caseId: number, waiting: boolean): void {
    const closed = this.deps.audit.forCase(caseId, (f) => f.type === 'case.closed').at(-1);
    const status = waiting
      ? 'awaiting_approval'
      : (ClosedFact.safeParse(closed ? JSON.parse(closed.data) : null).data?.status ?? 'resolved');
    this.deps.cases.update(caseId, { status }, this.deps.clock().toISOString());
  }

  /**
   * A run that failed after its gate decided under another policy than the one in force (policy.yml changed while
   * the case waited for its Retry) does not go on with those decisions: its approvals not yet carried out are
   * superseded (their cards and the thread say so), and the run goes back through revalidation and the gate, as a
   * case in flight does when the policy changes under it. Throws while policy.yml is invalid (nothing runs).
   */
  private async regateIfPolicyChanged(caseId: number): Promise<void> {
    const config = configFor(caseId);
    const snapshot = await this.deps.graph.getState(config);
    const validatedUnder = RetriedRun.safeParse(snapshot.values).data?.validatedUnder;
    if (!validatedUnder || validatedUnder === this.deps.policyHash()) return;
    for (const approval of this.deps.approvals.forCase(caseId)) {
      if (approval.status === 'approved' && !approval.resumedAt)
        await supersedeIfStale(this.deps, approval, this.deps.workflowVersion);
    }
    // As if the gate had found the case validated under another policy: revalidate, then the gate again.
    await this.deps.graph.updateState(config, { gate: null, validatedUnder: null }, 'policy-gate');
  }
}
