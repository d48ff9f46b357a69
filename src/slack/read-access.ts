// Who may read Vigil's cases, approvals, unparsed payloads, figures and evidence packs: members of the alerts
// channel (which a private channel limits to the SOC) and of the approver groups the policy in force names. The
// read views of /vigil and App Home ask here first; a refused command is audited and told what to do.
import type { WebClient } from '@slack/web-api';
import type { Approvers } from '../../graphs/triage/contracts.js';
import type { AuditSink } from '../../graphs/triage/ports.js';
import { NotAuthorizedError } from '../errors.js';
import type { PolicyStore } from '../policy/policy-store.js';
import type { ApproverDirectory } from '../services/approver-directory.js';

/** How long the alerts channel's member list is kept: joining or leaving it takes effect within a minute. */
const MEMBERS_TTL_MS = 60_000;

export interface ReadAccessDeps {
  client: WebClient;
  alertsChannelId: string;
  /** The channel's name, without `#`, for the refusal (a private channel's mention shows no name to outsiders). */
  alertsChannelName: string;
  directory: ApproverDirectory;
  policy: Pick<PolicyStore, 'current'>;
  audit: AuditSink;
  now?: () => number;
}

export class ReadAccess {
  private members: { at: number; ids: Promise<ReadonlySet<string>> } | undefined;

  constructor(private readonly deps: ReadAccessDeps) {}

  /** The sentence a person who may not read is shown, ephemerally or as their whole App Home. */
  refusal(): string {
    const channel = `#${this.deps.alertsChannelName}`;
    return `Only members of ${channel} and Vigil’s approvers can read its cases, approvals and evidence. Ask to be added to ${channel}.`;
  }

  /** Whether the person is in the alerts channel or in an approver group of the policy in force. */
  async mayRead(userId: string): Promise<boolean> {
    return (await this.channelMembers()).has(userId) || this.isApprover(userId);
  }

  /** Whether the person is in an approver group of the policy in force (who may retry a failed triage run). */
  async isApprover(userId: string): Promise<boolean> {
    for (const approvers of this.approverGroups()) {
      if (await this.deps.directory.isApprover(userId, approvers)) return true;
    }
    return false;
  }

  /** Throws NotAuthorizedError (audited `read.refused`, with the view asked for) unless the person may read. */
  async assert(userId: string, view: string): Promise<void> {
    if (await this.mayRead(userId)) return;
    this.deps.audit.append({ type: 'read.refused', actor: userId, data: { view, reason: 'not-a-reader' } });
    throw new NotAuthorizedError(this.refusal());
  }

  /** The alerts channel's members, every page, read at most once a minute (one lookup shared while it runs). */
  private channelMembers(): Promise<ReadonlySet<string>> {
    const now = (this.deps.now ?? Date.now)();
    if (this.members && now - this.members.at < MEMBERS_TTL_MS) return this.members.ids;
    const ids = this.listMembers();
    const entry = { at: now, ids };
    this.members = entry;
    // A failed lookup is not kept: the next reader asks again.
    ids.catch(() => {
      if (this.members === entry) this.members = undefined;
    });
    return ids;
  }

  private async listMembers(): Promise<ReadonlySet<string>> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.deps.client.conversations.members({
        channel: this.deps.alertsChannelId,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const id of page.members ?? []) ids.add(id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return ids;
  }

  /** Every approver group or list the policy in force names: per action, per environment, and escalation tiers. */
  private approverGroups(): Approvers[] {
    const found = new Map<string, Approvers>();
    for (const rule of Object.values(this.deps.policy.current().file.actions)) {
      const named = [
        rule?.approvers,
        rule?.escalate_to,
        ...Object.values(rule?.environments ?? {}).map((e) => e?.approvers),
      ];
      for (const approvers of named) if (approvers) found.set(JSON.stringify(approvers), approvers);
    }
    return [...found.values()];
  }
}
