// Reversible containment: an action with a TTL is rolled back when it lapses, and anyone in the action's
// approver group may roll it back early with Revert. The roll-back is claimed once (a conditional update),
// so a click, the timer and another replica never undo it twice; every roll-back and refusal is audited.
// Containment another case still holds (the same block, isolation or suspension, done and not lapsed) is
// not lifted: the action is recorded as rolled back for its case, the vendor is not called, and the thread
// says which case holds it. The last holder's roll-back lifts it.
import type { ActionRow, ActionsRepository } from '../../db/repositories/actions.js';
import { caseKey } from '../../db/repositories/cases.js';
import type { ApprovalsRepository } from '../../db/repositories/approvals.js';
import { digest } from '../../graphs/lib/digest.js';
import { mention, mentionsOf } from '../../graphs/lib/mention.js';
import { z } from 'zod';
import { actionKeyFor } from '../../graphs/triage/action-binding.js';
import { ActionKind, Approvers } from '../../graphs/triage/contracts.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import { canRevert, revertAction, type Responders } from '../../graphs/triage/responders.js';
import type { AuditLog } from '../audit/audit-log.js';
import { AlreadyDecidedError, ConnectorError, NotAuthorizedError, NotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PolicyStore } from '../policy/policy-store.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { OwnAccountCheck } from './own-account.js';
import { runEvery } from './periodic.js';

export interface ContainmentDeps {
  actions: ActionsRepository;
  approvals: ApprovalsRepository;
  /** The connectors that carried the actions out, and roll them back. */
  responders: Responders;
  directory: ApproverDirectory;
  /** Whether an action is on the clicker's own account: nobody rolls back the disabling of their own. */
  ownAccount: Pick<OwnAccountCheck, 'isOwn'>;
  policy: PolicyStore;
  /** Also read: the environment the gate decided an auto-run action in (its `policy.decided` row). */
  audit: AuditSink & Pick<AuditLog, 'forCase'>;
  notifier: CaseNotifier;
  clock: () => Date;
  logger: Logger;
}

/** A lapsed action whose roll-back failed is tried again after this, doubling with each failure up to the cap. */
const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 3_600_000;
/**
 * A roll-back claimed this long ago and never confirmed was cut off (the process died during the vendor
 * call): it is tried again. Longer than any vendor call takes, so one still under way in another replica is
 * left to finish.
 */
const UNCONFIRMED_REVERT_MS = 5 * 60_000;

/** The request stored on an action row: the parameters it ran with. */
const RecordedRequest = z.record(z.string(), z.unknown());

/** What a `policy.decided` audit row says about where the gate decided a proposal. */
const PolicyDecided = z.object({ proposalId: z.string(), environment: z.string() });

export class Containment {
  private halt: (() => void) | undefined;
  /**
   * Lapsed actions whose roll-back failed: how often, and when the sweep tries again. Kept in memory, so a
   * restart tries each at once; a person's Revert never waits for it.
   */
  private readonly failing = new Map<string, { failures: number; retryAt: number }>();

  constructor(private readonly deps: ContainmentDeps) {}

  start(everyMs: number): void {
    this.halt = runEvery(everyMs, () => this.sweep(), this.deps.logger, 'containment sweep');
  }

  stop(): void {
    this.halt?.();
  }

  /** Rolls back every action whose TTL ran out, and finishes roll-backs cut off; returns how many it rolled back. */
  async sweep(): Promise<number> {
    let reverted = 0;
    const now = this.deps.clock();
    reverted += await this.finishCutOff(now);
    for (const action of this.deps.actions.listLapsed(now.toISOString())) {
      const failing = this.failing.get(action.id);
      if (failing && failing.retryAt > now.getTime()) continue;
      try {
        if (await this.revert(action, 'vigil', 'ttl')) reverted += 1;
        this.failing.delete(action.id);
      } catch (error) {
        await this.lapsedRevertFailed(action, failing?.failures ?? 0, now, error);
      }
    }
    return reverted;
  }

  /**
   * Roll-backs claimed long ago that never went through (a crash during the vendor call) are given back and
   * done again: a lapsed one by the sweep that follows, one a person asked for here, in that person's name.
   */
  private async finishCutOff(now: Date): Promise<number> {
    const { actions, logger } = this.deps;
    const claimedBy = new Date(now.getTime() - UNCONFIRMED_REVERT_MS).toISOString();
    let reverted = 0;
    for (const action of actions.listUnconfirmedReverts(claimedBy)) {
      logger.warn({ actionId: action.id }, 'a roll-back was cut off before it went through; trying it again');
      actions.releaseRevert(action.id, now.toISOString());
      const by = action.revertedBy;
      if (!by || by === 'vigil') continue; // lapsed: the sweep's next step rolls it back
      try {
        if (await this.revert(action, by, 'manual')) reverted += 1;
      } catch (error) {
        await this.deps.notifier
          .threadNote(action.caseId, {
            kind: 'result',
            title: 'Roll-back failed',
            text: `The roll-back of ${action.kind} ${action.target} that ${mention(by)} asked for was cut off, and trying it again failed: ${error instanceof Error ? error.message : String(error)}`,
            mentions: mentionsOf([by]),
          })
          .catch((noteError: unknown) =>
            logger.warn({ err: noteError, actionId: action.id }, 'could not post the roll-back failure'),
          );
      }
    }
    return reverted;
  }

  /**
   * A lapsed action stays in force because its roll-back failed: try again later, backing off, and say so in
   * the case thread the first time, so people know containment outlasts what was approved.
   */
  private async lapsedRevertFailed(
    action: ActionRow,
    before: number,
    now: Date,
    error: unknown,
  ): Promise<void> {
    const failures = before + 1;
    const waitMs = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** before);
    this.failing.set(action.id, { failures, retryAt: now.getTime() + waitMs });
    // revert() wraps the connector's failure in words for a person pressing Revert; the cause is what failed.
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    this.deps.logger.warn(
      { actionId: action.id, failures, retryInSeconds: waitMs / 1000 },
      `roll-back of a lapsed action failed; will try again: ${reason}`,
    );
    if (before > 0) return;
    await this.deps.notifier
      .threadNote(action.caseId, {
        kind: 'result',
        title: 'Roll-back failed',
        text: `${action.kind} ${action.target} should have been rolled back when its time ran out, but that failed: ${reason}. It stays in force. Vigil tries again by itself (in ${waitMs / 60_000} min, then less often, at least hourly); anyone in its approver group can press Revert to try now.`,
      })
      .catch((noteError: unknown) =>
        this.deps.logger.warn(
          { err: noteError, actionId: action.id },
          'could not post the roll-back failure',
        ),
      );
  }

  /**
   * Actions of a case whose run has finished but that were left `pending` or `running` (Vigil stopped during
   * the vendor call), or response actions `done` and not rolled back yet not among `accountedFor` (the ids the run's
   * outcome names: Vigil stopped after the vendor call, before the run's checkpoint), when the case's run, done
   * again from its start, took another course (the policy or the evidence changed meanwhile, or a person denied
   * it), so nothing in the case's outcome accounts for them. Without `accountedFor` no done action is settled.
   * Each is rolled back where the vendor can (unless another case holds the same containment, or it was in
   * place before Vigil acted), marked failed, audited (`action.cut_off`) and told in the thread; one Vigil
   * cannot roll back is left for a person, who is told to check it. Returns how many it settled.
   */
  async settleCutOff(caseId: number, accountedFor: ReadonlySet<string> | undefined): Promise<number> {
    const { actions, responders, audit, notifier, clock } = this.deps;
    const cutOff = actions.forCase(caseId).filter(
      (a) =>
        a.status === 'pending' ||
        a.status === 'running' ||
        (a.status === 'done' &&
          !a.revertedAt &&
          ActionKind.safeParse(a.kind).success && // a response action, not the ticket the case opened
          accountedFor !== undefined &&
          !accountedFor.has(a.id)),
    );
    for (const action of cutOff) {
      const at = clock().toISOString();
      const what = `${action.kind} ${action.target}`;
      let outcome: { rolledBack: boolean; detail: string; data: Record<string, unknown> };
      const holders = actions.othersHolding(action, at);
      if (action.foundInPlace) {
        outcome = {
          rolledBack: false,
          detail:
            'it was in place before Vigil acted, so Vigil leaves it be: lift it at the vendor by hand if that is intended',
          data: { foundInPlace: true },
        };
      } else if (holders.length > 0) {
        const held = holders.map((h) => caseKey(h.caseId)).join(', ');
        outcome = {
          rolledBack: false,
          detail: `it stays in force, as ${held} holds it too`,
          data: { stillHeldBy: holders.map((h) => h.id) },
        };
      } else if (!canRevert(responders, action.kind)) {
        outcome = {
          rolledBack: false,
          detail: 'Vigil cannot roll this kind of action back: check it by hand',
          data: {},
        };
      } else {
        try {
          const reverted = await rollBack(responders, action);
          outcome = {
            rolledBack: true,
            detail: `rolled back: ${reverted.detail}`,
            data: { connector: reverted.connector, responseDigest: digest(reverted.result) },
          };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          outcome = {
            rolledBack: false,
            detail: `rolling it back failed (${message}): check it by hand`,
            data: { error: message },
          };
        }
      }
      actions.markFailed(action.id, `cut off when Vigil stopped; ${outcome.detail}`, at);
      audit.append({
        type: 'action.cut_off',
        actor: 'vigil',
        caseId,
        data: {
          actionId: action.id,
          kind: action.kind,
          from: action.status,
          rolledBack: outcome.rolledBack,
          ...outcome.data,
        },
      });
      const stopped =
        action.status === 'done'
          ? `Vigil carried out ${what} but stopped before saying so here`
          : `Vigil stopped while carrying out ${what}`;
      await notifier.threadNote(caseId, {
        kind: 'result',
        title: 'Action cut off',
        text: `${stopped}, and the case, worked again, ended without it; ${outcome.detail}.`,
      });
    }
    return cutOff.length;
  }

  /** Revert pressed by a person: they must be in the approver group for this action. */
  async revertByPerson(actionId: string, userId: string): Promise<void> {
    const action = this.deps.actions.get(actionId);
    if (!action) throw new NotFoundError(`Action ${actionId} does not exist.`);
    if (action.revertedAt && action.revertDoneAt) throw reverted(action);
    if (action.revertedAt) {
      const since = this.deps.clock().getTime() - Date.parse(action.revertedAt);
      if (since < UNCONFIRMED_REVERT_MS)
        throw new AlreadyDecidedError(
          `A roll-back of this action (${action.revertedBy === 'vigil' ? 'its time ran out' : `asked for by <@${action.revertedBy}>`}) is under way.`,
        );
    }
    const refuse = (reason: string, message: string): never => {
      this.deps.audit.append({
        type: 'action.revert_refused',
        actor: userId,
        caseId: action.caseId,
        data: { actionId, reason },
      });
      throw new NotAuthorizedError(message);
    };
    if (await this.deps.ownAccount.isOwn(userId, action.kind, action.target)) {
      refuse(
        'subject',
        'This action is on your own account, so someone else must roll it back (separation of duties).',
      );
    }
    const approvers = this.approversFor(action);
    if (!approvers || !(await this.deps.directory.isApprover(userId, approvers))) {
      refuse(
        'not-an-approver',
        approvers
          ? `Only ${this.deps.directory.describe(approvers)} may roll this action back.`
          : `policy.yml names no approvers for ${action.kind}, so nobody may roll it back here: add approvers to its rule.`,
      );
    }
    if (action.revertedAt) {
      // Claimed long ago and never confirmed: cut off by a crash. This press, by an approver, does it again
      // (unless the sweep took it up while the membership was looked up).
      const now = this.deps.actions.get(actionId);
      if (now?.revertedAt !== action.revertedAt || now.revertDoneAt) throw reverted(now ?? action);
      this.deps.actions.releaseRevert(action.id, this.deps.clock().toISOString());
    }
    if (!(await this.revert(action, userId, 'manual')))
      throw reverted(this.deps.actions.get(actionId) ?? action);
    this.failing.delete(actionId);
  }

  /** Claims and performs one roll-back; false when it was already rolled back (or is not rollable). */
  private async revert(action: ActionRow, by: string, reason: 'ttl' | 'manual'): Promise<boolean> {
    const { actions, responders, audit, clock } = this.deps;
    if (!canRevert(responders, action.kind)) return false;
    const at = clock().toISOString();
    const claimed = actions.claimRevert(action.id, by, at);
    if (!claimed) return false;
    const request = { kind: action.kind, target: action.target, caseId: action.caseId, actionId: action.id };
    if (action.foundInPlace) {
      await this.releasedFoundInPlace(action, by, reason);
      return true;
    }
    // Checked after the claim: of two holders rolled back at once, the second always sees the first's claim.
    const holders = actions.othersHolding(action, at);
    if (holders.length > 0) {
      await this.releasedForThisCaseOnly(action, by, reason, holders);
      return true;
    }
    try {
      const outcome = await rollBack(responders, action);
      await this.recordReverted(
        action,
        by,
        reason,
        {
          connector: outcome.connector,
          requestDigest: digest(request),
          responseDigest: digest(outcome.result),
          result: outcome.result,
        },
        (why) => `${outcome.detail}: ${why}.`,
      );
      return true;
    } catch (error) {
      actions.releaseRevert(action.id, clock().toISOString());
      const message = error instanceof Error ? error.message : String(error);
      audit.append({
        type: 'action.revert_failed',
        actor: by,
        caseId: action.caseId,
        data: { actionId: action.id, reason, error: message },
      });
      throw new ConnectorError(
        `Rolling back ${action.kind} ${action.target} failed: ${message}. It stays in force; try again.`,
        { cause: error },
      );
    }
  }

  /** Records the roll-back of an action whose containment other cases still hold, without calling the vendor. */
  private async releasedForThisCaseOnly(
    action: ActionRow,
    by: string,
    reason: 'ttl' | 'manual',
    holders: ActionRow[],
  ): Promise<void> {
    const held = holders
      .map((h) => `${caseKey(h.caseId)}${h.expiresAt ? ` (until ${h.expiresAt})` : ''}`)
      .join(', ');
    await this.recordReverted(
      action,
      by,
      reason,
      {
        connector: null,
        stillHeldBy: holders.map((h) => ({ actionId: h.id, caseId: h.caseId, expiresAt: h.expiresAt })),
      },
      (why) =>
        `Rolled back for this case (${why}), but ${action.kind} ${action.target} stays in force: ${held} still ${holders.length === 1 ? 'holds' : 'hold'} it. It is lifted when the last case holding it is rolled back or runs out.`,
    );
  }

  /**
   * Records the roll-back of an action whose effect was in place before it (a person or another tool put it
   * there), without calling the vendor: lifting it is not Vigil's to do.
   */
  private async releasedFoundInPlace(action: ActionRow, by: string, reason: 'ttl' | 'manual'): Promise<void> {
    await this.recordReverted(
      action,
      by,
      reason,
      { connector: null, foundInPlace: true },
      (why) =>
        `Rolled back for this case (${why}), but ${action.kind} ${action.target} was in place before Vigil acted, so Vigil leaves it in force: lift it at the vendor by hand if that is intended.`,
    );
  }

  /** A roll-back gone through: audited (`action.reverted`), confirmed on its row, and told in the thread. */
  private async recordReverted(
    action: ActionRow,
    by: string,
    reason: 'ttl' | 'manual',
    data: Record<string, unknown>,
    say: (why: string) => string,
  ): Promise<void> {
    const { audit, actions, notifier, clock } = this.deps;
    audit.append({
      type: 'action.reverted',
      actor: by,
      caseId: action.caseId,
      data: { actionId: action.id, reason, ...data },
    });
    actions.confirmRevert(action.id, clock().toISOString());
    const why = reason === 'ttl' ? 'its time ran out' : `${mention(by)} pressed Revert`;
    await notifier.threadNote(action.caseId, {
      kind: 'result',
      title: 'Reverted',
      text: say(why),
      mentions: mentionsOf([by]),
    });
  }

  /**
   * The approver group of the action's approval, or (for auto-run actions) of its policy rule as policy.yml now
   * has it for the environment the gate decided the action in (its `policy.decided` row): a per-environment
   * override names who may undo it there (the default environment when no row names it).
   */
  private approversFor(action: ActionRow) {
    const approval = action.approvalId ? this.deps.approvals.get(action.approvalId) : undefined;
    if (approval) return Approvers.parse(JSON.parse(approval.approvers));
    const kind = ActionKind.safeParse(action.kind);
    if (!kind.success) return null;
    const { policy } = this.deps;
    const environment = this.decidedIn(action) ?? policy.validationRules().defaultEnvironment;
    return policy.evaluate(kind.data, { environment, confidence: 0, exceptions: 0 }).approvers;
  }

  /** The environment of the gate's last decision on the action's proposal, if the audit log has it. */
  private decidedIn(action: ActionRow): string | undefined {
    const decisions = this.deps.audit.forCase(action.caseId, (row) => row.type === 'policy.decided');
    for (const row of decisions.reverse()) {
      const decided = PolicyDecided.safeParse(JSON.parse(row.data));
      if (decided.success && actionKeyFor(action.caseId, decided.data.proposalId) === action.idempotencyKey)
        return decided.data.environment;
    }
    return undefined;
  }
}

/** Calls the vendor to roll an action back, with the parameters it ran with. */
function rollBack(responders: Responders, action: ActionRow) {
  return revertAction(responders, {
    id: action.id,
    caseId: action.caseId,
    kind: action.kind,
    target: action.target,
    request: RecordedRequest.parse(JSON.parse(action.request)),
  });
}

function reverted(action: ActionRow): AlreadyDecidedError {
  const by = action.revertedBy === 'vigil' ? 'when its time ran out' : `by <@${action.revertedBy}>`;
  return new AlreadyDecidedError(`This action was already rolled back ${by}.`);
}
