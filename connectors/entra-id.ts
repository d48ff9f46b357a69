// Microsoft Entra ID through Microsoft Graph (app-only token): user lookup, disable and enable
// (accountEnabled), revoking sign-in sessions, and sign-in logs (@odata.nextLink pagination).
import { z } from 'zod';
import { AccountDirectory } from './account-directory.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, type HttpClient } from './http/http-client.js';
import { collectLinkedPages } from './http/paginate.js';
import {
  describeMicrosoftError,
  MicrosoftApp,
  microsoftAppEnv,
  microsoftToken,
  odataString,
} from './microsoft.js';
import type { ConnectorDeps } from './runtime.js';
import type {
  IdentityProvider,
  IdentityUser,
  SignInEvent,
  SignInQuery,
  UserActionRequest,
  UserActionResult,
} from './types.js';

export const ENTRA_NAME = 'entra-id';

export const entraEnv = {
  ...microsoftAppEnv('ENTRA', 'User.ReadWrite.All, AuditLog.Read.All, Directory.Read.All'),
  ENTRA_GRAPH_URL: {
    key: 'graphUrl',
    description: 'Microsoft Graph endpoint and version (national clouds differ)',
    default: 'https://graph.microsoft.com/v1.0',
  },
} satisfies EnvSpec;

export const EntraConfig = MicrosoftApp.extend({ graphUrl: VendorUrl });
export type EntraConfig = z.infer<typeof EntraConfig>;

export function parseEntraConfig(values: EnvValues): EntraConfig | undefined {
  return parseVendorEnv(ENTRA_NAME, entraEnv, EntraConfig, values);
}

const GraphUser = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  mail: z.string().nullish(),
  displayName: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
});
type GraphUser = z.infer<typeof GraphUser>;

const SignIn = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  userPrincipalName: z.string().nullish(),
  appDisplayName: z.string().nullish(),
  ipAddress: z.string().nullish(),
  clientAppUsed: z.string().nullish(),
  status: z.object({ errorCode: z.number().int(), failureReason: z.string().nullish() }).nullish(),
  location: z.object({ city: z.string().nullish(), countryOrRegion: z.string().nullish() }).nullish(),
});
type SignIn = z.infer<typeof SignIn>;

const SignInPage = z.object({ value: z.array(SignIn), '@odata.nextLink': z.string().optional() });

/** Sign-in error codes that mean "asked for more proof", not "refused". */
const CHALLENGE_CODES = new Set([50074, 50076, 50079, 50158]);
const USER_FIELDS = 'id,userPrincipalName,mail,displayName,accountEnabled';

export class EntraId extends AccountDirectory<GraphUser> implements IdentityProvider {
  readonly name = ENTRA_NAME;
  private readonly http: HttpClient;

  constructor(config: EntraConfig, deps: ConnectorDeps = {}) {
    super();
    this.http = createHttpClient(deps, {
      vendor: ENTRA_NAME,
      baseUrl: config.graphUrl,
      auth: microsoftToken(ENTRA_NAME, config, `${new URL(config.graphUrl).origin}/.default`, deps),
      secrets: [config.clientSecret],
      describeError: describeMicrosoftError,
    });
  }

  async revokeSessions(request: UserActionRequest): Promise<UserActionResult> {
    await this.http.request({
      operation: 'revoke sign-in sessions',
      method: 'POST',
      path: `/users/${encodeURIComponent(request.userId)}/revokeSignInSessions`,
      // Revoking again only moves the cut-off time: the effect is the same, so a retry is safe.
      idempotent: true,
      schema: z.object({ value: z.boolean() }),
    });
    return { userId: request.userId, alreadyApplied: null };
  }

  async signIns(query: SignInQuery): Promise<SignInEvent[]> {
    const filters = [`createdDateTime ge ${query.since}`];
    if (query.until) filters.push(`createdDateTime lt ${query.until}`);
    if (query.login) filters.push(`userPrincipalName eq ${odataString(query.login)}`);
    const limit = query.limit ?? 200;
    const events = await collectLinkedPages(
      this.http,
      {
        operation: 'read sign-in logs',
        method: 'GET',
        path: '/auditLogs/signIns',
        query: { $filter: filters.join(' and '), $top: Math.min(limit, 1000) },
        idempotent: true,
        schema: SignInPage,
      },
      (res) => ({ items: res.data.value, next: res.data['@odata.nextLink'] }),
      { maxItems: limit },
    );
    return events.map((event) => this.toSignIn(event));
  }

  protected isSuspended(user: GraphUser): boolean {
    return user.accountEnabled === false;
  }

  protected async setSuspended(user: GraphUser, suspended: boolean): Promise<void> {
    await this.http.request({
      operation: suspended ? 'disable account' : 'enable account',
      method: 'PATCH',
      path: `/users/${encodeURIComponent(user.id)}`,
      json: { accountEnabled: !suspended },
      // Setting accountEnabled twice leaves the same state: safe to retry.
      idempotent: true,
      schema: z.unknown(),
    });
  }

  protected async getAccount(idOrUpn: string): Promise<GraphUser> {
    const { data } = await this.http.request({
      operation: 'look up user',
      method: 'GET',
      path: `/users/${encodeURIComponent(idOrUpn)}`,
      query: { $select: USER_FIELDS },
      idempotent: true,
      schema: GraphUser,
    });
    return data;
  }

  protected toIdentityUser(user: GraphUser): IdentityUser {
    return {
      id: user.id,
      login: user.userPrincipalName,
      email: user.mail ?? null,
      displayName: user.displayName ?? null,
      status: user.accountEnabled === false ? 'suspended' : user.accountEnabled ? 'active' : 'other',
      lastLoginAt: null,
      source: this.name,
    };
  }

  private toSignIn(event: SignIn): SignInEvent {
    const code = event.status?.errorCode ?? 0;
    return {
      id: event.id,
      at: event.createdDateTime,
      login: event.userPrincipalName ?? null,
      ip: event.ipAddress ?? null,
      country: event.location?.countryOrRegion ?? null,
      city: event.location?.city ?? null,
      outcome: code === 0 ? 'success' : CHALLENGE_CODES.has(code) ? 'challenge' : 'failure',
      reason: code === 0 ? null : (event.status?.failureReason ?? `error ${code}`),
      application: event.appDisplayName ?? null,
      userAgent: null,
      source: this.name,
    };
  }
}
