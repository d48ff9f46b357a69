// Who may approve: membership is answered at click time, never from a cache, so a person removed from the
// approver group loses the right at once (only a group handle's id may be remembered).
import type { Approvers } from '../../graphs/triage/contracts.js';

export interface ApproverDirectory {
  isApprover(userId: string, approvers: Approvers): Promise<boolean>;
  /** Words for the card and for refusals, e.g. `members of @soc-responders`. */
  describe(approvers: Approvers): string;
}
