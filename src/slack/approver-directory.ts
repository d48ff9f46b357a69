// Approver membership from Slack itself: user groups resolved by handle or id (a handle's id kept for five
// minutes) and their members listed at click time, so the answer is always current. A group named by handle is
// mentioned by its id on cards and reminders, so Slack notifies its members.
import type { WebClient } from '@slack/web-api';
import type { Approvers } from '../../graphs/triage/contracts.js';
import type { ApproverDirectory } from '../services/approver-directory.js';
import { ConnectorError } from '../errors.js';

/** How long a user group's handle → id lookup is kept: a handle is renamed rarely, membership is read each time. */
const HANDLE_TTL_MS = 5 * 60_000;

export class SlackApproverDirectory implements ApproverDirectory {
  /** Handle → group id and when it was read (usergroups.list is a Tier 2 method: about 20 calls a minute). */
  private readonly handles = new Map<string, { id: string; at: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly now: () => number = Date.now,
  ) {}

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

  async reference(approvers: Approvers): Promise<string> {
    if ('users' in approvers) return this.describe(approvers);
    try {
      return `members of <!subteam^${await this.resolveGroup(approvers.usergroup)}>`;
    } catch {
      return this.describe(approvers);
    }
  }

  private async resolveGroup(handleOrId: string): Promise<string> {
    if (/^S[A-Z0-9]+$/.test(handleOrId)) return handleOrId;
    const handle = handleOrId.replace(/^@/, '');
    const known = this.handles.get(handle);
    if (known && this.now() - known.at < HANDLE_TTL_MS) return known.id;
    const list = await this.client.usergroups.list({});
    const group = (list.usergroups ?? []).find((g) => g.handle === handle);
    if (!group?.id) {
      throw new ConnectorError(
        `The approver user group @${handleOrId} does not exist in this Slack workspace; fix approvers in policy.yml.`,
      );
    }
    this.handles.set(handle, { id: group.id, at: this.now() });
    return group.id;
  }
}
