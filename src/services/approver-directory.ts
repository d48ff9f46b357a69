// Who may approve: membership is answered at click time, never from a cache, so a person removed from the
// approver group loses the right at once (only a group handle's id may be remembered).
import type { Approvers } from '../../graphs/triage/contracts.js';

export interface ApproverDirectory {
  isApprover(userId: string, approvers: Approvers): Promise<boolean>;
  /** Words for refusals, e.g. `members of @soc-responders`: names only, so nobody is notified. */
  describe(approvers: Approvers): string;
  /**
   * Words that notify the approvers, for the card and the escalation reminder: people as `<@U…>`, and a user group
   * as `<!subteam^S…>` (its handle looked up), since Slack notifies a group only by its id. When a handle cannot
   * be looked up, the plain words of `describe`.
   */
  reference(approvers: Approvers): Promise<string>;
}
