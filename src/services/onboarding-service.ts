// Drives the onboarding graph: validates a request (webhook, Okta event, /vigil onboard) against the role
// mapping, refuses an invalid one with its reason (audited, no case, nothing provisioned), and otherwise
// opens a case "Onboard <name>" and runs the workflow on thread `onboard:VIG-n` in the background.
import type { CasesRepository } from '../../db/repositories/cases.js';
import type { IdentityProvider } from '../../connectors/types.js';
import { digest } from '../../graphs/lib/digest.js';
import { onboardThreadId, type OnboardRequest } from '../../graphs/onboarding/contracts.js';
import type { OnboardingGraph } from '../../graphs/onboarding/graph.js';
import type { RolePort } from '../../graphs/onboarding/ports.js';
import { validateOnboarding } from '../../graphs/onboarding/validate.js';
import type { AuditSink, CaseNotifier } from '../../graphs/triage/ports.js';
import { InvalidInputError } from '../errors.js';
import type { CaseRunner } from './case-runner.js';

export interface OnboardingServiceDeps {
  graph: OnboardingGraph;
  runner: CaseRunner;
  cases: CasesRepository;
  roles: RolePort;
  notifier: CaseNotifier;
  audit: AuditSink;
  /** Looks up people an identity provider event names (their e-mail, name and job title). */
  identityProvider: IdentityProvider | undefined;
  clock: () => Date;
}

/**
 * The same person and role asked for again within this window joins the case already open for them
 * (unless that case failed: asking again is how a failed onboarding is tried once more).
 */
export const DUPLICATE_WINDOW_SECONDS = 24 * 3600;

/** The case a request opened, or the one it joined as a duplicate delivery. */
export interface Opened {
  caseId: number;
  duplicate: boolean;
}

export class OnboardingService {
  constructor(private readonly deps: OnboardingServiceDeps) {}

  /**
   * Validates the request and opens its case; the run goes on in the background. Throws InvalidInputError
   * (after auditing the refusal) when the request is invalid: nothing is provisioned then. A duplicate of a
   * recent request joins its case instead.
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
    const earlier = this.deps.cases.findRecentByFingerprint(fingerprint, since);
    const earlierRow = earlier === undefined ? undefined : this.deps.cases.get(earlier);
    if (earlierRow && earlierRow.status !== 'failed') {
      this.deps.audit.append({
        type: 'onboarding.duplicate',
        actor: requestedBy,
        caseId: earlierRow.id,
        data: { source },
      });
      return { caseId: earlierRow.id, duplicate: true };
    }
    const row = this.deps.cases.create({
      title: `Onboard ${person.displayName} (${person.email}) as ${grant.role}`,
      severity: 'low',
      requestedBy,
      at,
      fingerprint,
    });
    this.deps.audit.append({
      type: 'onboarding.requested',
      actor: requestedBy,
      caseId: row.id,
      data: { request, source, rolesHash: this.deps.roles.hash },
    });
    void this.deps.runner.enqueue(row.id, 'onboard', async () => {
      await this.deps.notifier.caseUpdated(row.id);
      await this.deps.graph.invoke(
        { caseId: row.id, request, requestedBy },
        { configurable: { thread_id: onboardThreadId(row.id) } },
      );
    });
    return { caseId: row.id, duplicate: false };
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

  /** Audits a refused request and throws the InvalidInputError that says why. */
  refuse(reason: string, requestedBy: string, source: string, input: unknown): never {
    this.deps.audit.append({
      type: 'onboarding.refused',
      actor: requestedBy,
      caseId: null,
      data: { reason, source, inputDigest: digest(input ?? null), rolesHash: this.deps.roles.hash },
    });
    throw new InvalidInputError(`Not onboarded: ${reason}.`);
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
