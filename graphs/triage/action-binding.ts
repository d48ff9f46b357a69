// Binds an approval to exactly what was shown: the hash of action, parameters, target, case, workflow
// version and policy version. Execution recomputes it from the run's state and refuses on any difference (a
// row changed or bound to something else). The policy in force is compared with the approval's at the click
// (ApprovalService.refuseIfStale) and again before the run resumes (supersedeIfStale in approval-resume.ts).
import { z } from 'zod';
import { digest, sha256 } from '../lib/digest.js';
import type { ProposedAction } from './contracts.js';

export interface BindingInput {
  proposal: ProposedAction;
  caseId: number;
  workflowVersion: string;
  policyHash: string;
}

export function actionHash({ proposal, caseId, workflowVersion, policyHash }: BindingInput): string {
  return digest({
    action: proposal.kind,
    parameters: proposal.parameters,
    target: proposal.target,
    caseId,
    workflowVersion,
    policyHash,
  });
}

/** A stored approval: what it binds, as its row keeps it (parameters as JSON). */
export interface StoredBinding {
  action: string;
  target: string;
  parameters: string;
  caseId: number;
  policyHash: string;
}

const StoredParameters = z.record(z.string(), z.unknown());

/**
 * The hash a stored approval would have if it were bound under `workflowVersion` (the same fields as
 * actionHash, and as offboarding's binding): equal to its action hash exactly when the card was shown under
 * that version of the workflow.
 */
export function rebind(row: StoredBinding, workflowVersion: string): string {
  return digest({
    action: row.action,
    parameters: StoredParameters.parse(JSON.parse(row.parameters)),
    target: row.target,
    caseId: row.caseId,
    workflowVersion,
    policyHash: row.policyHash,
  });
}

/**
 * Approval ids are derived from the case, the proposal and its action hash (which covers parameters and
 * policy): a re-run finds the same row, and a card re-issued after a policy or parameter change is a new one.
 * `issue` counts earlier cards under the same hash that were superseded (a policy changed and then put back).
 */
export const approvalIdFor = (caseId: number, proposalId: string, actionHash: string, issue = 0): string =>
  `apr_${sha256(`${caseId}|${proposalId}|${actionHash}${issue ? `|${issue}` : ''}`).slice(0, 24)}`;

/** Actions are keyed the same way; the key doubles as the vendor idempotency key. */
export const actionKeyFor = (caseId: number, proposalId: string): string => `case-${caseId}|${proposalId}`;
export const actionIdFor = (key: string): string => `act_${sha256(key).slice(0, 24)}`;
