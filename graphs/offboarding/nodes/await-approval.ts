// await-approval: waits for a person. Nothing with an effect happens here: on resume this node re-runs
// from its first line, and the interrupt returns the decision.
import { interrupt } from '@langchain/langgraph';
import { ApprovalResume, type ApprovalInterrupt } from '../../triage/contracts.js';
import type { OffboardingStateValue, OffboardingUpdate } from '../state.js';

export function awaitApproval(state: OffboardingStateValue): OffboardingUpdate {
  if (!state.approvalId) throw new Error('await-approval reached without an approval');
  const payload: ApprovalInterrupt = { approvalId: state.approvalId };
  const decision = ApprovalResume.parse(interrupt(payload));
  if (decision.approvalId !== state.approvalId) {
    throw new Error(
      `resumed with approval ${decision.approvalId}, but this run waits for ${state.approvalId}`,
    );
  }
  return { decision };
}
