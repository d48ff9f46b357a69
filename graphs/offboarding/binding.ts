// Binds an offboarding approval to exactly what the card showed, as triage does for its actions: the hash
// of action, parameters, target, case, workflow version and policy version.
import { digest } from '../lib/digest.js';
import type { OffboardProposal } from './contracts.js';

export function offboardHash(
  proposal: OffboardProposal,
  caseId: number,
  workflowVersion: string,
  policyHash: string,
): string {
  return digest({
    action: proposal.kind,
    parameters: proposal.parameters,
    target: proposal.target,
    caseId,
    workflowVersion,
    policyHash,
  });
}
