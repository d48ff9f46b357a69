// request-approval: records the approval (bound to the proposal by hash) and shows the card. It runs before
// the interrupt, in its own node, so a resume never repeats it.
import { requestApproval } from '../../lib/request-approval.js';
import { actionHash } from '../action-binding.js';
import type { TriageDeps } from '../ports.js';
import type { TriageStateValue, TriageUpdate } from '../state.js';

/**
 * A fact's answer in one short line for the card. A lookup that found nothing carries a `note` saying so
 * ("not in the GeoIP database…", "okta has no such user"), which is shown as it is.
 */
function factLine(fact: Record<string, unknown>): string {
  const parts = ['verdict', 'threats', 'country', 'status', 'containment', 'tags']
    .filter((key) => fact[key] !== undefined && fact[key] !== null)
    .map((key) => {
      const value = fact[key];
      return `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`;
    });
  if (typeof fact.note === 'string') parts.push(fact.note);
  return parts.join(', ') || 'found';
}

export function makeRequestApproval(deps: TriageDeps) {
  return async (state: TriageStateValue): Promise<TriageUpdate> => {
    const { proposal, gate } = state;
    if (!proposal || !gate) throw new Error('request-approval reached without a proposal');
    const hash = actionHash({
      proposal,
      caseId: state.caseId,
      workflowVersion: deps.workflowVersion,
      policyHash: gate.policyHash,
    });
    const evidence = state.evidence
      .filter((f) => proposal.evidence.includes(f.subject) && !('error' in f.fact))
      .map((f) => `${f.subject} · ${f.source}: ${factLine(f.fact)}`)
      .slice(0, 8);
    const approvalId = await requestApproval(deps, {
      caseId: state.caseId,
      requestedBy: state.requestedBy,
      proposal,
      gate,
      actionHash: hash,
      details: {
        confidence: proposal.confidence,
        environment: proposal.environment,
        blastRadius: proposal.blastRadius,
        reversible: proposal.reversible,
        tier: gate.tier,
        evidence,
        gateReason: gate.reason,
      },
    });
    return { approvalId };
  };
}
