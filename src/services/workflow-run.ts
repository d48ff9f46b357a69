// A case's run of a workflow graph that waits on approvals (triage, offboarding), read one way for all of them,
// and the one procedure that resumes such a run with a claimed decision: held while policy.yml is invalid,
// superseded when given under another policy or workflow version, the run continued or resumed, then marked.
import type { RunnableConfig } from '@langchain/core/runnables';
import { Command, type StateSnapshot } from '@langchain/langgraph';
import type { ApprovalRow } from '../../db/repositories/approvals.js';
import { ApprovalInterrupt } from '../../graphs/triage/contracts.js';
import type { AuditSink } from '../../graphs/triage/ports.js';
import {
  heldForPolicy,
  isDecided,
  resumeValueOf,
  supersedeIfStale,
  type SupersedeDeps,
} from './approval-resume.js';

/** A resume command that names no update and no node: it is accepted by every workflow's graph. */
type ResumeCommand = Command<unknown, never, never>;

/** A workflow's compiled graph, and the config that addresses a case's run of it (its thread). */
export interface WorkflowThreads<C extends RunnableConfig = RunnableConfig> {
  graph: {
    getState(config: C): Promise<StateSnapshot>;
    invoke(input: ResumeCommand | null, config: C): Promise<unknown>;
  };
  configFor(caseId: number): C;
}

/** What a case's run is doing, as its checkpoint says. */
export interface RunProbe {
  /** The run has no checkpoint: it never started, or was cut off before its first one. */
  neverCheckpointed: boolean;
  /**
   * The run has nodes left to run but waits for nobody and did not fail: a stop (a kill, a crash) cut it off,
   * and running it on (`invoke(null)`) takes it up where it was. A run whose node threw is not: its failure was
   * handled (the case is marked failed, audited, and its thread told to press Retry once the cause is fixed), and
   * running the node again by itself, at every start-up or on a decision taken meanwhile, would repeat the
   * failure, and its note, while the error lasts, and carry out effects on a case already reported failed.
   */
  stoppedBetweenNodes: boolean;
  /**
   * A node of the run threw, and the run stopped there with the error in its checkpoint: only a person's Retry
   * (`invoke(null)`, which runs that node again) takes it up.
   */
  failed: boolean;
  /** The run is paused at an interrupt (waiting for a person). */
  waiting: boolean;
  /** Whether the run is paused at the interrupt of this approval. */
  waitingOn(approvalId: string): boolean;
}

/** Reads the case's run from its checkpoint (see RunProbe). */
export async function runProbe<C extends RunnableConfig>(
  workflow: WorkflowThreads<C>,
  caseId: number,
): Promise<RunProbe> {
  const snapshot = await workflow.graph.getState(workflow.configFor(caseId));
  const waiting = snapshot.tasks.some((task) => task.interrupts.length > 0);
  const failed = snapshot.tasks.some((task) => task.error !== undefined);
  return {
    neverCheckpointed: snapshot.createdAt === undefined,
    stoppedBetweenNodes: snapshot.next.length > 0 && !waiting && !failed,
    failed,
    waiting,
    waitingOn: (approvalId) =>
      snapshot.tasks.some((task) =>
        task.interrupts.some(
          (pending) => ApprovalInterrupt.safeParse(pending.value).data?.approvalId === approvalId,
        ),
      ),
  };
}

export interface ResumeDecidedDeps extends SupersedeDeps {
  /** Flushed when the run stops, so whatever reads the log next sees all of the run's facts. */
  audit: AuditSink & { flush(): void };
  clock: () => Date;
  /** The version of the approval's workflow this process runs; approvals bound under another are superseded. */
  workflowVersion: string;
}

/**
 * Resumes the case's run waiting on this (already claimed) decision, as it now stands in the store: nothing if
 * it is not decided or was resumed already, held while policy.yml is invalid, superseded if stale. A run a stop
 * cut off short of the interrupt is run on first; the run is resumed only if it waits on this approval, and the
 * approval is marked resumed either way; then `afterResume` runs (triage settles a finished case's actions).
 */
export async function resumeDecided<C extends RunnableConfig>(
  deps: ResumeDecidedDeps,
  workflow: WorkflowThreads<C>,
  approval: ApprovalRow,
  afterResume?: (caseId: number) => Promise<void>,
): Promise<void> {
  const stored = deps.approvals.get(approval.id);
  if (!stored || !isDecided(stored) || stored.resumedAt) return;
  if (await heldForPolicy(deps, stored)) return;
  const current = await supersedeIfStale(deps, stored, deps.workflowVersion);
  if (!isDecided(current)) return;
  const config = workflow.configFor(current.caseId);
  const invoke = async (input: ResumeCommand | null) => {
    try {
      await workflow.graph.invoke(input, config);
    } finally {
      deps.audit.flush();
    }
  };
  // A stop between the card and the interrupt's checkpoint, or in the middle of the run after an earlier
  // resume began, leaves the run short of where it waits: carry on from the checkpoint first.
  if ((await runProbe(workflow, current.caseId)).stoppedBetweenNodes) await invoke(null);
  if ((await runProbe(workflow, current.caseId)).waitingOn(current.id)) {
    await invoke(new Command<unknown, never, never>({ resume: resumeValueOf(current, deps.clock()) }));
  }
  deps.approvals.markResumed(current.id, deps.clock().toISOString());
  await afterResume?.(current.caseId);
}
