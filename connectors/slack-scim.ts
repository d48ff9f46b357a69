// Slack's SCIM API (v1, an org admin's user token) as Slack administration: find an account by email,
// deactivate it (PATCH active=false), provision a new one (an existing account is found, not duplicated),
// and add an account to a user group (found by display name; PATCH members).
import { z } from 'zod';
import { ConnectorError, isConnectorError, nullIfNotFound } from './connector-error.js';
import { parseVendorEnv, VendorUrl, type EnvSpec, type EnvValues } from './env.js';
import { createHttpClient, errorBody, staticAuth, type HttpClient } from './http/http-client.js';
import type { ConnectorDeps } from './runtime.js';
import type {
  GroupMembershipRequest,
  GroupMembershipResult,
  NewPerson,
  ProvisionResult,
  SlackAccount,
  SlackAdmin,
  UserActionRequest,
  UserActionResult,
} from './types.js';

export const SLACK_SCIM_NAME = 'slack-scim';

export const slackScimEnv = {
  SLACK_SCIM_TOKEN: {
    key: 'token',
    description: 'User token (xoxp-…) of an org owner or admin with the admin scope, for the SCIM API',
    secret: true,
  },
  SLACK_SCIM_URL: { key: 'baseUrl', description: 'SCIM API base', default: 'https://api.slack.com/scim/v1' },
} as const satisfies EnvSpec;

export const SlackScimConfig = z.object({
  token: z.string().regex(/^xox[pe]-[A-Za-z0-9-]+$/),
  baseUrl: VendorUrl,
});
export type SlackScimConfig = z.infer<typeof SlackScimConfig>;

export function parseSlackScimConfig(values: EnvValues): SlackScimConfig | undefined {
  return parseVendorEnv(SLACK_SCIM_NAME, slackScimEnv, SlackScimConfig, values);
}

const SCHEMA = 'urn:scim:schemas:core:1.0';

const ScimUser = z.object({
  id: z.string(),
  userName: z.string(),
  active: z.boolean(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean().optional() })).nullish(),
});
type ScimUser = z.infer<typeof ScimUser>;

const ScimList = z.object({ totalResults: z.number().int(), Resources: z.array(ScimUser).nullish() });

const ScimGroup = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z.array(z.object({ value: z.string() })).nullish(),
});
const ScimGroupList = z.object({
  totalResults: z.number().int(),
  Resources: z.array(ScimGroup).nullish(),
});

/** Slack's SCIM v1 error body: `{"Errors":{"description":"invalid_authentication","code":401}}` */
const describeScimError = errorBody(
  z.object({ Errors: z.object({ description: z.string(), code: z.number().optional() }) }),
  (body) => ({ vendorCode: body.Errors.description, detail: body.Errors.description }),
);

/** A Slack username from an email: lower case, letters, digits, `.`, `-` and `_`, at most 21 characters. */
export function slackUserName(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '.')
    .slice(0, 21);
}

/** SCIM filter string literal. */
const scimString = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

export class SlackScim implements SlackAdmin {
  readonly name = SLACK_SCIM_NAME;
  private readonly http: HttpClient;

  constructor(config: SlackScimConfig, deps: ConnectorDeps = {}) {
    this.http = createHttpClient(deps, {
      vendor: SLACK_SCIM_NAME,
      baseUrl: config.baseUrl,
      auth: staticAuth({ authorization: `Bearer ${config.token}` }),
      secrets: [config.token],
      describeError: describeScimError,
    });
  }

  async findUser(email: string): Promise<SlackAccount | null> {
    const { data } = await this.http.request({
      operation: 'find user by email',
      method: 'GET',
      path: '/Users',
      query: { filter: `email eq ${scimString(email)}`, count: 1 },
      idempotent: true,
      schema: ScimList,
    });
    const [user] = data.Resources ?? [];
    if (!user) return null;
    const account = this.toAccount(user);
    // An answer about someone else (a filter the server ignored) must not become the account acted on.
    if (!user.emails?.some((e) => e.value.toLowerCase() === email.toLowerCase())) {
      throw this.http.error(
        'find user by email',
        'invalid_response',
        `asked for ${email}, Slack answered with account ${account.id} (${account.email ?? 'no e-mail'})`,
      );
    }
    return account;
  }

  async deactivateUser(request: UserActionRequest): Promise<UserActionResult> {
    const user = await this.getUser(request.userId);
    if (!user.active) return { userId: request.userId, alreadyApplied: true };
    await this.setActive(user.id, false, 'deactivate user');
    return { userId: request.userId, alreadyApplied: false };
  }

  private async setActive(id: string, active: boolean, operation: string): Promise<void> {
    await this.http.request({
      operation,
      method: 'PATCH',
      path: `/Users/${encodeURIComponent(id)}`,
      json: { schemas: [SCHEMA], active },
      idempotent: true,
      schema: ScimUser,
    });
  }

  async provisionUser(person: NewPerson): Promise<ProvisionResult> {
    try {
      const { data } = await this.http.request({
        operation: 'provision user',
        method: 'POST',
        path: '/Users',
        json: {
          schemas: [SCHEMA],
          userName: slackUserName(person.email),
          displayName: person.displayName ?? `${person.givenName} ${person.familyName}`,
          name: { givenName: person.givenName, familyName: person.familyName },
          emails: [{ value: person.email, primary: true }],
          active: true,
        },
        idempotent: false,
        schema: ScimUser,
      });
      return { userId: data.id, created: true };
    } catch (error) {
      // Slack answers 409 when the email or username is taken: a retried onboarding finds its account.
      const existing = isConnectorError(error, 'conflict')
        ? await nullIfNotFound(this.findUser(person.email))
        : null;
      if (!existing) throw error;
      // Someone rehired keeps their deactivated account: it is reactivated, not taken as it is.
      if (existing.active) return { userId: existing.id, created: false };
      await this.setActive(existing.id, true, 'reactivate user');
      return { userId: existing.id, created: false, reactivated: true };
    }
  }

  async addToGroup(request: GroupMembershipRequest): Promise<GroupMembershipResult> {
    const { data } = await this.http.request({
      operation: 'find group by name',
      method: 'GET',
      path: '/Groups',
      query: { filter: `displayName eq ${scimString(request.group)}`, count: 1 },
      idempotent: true,
      schema: ScimGroupList,
    });
    const [group] = data.Resources ?? [];
    if (!group) {
      throw new ConnectorError({
        vendor: this.name,
        operation: 'find group by name',
        code: 'not_found',
        detail: `there is no user group named "${request.group}"`,
      });
    }
    if (group.members?.some((m) => m.value === request.userId))
      return { groupId: group.id, alreadyMember: true };
    // Adding a member who is already there changes nothing, so the call is safe to repeat.
    await this.http.request({
      operation: 'add group member',
      method: 'PATCH',
      path: `/Groups/${encodeURIComponent(group.id)}`,
      json: { schemas: [SCHEMA], members: [{ value: request.userId }] },
      idempotent: true,
      schema: z.unknown(),
    });
    return { groupId: group.id, alreadyMember: false };
  }

  private async getUser(id: string): Promise<ScimUser> {
    const { data } = await this.http.request({
      operation: 'get user',
      method: 'GET',
      path: `/Users/${encodeURIComponent(id)}`,
      idempotent: true,
      schema: ScimUser,
    });
    return data;
  }

  private toAccount(user: ScimUser): SlackAccount {
    const email = user.emails?.find((e) => e.primary)?.value ?? user.emails?.[0]?.value ?? null;
    return { id: user.id, userName: user.userName, email, active: user.active };
  }
}
