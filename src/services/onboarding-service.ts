// Drives the onboarding graph: validates a request (webhook, Okta event, /vigil onboard) against the role
// mapping, refuses an invalid one with its reason (audited, no case, nothing provisioned), and otherwise
// opens a case "Onboard <name>" and runs the workflow on thread `onboard:VIG-n` in the background.
import { Command } from '@langchain/langgraph';
import { z } from 'zod';
import type { ActionsRepository } from '../../db/repositories/actions.js';
import { caseKey, type CasesRepository } from '../../db/repositories/cases.js';
import type { IdentityProvider } from '../../connectors/types.js';
import { digest } from '../../graphs/lib/digest.js';
import {
  OnboardRequest,
  onboardStepKey,
  OnboardRetryInterrupt,
  onboardThreadId,
  STEP_LABELS,
  type OnboardRetryResume,
  type OnboardStep,
} from '../../graphs/onboarding/contracts.js';
import type { OnboardingGraph } from '../../graphs/onboarding/graph.js';
import type { RolePort } from '../../graphs/onboarding/ports.js';
import { validateOnboarding } from '../../graphs/onboarding/validate.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import { InvalidInputError, NotAuthorizedError, NotFoundError } from '../errors.js';
import type { ApproverDirectory } from './approver-directory.js';
import type { CaseRunner } from './case-runner.js';
import type { RetryClaim, RetryMessage } from './offboarding-service.js';
import { claimStepRetry } from './step-retry.js';

export interface OnboardingServiceDeps {
  graph: OnboardingGraph;
  runner: CaseRunner;
  cases: CasesRepository;
  actions: ActionsRepository;
  roles: RolePort;
  directory: ApproverDirectory;
  notifier: CaseNotifier & {
    retryClaimed(message: RetryMessage, claim: RetryClaim & { step: string }): Promise<void>;
  };
  audit: AuditSink & { forCase(caseId: number): Array<{ type: string; data: string }> };
  /** Looks up people an identity provider event names (their e-mail, name and job title). */
  identityProvider: IdentityProvider | undefined;
  /** Runs `work` in one database transaction (immediate: it takes the write lock first). */
  transaction: <T>(work: () => T) => T;
  clock: () => Date;
}

/**
 * The same person and role asked for again within this window joins the case opened for them (a failed
 * step there is finished with Retry, not with a second case).
 */
export const DUPLICATE_WINDOW_SECONDS = 24 * 3600;

/** The case a request opened, or the one it joined as a duplicate delivery. */
export interface Opened {
  caseId: number;
  duplicate: boolean;
}

/** The `onboarding.requested` audit fact's data. */
const RequestedFact = z.object({ request: OnboardRequest });

const configFor = (caseId: number) => ({ configurable: { thread_id: onboardThreadId(caseId) } });

export class OnboardingService {
  constructor(private readonly deps: OnboardingServiceDeps) {}

  /**
   * A request a person makes in Slack (`/vigil onboard <email> <role> <full name>`, its text as typed): only the
   * role mapping's reviewers may ask, since it creates accounts with no approval; anyone else is refused (audited,
   * nothing opened) before the text is read, whatever it holds. A reviewer's incomplete text gets the usage line.
   * An identity provider's event needs no such check: the person already exists there.
   */
  async requestAsPerson(text: string, userId: string, source: string): Promise<Opened> {
    const { reviewers } = this.deps.roles;
    if (!(await this.deps.directory.isApprover(userId, reviewers))) {
      this.refuse(
        'not-a-reviewer',
        userId,
        source,
        text,
        new NotAuthorizedError(
          `Only ${this.deps.directory.describe(reviewers)} (the reviewers of roles.yml) may ask for an onboarding: it creates accounts with no approval. Ask one of them.`,
        ),
      );
    }
    return this.request(parseOnboardArgs(text), userId, source);
  }

  /**
   * Validates the request (its role, and its address against roles.yml's e-mail domains) and opens its case;
   * the run goes on in the background. Throws InvalidInputError (after auditing the refusal) when the request
   * is invalid: nothing is provisioned then. A duplicate of a recent request joins its case instead.
   */
  request(input: unknown, requestedBy: string, source: string): Opened {
    const result = validateOnboarding(input, this.deps.roles);
    if (!result.ok) return this.refuse(result.reason, requestedBy, source, input);
    const { person, grant, request } = result;
    const now = this.deps.clock();
    const at = now.toISOString();
    // A webhook delivered twice (identity providers retry when unsure) must not open a second case.
    const fingerprint = `onboard:${person.email.toLowerCase()}:${grant.role}`;
    const since = new Date(now.getTime() - DUPLICATE_WINDOW_SECONDS * 1000).toISOString();
    // One transaction: the case never exists without its `onboarding.requested` row (which the reconciler
    // starts a run from), and two deliveries racing, even in two replicas, open one case.
    const opened = this.deps.transaction((): Opened => {
      const earlier = this.deps.cases.findRecentByFingerprint(fingerprint, since);
      if (earlier !== undefined) {
        this.deps.audit.append({
          type: 'onboarding.duplicate',
          actor: requestedBy,
          caseId: earlier,
          data: { source },
        });
        return { caseId: earlier, duplicate: true };
      }
      const row = this.deps.cases.create({
        title: `Onboard ${person.displayName} (${person.email}) as ${grant.role}`,
        severity: 'low',
        requestedBy,
        at,
        fingerprint,
        workflow: 'onboarding',
      });
      this.deps.audit.append({
        type: 'onboarding.requested',
        actor: requestedBy,
        caseId: row.id,
        data: { request, source, rolesHash: this.deps.roles.hash },
      });
      return { caseId: row.id, duplicate: false };
    });
    if (opened.duplicate) return opened;
    const caseId = opened.caseId;
    void this.deps.runner.enqueue(caseId, 'onboard', async () => {
      await this.deps.notifier.caseUpdated(caseId);
      await this.deps.graph.invoke({ caseId, request, requestedBy }, configFor(caseId));
    });
    return opened;
  }

  /**
   * The request for a person an identity provider created, read from the provider (e-mail, name, job title
   * as the role). Throws InvalidInputError (audited) when the person cannot be read or has no title.
   */
  async requestFromIdentityProvider(
    login: string,
    fallbackName: string | null,
    requestedBy: string,
    source: string,
  ): Promise<Opened> {
    const idp = this.deps.identityProvider;
    if (!idp) {
      this.refuse(
        `no identity provider is configured to read ${login}'s profile from (Okta, Entra ID or Google Workspace)`,
        requestedBy,
        source,
        { login },
      );
    }
    const user = await idp.findUser(login);
    if (!user) this.refuse(`${idp.name} has no user ${login}`, requestedBy, source, { login });
    if (!user.title) {
      this.refuse(
        `${idp.name} user ${login} has no job title to map to a role: set it in their profile, or send {"email","name","role"}`,
        requestedBy,
        source,
        { login },
      );
    }
    const request: OnboardRequest = {
      email: user.email ?? user.login,
      name: user.displayName ?? fallbackName ?? user.login,
      role: user.title,
    };
    return this.request(request, requestedBy, source);
  }

  /**
   * After a restart: continues onboarding runs a crash stopped between nodes (a step whose action row was
   * left `running` runs again; both connectors find what was already created), and starts runs whose case
   * was opened but whose run never began. Returns how many it took up.
   */
  async reconcile(): Promise<number> {
    let taken = 0;
    for (const row of this.deps.cases.listUnfinished('onboarding')) {
      const snapshot = await this.deps.graph.getState(configFor(row.id));
      const waiting = snapshot.tasks.some((task) => task.interrupts.length > 0);
      if (waiting) continue;
      if (snapshot.next.length > 0) {
        taken += 1;
        void this.deps.runner.enqueue(row.id, 'onboard-continue', async () => {
          await this.deps.graph.invoke(null, configFor(row.id));
        });
        continue;
      }
      const neverStarted = !snapshot.createdAt && row.status === 'triage';
      const asked = neverStarted ? this.requestOf(row.id) : undefined;
      if (asked) {
        taken += 1;
        void this.deps.runner.enqueue(row.id, 'onboard', async () => {
          await this.deps.notifier.caseUpdated(row.id);
          await this.deps.graph.invoke(
            { caseId: row.id, request: asked, requestedBy: row.requestedBy },
            configFor(row.id),
          );
        });
      }
    }
    return taken;
  }

  /** The request a case was opened for, as audited when it was opened. */
  private requestOf(caseId: number): OnboardRequest | undefined {
    const opened = this.deps.audit.forCase(caseId).find((r) => r.type === 'onboarding.requested');
    return opened ? RequestedFact.safeParse(JSON.parse(opened.data)).data?.request : undefined;
  }

  /**
   * Runs a failed step of a case's onboarding again. Throws (and audits the refusal) unless `userId` is one
   * of the role mapping's reviewers and not the requester; throws when that step is not waiting for a retry
   * or another retry already claimed it.
   */
  async retry(caseId: number, step: OnboardStep, userId: string, message?: RetryMessage): Promise<void> {
    const owner = this.deps.cases.get(caseId);
    if (!owner) throw new NotFoundError(`There is no case ${caseKey(caseId)}.`);
    const claim = await claimStepRetry(this.deps, {
      owner,
      userId,
      approvers: this.deps.roles.reviewers,
      workflow: 'onboarding',
      waiting: async () => {
        const failed = await this.failedSteps(caseId);
        return failed.includes(step) ? { step, key: onboardStepKey(caseId, step) } : undefined;
      },
    });
    if (message) {
      await this.deps.notifier.retryClaimed(message, {
        caseId,
        step,
        title: STEP_LABELS[step],
        error: claim.failed?.error ?? 'unknown error',
        failedAt: claim.failed?.updatedAt ?? claim.at,
        retriedBy: userId,
        at: claim.at,
      });
    }
    const value: OnboardRetryResume = { step, retriedBy: userId, at: claim.at };
    void this.deps.runner.enqueue(
      caseId,
      'onboard-retry',
      async () => {
        await this.deps.graph.invoke(new Command({ resume: value }), configFor(caseId));
      },
      'interactive',
    );
  }

  /** The steps the case's run waits to retry (none when it is not waiting). */
  private async failedSteps(caseId: number): Promise<OnboardStep[]> {
    const snapshot = await this.deps.graph.getState(configFor(caseId));
    for (const task of snapshot.tasks) {
      for (const pending of task.interrupts) {
        const parsed = OnboardRetryInterrupt.safeParse(pending.value);
        if (parsed.success && parsed.data.caseId === caseId) return parsed.data.steps;
      }
    }
    return [];
  }

  /** Audits a refused request and throws `error` (by default the InvalidInputError that says why). */
  refuse(
    reason: string,
    requestedBy: string,
    source: string,
    input: unknown,
    error: Error = new InvalidInputError(`Not onboarded: ${reason}.`),
  ): never {
    this.deps.audit.append({
      type: 'onboarding.refused',
      actor: requestedBy,
      caseId: null,
      data: { reason, source, inputDigest: digest(input ?? null), rolesHash: this.deps.roles.hash },
    });
    throw error;
  }
}

/** Parses `/vigil onboard <email> <role> <name…>` into a request (validated later with the role mapping). */
export function parseOnboardArgs(text: string): { email: string; role: string; name: string } {
  const [rawEmail = '', role = '', ...name] = text.trim().split(/\s+/).filter(Boolean);
  const email = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(rawEmail)?.[1] ?? rawEmail;
  if (!email || !role || name.length === 0) {
    throw new InvalidInputError(
      'Usage: /vigil onboard <email> <role> <full name>, e.g. /vigil onboard dana@example.com sales Dana Ruiz',
    );
  }
  return { email, role, name: name.join(' ') };
}
