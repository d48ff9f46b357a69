// Approver membership from Slack itself: user groups resolved by handle or id and their members listed
// at click time, so the answer is always current.
import type { WebClient } from '@slack/web-api';
import type { Approvers } from '../../graphs/triage/contracts.js';
import type { ApproverDirectory } from '../services/approver-directory.js';
import { ConnectorError } from '../errors.js';

export class SlackApproverDirectory implements ApproverDirectory {
  constructor(private readonly client: WebClient) {}

  async isApprover(userId: string, approvers: Approvers): Promise<boolean> {
    if ('users' in approvers) return approvers.users.includes(userId);
    const usergroup = await this.resolveGroup(approvers.usergroup);
    const members = await this.client.usergroups.users.list({ usergroup });
    return (members.users ?? []).includes(userId);
  }

  describe(approvers: Approvers): string {
    if ('users' in approvers) return approvers.users.map((id) => `<@${id}>`).join(', ');
    return /^S[A-Z0-9]+$/.test(approvers.usergroup)
      ? `members of <!subteam^${approvers.usergroup}>`
      : `members of @${approvers.usergroup}`;
  }

  private async resolveGroup(handleOrId: string): Promise<string> {
    if (/^S[A-Z0-9]+$/.test(handleOrId)) return handleOrId;
    const list = await this.client.usergroups.list({});
    const group = (list.usergroups ?? []).find((g) => g.handle === handleOrId.replace(/^@/, ''));
    if (!group?.id) {
      throw new ConnectorError(
        `The approver user group @${handleOrId} does not exist in this Slack workspace; fix approvers in policy.yml.`,
      );
    }
    return group.id;
  }
}
