// Google Workspace as identity provider: a service account with domain-wide delegation signs an RS256 JWT
// (node:crypto) for an OAuth2 token acting as an admin; the Directory API suspends, restores and signs
// users out; the Reports API's login activity gives sign-ins (nextPageToken pagination).
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { AccountDirectory } from './account-directory.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, type HttpClient } from './http/http-client.js';
import { cachedToken, jwtBearerGrant } from './http/oauth2.js';
import { collectPages } from './http/paginate.js';
import { runtimeFrom, type ConnectorDeps } from './runtime.js';
import type {
  IdentityProvider,
  IdentityUser,
  SignInEvent,
  SignInQuery,
  UserActionRequest,
  UserActionResult,
} from './types.js';

export const GOOGLE_WORKSPACE_NAME = 'google-workspace';

export const googleWorkspaceEnv = {
  GOOGLE_SERVICE_ACCOUNT_KEY: {
    key: 'serviceAccountKey',
    description: 'JSON key of a service account with domain-wide delegation for the Admin SDK scopes',
    secret: true,
  },
  GOOGLE_ADMIN_EMAIL: { key: 'adminEmail', description: 'Workspace admin the service account acts as' },
  GOOGLE_ADMIN_API_URL: {
    key: 'adminApiUrl',
    description: 'Admin SDK endpoint (Directory and Reports APIs)',
    default: 'https://admin.googleapis.com',
  },
} as const satisfies EnvSpec;

/** The fields of a service-account key file Vigil uses; the private key must be a readable PEM key. */
export const ServiceAccountKey = z.object({
  type: z.literal('service_account'),
  client_email: z.email(),
  private_key: z.string().refine(
    (pem) => {
      try {
        return createPrivateKey(pem).asymmetricKeyType === 'rsa';
      } catch {
        return false;
      }
    },
    { message: 'not an RSA private key in PEM form' },
  ),
  /** Where the signed assertion goes: https, or http on loopback only, like every other vendor URL. */
  token_uri: VendorUrl.default('https://oauth2.googleapis.com/token'),
});

export const GoogleWorkspaceConfig = z.object({
  serviceAccountKey: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(ServiceAccountKey),
  adminEmail: z.email(),
  adminApiUrl: VendorUrl,
});
export type GoogleWorkspaceConfig = z.infer<typeof GoogleWorkspaceConfig>;

export function parseGoogleWorkspaceConfig(values: EnvValues): GoogleWorkspaceConfig | undefined {
  return parseVendorEnv(GOOGLE_WORKSPACE_NAME, googleWorkspaceEnv, GoogleWorkspaceConfig, values);
}

export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user',
  'https://www.googleapis.com/auth/admin.reports.audit.readonly',
] as const;

const DirectoryUser = z.object({
  id: z.string(),
  primaryEmail: z.string(),
  name: z.object({ fullName: z.string().nullish() }).nullish(),
  suspended: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  lastLoginTime: z.string().nullish(),
});
type DirectoryUser = z.infer<typeof DirectoryUser>;

const Parameter = z.object({
  name: z.string(),
  value: z.string().optional(),
  boolValue: z.boolean().optional(),
});
const Activity = z.object({
  id: z.object({ time: z.string(), uniqueQualifier: z.string() }),
  actor: z.object({ email: z.string().nullish() }).nullish(),
  ipAddress: z.string().nullish(),
  events: z.array(z.object({ name: z.string(), parameters: z.array(Parameter).nullish() })),
});
type Activity = z.infer<typeof Activity>;
const ActivityPage = z.object({ items: z.array(Activity).nullish(), nextPageToken: z.string().nullish() });

/** `{"error":{"code":404,"message":"Resource Not Found: userKey","errors":[…],"status":"NOT_FOUND"}}` */
const describeGoogleError = errorBody(
  z.object({ error: z.object({ message: z.string(), status: z.string().optional() }) }),
  (body) => ({ vendorCode: body.error.status ?? null, detail: body.error.message }),
);

const LOGIN_OUTCOME: Record<string, SignInEvent['outcome']> = {
  login_success: 'success',
  login_failure: 'failure',
  login_challenge: 'challenge',
  login_verification: 'challenge',
};

/** Google reports "never logged in" as the epoch. */
const NEVER = '1970-01-01T00:00:00.000Z';

export class GoogleWorkspace extends AccountDirectory<DirectoryUser> implements IdentityProvider {
  readonly name = GOOGLE_WORKSPACE_NAME;
  private readonly http: HttpClient;

  constructor(config: GoogleWorkspaceConfig, deps: ConnectorDeps = {}) {
    super();
    const key = config.serviceAccountKey;
    const tokenUrl = new URL(key.token_uri);
    const tokens = cachedToken(
      deps,
      { vendor: GOOGLE_WORKSPACE_NAME, baseUrl: tokenUrl.origin, secrets: [key.private_key] },
      (http) =>
        jwtBearerGrant(http, tokenUrl.pathname, {
          issuer: key.client_email,
          privateKey: key.private_key,
          scopes: GOOGLE_SCOPES,
          audience: key.token_uri,
          subject: config.adminEmail,
          now: runtimeFrom(deps).now,
        }),
    );
    this.http = createHttpClient(deps, {
      vendor: GOOGLE_WORKSPACE_NAME,
      baseUrl: config.adminApiUrl,
      auth: tokens,
      secrets: [key.private_key],
      describeError: describeGoogleError,
    });
  }

  async revokeSessions(request: UserActionRequest): Promise<UserActionResult> {
    await this.http.request({
      operation: 'sign user out',
      method: 'POST',
      path: `/admin/directory/v1/users/${encodeURIComponent(request.userId)}/signOut`,
      // Signing out twice ends the same sessions: safe to retry.
      idempotent: true,
      schema: z.unknown(),
    });
    return { userId: request.userId, alreadyApplied: null };
  }

  async signIns(query: SignInQuery): Promise<SignInEvent[]> {
    const limit = query.limit ?? 200;
    const userKey = encodeURIComponent(query.login ?? 'all');
    const activities = await collectPages<Activity, string | null>(
      null,
      async (pageToken) => {
        const { data } = await this.http.request({
          operation: 'read login activity',
          method: 'GET',
          path: `/admin/reports/v1/activity/users/${userKey}/applications/login`,
          query: {
            startTime: query.since,
            endTime: query.until,
            maxResults: Math.min(limit, 1000),
            pageToken: pageToken ?? undefined,
          },
          idempotent: true,
          schema: ActivityPage,
        });
        return { items: data.items ?? [], next: data.nextPageToken ?? undefined };
      },
      { maxItems: limit },
    );
    return activities.flatMap((activity) => this.toSignIn(activity));
  }

  protected isSuspended(user: DirectoryUser): boolean {
    return user.suspended === true;
  }

  protected async setSuspended(user: DirectoryUser, suspended: boolean): Promise<void> {
    await this.http.request({
      operation: suspended ? 'suspend user' : 'restore user',
      method: 'PUT',
      path: `/admin/directory/v1/users/${encodeURIComponent(user.id)}`,
      // users.update takes patch semantics: only `suspended` changes, and setting it twice is harmless.
      json: { suspended },
      idempotent: true,
      schema: DirectoryUser,
    });
  }

  protected async getAccount(userKey: string): Promise<DirectoryUser> {
    const { data } = await this.http.request({
      operation: 'look up user',
      method: 'GET',
      path: `/admin/directory/v1/users/${encodeURIComponent(userKey)}`,
      idempotent: true,
      schema: DirectoryUser,
    });
    return data;
  }

  protected toIdentityUser(user: DirectoryUser): IdentityUser {
    return {
      id: user.id,
      login: user.primaryEmail,
      email: user.primaryEmail,
      displayName: user.name?.fullName ?? null,
      status: user.archived ? 'deprovisioned' : user.suspended ? 'suspended' : 'active',
      lastLoginAt: user.lastLoginTime && user.lastLoginTime !== NEVER ? user.lastLoginTime : null,
      source: this.name,
    };
  }

  /** One sign-in per login event in the activity (logouts and other events are not sign-ins). */
  private toSignIn(activity: Activity): SignInEvent[] {
    return activity.events.flatMap((event) => {
      const outcome = LOGIN_OUTCOME[event.name];
      if (!outcome) return [];
      const parameter = (name: string) => event.parameters?.find((p) => p.name === name)?.value ?? null;
      return [
        {
          id: `${activity.id.uniqueQualifier}:${event.name}`,
          at: activity.id.time,
          login: activity.actor?.email ?? null,
          ip: activity.ipAddress ?? null,
          country: null,
          city: null,
          outcome,
          reason: parameter('login_failure_type') ?? parameter('login_challenge_method'),
          application: parameter('login_type'),
          userAgent: null,
          source: this.name,
        },
      ];
    });
  }
}
