// Binds an approval to exactly what was shown: the hash of action, parameters, target, case, workflow
// version and policy version. Execution recomputes it and refuses on any difference.
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

/**
 * Approval ids are derived from the case, the proposal and its action hash (which covers parameters and
 * policy): a re-run finds the same row, and a card re-issued after a policy or parameter change is a new one.
 */
export const approvalIdFor = (caseId: number, proposalId: string, actionHash: string): string =>
  `apr_${sha256(`${caseId}|${proposalId}|${actionHash}`).slice(0, 24)}`;

/** Actions are keyed the same way; the key doubles as the vendor idempotency key. */
export const actionKeyFor = (caseId: number, proposalId: string): string => `case-${caseId}|${proposalId}`;
export const actionIdFor = (key: string): string => `act_${sha256(key).slice(0, 24)}`;
