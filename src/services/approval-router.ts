// Which workflow an approval belongs to, and what that workflow does with a decision on it: one registration
// per workflow that asks for approvals, built in compose and shared by everything that carries a decision on
// (a click, the expiry sweep, the start-up reconcile, approvals held for policy.yml).
import type { ApprovalRow } from '../../db/repositories/approvals.js';

/** What the services that carry decisions on need from the workflow an approval belongs to. */
export interface ApprovalWorkflow {
  /** The version of the workflow this process runs; approvals bound under another are superseded. */
  version: string;
  /** Resumes the run waiting on this (already claimed) decision; does nothing if no run waits on it. */
  resume(approval: ApprovalRow): Promise<void>;
}

/** A workflow other than triage that asks for approvals, and how its approvals are told apart. */
export interface ApprovalRegistration extends ApprovalWorkflow {
  /** Whether this approval was asked for by this workflow. */
  owns(approval: ApprovalRow): boolean;
}

/** Finds the workflow a decided approval goes back to. */
export interface ApprovalRouter {
  workflowOf(approval: ApprovalRow): ApprovalWorkflow;
}

/**
 * Routes each approval to the first registered workflow that owns it, and every other one to triage (whose
 * response actions are the approvals no other workflow claims).
 */
export function routeApprovals(
  triage: ApprovalWorkflow,
  others: readonly ApprovalRegistration[],
): ApprovalRouter {
  return { workflowOf: (approval) => others.find((workflow) => workflow.owns(approval)) ?? triage };
}
