// Okta as identity provider (Management API with an SSWS API token): user lookup, suspend and unsuspend,
// clearing sessions, resetting MFA factors, and sign-ins from the System Log (Link-header pagination).
import { z } from 'zod';
import { AccountDirectory } from './account-directory.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, staticAuth, type HttpClient } from './http/http-client.js';
import { collectLinkedPages, nextLink } from './http/paginate.js';
import { epochSecondsHeader } from './http/retry.js';
import type { ConnectorDeps } from './runtime.js';
import type {
  IdentityProvider,
  IdentityUser,
  SignInEvent,
  SignInQuery,
  UserActionRequest,
  UserActionResult,
  UserStatus,
} from './types.js';

export const OKTA_NAME = 'okta';

export const oktaEnv = {
  OKTA_ORG_URL: { key: 'orgUrl', description: 'Okta org URL, e.g. https://example.okta.com' },
  OKTA_API_TOKEN: {
    key: 'apiToken',
    description: 'Okta API token (SSWS) of an admin allowed to manage users and read the System Log',
    secret: true,
  },
} as const satisfies EnvSpec;

export const OktaConfig = z.object({ orgUrl: VendorUrl, apiToken: z.string().min(20) });
export type OktaConfig = z.infer<typeof OktaConfig>;

export function parseOktaConfig(values: EnvValues): OktaConfig | undefined {
  return parseVendorEnv(OKTA_NAME, oktaEnv, OktaConfig, values);
}

const OktaUser = z.object({
  id: z.string(),
  status: z.string(),
  lastLogin: z.string().nullish(),
  profile: z.object({
    login: z.string(),
    email: z.string().nullish(),
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    displayName: z.string().nullish(),
    title: z.string().nullish(),
  }),
});
type OktaUser = z.infer<typeof OktaUser>;

const OktaLogEvent = z.object({
  uuid: z.string(),
  published: z.string(),
  actor: z.object({ alternateId: z.string().nullish() }).nullish(),
  client: z
    .object({
      ipAddress: z.string().nullish(),
      userAgent: z.object({ rawUserAgent: z.string().nullish() }).nullish(),
      geographicalContext: z.object({ country: z.string().nullish(), city: z.string().nullish() }).nullish(),
    })
    .nullish(),
  outcome: z.object({ result: z.string(), reason: z.string().nullish() }).nullish(),
  target: z.array(z.object({ type: z.string(), displayName: z.string().nullish() })).nullish(),
});
type OktaLogEvent = z.infer<typeof OktaLogEvent>;

const OktaErrorBody = z.object({
  errorCode: z.string(),
  errorSummary: z.string(),
  errorCauses: z.array(z.object({ errorSummary: z.string() })).optional(),
});

/** Okta's error body: `{"errorCode":"E0000011","errorSummary":"Invalid token provided",…}`. */
const describeOktaError = errorBody(OktaErrorBody, (body) => ({
  vendorCode: body.errorCode,
  detail: [body.errorSummary, ...(body.errorCauses?.map((cause) => cause.errorSummary) ?? [])].join('; '),
}));

const STATUS: Record<string, UserStatus> = {
  ACTIVE: 'active',
  PASSWORD_EXPIRED: 'active',
  RECOVERY: 'active',
  SUSPENDED: 'suspended',
  DEPROVISIONED: 'deprovisioned',
  STAGED: 'staged',
  PROVISIONED: 'staged',
  LOCKED_OUT: 'locked',
};

const OUTCOME: Record<string, SignInEvent['outcome']> = {
  SUCCESS: 'success',
  FAILURE: 'failure',
  DENY: 'failure',
  CHALLENGE: 'challenge',
};

const PAGE_SIZE = 200;

/** Okta's alias for the user the API token belongs to (`GET /api/v1/users/me`, "get current user"). */
const CURRENT_USER_ALIAS = 'me';

/** Whether `name` is how Okta's Users API may name this user: id, login, e-mail or login shortname. */
function isUserNamed(user: OktaUser, name: string): boolean {
  const { login, email } = user.profile;
  return [user.id, login, login.split('@')[0], email].some((n) => n?.toLowerCase() === name.toLowerCase());
}

export class Okta extends AccountDirectory<OktaUser> implements IdentityProvider {
  readonly name = OKTA_NAME;
  private readonly http: HttpClient;

  constructor(config: OktaConfig, deps: ConnectorDeps = {}) {
    super();
    this.http = createHttpClient(deps, {
      vendor: OKTA_NAME,
      baseUrl: config.orgUrl,
      auth: staticAuth({ authorization: `SSWS ${config.apiToken}` }),
      secrets: [config.apiToken],
      describeError: describeOktaError,
      // Okta says when its rate-limit window resets instead of sending Retry-After.
      retryAfter: epochSecondsHeader('x-rate-limit-reset'),
    });
  }

  async revokeSessions(request: UserActionRequest): Promise<UserActionResult> {
    await this.http.request({
      operation: 'clear user sessions',
      method: 'DELETE',
      path: `/api/v1/users/${encodeURIComponent(request.userId)}/sessions`,
      query: { oauthTokens: true },
      idempotent: true,
      schema: z.unknown(),
    });
    return { userId: request.userId, alreadyApplied: null };
  }

  async resetFactors(request: UserActionRequest): Promise<UserActionResult> {
    // Resetting twice leaves the same result (no factors enrolled), so a retry is safe.
    await this.lifecycle(request.userId, 'reset_factors', true);
    return { userId: request.userId, alreadyApplied: null };
  }

  async signIns(query: SignInQuery): Promise<SignInEvent[]> {
    const filters = ['eventType eq "user.session.start"'];
    if (query.login) filters.push(`actor.alternateId eq "${query.login.replace(/["\\]/g, '\\$&')}"`);
    const limit = query.limit ?? 200;
    const events = await collectLinkedPages(
      this.http,
      {
        operation: 'read the System Log',
        method: 'GET',
        path: '/api/v1/logs',
        query: {
          since: query.since,
          until: query.until,
          filter: filters.join(' and '),
          sortOrder: 'ASCENDING',
          limit: Math.min(limit, PAGE_SIZE),
        },
        idempotent: true,
        schema: z.array(OktaLogEvent),
      },
      (res) => ({ items: res.data, next: nextLink(res.headers.get('link')) }),
      { maxItems: limit },
    );
    return events.map((event) => this.toSignIn(event));
  }

  protected isSuspended(user: OktaUser): boolean {
    return user.status === 'SUSPENDED';
  }

  /**
   * Okta suspends only ACTIVE users. Someone leaving whose account is already deactivated (an HR-mastered org
   * deprovisions them itself) or suspended is done; one in any other state (locked out, password expired, in
   * recovery, not yet activated) is deactivated, which Okta allows from every state but deactivated.
   */
  override async offboardUser(request: UserActionRequest): Promise<UserActionResult> {
    const user = await this.getAccount(request.userId);
    if (user.status === 'SUSPENDED' || user.status === 'DEPROVISIONED') {
      const state = user.status === 'SUSPENDED' ? 'suspended' : 'deactivated';
      return { userId: request.userId, alreadyApplied: true, state };
    }
    if (user.status === 'ACTIVE') {
      await this.lifecycle(user.id, 'suspend');
      return { userId: request.userId, alreadyApplied: false, state: 'suspended' };
    }
    await this.lifecycle(user.id, 'deactivate');
    return { userId: request.userId, alreadyApplied: false, state: 'deactivated' };
  }

  protected async setSuspended(user: OktaUser, suspended: boolean): Promise<void> {
    await this.lifecycle(user.id, suspended ? 'suspend' : 'unsuspend');
  }

  /**
   * The user whose id, login, e-mail or login shortname is `idOrLogin`, and no one else. Okta answers
   * `/users/me` with the API token's own admin, and a user name taken from an alert can be "me": that alias is
   * refused without a call, and an answer about anyone but the user asked for is refused too.
   */
  protected async getAccount(idOrLogin: string): Promise<OktaUser> {
    if (idOrLogin.toLowerCase() === CURRENT_USER_ALIAS) {
      throw this.http.error(
        'look up user',
        'not_found',
        `"${idOrLogin}" is no user name: Okta answers it with the API token's owner`,
      );
    }
    const { data } = await this.http.request({
      operation: 'look up user',
      method: 'GET',
      path: `/api/v1/users/${encodeURIComponent(idOrLogin)}`,
      idempotent: true,
      schema: OktaUser,
    });
    if (!isUserNamed(data, idOrLogin)) {
      throw this.http.error(
        'look up user',
        'invalid_response',
        `asked for "${idOrLogin}", Okta answered with user ${data.id} (${data.profile.login})`,
      );
    }
    return data;
  }

  private async lifecycle(userId: string, operation: string, idempotent = false): Promise<void> {
    await this.http.request({
      operation: `${operation.replace('_', ' ')} user`,
      method: 'POST',
      path: `/api/v1/users/${encodeURIComponent(userId)}/lifecycle/${operation}`,
      idempotent,
      schema: z.unknown(),
    });
  }

  protected toIdentityUser(user: OktaUser): IdentityUser {
    const { profile } = user;
    const fullName = [profile.firstName, profile.lastName].filter(Boolean).join(' ');
    return {
      id: user.id,
      login: profile.login,
      email: profile.email ?? null,
      displayName: profile.displayName ?? (fullName || null),
      status: STATUS[user.status] ?? 'other',
      lastLoginAt: user.lastLogin ?? null,
      source: this.name,
      title: profile.title ?? null,
    };
  }

  private toSignIn(event: OktaLogEvent): SignInEvent {
    const place = event.client?.geographicalContext;
    return {
      id: event.uuid,
      at: event.published,
      login: event.actor?.alternateId ?? null,
      ip: event.client?.ipAddress ?? null,
      country: place?.country ?? null,
      city: place?.city ?? null,
      outcome: OUTCOME[event.outcome?.result ?? ''] ?? 'other',
      reason: event.outcome?.reason ?? null,
      application: event.target?.find((t) => t.type === 'AppInstance')?.displayName ?? null,
      userAgent: event.client?.userAgent?.rawUserAgent ?? null,
      source: this.name,
    };
  }
}
